// Which files a workspace walk lints, and what it skips: shared by the disk walk (node/files.ts) and the web host,
// which gets the workspace's files from the editor and keeps the same ones.
import * as path from 'node:path';
import { compileGlob, type GlobMatcher } from './glob';
import { isDevcontainerPath, isDockerfileName } from './kind';
import { isComposeFileName } from './model/compose/project';
import { isDockerUnitPath } from './model/daemon/config';
import { runForm } from './model/run/sources';

export { SKIP_DIRS } from '../shared/protocol';

export interface WalkIssue {
  path: string;
  message: string;
}

export function isLintableName(name: string): boolean {
  return isDockerfileName(name) || isComposeFileName(name);
}

/** A file the walk lints: by its name, or for a devcontainer.json by where it is (`.devcontainer/`). */
export function isLintablePath(p: string): boolean {
  const name = path.basename(p);
  return isLintableName(name) || isDevcontainerPath(p) || name === 'daemon.json' || isDockerUnitPath(p) || !!runForm(p);
}

export function excludeMatchers(globs: readonly string[]): GlobMatcher[] {
  return globs.map(compileGlob);
}
