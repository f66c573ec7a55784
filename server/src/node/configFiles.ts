// Finding and loading `.docker-security-lint.yaml`: nearest to the file wins, or one given explicitly.
//
// A config file changes which rules run, so it is read with care in a repository nobody has reviewed:
// - the search goes up from the file's folder to a top folder and no further (the CLI: the git root, else the
//   current folder, else the folder given; the language server: the workspace folder), so that a config in a
//   parent folder or in /tmp cannot turn rules off;
// - a config that is a link to a file outside that top folder, or that another user owns in a world-writable
//   folder, is not read; the message says so and quotes nothing of it;
// - it is read bounded (CONFIG_MAX_BYTES), regular files only, like every other file.
import {
  CONFIG_MAX_BYTES,
  CONFIG_NAMES,
  defaultConfig,
  knownRuleOptions,
  parseConfig,
  type Config,
  ZERO_RANGE,
  type ParseProblem,
} from '../engine';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isInside } from './files';
import { readText } from './read';

export class ConfigError extends Error {}

export interface ConfigLookup {
  file: string | undefined;
  config: Config;
}

export class ConfigResolver {
  private readonly byDir = new Map<string, ConfigLookup>();
  private readonly loaded = new Map<string, Config>();
  readonly problems: ParseProblem[] = [];
  /** Every config file loaded, with its problems (empty when valid): the editor shows them on the file. */
  readonly files = new Map<string, ParseProblem[]>();
  /**
   * `topOf(dir)`: the folder the search for `dir` stops at (inclusive). `strict`: an invalid config throws
   * ConfigError (the CLI) instead of keeping the defaults with its problems recorded (the editor).
   */
  constructor(
    private readonly explicit: string | undefined,
    private readonly topOf: (dir: string) => string,
    private readonly strict = true,
  ) {}

  /** Loads a config file; invalid content throws ConfigError (strict) or keeps defaults with problems recorded. */
  load(file: string, top?: string): Config {
    const hit = this.loaded.get(file);
    if (hit) return hit;
    // a config not read (refused, unreadable) leaves the defaults and one problem on the whole file
    const notRead = (why: string): ParseProblem[] => [
      { file, message: `${file}: ${why}`, range: ZERO_RANGE, severity: 'error' },
    ];
    const refused = top === undefined ? undefined : this.refusal(file, top);
    let config = defaultConfig();
    let problems: ParseProblem[];
    if (refused) problems = notRead(refused);
    else {
      const r = readText(file, CONFIG_MAX_BYTES);
      if ('error' in r)
        problems = notRead(
          r.error.startsWith('larger than')
            ? `the config file is larger than ${CONFIG_MAX_BYTES} bytes; not read`
            : `cannot read the config file: ${r.error}`,
        );
      else ({ config, problems } = parseConfig(file, r.text, knownRuleOptions()));
    }
    this.files.set(file, problems);
    if (problems.length) {
      for (const p of problems) this.problems.push(p);
      if (this.strict) throw new ConfigError(problems[0].message);
    }
    this.loaded.set(file, config);
    return config;
  }

  /** Why a config file found by the search is not read, or undefined when it may be. */
  private refusal(file: string, top: string): string | undefined {
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

  /** The config in force for a file, and where it came from. */
  forFile(file: string): ConfigLookup {
    if (this.explicit) return { file: this.explicit, config: this.load(this.explicit) };
    return this.forDir(path.dirname(path.resolve(file)));
  }

  private forDir(start: string): ConfigLookup {
    const top = this.topOf(start);
    const visited: string[] = [];
    let found: ConfigLookup | undefined;
    for (let dir = start; ;) {
      const hit = this.byDir.get(`${dir}\0${top}`);
      if (hit) {
        found = hit;
        break;
      }
      visited.push(dir);
      for (const n of CONFIG_NAMES) {
        const p = path.join(dir, n);
        if (fs.existsSync(p)) {
          found = { file: p, config: this.load(p, top) };
          break;
        }
      }
      if (found) break;
      const parent = path.dirname(dir);
      if (parent === dir || dir === top || !isInside(dir, top)) {
        found = { file: undefined, config: defaultConfig() };
        break;
      }
      dir = parent;
    }
    for (const d of visited) this.byDir.set(`${d}\0${top}`, found);
    return found;
  }
}

/** The nearest folder at or above `dir` that holds `.git`, or undefined. Cached per folder. */
export function gitRoot(dir: string, cache = new Map<string, string | undefined>()): string | undefined {
  const visited: string[] = [];
  let found: string | undefined;
  for (let d = path.resolve(dir); ;) {
    if (cache.has(d)) {
      found = cache.get(d);
      break;
    }
    visited.push(d);
    if (fs.existsSync(path.join(d, '.git'))) {
      found = d;
      break;
    }
    const parent = path.dirname(d);
    if (parent === d) break;
    d = parent;
  }
  for (const v of visited) cache.set(v, found);
  return found;
}
