// A build context as BuildKit sends it: the folder, minus what `.dockerignore` excludes. Used to tell which
// sensitive files `COPY . .` would put into an image. Read through the Host, bounded.
import * as path from 'node:path';
import { compileGlob, type GlobMatcher } from '../../glob';
import type { DirEntry, Host } from '../../types';
import { sensitiveDir, sensitiveFile, UNSEARCHED_DIRS, type SensitiveEntry } from '../../vocabulary/context';

interface IgnoreRule {
  exclude: boolean;
  matcher: GlobMatcher;
  /** The cleaned pattern. */
  pattern: string;
}

/** The most `.dockerignore` patterns read; a file with more is judged on these, with a problem (see readContext). */
export const MAX_IGNORE_PATTERNS = 2000;

/**
 * `.dockerignore` patterns as BuildKit reads them: one per line, `#` comments, surrounding spaces trimmed, `!`
 * re-includes, paths cleaned and relative to the context root (a leading `/` means the same), `*` within one
 * folder, `**` across folders; the last matching pattern decides, and a pattern that matches a folder matches
 * everything in it. Character classes (`[a-z]`) are read literally. At most MAX_IGNORE_PATTERNS are read.
 */
export function parseDockerignore(text: string): IgnoreRule[] & { cut?: true } {
  const out: IgnoreRule[] & { cut?: true } = [];
  for (const line of text.split(/\r?\n/)) {
    let p = line.trim();
    if (!p || p.startsWith('#')) continue;
    if (out.length >= MAX_IGNORE_PATTERNS) {
      out.cut = true;
      break;
    }
    const exclude = !p.startsWith('!');
    if (!exclude) p = p.slice(1).trim();
    p = trimSlashes(path.posix.normalize(p.replace(/\\/g, '/')));
    if (!p || p === '.') continue;
    out.push({ exclude, matcher: compileGlob(p), pattern: p });
  }
  return out;
}

/** Without leading and trailing slashes (a loop: `/\/+$/` backtracks on a long run of slashes). */
function trimSlashes(p: string): string {
  let a = 0;
  let b = p.length;
  while (a < b && p[a] === '/') a++;
  while (b > a && p[b - 1] === '/') b--;
  return p.slice(a, b);
}

/**
 * Which rule decides a path, found without testing every rule: a literal pattern (most of them) matches the path
 * or one of its folders, looked up by those names; the patterns with wildcards are tested from the last one back,
 * stopping at the first that matches. `work` counts the characters the wildcard tests went through.
 */
export class IgnoreIndex {
  private readonly literal = new Map<string, number>();
  private readonly wild: number[] = [];
  work = 0;
  constructor(readonly rules: readonly IgnoreRule[]) {
    rules.forEach((r, i) => {
      if (/[*?]/.test(r.pattern)) this.wild.push(i);
      else this.literal.set(r.pattern, i); // the last rule of a pattern decides among its equals
    });
  }
  isIgnored(rel: string): boolean {
    let best = -1;
    for (let at = rel.indexOf('/'); ; at = rel.indexOf('/', at + 1)) {
      const i = this.literal.get(at < 0 ? rel : rel.slice(0, at));
      if (i !== undefined && i > best) best = i;
      if (at < 0) break;
    }
    for (let k = this.wild.length - 1; k >= 0 && this.wild[k] > best; k--) {
      const r = this.rules[this.wild[k]];
      this.work += r.pattern.length * rel.length;
      if (r.matcher.test(rel)) {
        best = this.wild[k];
        break;
      }
    }
    return best >= 0 && this.rules[best].exclude;
  }
}

export interface ContextLeak extends SensitiveEntry {
  /** Path relative to the context, `/`-separated. */
  rel: string;
}

export interface BuildContext {
  dir: string;
  /** The ignore file in force: `<Dockerfile>.dockerignore` beside the Dockerfile, else `.dockerignore` in the context. */
  ignoreFile: string;
  /** Its text, undefined when there is none. */
  ignoreText: string | undefined;
  leaks: ContextLeak[];
  /** The search stopped at its bound: there may be more. */
  truncated: boolean;
  /** Why the ignore file was not read whole, or its matching stopped (a problem: the leaks are not all known). */
  incomplete?: string;
}

