// Running rules on a source's models, shared by every source: which rules the config enables and at what severity,
// a rule that throws made a problem, and the end of every lint (suppression comments, meta rules, order).
import { checkedFixValues, type Config } from '../config/config';
import { DirectiveIndex, isSuppressed, type Directive } from '../config/suppress';
import type { Container } from '../model/container';
import { commandRules, daemonRules, metaRuleModules, ruleById, runRules as commandLineRules } from '../rules/index';
import { makeCommandContext } from '../rules/commandContext';
import type { EngineCommand } from '../model/engineCommand';
import { CONTEXT_LABEL, type ContextDecision } from '../context';
import { ASSIGNED_HERE, makeSpanContext } from '../rules/containerContext';
import { type DaemonConfig } from './daemon/config';
import { makeDaemonContext } from '../rules/daemonContext';
import { LineIndex } from '../text';
import { ZERO_RANGE } from '../problems';
import { type Finding, type Kind, type LintResult, type ParseProblem, type Severity } from '../types';
import { isRoutine, onFixError, type OptionsOf, type RuleMeta, type RuleOption } from '../rules/rule';
import type { LintOptions } from './source';

/** The rule's severity under this config: the config's setting, else the profile's, else the rule's own. */
export function enabled(meta: RuleMeta, config: Config, only?: string[]): Severity | undefined {
  if (only && !only.includes(meta.id)) return undefined;
  const s = config.rules[meta.id]?.severity ?? meta.profiles?.[config.profile] ?? meta.severity;
  return s === 'off' ? undefined : s;
}

/** The group rule that reports this rule's "missing setting" findings under this config, if any. */
export function groupOf(meta: RuleMeta, config: Config): string | undefined {
  return config.profile === 'recommended' && meta.group && config.rules[meta.id]?.severity === undefined
    ? meta.group
    : undefined;
}

function runRule(id: string, fn: () => void, problems: ParseProblem[], file: string, opts: LintOptions): void {
  try {
    fn();
  } catch (e) {
    ruleFailed(id, e, 'other rules still ran', problems, file, opts);
  }
}

/** A rule, or one of its fixes, threw: an error on the file (the CLI exits 2 on it) and the caller is told. */
function ruleFailed(
  id: string,
  e: unknown,
  what: string,
  problems: ParseProblem[],
  file: string,
  opts: LintOptions,
): void {
  opts.onRuleError?.(id, e);
  problems.push({
    file,
    message: `Internal error in rule ${id}: ${e instanceof Error ? e.message : String(e)} (${what})`,
    range: ZERO_RANGE,
    severity: 'error',
  });
}

/** Takes a rule's findings at their configured severity; a fix that throws when computed is reported too. */
function keep(
  out: Finding[],
  sev: Severity,
  meta: RuleMeta,
  findings: Finding[],
  problems: ParseProblem[],
  file: string,
  opts: LintOptions,
): void {
  for (const f of out) {
    if (sev !== meta.severity) f.severity = sev;
    onFixError(f, (e) => ruleFailed(meta.id, e, 'its fix is not offered', problems, file, opts));
    findings.push(f);
  }
}

type Options = Readonly<Record<string, unknown>>;

/** A rule's options: the config's for it, and the config-wide `ownImages` for a rule with that option unset. */
function optionsOf(meta: RuleMeta, config: Config): Options {
  const own = config.rules[meta.id]?.options ?? {};
  if (meta.options?.ownImages && own.ownImages === undefined && config.ownImages?.length)
    return { ...own, ownImages: config.ownImages };
  return own;
}

/**
 * Runs each rule the config enables, with the context `contextOf` makes for it (its findings go to `out`), and
 * keeps its findings at their configured severity; a rule that throws is a problem on the file.
 */
export function runRules<R extends { meta: RuleMeta; check(ctx: never): void }>(
  rules: readonly R[],
  contextOf: (rule: R, out: Finding[], options: Options) => Parameters<R['check']>[0],
  run: { file: string; config: Config; opts: LintOptions; findings: Finding[]; problems: ParseProblem[] },
): void {
  const { file, config, opts, findings, problems } = run;
  for (const rule of rules) {
    const sev = enabled(rule.meta, config, opts.onlyRules);
    if (!sev) continue;
    const out: Finding[] = [];
    const ctx = contextOf(rule, out, optionsOf(rule.meta, config));
    runRule(rule.meta.id, () => rule.check(ctx), problems, file, opts);
    keep(out, sev, rule.meta, findings, problems, file, opts);
  }
}

/** Runs the daemon rules on one daemon's configuration. */
export function runDaemonRules(
  daemon: DaemonConfig,
  config: Config,
  opts: LintOptions,
  findings: Finding[],
  problems: ParseProblem[],
): void {
  runRules(
    daemonRules,
    (rule, out, options) =>
      makeDaemonContext<OptionsOf<Record<string, RuleOption>>>(rule.meta, daemon, options, config.profile, out),
    { file: daemon.file, config, opts, findings, problems },
  );
}

/** Reading command lines never throws out of lint: a failure is an error on the file (the CLI exits 2 on it). */
export function readingCommandLines(file: string, problems: ParseProblem[], read: () => Container[]): Container[] {
  try {
    return read();
  } catch (e) {
    problems.push({
      file,
      message: `Internal error reading the command lines: ${e instanceof Error ? e.message : String(e)} (they were not analysed)`,
      range: ZERO_RANGE,
      severity: 'error',
    });
    return [];
  }
}

