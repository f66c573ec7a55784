// Which files a workspace walk lints, and what it skips: shared by the disk walk (node/files.ts) and the web host,
// which gets the workspace's files from the editor and keeps the same ones.
import * as path from 'node:path';
import { compileGlob, MAX_EXCLUDE_CHARS, type GlobMatcher } from './glob';
import { isDevcontainerPath, isDockerfileName } from './kind';
import { isComposeFileName } from './sources/compose/project';
import { isDockerUnitPath } from './sources/daemon/config';
import { runForm } from './sources/commandline/forms';

export { SKIP_DIRS } from '../shared/protocol';

export interface WalkIssue {
  path: string;
  message: string;
}

/**
 * A file that is not lintable by its name but has no extension either (`scripts/deploy`, `bin/run`): a shell
 * script when its first line is a sh/bash shebang, which only its content tells (the disk walk reads its head).
 */
export function mayBeShebangScript(p: string): boolean {
  const name = path.basename(p);
  return !name.includes('.') && !isLintablePath(p);
}

/** How many bytes of such a file tell whether it starts with a shebang (the line is read up to 200 characters). */
export const SHEBANG_HEAD_BYTES = 256;

export function isLintableName(name: string): boolean {
  return isDockerfileName(name) || isComposeFileName(name);
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
