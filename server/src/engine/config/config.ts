// `.docker-security-lint.yaml`: rule severities and options, excludes, fix defaults. Validated by hand with
// messages that name the file, line and key; the JSON schema in schemas/ describes the same shape for editors.
import * as path from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Node, type Pair } from 'yaml';
import { LineIndex } from '../text';
import { MAX_EXCLUDE_CHARS } from '../glob';
import { CONFIG_FILE_NAMES } from '../../shared/protocol';
import { PROFILES, type ParseProblem, type Profile, type SeveritySetting } from '../types';
import { DEFAULT_FIX_VALUES, type FixDefaults } from '../rules/rule';
import { FILE_CONTEXTS, type ContextPatterns, type FileContext } from '../context';

export const CONFIG_NAMES = CONFIG_FILE_NAMES;

export interface RuleSetting {
  severity?: SeveritySetting;
  options: Record<string, unknown>;
}

export interface Config {
  rules: Record<string, RuleSetting>;
  exclude: string[];
  fixes: FixDefaults;
  /** Files larger than this many bytes are skipped with a message. */
  maxFileSize: number;
  /** How the CLI's exit code counts a file it could not analyse, or not read completely (a problem at error). */
  skipped: SkippedPolicy;
  /** Which findings are reported and how (see Profile). */
  profile: Profile;
  /** A baseline file (absolute): findings it holds are not reported (CLI) or shown as hints (editor). */
  baseline?: string;
  /**
   * `compose.files`: the sets of Compose files a deployment merges (`-f base -f overlay`), as absolute paths in
   * merge order. A file in a set is analysed with the whole set; files in no set follow Compose's defaults.
   */
  composeSets: string[][];
  /** `ownImages`: the project's own images (see vocabulary/images.ts isOwnImage), for the rules with that option. */
  ownImages?: string[];
  /** `contexts`: globs that say a file's context (see context.ts), relative to the config file's folder. */
  contexts?: ContextPatterns;
}

export type SkippedPolicy = 'error' | 'warn' | 'ignore';

export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;
/** The largest maxFileSize a config may set (a bound on what one file may cost, whatever the config says). */
export const MAX_MAX_FILE_SIZE = 64 * 1024 * 1024;
/** Config files are small; a larger one is refused rather than read. */
export const CONFIG_MAX_BYTES = 256 * 1024;
/** The longest list a config may give (rule option lists, exclude): rules match against them per value. */
export const MAX_LIST_ITEMS = 1000;
const MAX_GLOB_LENGTH = 1000;

export function defaultConfig(): Config {
  return {
    rules: {},
    exclude: [],
    fixes: { ...DEFAULT_FIX_VALUES },
    maxFileSize: DEFAULT_MAX_FILE_SIZE,
    skipped: 'error',
    profile: 'recommended',
    composeSets: [],
  };
}

/**
 * Text taken from a config file, for a message: quoted only when it looks like a key or a value a person would
 * write (at most 40 letters, digits and `_./@+-`), otherwise described, so that a message (CI logs, the editor)
 * can never carry a line of a file that should not have been a config at all, nor control characters.
 */
export function excerpt(s: string): string {
  return /^[A-Za-z0-9_./@+-]{1,40}$/.test(s) ? s : `<${s.length} characters, not shown>`;
}

const USER_SPEC = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,63})?$/;
const MEMORY_SPEC = /^\d{1,12}(\.\d{1,6})?[bkmgBKMG]?[bB]?$/;
const CPUS_SPEC = /^\d{1,6}(\.\d{1,6})?$/;

const FIX_VALUE_HINT: Record<keyof FixDefaults, string> = {
  memory: 'a size such as 512M',
  cpus: 'a number such as 1.0',
  pids: 'a positive whole number',
  user: 'a non-root user or uid[:gid] such as 10001:10001',
};

