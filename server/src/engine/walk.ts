// Which files a workspace walk lints, and what it skips: shared by the disk walk (node/files.ts) and the web host,
// which gets the workspace's files from the editor and keeps the same ones.
import * as path from 'node:path';
import { compileGlob, MAX_EXCLUDE_CHARS, type GlobMatcher } from './glob';
import { isDevcontainerPath, isDockerfileName } from './kind';
import { isComposeName } from './sources/compose/index';
import { isComposeFileName } from './sources/compose/project';
import { YAML_NAME } from './sources/compose/recognise';
import { isDockerfileVariantName } from './sources/dockerfile/index';
import { isDockerUnitPath } from './sources/daemon/config';
import { hasNoExtension, runForm } from './sources/commandline/forms';
import { configuredContext, contextMatchers, contextOfPath, isThirdPartyDir, type ContextPatterns } from './context';
import { GITIGNORED } from './gitignore';
import { relativeSlashed } from './vocabulary/paths';

export { SKIP_DIRS } from '../shared/protocol';

export interface WalkIssue {
  path: string;
  message: string;
  /**
   * A file the walk would lint but did not analyse (a link to a file outside the tree): it counts as a skipped
   * file does (the config's `skipped` policy); other issues (a broken link, a loop) are notes.
   */
  skipped?: true;
}

/**
 * A file that is not lintable by its name but has no extension either (`scripts/deploy`, `bin/run`): a shell
 * script when its first line is a sh/bash shebang, which only its content tells (the disk walk reads its head).
 */
export function mayBeShebangScript(p: string): boolean {
  const name = path.basename(p);
  return hasNoExtension(name) && !isLintablePath(p);
}

/** How many bytes of such a file tell whether it starts with a shebang (the line is read up to 200 characters). */
export const SHEBANG_HEAD_BYTES = 256;

/**
 * A YAML file that is not lintable by its name (`latest.yml`, `production.yml`, `stack.yml`): a Compose file when
 * its content reads as one (isComposeByContent), which the disk walk reads its head for.
 */
export function mayBeComposeByContent(p: string): boolean {
  return YAML_NAME.test(path.basename(p)) && !isLintablePath(p);
}

/**
 * A file named like a Dockerfile variant (`Dockerfile-prod`, `Dockerfile_dev`, `dev-Dockerfile`): a Dockerfile when
 * it starts like one (its first instruction FROM or ARG), which the disk walk reads its head for.
 */
export function mayBeDockerfileByContent(p: string): boolean {
  return isDockerfileVariantName(path.basename(p)) && !isLintablePath(p);
}

/** How many bytes of such a file tell whether it starts like a Dockerfile (past a licence header). */
export const DOCKERFILE_HEAD_BYTES = 4 * 1024;

/** A file found by what it holds, not by its name: the editor's watcher (by names) cannot know it. */
export function foundByContent(p: string): boolean {
  return mayBeShebangScript(p) || mayBeComposeByContent(p) || mayBeDockerfileByContent(p);
}

/**
 * A file the walk lints that the editor's watcher globs (names) do not cover: one found by its content, or a Compose
 * template (`docker-compose.yml.j2`). The language server asks the editor to watch such files by path.
 */
export function outsideNameGlobs(p: string): boolean {
  const name = path.basename(p);
  return foundByContent(p) || (isComposeName(name) && !isComposeFileName(name));
}

export function isLintableName(name: string): boolean {
  return isDockerfileName(name) || isComposeName(name);
}

/** A file the walk lints: by its name, or for a devcontainer.json by where it is (`.devcontainer/`). */
export function isLintablePath(p: string): boolean {
  const name = path.basename(p);
  return isLintableName(name) || isDevcontainerPath(p) || name === 'daemon.json' || isDockerUnitPath(p) || !!runForm(p);
}

/**
 * The matchers of exclude patterns from every source (config, editor settings, `files.exclude`), at most
 * MAX_EXCLUDE_CHARS of them together: patterns past that are not used (a file they would exclude is linted).
 */
