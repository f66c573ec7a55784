// What the disk walk leaves out because the repository ignores it: a file or folder a `.gitignore` (or
// `.git/info/exclude`) lists and git does not track. Used only when the index can be read (see gitIndex.ts).
import * as path from 'node:path';
import {
  GITIGNORED,
  ignoredBy,
  keptDespiteGitignore,
  MAX_GITIGNORE_BYTES,
  MAX_GITIGNORE_PATTERNS,
  parseGitignore,
  type IgnoreFile,
} from '../engine/gitignore';
import { relativeSlashed } from '../engine/vocabulary/paths';

export { GITIGNORED };
import { gitRoot, isTracked, readTracked, type Tracked } from './gitIndex';
import { readText } from './read';

/** The `.gitignore` files that apply in one folder, nearest last, each with the folder its patterns are relative to. */
export type IgnoreChain = readonly { dir: string; file: IgnoreFile }[];

export class GitIgnores {
  private readonly budget = { left: MAX_GITIGNORE_PATTERNS };
  private constructor(
    private readonly top: string,
    private readonly tracked: Tracked,
  ) {}

  /** For a walk of `root`: undefined when `root` is in no git work tree, or its index cannot be read. */
  static forWalk(root: string): { ignores: GitIgnores; chain: IgnoreChain } | undefined {
    const top = gitRoot(root);
    const tracked = top && readTracked(top);
    if (!top || !tracked) return undefined;
    const g = new GitIgnores(top, tracked);
    // what applies in `root` already: info/exclude, then the .gitignore of each folder from the top down to it
    let chain: IgnoreChain = g.with([], top, path.join(top, '.git', 'info', 'exclude'));
    const rel = relativeSlashed(top, root);
    let dir = top;
    if (rel) for (const part of ['', ...rel.split('/').slice(0, -1)]) chain = g.in(chain, (dir = path.join(dir, part)));
    return { ignores: g, chain };
  }

  /** The chain in folder `dir` (its `.gitignore` added). */
  in(chain: IgnoreChain, dir: string): IgnoreChain {
    return this.with(chain, dir, path.join(dir, '.gitignore'));
  }

  private with(chain: IgnoreChain, dir: string, file: string): IgnoreChain {
    if (this.budget.left <= 0) return chain;
    const r = readText(file, MAX_GITIGNORE_BYTES);
    if (!('text' in r)) return chain;
    const parsed = parseGitignore(r.text, this.budget);
    return parsed.patterns.length ? [...chain, { dir, file: parsed }] : chain;
  }

  /**
   * Is this path ignored (the nearest `.gitignore` that decides wins; inside an ignored folder, everything is) and
   * not tracked? Compose override files are always kept.
   */
  leftOut(chain: IgnoreChain, p: string, dir: boolean, insideIgnored: boolean): boolean {
    if (!dir && keptDespiteGitignore(path.basename(p))) return false;
    return this.ignored(chain, p, dir, insideIgnored) && !isTracked(this.tracked, relativeSlashed(this.top, p), dir);
  }

  /** Ignored by the chain, or inside a folder that is (a folder kept only because it holds tracked files). */
  ignored(chain: IgnoreChain, p: string, dir: boolean, insideIgnored: boolean): boolean {
    for (let i = chain.length - 1; i >= 0; i--) {
      const decided = ignoredBy(chain[i].file, relativeSlashed(chain[i].dir, p), dir);
      if (decided !== undefined) return decided;
    }
    return insideIgnored;
  }
}