/**
 * Validates a value that a fix will write into a file (from the config file, editor settings or anywhere else):
 * a size, a CPU count, a PID count or a non-root user spec. Anything else (text that could carry YAML or a
 * Dockerfile instruction, a root user) is refused: returns undefined.
 */
export function validFixValue(key: 'memory' | 'cpus' | 'user', v: unknown): string | undefined;
export function validFixValue(key: 'pids', v: unknown): number | undefined;
export function validFixValue(key: keyof FixDefaults, v: unknown): string | number | undefined;
export function validFixValue(key: keyof FixDefaults, v: unknown): string | number | undefined {
  if (key === 'memory') {
    if (typeof v === 'number' && Number.isFinite(v) && v > 0 && Number.isInteger(v)) return String(v);
    return typeof v === 'string' && MEMORY_SPEC.test(v) && Number.parseFloat(v) > 0 ? v : undefined;
  }
  if (key === 'cpus') {
    const t = typeof v === 'number' ? String(v) : v;
    return typeof t === 'string' && CPUS_SPEC.test(t) && Number(t) > 0 ? t : undefined;
  }
  if (key === 'pids') return typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : undefined;
  const t = typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : v;
  return typeof t === 'string' && USER_SPEC.test(t) && !/^(root|0)(:|$)/.test(t) ? t : undefined;
}

export const SEVERITIES = ['off', 'error', 'warning', 'info', 'hint'];

export interface ConfigResult {
  config: Config;
  problems: ParseProblem[];
}

/**
 * Parses a config file. Problems are reported with positions; on any problem the defaults stay in force for
 * the faulty key only (the rest of the file still applies) and callers decide whether to stop (the CLI does).
 */
export function parseConfig(file: string, text: string, knownRules: Map<string, Set<string>>): ConfigResult {
  const config = defaultConfig();
  const problems: ParseProblem[] = [];
  const index = new LineIndex(text);
  const at = (n: Node | null | undefined) => index.range(n?.range?.[0] ?? 0, n?.range?.[1] ?? 0);
  const problem = (n: Node | null | undefined, message: string) => {
    const r = at(n);
    problems.push({ file, range: r, severity: 'error', message: `${file}:${r.start.line + 1}: ${message}` });
  };
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  for (const e of doc.errors) {
    const r = index.range(e.pos[0], e.pos[1]);
    problems.push({
      file,
      range: r,
      severity: 'error',
      message: `${file}:${r.start.line + 1}: invalid YAML (${e.code})`,
    });
  }
  if (doc.errors.length) return { config, problems };
  const top = doc.contents;
  if (top === null || (isScalar(top) && top.value === null)) return { config, problems };
  if (!isMap(top)) {
    problem(top, `the configuration must be a mapping with keys ${CONFIG_KEYS.join(', ')}`);
    return { config, problems };
  }
  for (const p of top.items as Pair<Node, Node>[]) {
    const key = isScalar(p.key) ? String(p.key.value) : '';
    const v = p.value;
    if (key === 'rules') {
      readRules(v, p.key, knownRules, config, problem);
    } else if (key === 'exclude') {
      readExclude(v, p.key, config, problem);
    } else if (key === 'fixes') {
      readFixes(v, p.key, config, problem);
    } else if (key === 'maxFileSize') {
      const n = isScalar(v) ? v.value : undefined;
      if (typeof n !== 'number' || !Number.isInteger(n) || n <= 0 || n > MAX_MAX_FILE_SIZE) {
        problem(v ?? p.key, `'maxFileSize' must be a whole number of bytes from 1 to ${MAX_MAX_FILE_SIZE}`);
        continue;
      }
      config.maxFileSize = n;
    } else if (key === 'skipped') {
      const s = isScalar(v) ? String(v.value) : '';
      if (s !== 'error' && s !== 'warn' && s !== 'ignore') {
        problem(v ?? p.key, "'skipped' must be error, warn or ignore");
        continue;
      }
      config.skipped = s;
    } else if (key === 'profile') {
      const s = isScalar(v) ? String(v.value) : '';
      if (!(PROFILES as readonly string[]).includes(s)) {
        problem(v ?? p.key, `'profile' must be ${PROFILES.join(' or ')}`);
        continue;
      }
      config.profile = s as Profile;
    } else if (key === 'baseline') {
      const b = isScalar(v) ? v.value : undefined;
      if (typeof b !== 'string' || !b || b.length > MAX_GLOB_LENGTH || /[\x00-\x1f\x7f]/.test(b)) {
        problem(v ?? p.key, "'baseline' must be the path of a baseline file, relative to this file");
        continue;
      }
      config.baseline = path.resolve(path.dirname(file), b);
    } else if (key === 'ownImages') {
      const list = isSeq(v) ? v.items.map((i) => (isScalar(i) ? i.value : undefined)) : undefined;
      if (
        !list ||
        list.length > MAX_LIST_ITEMS ||
        list.some((x) => typeof x !== 'string' || !x.trim() || x.length > MAX_GLOB_LENGTH)
      ) {
        problem(v ?? p.key, "'ownImages' must be a list of image names (`*` for any characters)");
        continue;
      }
      config.ownImages = list as string[];
    } else if (key === 'contexts') {
      const c = contextsOf(v, p.key, path.dirname(file), problem);
      if (c) config.contexts = c;
    } else if (key === 'compose') {
      const sets = composeSetsOf(v, path.dirname(file), problem);
      if (sets) config.composeSets = sets;
    } else {
      problem(p.key, `unknown key '${excerpt(key)}' (known: ${CONFIG_KEYS.join(', ')})`);
    }
  }
  return { config, problems };
}

