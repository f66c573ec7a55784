// The analysis of one file (on this thread or a worker's): read, decode, recognise, lint; its outcome as plain data.
import {
  detectKind,
  lint,
  ParseCache,
  internalErrorProblem,
  invalidUtf8Problem,
  wideEncodingProblem,
  type Config,
  type LintOptions,
  type LintResult,
} from '../engine';
import { ConfigError } from '../node/configFiles';
import { fsHost } from '../node/files';
import { decode, readBytes } from '../node/read';

import type { Args } from './args';

export interface Target {
  abs: string;
  display: string;
  explicit: boolean;
  /** Standard input's bytes, linted as the file `abs` (the path `-` with --stdin-filename); too-large: past maxFileSize. */
  stdin?: Buffer | 'too-large';
}

/** What the analysis of one file gave, as plain data (a worker sends it back as is). */
export type Outcome =
  | { status: 'missing'; error: string }
  | { status: 'unreadable'; error: string }
  | { status: 'not-lintable' }
  | { status: 'config-error'; message: string }
  | {
      status: 'linted';
      result: LintResult;
      text: string;
      invalidUtf8: boolean;
      bom: boolean;
      ruleError: boolean;
      encoding?: string;
    };

/** What analysing a file needs besides the file: file access shared by the files of a run, and the options. */
export interface AnalysisEnv {
  host: ReturnType<typeof fsHost>;
  cache: ParseCache;
  inlineIgnores: boolean;
  requireReason: boolean;
}

/** The analysis of one file, and what fixing it in place needs (the serial path only). */
export interface Analysed {
  outcome: Outcome;
  bytes?: Buffer;
  opts?: LintOptions;
}

/** Reads, decodes, recognises and lints one file. Never throws but for a config error (which stops the run). */
export function analyseFile(abs: string, config: Config, env: AnalysisEnv, stdin?: Target['stdin']): Analysed {
  const raw: ReturnType<typeof readBytes> =
    stdin === undefined
      ? readBytes(abs, config.maxFileSize)
      : stdin === 'too-large' || stdin.length > config.maxFileSize
        ? { error: `larger than ${config.maxFileSize} bytes (maxFileSize); not analysed`, reason: 'skipped' }
        : { bytes: stdin };
  if ('error' in raw)
    return {
      outcome:
        raw.reason === 'missing' ? { status: 'missing', error: raw.error } : { status: 'unreadable', error: raw.error },
    };
  const r = decode(raw.bytes);
  let ruleError = false;
  const opts: LintOptions = {
    host: env.host,
    cache: env.cache,
    config,
    inlineIgnores: env.inlineIgnores,
    requireIgnoreReason: env.requireReason,
    kind: detectKind(abs, r.text, true),
    onRuleError: () => {
      ruleError = true;
    },
  };
  if (!opts.kind) return { outcome: { status: 'not-lintable' } };
  let result: LintResult;
  try {
    result = lint(abs, r.text, opts);
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    ruleError = true;
    result = { file: abs, kind: opts.kind, findings: [], problems: [internalErrorProblem(abs, e)] };
  }
  if (r.invalidUtf8) result.problems.unshift(invalidUtf8Problem(abs, r.encoding));
  if (r.encoding) result.problems.unshift(wideEncodingProblem(abs, r.encoding));
  return {
    outcome: {
      status: 'linted',
      result,
      text: r.text,
      invalidUtf8: r.invalidUtf8,
      bom: r.bom,
      ruleError,
      ...(r.encoding ? { encoding: r.encoding } : {}),
    },
    bytes: raw.bytes,
    opts,
  };
}

/** A lint run of the CLI: the files to lint, their configs, and the report they add up to. */

/** The report formats that fingerprint lines (SARIF, GitLab Code Quality): the report keeps each file's text. */
export function reportKeepsText(args: Args): boolean {
  return args.format === 'sarif' || args.format === 'gitlab';
}

/** Whether an outcome's text is used after the lint: the formats above fingerprint lines, and so do baselines. */
export function needsText(args: Args, config: Config): boolean {
  return reportKeepsText(args) || !!args.baseline || !!args.writeBaseline || !!config.baseline;
}

/** Results as plain data a worker can send: fixes computed now when the format shows them, dropped otherwise. */
export function plainOutcome(o: Outcome, withFixes: boolean, withText: boolean): Outcome {
  if (o.status !== 'linted') return o;
  return {
    ...o,
    // the text goes back only when the report or a baseline needs it (SARIF and baselines fingerprint lines)
    text: withText ? o.text : '',
    result: settle(o.result, withFixes, (abs) => abs),
  };
}

/**
 * The result as plain data that no longer holds the parsed file: fixes are computed now, while the file is in
 * memory, when the format shows them (JSON, SARIF), and dropped otherwise. Holding every file's lazy fixes until
 * the report is written kept every parsed document of the run alive (a third of a large scan went to garbage
 * collection).
 */
export function settle(r: LintResult, withFixes: boolean, display: (abs: string) => string): LintResult {
  return {
    ...r,
    // own fields only: a finding's lazy fixes (which hold the document) are not among them; related files are
    // shown as the finding's own file is (relative to the current folder)
    findings: r.findings.map((f) => ({
      ...f,
      fixes: withFixes ? f.fixes : undefined,
      ...(f.related ? { related: f.related.map((x) => ({ ...x, file: display(x.file) })) } : {}),
    })),
  };
}
