// The node host shared by the CLI and the language server: finding lintable files, and reading the files a lint
// needs (bounded, regular files only: see read.ts).
import { isInside, matchesAny, relativeSlashed, type DirEntry, type GlobMatcher, type Host } from '../engine';
import { isShellShebang } from '../engine/sources/commandline/forms';
import { startsLikeDockerfile } from '../engine/sources/dockerfile/index';
import {
  COMPOSE_FIRST_BYTES,
  COMPOSE_HEAD_BYTES,
  isComposeByContent,
  rejectsCompose,
} from '../engine/sources/compose/recognise';
import {
  isLintablePath,
  leftOutReason,
  DOCKERFILE_HEAD_BYTES,
  mayBeComposeByContent,
  mayBeDockerfileByContent,
  mayBeShebangScript,
  SHEBANG_HEAD_BYTES,
  SKIP_DIRS,
  type LeaveOut,
  type WalkIssue,
} from '../engine/walk';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readHead, readText } from './read';
import { GitIgnores, GITIGNORED, type IgnoreChain } from './gitignored';

export { isInside };
export {
  excludeMatchers,
  isLintableName,
  isLintablePath,
  leftOutSummary,
  SKIP_DIRS,
  type LeaveOut,
  type WalkIssue,
} from '../engine/walk';

/**
 * A walk of one folder tree, one directory at a time, so that the same walk runs to the end (the CLI) or yields
 * between directories (the language server, which must keep answering while it walks a large workspace).
 * Symlinked folders are not followed: one that leads outside the root is reported (a committed link to `/` or `..`
 * would otherwise walk the whole file system or another tree), one inside it is walked at its real place; every
 * folder is visited once (bind mounts), so the walk ends.
 */
export class Walker {
  readonly found: string[] = [];
  readonly issues: WalkIssue[] = [];
  /** Folders being listed, innermost last: files come out in the order of a depth-first walk by name. */
  private readonly stack: {
    dir: string;
    entries: fs.Dirent[];
    next: number;
    /** The `.gitignore` files that apply here, and whether the folder is itself ignored (kept for tracked files). */
    chain: IgnoreChain;
    ignored: boolean;
  }[] = [];
  /** `.gitignore` and the index, when the root is in a git work tree whose index can be read. */
  private readonly git: GitIgnores | undefined;
  private readonly seen = new Set<string>();
  private readonly rootReal: string | undefined;

  constructor(
    readonly root: string,
    private readonly exclude: readonly GlobMatcher[],
    private readonly baseForExclude = root,
    private readonly leave?: LeaveOut,
  ) {
    try {
      this.rootReal = fs.realpathSync(root);
    } catch (e) {
      this.issues.push({ path: root, message: `cannot resolve: ${(e as NodeJS.ErrnoException).code ?? 'error'}` });
      return;
    }
    if (leave) {
      const g = GitIgnores.forWalk(root);
      this.git = g?.ignores;
      this.enter(root, g?.chain ?? [], false);
    } else this.enter(root, [], false);
  }

  get done(): boolean {
    return this.stack.length === 0;
  }

  private enter(dir: string, parentChain: IgnoreChain, ignored: boolean): void {
    let real: string;
    try {
      real = fs.realpathSync.native(dir);
    } catch (e) {
      this.issues.push({ path: dir, message: `cannot resolve: ${(e as NodeJS.ErrnoException).code ?? 'error'}` });
      return;
    }
    if (this.seen.has(real)) {
      this.issues.push({ path: dir, message: 'symlink loop or repeated directory; skipped' });
      return;
    }
    this.seen.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      this.issues.push({
        path: dir,
        message: `cannot read directory: ${(e as NodeJS.ErrnoException).code ?? 'error'}`,
      });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const chain = this.git ? this.git.in(parentChain, dir) : parentChain;
    this.stack.push({ dir, entries, next: 0, chain, ignored });
  }

  /** Leaves out third-party code (see leftOutReason), and says so. */
  private out(p: string, dir: boolean): boolean {
    if (!this.leave) return false;
    const why = leftOutReason(p, dir, this.leave.contexts);
    if (why) this.leave.leftOut.push({ path: p, message: why });
    return !!why;
  }