type Problem = (n: Node | null | undefined, message: string) => void;

/** `rules:` a severity or { severity, ...options } per rule id (each option a list of strings). */
function readRules(
  v: Node | null,
  key: Node,
  knownRules: Map<string, Set<string>>,
  config: Config,
  problem: Problem,
): void {
  if (!isMap(v)) {
    problem(v ?? key, "'rules' must be a mapping of rule id to severity or { severity, ...options }");
    return;
  }
  for (const rp of v.items as Pair<Node, Node>[]) {
    const id = isScalar(rp.key) ? String(rp.key.value) : '';
    const opts = knownRules.get(id);
    if (!opts) {
      problem(rp.key, `unknown rule '${excerpt(id)}' in 'rules'`);
      continue;
    }
    const rv = rp.value;
    if (isScalar(rv)) {
      const s = String(rv.value);
      if (!SEVERITIES.includes(s)) {
        problem(rv, `rules.${id}: severity must be one of ${SEVERITIES.join(', ')}, not '${excerpt(s)}'`);
        continue;
      }
      config.rules[id] = { severity: s as SeveritySetting, options: {} };
    } else if (isMap(rv)) {
      const setting: RuleSetting = { options: {} };
      for (const op of rv.items as Pair<Node, Node>[]) {
        const ok = isScalar(op.key) ? String(op.key.value) : '';
        if (ok === 'severity') {
          const s = isScalar(op.value) ? String(op.value.value) : '';
          if (!SEVERITIES.includes(s)) {
            problem(op.value ?? op.key, `rules.${id}.severity must be one of ${SEVERITIES.join(', ')}`);
            continue;
          }
          setting.severity = s as SeveritySetting;
        } else if (opts.has(ok)) {
          const val =
            op.value && isSeq(op.value)
              ? op.value.items.map((i) => (isScalar(i) ? String(i.value) : undefined))
              : undefined;
          if (!val || val.some((x) => x === undefined)) {
            problem(op.value ?? op.key, `rules.${id}.${ok} must be a list of strings`);
            continue;
          }
          if (val.length > MAX_LIST_ITEMS) {
            problem(op.value, `rules.${id}.${ok} has ${val.length} items; at most ${MAX_LIST_ITEMS} are allowed`);
            continue;
          }
          setting.options[ok] = val;
        } else {
          problem(
            op.key,
            `rules.${id}: unknown option '${excerpt(ok)}'${opts.size ? ` (known: severity, ${[...opts].join(', ')})` : ' (this rule has no options besides severity)'}`,
          );
        }
      }
      config.rules[id] = setting;
    } else problem(rv ?? rp.key, `rules.${id} must be a severity or a mapping`);
  }
}