/** How many entries and how deep a context is searched. */
const MAX_ENTRIES = 20_000;
const MAX_DEPTH = 8;
/** How many characters the wildcard tests of one context may go through (pattern x path lengths). */
const MAX_MATCH_WORK = 200_000_000;

/** A context's walk as kept for the next Dockerfile that builds from it: what it listed, as listed. */
interface KeptContext {
  ignoreText: string | undefined;
  listed: [string, readonly DirEntry[] | undefined][];
  context: BuildContext;
}

/** Something that keeps derived results for the files of a run (the parse cache: see ParseCache.derived). */
export interface DerivedStore {
  derived(key: string): unknown;
  keepDerived(key: string, value: unknown): void;
}

/**
 * The sensitive files and folders of a build context that its ignore file lets through. With `store`, a context
 * walked for another Dockerfile (many build from the repository's root) is reused when its ignore file reads the
 * same and every folder it listed lists the same again (listed through `host`, so that a lint records them as it
 * would by walking).
 */
export function readContext(
  dir: string,
  dockerfile: string,
  host: Host,
  store?: DerivedStore,
): BuildContext | undefined {
  if (!host.listDir) return undefined;
  const own = `${dockerfile}.dockerignore`;
  const ownText = host.readFile(own);
  const ignoreFile = ownText !== undefined ? own : path.join(dir, '.dockerignore');
  const ignoreText = ownText ?? host.readFile(ignoreFile);
  const key = `context\u0000${dir}\u0000${ignoreFile}`;
  const kept = store?.derived(key) as KeptContext | undefined;
  if (kept && kept.ignoreText === ignoreText && kept.listed.every(([d, e]) => sameEntries(host.listDir!(d), e)))
    return kept.context;
  const listed: KeptContext['listed'] = [];
  const context = walkContext(dir, ignoreFile, ignoreText, (d) => {
    const entries = host.listDir!(d);
    listed.push([d, entries]);
    return entries;
  });
  store?.keepDerived(key, { ignoreText, listed, context } satisfies KeptContext);
  return context;
}

function sameEntries(a: readonly DirEntry[] | undefined, b: readonly DirEntry[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return a.every((e, i) => e.name === b[i].name && e.dir === b[i].dir);
}

function walkContext(
  dir: string,
  ignoreFile: string,
  ignoreText: string | undefined,
  listDir: (d: string) => readonly DirEntry[] | undefined,
): BuildContext {
  const rules = parseDockerignore(ignoreText ?? '');
  const index = new IgnoreIndex(rules);
  const reincludes = rules.some((r) => !r.exclude);
  let incomplete = rules.cut
    ? `${path.basename(ignoreFile)} holds more than ${MAX_IGNORE_PATTERNS} patterns: only the first ${MAX_IGNORE_PATTERNS} were read`
    : undefined;
  const leaks: ContextLeak[] = [];
  const queue: [string, string, number][] = [[dir, '', 0]];
  let seen = 0;
  let truncated = false;
  for (let q = 0; q < queue.length; q++) {
    const [d, rel, depth] = queue[q];
    const entries = listDir(d);
    if (!entries) continue;
    for (const e of entries) {
      if (++seen > MAX_ENTRIES) {
        truncated = true;
        break;
      }
      const r = rel ? `${rel}/${e.name}` : e.name;
      const s = e.dir ? sensitiveDir(e.name) : sensitiveFile(e.name);
      // only what can leak, or prune the search, is matched against the ignore file
      if (!s && (!e.dir || UNSEARCHED_DIRS.has(e.name))) continue;
      if (index.work > MAX_MATCH_WORK) {
        incomplete ??= `matching ${path.basename(ignoreFile)} took more than the analysis allows; the search stopped`;
        truncated = true;
        break;
      }
      const ignored = index.isIgnored(r);
      if (s && !ignored) leaks.push({ ...s, rel: r });
      if (!e.dir || s || (ignored && !reincludes)) continue;
      if (depth + 1 < MAX_DEPTH) queue.push([path.join(d, e.name), r, depth + 1]);
      else truncated = true;
    }
    if (truncated && (seen > MAX_ENTRIES || incomplete)) break;
  }
  leaks.sort((a, b) => a.rel.localeCompare(b.rel));
  return { dir, ignoreFile, ignoreText, leaks, truncated, ...(incomplete ? { incomplete } : {}) };
}