  /** Leaves out what the repository ignores and git does not track (see gitignored.ts), and says so. */
  private gitignored(frame: { chain: IgnoreChain; ignored: boolean }, p: string, dir: boolean): boolean {
    if (!this.git?.leftOut(frame.chain, p, dir, frame.ignored)) return false;
    this.leave?.leftOut.push({ path: p, message: GITIGNORED });
    return true;
  }

  /** Goes on until it enters a folder or finishes one; returns the number of entries it looked at. */
  step(): number {
    const top = this.stack[this.stack.length - 1];
    if (!top) return 0;
    let n = 0;
    while (top.next < top.entries.length) {
      const ent = top.entries[top.next++];
      n++;
      const p = path.join(top.dir, ent.name);
      const rel = relativeSlashed(this.baseForExclude, p);
      if (matchesAny(this.exclude, rel)) continue;
      let isDir = ent.isDirectory();
      let isFile = ent.isFile();
      if (ent.isSymbolicLink()) {
        let target: string;
        let st: fs.Stats;
        try {
          target = fs.realpathSync(p);
          st = fs.statSync(target);
        } catch {
          if (isLintablePath(p)) this.issues.push({ path: p, message: 'broken symlink; skipped' });
          continue;
        }
        isDir = st.isDirectory();
        isFile = st.isFile();
        const inside = !!this.rootReal && isInside(target, this.rootReal);
        if (isDir) {
          // a link to a folder of the tree: its files are walked where they are (following it would lint them
          // twice, and name the real folder a repeated one when the link comes first); one outside is not followed
          if (!inside && !SKIP_DIRS.has(ent.name))
            this.issues.push({ path: p, message: 'symlink to a folder outside the tree; not followed' });
          continue;
        }
        // a link to a file outside the tree (`compose.yaml` -> a runner's ~/.docker/config.json, /proc/self/environ):
        // not read, even to tell what it is; a file named on the command line is linted wherever it leads
        if (!inside) {
          if (isLintablePath(p))
            this.issues.push({ path: p, message: 'symlink to a file outside the tree; not linted', skipped: true });
          continue;
        }
      }
      if (isDir) {
        if (SKIP_DIRS.has(ent.name)) continue;
        if (this.out(p, true)) continue;
        const ignored = !!this.git?.ignored(top.chain, p, true, top.ignored);
        if (ignored && this.gitignored(top, p, true)) continue;
        this.enter(p, top.chain, ignored);
        return n;
      }
      if (isFile && isLintableFile(p) && !this.out(p, false) && !this.gitignored(top, p, false)) this.found.push(p);
    }
    this.stack.pop();
    return n;
  }
}

/**
 * A file the walk lints: by its name, a file without an extension that starts with a sh/bash shebang, a Dockerfile
 * variant's name (`Dockerfile-prod`) on a file that starts like a Dockerfile, or a YAML file named otherwise that
 * reads as a Compose project.
 */
export function isLintableFile(p: string): boolean {
  if (isLintablePath(p)) return true;
  if (mayBeDockerfileByContent(p)) {
    const head = readHead(p, DOCKERFILE_HEAD_BYTES);
    return head !== undefined && startsLikeDockerfile(head);
  }
  if (mayBeShebangScript(p)) {
    const head = readHead(p, SHEBANG_HEAD_BYTES);
    return head !== undefined && isShellShebang(head);
  }
  if (mayBeComposeByContent(p)) {
    const first = readHead(p, COMPOSE_FIRST_BYTES);
    if (first === undefined || rejectsCompose(first)) return false;
    // fewer bytes than asked for: the whole file (invalid bytes decode to longer replacement characters, never shorter)
    if (Buffer.byteLength(first) < COMPOSE_FIRST_BYTES) return isComposeByContent(first);
    const head = readHead(p, COMPOSE_HEAD_BYTES);
    return head !== undefined && isComposeByContent(head, Buffer.byteLength(head) >= COMPOSE_HEAD_BYTES);
  }
  return false;
}

/** Walks a folder for the files it lints (see Walker). */
export function walk(
  root: string,
  exclude: readonly GlobMatcher[],
  issues: WalkIssue[],
  baseForExclude = root,
  leave?: LeaveOut,
): string[] {
  const w = new Walker(root, exclude, baseForExclude, leave);
  while (!w.done) w.step();
  for (const i of w.issues) issues.push(i);
  return w.found;
}