/** `exclude:` glob patterns, bounded in number, length and total size. */
function readExclude(v: Node | null, key: Node, config: Config, problem: Problem): void {
  if (!isSeq(v) || v.items.some((i) => !isScalar(i))) {
    problem(v ?? key, "'exclude' must be a list of glob patterns");
    return;
  }
  const globs = v.items.map((i) => String((i as { value: unknown }).value));
  if (globs.length > MAX_LIST_ITEMS) {
    problem(v, `'exclude' has ${globs.length} patterns; at most ${MAX_LIST_ITEMS} are allowed`);
    return;
  }
  if (globs.some((g) => g.length > MAX_GLOB_LENGTH)) {
    problem(v, `'exclude' patterns must be at most ${MAX_GLOB_LENGTH} characters long`);
    return;
  }
  const total = globs.reduce((n, g) => n + g.length, 0);
  if (total > MAX_EXCLUDE_CHARS) {
    problem(v, `'exclude' patterns total ${total} characters; at most ${MAX_EXCLUDE_CHARS} are allowed`);
    return;
  }
  config.exclude = globs;
}

/** `fixes:` the values fixes write (memory, cpus, pids, user), each validated. */
function readFixes(v: Node | null, key: Node, config: Config, problem: Problem): void {
  if (!isMap(v)) {
    problem(v ?? key, "'fixes' must be a mapping with memory, cpus, pids, user");
    return;
  }
  for (const fp of v.items as Pair<Node, Node>[]) {
    const fk = isScalar(fp.key) ? String(fp.key.value) : '';
    const fv = isScalar(fp.value) ? fp.value.value : undefined;
    if (fk !== 'memory' && fk !== 'cpus' && fk !== 'pids' && fk !== 'user') {
      problem(fp.key, `fixes: unknown key '${excerpt(fk)}' (known: memory, cpus, pids, user)`);
      continue;
    }
    const ok = validFixValue(fk, fv);
    if (ok !== undefined) (config.fixes as unknown as Record<string, unknown>)[fk] = ok;
    else problem(fp.value ?? fp.key, `fixes.${fk}: invalid value '${excerpt(String(fv))}' (${FIX_VALUE_HINT[fk]})`);
  }
}

const CONFIG_KEYS = [
  'profile',
  'rules',
  'exclude',
  'contexts',
  'ownImages',
  'fixes',
  'maxFileSize',
  'skipped',
  'compose',
  'baseline',
];

/** `contexts: { test-ci: [globs], ... }`: which files are of which context, globs relative to the config's folder. */
function contextsOf(v: Node | null, key: Node, dir: string, problem: Problem): ContextPatterns | undefined {
  const shape = `'contexts' must map ${FILE_CONTEXTS.join(', ')} to lists of glob patterns`;
  if (!isMap(v)) {
    problem(v ?? key, shape);
    return undefined;
  }
  const globs: Partial<Record<FileContext, string[]>> = {};
  let total = 0;
  for (const cp of v.items as Pair<Node, Node>[]) {
    const name = isScalar(cp.key) ? String(cp.key.value) : '';
    if (!(FILE_CONTEXTS as readonly string[]).includes(name)) {
      problem(cp.key, `contexts: unknown context '${excerpt(name)}' (known: ${FILE_CONTEXTS.join(', ')})`);
      continue;
    }
    const list = isSeq(cp.value) ? cp.value.items.map((i) => (isScalar(i) ? i.value : undefined)) : undefined;
    if (!list || list.length > MAX_LIST_ITEMS || list.some((g) => typeof g !== 'string' || !g.length)) {
      problem(cp.value ?? cp.key, shape);
      continue;
    }
    const strings = list as string[];
    total += strings.reduce((n, g) => n + g.length, 0);
    if (strings.some((g) => g.length > MAX_GLOB_LENGTH) || total > MAX_EXCLUDE_CHARS) {
      problem(cp.value, `'contexts' patterns total at most ${MAX_EXCLUDE_CHARS} characters`);
      continue;
    }
    globs[name as FileContext] = strings;
  }
  return { dir, globs };
}
/** The most files one declared Compose set may merge. */
const MAX_SET_FILES = 32;

