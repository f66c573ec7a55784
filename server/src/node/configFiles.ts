// Finding and loading `.docker-security-lint.yaml`: nearest to the file wins, or one given explicitly.
//
// A config file changes which rules run, so it is read with care in a repository nobody has reviewed:
// - the search goes up from the file's folder to a top folder and no further (the CLI: the git root, else the
//   current folder, else the folder given; the language server: the workspace folder), so that a config in a
//   parent folder or in /tmp cannot turn rules off;
// - a config that is a link to a file outside that top folder, or that another user owns in a world-writable
//   folder, is not read; the message says so and quotes nothing of it;
// - it is read bounded (CONFIG_MAX_BYTES), regular files only, like every other file.
import { ConfigResolver as Resolver, type ConfigFileAccess } from '../engine/config/resolver';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isInside } from './files';
import { readText } from './read';
export { gitRoot } from './gitIndex';

export { ConfigError, type ConfigLookup } from '../engine/config/resolver';

/** The config files on disk. */
export const NODE_CONFIG_ACCESS: ConfigFileAccess = {
  exists: (p) => fs.existsSync(p),
  readText,
  refusal,
};

/** The resolver over the disk (see engine/config/resolver.ts). */
export class ConfigResolver extends Resolver {
  constructor(explicit: string | undefined, topOf: (dir: string) => string, strict = true) {
    super(explicit, topOf, strict, NODE_CONFIG_ACCESS);
  }
}

/** Why a config file found by the search is not read, or undefined when it may be. */
function refusal(file: string, top: string): string | undefined {
  let real: string;
  let topReal: string;
  try {
    real = fs.realpathSync(file);
    topReal = fs.realpathSync(top);
  } catch {
    return undefined; // the file or folder vanished or cannot be resolved: reading it reports why
  }
  if (!isInside(real, topReal)) return `the config file is a link to a file outside ${top}; not read`;
  try {
    const st = fs.statSync(real);
    const dir = fs.statSync(path.dirname(real));
    const uid = process.getuid?.();
    if (uid !== undefined && st.uid !== uid && (dir.mode & 0o002) !== 0) {
      return 'the config file belongs to another user and lies in a folder anyone can write to; not read';
    }
  } catch {
    return undefined; // stat failed: the file vanished; reading it reports why
  }
  return undefined;
}
