// `.docker-security-lint.yaml`: rule severities and options, excludes, fix defaults. Validated by hand with
// messages that name the file, line and key; the JSON schema in schemas/ describes the same shape for editors.
import { isMap, isScalar, isSeq, parseDocument, type Node, type Pair } from 'yaml';
import { LineIndex } from '../text';
import type { ParseProblem, SeveritySetting } from '../types';
import { DEFAULT_FIX_VALUES, type FixDefaults } from '../rules/rule';

export const CONFIG_NAMES = ['.docker-security-lint.yaml', '.docker-security-lint.yml'];

export interface RuleSetting { severity?: SeveritySetting; options: Record<string, unknown> }

export interface Config {
  rules: Record<string, RuleSetting>;
  exclude: string[];
  fixes: FixDefaults;
  /** Files larger than this many bytes are skipped with a message. */
  maxFileSize: number;
}

export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;

export function defaultConfig(): Config {
  return { rules: {}, exclude: [], fixes: { ...DEFAULT_FIX_VALUES }, maxFileSize: DEFAULT_MAX_FILE_SIZE };
}

const SEVERITIES = ['off', 'error', 'warning', 'info'];

export interface ConfigResult { config: Config; problems: ParseProblem[] }

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
    problems.push({ file, range: r, severity: 'error', message: `${file}:${r.start.line + 1}: invalid YAML: ${e.message.split('\n')[0]}` });
  }
  if (doc.errors.length) return { config, problems };
  const top = doc.contents;
  if (top === null || (isScalar(top) && top.value === null)) return { config, problems };
  if (!isMap(top)) { problem(top, 'the configuration must be a mapping with keys rules, exclude, fixes, maxFileSize'); return { config, problems }; }
  for (const p of top.items as Pair<Node, Node>[]) {
    const key = isScalar(p.key) ? String(p.key.value) : '';
    const v = p.value;
    if (key === 'rules') {
      if (!isMap(v)) { problem(v ?? p.key, "'rules' must be a mapping of rule id to severity or { severity, ...options }"); continue; }
      for (const rp of v.items as Pair<Node, Node>[]) {
        const id = isScalar(rp.key) ? String(rp.key.value) : '';
        const opts = knownRules.get(id);
        if (!opts) { problem(rp.key, `unknown rule '${id}' in 'rules'`); continue; }
        const rv = rp.value;
        if (isScalar(rv)) {
          const s = String(rv.value);
          if (!SEVERITIES.includes(s)) { problem(rv, `rules.${id}: severity must be one of ${SEVERITIES.join(', ')}, not '${s}'`); continue; }
          config.rules[id] = { severity: s as SeveritySetting, options: {} };
        } else if (isMap(rv)) {
          const setting: RuleSetting = { options: {} };
          for (const op of rv.items as Pair<Node, Node>[]) {
            const ok = isScalar(op.key) ? String(op.key.value) : '';
            if (ok === 'severity') {
              const s = isScalar(op.value) ? String(op.value.value) : '';
              if (!SEVERITIES.includes(s)) { problem(op.value ?? op.key, `rules.${id}.severity must be one of ${SEVERITIES.join(', ')}`); continue; }
              setting.severity = s as SeveritySetting;
            } else if (opts.has(ok)) {
              const val = op.value && isSeq(op.value) ? op.value.items.map((i) => (isScalar(i) ? String(i.value) : undefined)) : undefined;
              if (!val || val.some((x) => x === undefined)) { problem(op.value ?? op.key, `rules.${id}.${ok} must be a list of strings`); continue; }
              setting.options[ok] = val;
            } else {
              problem(op.key, `rules.${id}: unknown option '${ok}'${opts.size ? ` (known: severity, ${[...opts].join(', ')})` : ' (this rule has no options besides severity)'}`);
            }
          }
          config.rules[id] = setting;
        } else problem(rv ?? rp.key, `rules.${id} must be a severity or a mapping`);
      }
    } else if (key === 'exclude') {
      if (!isSeq(v) || v.items.some((i) => !isScalar(i))) { problem(v ?? p.key, "'exclude' must be a list of glob patterns"); continue; }
      config.exclude = v.items.map((i) => String((i as { value: unknown }).value));
    } else if (key === 'fixes') {
      if (!isMap(v)) { problem(v ?? p.key, "'fixes' must be a mapping with memory, cpus, pids, user"); continue; }
      for (const fp of v.items as Pair<Node, Node>[]) {
        const fk = isScalar(fp.key) ? String(fp.key.value) : '';
        const fv = isScalar(fp.value) ? fp.value.value : undefined;
        if (fk === 'memory' && typeof fv === 'string' && /^\d+(\.\d+)?[bkmgBKMG]?[bB]?$/.test(fv)) config.fixes.memory = fv;
        else if (fk === 'memory' && typeof fv === 'number' && fv > 0) config.fixes.memory = String(fv);
        else if (fk === 'cpus' && (typeof fv === 'string' || typeof fv === 'number') && Number(fv) > 0) config.fixes.cpus = String(fv);
        else if (fk === 'pids' && typeof fv === 'number' && Number.isInteger(fv) && fv > 0) config.fixes.pids = fv;
        else if (fk === 'user' && (typeof fv === 'string' || typeof fv === 'number') && /^[A-Za-z0-9_.-]+(:[A-Za-z0-9_.-]+)?$/.test(String(fv)) && !/^(root|0)(:|$)/.test(String(fv))) config.fixes.user = String(fv);
        else if (!['memory', 'cpus', 'pids', 'user'].includes(fk)) problem(fp.key, `fixes: unknown key '${fk}' (known: memory, cpus, pids, user)`);
        else problem(fp.value ?? fp.key, `fixes.${fk}: invalid value '${String(fv)}'`);
      }
    } else if (key === 'maxFileSize') {
      const n = isScalar(v) ? v.value : undefined;
      if (typeof n !== 'number' || !Number.isInteger(n) || n <= 0) { problem(v ?? p.key, "'maxFileSize' must be a positive number of bytes"); continue; }
      config.maxFileSize = n;
    } else {
      problem(p.key, `unknown key '${key}' (known: rules, exclude, fixes, maxFileSize)`);
    }
  }
  return { config, problems };
}

/** Applies settings (e.g. from VS Code) over a config: later wins per key. */
export function mergeConfig(base: Config, over: Partial<Config>): Config {
  const rules = { ...base.rules };
  for (const [id, r] of Object.entries(over.rules ?? {})) rules[id] = { severity: r.severity ?? rules[id]?.severity, options: { ...rules[id]?.options, ...r.options } };
  return {
    rules,
    exclude: [...base.exclude, ...(over.exclude ?? [])],
    fixes: { ...base.fixes, ...over.fixes },
    maxFileSize: over.maxFileSize ?? base.maxFileSize,
  };
}