/** `compose: { files: [[base, overlay], ...] }`, paths relative to the config file's folder. */
function composeSetsOf(
  v: Node | null,
  dir: string,
  problem: (n: Node | null | undefined, message: string) => void,
): string[][] | undefined {
  const files = v && isMap(v) ? (v.get('files', true) as Node | undefined) : undefined;
  if (!v || !isMap(v) || v.items.some((p) => !isScalar(p.key) || p.key.value !== 'files') || !files) {
    problem(v, "'compose' must be a mapping with one key, files: a list of lists of Compose files ([base, overlay])");
    return undefined;
  }
  if (!isSeq(files) || files.items.length > MAX_LIST_ITEMS) {
    problem(files, `'compose.files' must be a list of at most ${MAX_LIST_ITEMS} lists of file paths`);
    return undefined;
  }
  const out: string[][] = [];
  for (const set of files.items as Node[]) {
    const names = isSeq(set) ? set.items.map((i) => (isScalar(i) ? String(i.value) : '')) : [];
    if (!names.length || names.length > MAX_SET_FILES || names.some((n) => !n || n.length > MAX_GLOB_LENGTH)) {
      problem(set, `each set in 'compose.files' must list 1 to ${MAX_SET_FILES} file paths, in merge order`);
      continue;
    }
    out.push(names.map((n) => path.resolve(dir, n)));
  }
  return out;
}

/**
 * The fix values to write, each checked again (whatever produced the config: a file, editor settings, an API
 * caller): a value that is not valid falls back to the default, so no source can make a fix write arbitrary text.
 */
export function checkedFixValues(f: Partial<FixDefaults> | undefined): FixDefaults {
  return {
    memory: validFixValue('memory', f?.memory) ?? DEFAULT_FIX_VALUES.memory,
    cpus: validFixValue('cpus', f?.cpus) ?? DEFAULT_FIX_VALUES.cpus,
    pids: validFixValue('pids', f?.pids) ?? DEFAULT_FIX_VALUES.pids,
    user: validFixValue('user', f?.user) ?? DEFAULT_FIX_VALUES.user,
  };
}

/** Applies settings (e.g. from VS Code) over a config: later wins per key. */
export function mergeConfig(base: Config, over: Partial<Config>): Config {
  const rules = { ...base.rules };
  for (const [id, r] of Object.entries(over.rules ?? {}))
    rules[id] = { severity: r.severity ?? rules[id]?.severity, options: { ...rules[id]?.options, ...r.options } };
  return {
    rules,
    exclude: [...base.exclude, ...(over.exclude ?? [])],
    fixes: { ...base.fixes, ...over.fixes },
    maxFileSize: over.maxFileSize ?? base.maxFileSize,
    skipped: over.skipped ?? base.skipped,
    profile: over.profile ?? base.profile,
    baseline: over.baseline ?? base.baseline,
    composeSets: [...(over.composeSets ?? []), ...base.composeSets],
    contexts: over.contexts ?? base.contexts,
    ownImages: over.ownImages ?? base.ownImages,
  };
}
