// `.gitignore` patterns, for the walk: files a repository ignores and does not track are not the project's (build
// output, local tools). Matched with glob.ts, in time linear in pattern x path whatever the pattern (the patterns
// are the repository's text). What is not understood leaves a file in: a character class (`[ab]`) is read as
// literal text and so matches nothing, patterns past the bound are not used; the walk then lints more, never less.
import { compileGlob, type GlobMatcher } from './glob';

/** Why the walk left a path out (see node/gitignored.ts); summaries group by it. */
export const GITIGNORED = 'ignored by .gitignore and not tracked by git: not walked';

/** The most patterns used from all the `.gitignore` files of one walk together (later ones are not used). */
export const MAX_GITIGNORE_PATTERNS = 2_000;
/** `.gitignore` files larger than this are not read (none of their patterns is used). */
export const MAX_GITIGNORE_BYTES = 256 * 1024;

interface Pattern {
  matcher: GlobMatcher;
  negate: boolean;
  /** A trailing `/`: matches folders only. */
  dirOnly: boolean;
}

/** The patterns of one `.gitignore`, for paths relative to its folder. */
export interface IgnoreFile {
  patterns: Pattern[];
}

/** Parses a `.gitignore`; `budget` is how many patterns may still be used (it is decreased). */
export function parseGitignore(text: string, budget: { left: number }): IgnoreFile {
  const patterns: Pattern[] = [];
  for (const raw of text.split(/\r?\n/)) {
    if (budget.left <= 0) break;
    let line = raw;
    if (!line || line.startsWith('#')) continue;
    line = trimTrailingBlanks(line);
    let negate = false;
    if (line.startsWith('!')) {
      negate = true;
      line = line.slice(1);
    } else if (line.startsWith('\\!') || line.startsWith('\\#')) line = line.slice(1);
    line = line.replace(/\\(.)/g, '$1');
    const dirOnly = line.endsWith('/');
    let cut = line.length;
    while (cut > 0 && line[cut - 1] === '/') cut--;
    line = line.slice(0, cut);
    if (!line) continue;
    // a slash at the start or in the middle anchors the pattern to this folder; otherwise it matches at any depth
    const anchored = line.includes('/');
    if (line.startsWith('/')) line = line.slice(1);
    if (!line) continue;
    const glob = anchored || line.startsWith('**/') ? line : `**/${line}`;
    patterns.push({ matcher: compileGlob(glob), negate, dirOnly });
    budget.left--;
  }
  return { patterns };
}

/** Trailing spaces and tabs go, unless the last one is escaped (`\ `): a loop, not a regular expression. */
function trimTrailingBlanks(line: string): string {
  let end = line.length;
  while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
  if (end < line.length && end > 0 && line[end - 1] === '\\') end++;
  return line.slice(0, end);
}

/**
 * Does this `.gitignore` decide about the path (relative to its folder, `/`-separated)? true: ignored, false:
 * re-included by a `!` pattern, undefined: no pattern matches. The last matching pattern decides, as in git.
 */
export function ignoredBy(f: IgnoreFile, rel: string, dir: boolean): boolean | undefined {
  for (let i = f.patterns.length - 1; i >= 0; i--) {
    const p = f.patterns[i];
    if (p.dirOnly && !dir) continue;
    if (p.matcher.test(rel)) return !p.negate;
  }
  return undefined;
}

/**
 * Compose's override files are the project's even where `.gitignore` lists them (`docker-compose.override.yml` is
 * often a local file Compose still merges): the walk keeps them.
 */
export function keptDespiteGitignore(name: string): boolean {
  return /^(docker-)?compose\.override\.ya?ml$/i.test(name);
}
