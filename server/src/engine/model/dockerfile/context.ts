// A build context as BuildKit sends it: the folder, minus what `.dockerignore` excludes. Used to tell which
// sensitive files `COPY . .` would put into an image. Read through the Host, bounded.
import * as path from 'node:path';
import { compileGlob, type GlobMatcher } from '../../glob';
import type { Host } from '../../types';
import { sensitiveDir, sensitiveFile, UNSEARCHED_DIRS, type SensitiveEntry } from '../../vocabulary/context';

interface IgnoreRule {
  exclude: boolean;
  matcher: GlobMatcher;
}

/**
 * `.dockerignore` patterns as BuildKit reads them: one per line, `#` comments, surrounding spaces trimmed, `!`
 * re-includes, paths cleaned and relative to the context root (a leading `/` means the same), `*` within one
 * folder, `**` across folders; the last matching pattern decides, and a pattern that matches a folder matches
 * everything in it. Character classes (`[a-z]`) are read literally.
 */
export function parseDockerignore(text: string): IgnoreRule[] {
  const out: IgnoreRule[] = [];
  for (const line of text.split(/\r?\n/)) {
    let p = line.trim();
    if (!p || p.startsWith('#')) continue;
    const exclude = !p.startsWith('!');
    if (!exclude) p = p.slice(1).trim();
    p = trimSlashes(path.posix.normalize(p.replace(/\\/g, '/')));
    if (!p || p === '.') continue;
    out.push({ exclude, matcher: compileGlob(p) });
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

export function isIgnored(rules: readonly IgnoreRule[], rel: string): boolean {
  let ignored = false;
  for (const r of rules) if (r.matcher.test(rel)) ignored = r.exclude;
  return ignored;
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
}

/** How many entries and how deep a context is searched. */
const MAX_ENTRIES = 20_000;
const MAX_DEPTH = 8;

/** The sensitive files and folders of a build context that its ignore file lets through. */
export function readContext(dir: string, dockerfile: string, host: Host): BuildContext | undefined {
  if (!host.listDir) return undefined;
  const own = `${dockerfile}.dockerignore`;
  const ownText = host.readFile(own);
  const ignoreFile = ownText !== undefined ? own : path.join(dir, '.dockerignore');
  const ignoreText = ownText ?? host.readFile(ignoreFile);
  const rules = parseDockerignore(ignoreText ?? '');
  const reincludes = rules.some((r) => !r.exclude);
  const leaks: ContextLeak[] = [];
  const queue: [string, string, number][] = [[dir, '', 0]];
  let seen = 0;
  let truncated = false;
  for (let q = 0; q < queue.length; q++) {
    const [d, rel, depth] = queue[q];
    const entries = host.listDir(d);
    if (!entries) continue;
    for (const e of entries) {
      if (++seen > MAX_ENTRIES) {
        truncated = true;
        break;
      }
      const r = rel ? `${rel}/${e.name}` : e.name;
      const s = e.dir ? sensitiveDir(e.name) : sensitiveFile(e.name);
      const ignored = isIgnored(rules, r);
      if (s && !ignored) leaks.push({ ...s, rel: r });
      if (!e.dir || s || UNSEARCHED_DIRS.has(e.name) || (ignored && !reincludes)) continue;
      if (depth + 1 < MAX_DEPTH) queue.push([path.join(d, e.name), r, depth + 1]);
      else truncated = true;
    }
    if (truncated && seen > MAX_ENTRIES) break;
  }
  leaks.sort((a, b) => a.rel.localeCompare(b.rel));
  return { dir, ignoreFile, ignoreText, leaks, truncated };
}