/** Runs the command-line rules (`run/*`) on containers started in a file. */
export function runCommandLineRules(
  file: string,
  index: LineIndex,
  containers: readonly Container[],
  config: Config,
  opts: LintOptions,
  findings: Finding[],
  problems: ParseProblem[],
): void {
  if (!containers.length) return;
  const fixValues = checkedFixValues(config.fixes);
  const mine: Finding[] = [];
  runRules(
    commandLineRules,
    (rule, out, options) =>
      makeSpanContext(rule.meta, file, index, containers, options, fixValues, config.profile, out),
    { file, config, opts, findings: mine, problems },
  );
  // a wrapper function's body is read once on its own and once per call (model/shell/dataflow.ts): what the body
  // itself writes is reported once; a grant a variable holds (`OPTS=--privileged`, a make variable) is reported at
  // its first use, the others named as related information
  const seen = new Set<string>();
  const byOrigin = new Map<string, Finding>();
  for (const f of mine) {
    const key = `${f.ruleId}\u0000${f.start}\u0000${f.end}`;
    const origin = f.related?.find((r) => r.message === ASSIGNED_HERE);
    const sameGrant =
      origin && `${f.ruleId}\u0000${origin.range.start.line}\u0000${f.message.replace(/\(line \d+\)/g, '')}`;
    const first = sameGrant ? byOrigin.get(sameGrant) : undefined;
    if (first && !seen.has(key)) {
      if ((first.related ??= []).length < MAX_USES)
        first.related.push({ file, range: index.range(f.start, f.end), message: 'also used here' });
    } else if (!seen.has(key)) {
      findings.push(f);
      if (sameGrant) byOrigin.set(sameGrant, f);
    }
    seen.add(key);
  }
}

/** The most other uses named beside a variable's grant. */
const MAX_USES = 10;

/** Why a grant in a test/CI file is reported at info, said in its message. */
const THROWAWAY = 'a throwaway container, but it still runs with these rights on the machine that runs the job';

/**
 * The recommended profile judges a finding in its file's context: in test/CI and development files routine advice
 * is not reported, nor a finding its rule marks routine there (isRoutine); in test/CI files a grant is reported at info, with a message that names the context. A rule whose
 * severity the config sets keeps it; strict, deployment and third-party files (linted when named or opened) are
 * judged as they are.
 */
function inContext(findings: Finding[], decision: ContextDecision | undefined, config: Config): Finding[] {
  const c = decision?.context;
  if (config.profile !== 'recommended' || (c !== 'test-ci' && c !== 'development')) return findings;
  const out: Finding[] = [];
  for (const f of findings) {
    const meta = ruleById.get(f.ruleId)?.meta;
    if (!meta || config.rules[f.ruleId]?.severity !== undefined) {
      out.push(f);
      continue;
    }
    if (meta.advice || isRoutine(f)) continue;
    if (c === 'test-ci' && (f.severity === 'error' || f.severity === 'warning')) {
      f.severity = 'info';
      f.message = `${f.message} [${CONTEXT_LABEL[c]} (${decision!.why}): ${THROWAWAY}]`;
    }
    out.push(f);
  }
  return out;
}

/** Runs the command rules (`run/exec-privileged`...) on the engine commands of a file. */
export function runEngineCommandRules(
  file: string,
  index: LineIndex,
  commands: readonly EngineCommand[],
  config: Config,
  opts: LintOptions,
  findings: Finding[],
  problems: ParseProblem[],
): void {
  if (!commands.length) return;
  runRules(
    commandRules,
    (rule, out, options) => makeCommandContext(rule.meta, file, index, commands, options, config.profile, out),
    { file, config, opts, findings, problems },
  );
}

export function finish(
  file: string,
  kind: Kind,
  findings: Finding[],
  problems: ParseProblem[],
  directives: Directive[],
  index: LineIndex,
  opts: LintOptions,
  config: Config,
): LintResult {
  let kept = findings;
  if (opts.inlineIgnores !== false && directives.length) {
    const byLine = new DirectiveIndex(directives);
    kept = findings.filter((f) => !isSuppressed(f, byLine));
  }
  kept = inContext(kept, opts.context, config);
  if (opts.inlineIgnores !== false && directives.length) {
    for (const rule of metaRuleModules) {
      const setting = config.rules[rule.meta.id]?.severity;
      if (setting === 'off') continue;
      const severity = setting ?? rule.meta.severity;
      rule.check({
        file,
        index,
        directives,
        reportUnused: opts.reportUnusedIgnores !== false && !opts.onlyRules,
        requireReason: !!opts.requireIgnoreReason,
        active: (id) => {
          const r = ruleById.get(id);
          return !!r && enabled(r.meta, config, opts.onlyRules) !== undefined;
        },
        report: (d, message, fixes) => {
          kept.push({
            ruleId: rule.meta.id,
            severity,
            file,
            start: d.start,
            end: d.end,
            range: index.range(d.start, d.end),
            message,
            ...(fixes ? { fixes } : {}),
          });
        },
      });
    }
  }
  kept.sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
  return { file, kind, findings: kept, problems };
}