/** The same walk, yielding to the event loop every few milliseconds; `cancelled()` stops it early (undefined). */
export async function walkAsync(
  root: string,
  exclude: readonly GlobMatcher[],
  issues: WalkIssue[],
  cancelled: () => boolean,
  baseForExclude = root,
  leave?: LeaveOut,
): Promise<string[] | undefined> {
  const w = new Walker(root, exclude, baseForExclude, leave);
  let last = Date.now();
  while (!w.done) {
    if (cancelled()) return undefined;
    w.step();
    if (Date.now() - last > 10) {
      await new Promise((r) => setImmediate(r));
      last = Date.now();
    }
  }
  for (const i of w.issues) issues.push(i);
  return w.found;
}

/**
 * A Host over the file system with a small text cache (files read for extends/override resolution). Every read is
 * bounded by `maxBytes(path)` (the same maxFileSize as for linted files) and refuses anything but regular files.
 */
export function fsHost(
  maxBytes: (p: string) => number,
  overlay?: (p: string) => string | undefined,
  top?: (file: string) => string | undefined,
): Host & { forget(p: string): void } {
  const cache = new Map<string, string | undefined>();
  const dirs = new Map<string, DirEntry[] | undefined>();
  /** Why a path read gave nothing though it exists (see Host.refusal). */
  const refused = new Map<string, string>();
  /** The real path of each top folder, resolved once (every read inside it compares against it). */
  const topReals = new Map<string, string>();
  /** A path inside its top folder that a link takes outside it (`.env` -> /proc/self/environ) is not read. */
  const escapes = (p: string): boolean => {
    const t = top?.(p);
    if (!t) return false;
    try {
      // missing: nothing to escape through (looked at without an exception: most files looked for are missing)
      if (!fs.lstatSync(p, { throwIfNoEntry: false })) return false;
      const real = fs.realpathSync.native(p);
      let topReal = topReals.get(t);
      if (topReal === undefined) topReals.set(t, (topReal = fs.realpathSync.native(t)));
      return !isInside(real, topReal);
    } catch {
      return false; // missing, or a broken link: the read itself says so
    }
  };
  return {
    top,
    listDir(dir: string) {
      if (dirs.has(dir)) return dirs.get(dir);
      let out: DirEntry[] | undefined;
      if (escapes(dir)) refused.set(dir, 'a link to a folder outside the repository; not listed');
      else out = listDirBounded(dir);
      if (dirs.size > 5000) dirs.clear();
      dirs.set(dir, out);
      return out;
    },
    readFile(p: string) {
      const o = overlay?.(p);
      if (o !== undefined) return o;
      if (cache.has(p)) return cache.get(p);
      let t: string | undefined;
      if (escapes(p)) refused.set(p, 'a link to a file outside the repository; not read');
      else {
        const r = readText(p, maxBytes(p));
        if ('text' in r) t = r.text;
        else if (r.reason !== 'missing') refused.set(p, r.error);
      }
      if (cache.size > 5000) {
        cache.clear();
        refused.clear();
      }
      cache.set(p, t);
      return t;
    },
    refusal: (p: string) => refused.get(p),
    forget(p: string) {
      cache.delete(p);
      refused.delete(p);
      dirs.delete(p);
      dirs.delete(path.dirname(p));
    },
  };
}

/** The most entries read from one folder (a build context with more is judged on the first ones). */
export const MAX_DIR_ENTRIES = 10_000;

/** A folder's entries, at most MAX_DIR_ENTRIES; links are reported as files and never followed. */
function listDirBounded(dir: string): DirEntry[] | undefined {
  let d: fs.Dir | undefined;
  try {
    d = fs.opendirSync(dir);
    const out: DirEntry[] = [];
    for (let e = d.readSync(); e && out.length < MAX_DIR_ENTRIES; e = d.readSync())
      out.push({ name: e.name, dir: e.isDirectory() });
    return out;
  } catch {
    return undefined;
  } finally {
    try {
      d?.closeSync();
    } catch {
      // already closed
    }
  }
}
