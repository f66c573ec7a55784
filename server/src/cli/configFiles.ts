// Finding and loading `.docker-security-lint.yaml`: nearest to the file wins, or one given explicitly.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_NAMES, defaultConfig, parseConfig, type Config } from '../engine/config/config';
import { knownRuleOptions } from '../engine/rules/index';
import type { ParseProblem } from '../engine/types';

export class ConfigError extends Error {}

export class ConfigResolver {
  private readonly byDir = new Map<string, { file: string | undefined; config: Config }>();
  private readonly loaded = new Map<string, Config>();
  readonly problems: ParseProblem[] = [];
  /** Every config file loaded, with its problems (empty when valid): the editor shows them on the file. */
  readonly files = new Map<string, ParseProblem[]>();
  constructor(private readonly explicit?: string, private readonly stopAt?: string, private readonly strict = true) {}

  /** Loads a config file; invalid content throws ConfigError (strict) or keeps defaults with problems recorded. */
  load(file: string): Config {
    const hit = this.loaded.get(file);
    if (hit) return hit;
    let text: string;
    try { text = fs.readFileSync(file, 'utf8'); } catch (e) { throw new ConfigError(`cannot read config ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`); }
    const { config, problems } = parseConfig(file, text, knownRuleOptions());
    this.files.set(file, problems);
    if (problems.length) {
      this.problems.push(...problems);
      if (this.strict) throw new ConfigError(problems[0].message);
    }
    this.loaded.set(file, config);
    return config;
  }

  /** The config in force for a file, and where it came from. */
  forFile(file: string): { file: string | undefined; config: Config } {
    if (this.explicit) return { file: this.explicit, config: this.load(this.explicit) };
    return this.forDir(path.dirname(path.resolve(file)));
  }

  private forDir(dir: string): { file: string | undefined; config: Config } {
    const hit = this.byDir.get(dir);
    if (hit) return hit;
    let found: { file: string | undefined; config: Config } | undefined;
    for (const n of CONFIG_NAMES) {
      const p = path.join(dir, n);
      if (fs.existsSync(p)) { found = { file: p, config: this.load(p) }; break; }
    }
    if (!found) {
      const parent = path.dirname(dir);
      found = parent === dir || (this.stopAt && path.resolve(dir) === path.resolve(this.stopAt)) ? { file: undefined, config: defaultConfig() } : this.forDir(parent);
    }
    this.byDir.set(dir, found);
    return found;
  }
}
