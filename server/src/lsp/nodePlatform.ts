// The language server's files on disk (see lsp/platform.ts): file: URIs, synchronous bounded reads, the walk.
import * as fs from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { NODE_CONFIG_ACCESS } from '../node/configFiles';
import { fsHost, isLintableFile, walkAsync } from '../node/files';
import { readText } from '../node/read';
import { AsideLinter } from './aside';
import type { Platform } from './platform';

/** The large-document linter: this bundle, started again as a worker thread (see aside.ts). */
const aside = new AsideLinter(__filename);
/** DOCKER_SECURITY_LINT_DEBUG=no-aside lints large documents on the server's thread (to compare, in the bench). */
const noAside = (process.env.DOCKER_SECURITY_LINT_DEBUG ?? '').split(/[\s,]+/).includes('no-aside');

export const NODE_PLATFORM: Platform = {
  name: `Node ${process.version}`,
  uriToPath(uri) {
    if (!uri.startsWith('file:')) return undefined;
    try {
      return fileURLToPath(uri);
    } catch {
      return undefined; // a file: URI with a host or bad escapes: not a local file
    }
  },
  pathToUri: (p) => pathToFileURL(p).toString(),
  host: fsHost,
  configAccess: NODE_CONFIG_ACCESS,
  read: (p, maxBytes) => Promise.resolve(readText(p, maxBytes)),
  walk: (dir, root, exclude, issues, stale, leave) => walkAsync(dir, exclude, issues, stale, root, leave),
  lintable: (p) => Promise.resolve(isLintableFile(p)),
  stat(p) {
    try {
      const st = fs.lstatSync(p);
      return Promise.resolve(st.isDirectory() ? 'folder' : 'file');
    } catch {
      return Promise.resolve(undefined);
    }
  },
  stamp(p) {
    try {
      const st = fs.statSync(p);
      return `${st.size}:${st.mtimeMs}`;
    } catch {
      return 'missing';
    }
  },
  lintAside: noAside ? undefined : (job, log) => aside.lint(job, log),
  missing: () => false,
  fetchMissing: () => Promise.resolve(),
};
