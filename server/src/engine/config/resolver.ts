// Finding and loading `.docker-security-lint.yaml`: nearest to the file wins, or one given explicitly. The files are
// reached through a ConfigFileAccess: the node host (node/configFiles.ts) reads the disk, the web host asks the
// editor. The search goes up from the file's folder to a top folder and no further (see node/configFiles.ts for
// why), and each config is read bounded (CONFIG_MAX_BYTES).
import * as path from 'node:path';
import { CONFIG_MAX_BYTES, CONFIG_NAMES, defaultConfig, parseConfig, type Config } from './config';
import { knownRuleOptions } from '../rules';
import { ZERO_RANGE } from '../problems';
import type { ParseProblem } from '../types';
import type { ReadResult } from '../../shared/read';
import { isInside } from '../vocabulary/paths';

/** How the resolver reaches config files. `undefined`: not known yet (an asynchronous host fetches it). */
export interface ConfigFileAccess {
  exists(p: string): boolean | undefined;
  readText(p: string, maxBytes: number): ReadResult | undefined;
  /** Why a config file found by the search is not read (a link out of the tree, another user's file), if so. */
  refusal?(file: string, top: string): string | undefined;
}

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
    private readonly strict: boolean,
    private readonly access: ConfigFileAccess,
  ) {}

  /** Loads a config file; invalid content throws ConfigError (strict) or keeps defaults with problems recorded. */
  load(file: string, top?: string): Config {
    const hit = this.loaded.get(file);
    if (hit) return hit;
    // a config not read (refused, unreadable) leaves the defaults and one problem on the whole file
    const notRead = (why: string): ParseProblem[] => [
      { file, message: `${file}: ${why}`, range: ZERO_RANGE, severity: 'error' },
    ];
    const refused = top === undefined ? undefined : this.access.refusal?.(file, top);
    let config = defaultConfig();
    let problems: ParseProblem[];
    if (refused) problems = notRead(refused);
    else {
      const r = this.access.readText(file, CONFIG_MAX_BYTES);
      if (r === undefined) return defaultConfig(); // not known yet: fetched, then asked again (nothing kept)
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

  /** The config in force for a file, and where it came from. */
  forFile(file: string): ConfigLookup {
    if (this.explicit) return { file: this.explicit, config: this.load(this.explicit) };
    return this.forDir(path.dirname(path.resolve(file)));
  }

  private forDir(start: string): ConfigLookup {
    const top = this.topOf(start);
    const visited: string[] = [];
    let found: ConfigLookup | undefined;
    // a host that reads asynchronously (the web) may not know yet whether a file exists: the lookup then gives the
    // defaults, keeps nothing, and is asked again once the host has fetched what was missing
    let unknown = false;
    for (let dir = start; ;) {
      const hit = this.byDir.get(`${dir}\0${top}`);
      if (hit) {
        found = hit;
        break;
      }
      visited.push(dir);
      for (const n of CONFIG_NAMES) {
        const p = path.join(dir, n);
        const exists = this.access.exists(p);
        if (exists === undefined) unknown = true;
        else if (exists && !unknown) {
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
    if (unknown) return { file: undefined, config: defaultConfig() };
    for (const d of visited) this.byDir.set(`${d}\0${top}`, found);
    return found;
  }
}