export function excludeMatchers(globs: readonly string[]): GlobMatcher[] {
  const out: GlobMatcher[] = [];
  let total = 0;
  for (const g of globs) {
    total += g.length;
    if (total > MAX_EXCLUDE_CHARS) break;
    out.push(compileGlob(g));
  }
  return out;
}

/** What the walk leaves out as third-party code (see context.ts), and the config's `contexts` that bring it back. */
export interface LeaveOut {
  contexts?: ContextPatterns;
  /** Filled by the walk: each folder or file left out, and why. */
  leftOut: WalkIssue[];
}

const THIRD_PARTY_DIR = 'third-party code (a vendored tree, fixtures or test data): not walked';

/**
 * Why the walk leaves this folder or lintable file out, or undefined to walk it. A folder of third-party code is
 * left out whole, unless the config's `contexts` name another context for some files (then each file under it is
 * judged: left out unless a pattern gives it another context). A file the config says is third-party is left out.
 */
export function leftOutReason(p: string, dir: boolean, contexts?: ContextPatterns): string | undefined {
  const m = contexts && contextMatchers(contexts);
  if (dir) return isThirdPartyDir(path.basename(p)) && !m?.bringsBack ? THIRD_PARTY_DIR : undefined;
  if (!m) return undefined;
  const rel = relativeSlashed(m.dir, p);
  const configured = configuredContext(m, rel);
  if (configured === 'third-party') return "third-party code by the config's contexts: not linted";
  if (configured) return undefined;
  return contextOfPath(rel, undefined).context === 'third-party' ? THIRD_PARTY_DIR : undefined;
}

/**
 * The walk's leaving out, for a file found otherwise (listed by the editor, or a file event): its first folder under
 * `root` that is left out (recorded once), or the file itself.
 */
export function leftOutUnder(p: string, root: string, leave: LeaveOut): boolean {
  const dir = folderLeftOut(path.dirname(p), root, leave.contexts);
  if (dir) {
    if (!leave.leftOut.some((l) => l.path === dir.path)) leave.leftOut.push(dir);
    return true;
  }
  const why = leftOutReason(p, false, leave.contexts);
  if (why) leave.leftOut.push({ path: p, message: why });
  return !!why;
}

/** The first folder from `root` down to `dir` (itself included) that the walk leaves out, if any. */
export function folderLeftOut(dir: string, root: string, contexts?: ContextPatterns): WalkIssue | undefined {
  const rel = relativeSlashed(root, dir);
  if (!rel || rel.startsWith('../')) return undefined;
  let at = root;
  for (const part of rel.split('/')) {
    at = path.join(at, part);
    const why = leftOutReason(at, true, contexts);
    if (why) return { path: at, message: why };
  }
  return undefined;
}

/** One line for a summary: what the walk left out (third-party code, files git ignores), and how to bring it back. */
export function leftOutSummary(leftOut: readonly WalkIssue[]): string | undefined {
  if (!leftOut.length) return undefined;
  const groups = new Map<string, string[]>();
  for (const l of leftOut) {
    const kind =
      l.message === GITIGNORED
        ? 'ignored by .gitignore and not tracked'
        : 'third-party code (vendored, fixtures, test data)';
    const list = groups.get(kind) ?? [];
    list.push(l.path);
    groups.set(kind, list);
  }
  const parts = [...groups].map(
    ([kind, paths]) => `${paths.length} ${kind}: ${paths.slice(0, 5).join(', ')}${paths.length > 5 ? ', ...' : ''}`,
  );
  return (
    `Left out ${leftOut.length} folder${leftOut.length === 1 ? '' : 's'} or file${leftOut.length === 1 ? '' : 's'} (${parts.join('; ')}); ` +
    `the config's 'contexts' brings third-party code back (contexts: { deployment: ["vendor/**"] })`
  );
}
