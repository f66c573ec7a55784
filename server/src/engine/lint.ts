// The one entry point of the engine: lint(text) -> findings and problems. Pure: file access goes through Host.
import * as path from 'node:path';
import { isMap } from 'yaml';
import { checkedFixValues, defaultConfig, type Config } from './config/config';
import { collectDirectives, DirectiveIndex, isSuppressed, type CommentLine, type Directive } from './config/suppress';
import { isComposeFileName, loadProject, ParseCache, servicesMap } from './model/compose/project';
import { parseDockerfile, instructionSpan, type DockerfileModel } from './model/dockerfile/model';
import type { ParsedYaml } from './model/compose/yaml';
import { YamlEditor } from './fixes/yamlEdit';
import { makeComposeContext } from './rules/composeContext';
import { makeDockerfileContext } from './rules/dockerfileContext';
import { composeRules, dockerfileRules } from './rules/index';
import { leadingCommentEnd, LineIndex } from './text';
import {
  EMPTY_HOST,
  type Finding,
  type Host,
  type Kind,
  type LintResult,
  type ParseProblem,
  type Severity,
} from './types';
import type { RuleMeta } from './rules/rule';

export interface LintOptions {
  host?: Host;
  cache?: ParseCache;
  config?: Config;
  /** Force the kind instead of deciding by name/content. */
  kind?: Kind;
  /** Honour `# docker-security-lint ignore=` comments (default true). */
  inlineIgnores?: boolean;
  /** Report ignores without `-- reason` as meta/ignore-without-reason. */
  requireIgnoreReason?: boolean;
  /** Report ignores that suppress nothing as meta/unused-ignore (default true). */
  reportUnusedIgnores?: boolean;
  /** Only run these rules (tests). */
  onlyRules?: string[];
  /** Called when a rule throws; the rest of the findings are still returned. */
  onRuleError?: (ruleId: string, error: unknown) => void;
}

export function isDockerfileName(name: string): boolean {
  return /^(Dockerfile|Containerfile)(\..+)?$/i.test(name) || /\.(dockerfile|containerfile)$/i.test(name);
}

/** Decides the kind of a file from its name, then its content. */
export function detectKind(file: string, text: string, explicit = false): Kind | undefined {
  const name = path.basename(file);
  if (isDockerfileName(name)) return 'dockerfile';
  if (isComposeFileName(name)) return 'compose';
  if (!explicit) return undefined;
  const head = text.replace(/^\uFEFF/, '');
  if (startsLikeDockerfile(head)) return 'dockerfile';
  if (hasTopLevelServices(head)) return 'compose';
  return undefined;
}

/** The first line that is neither blank nor a comment (parser directives are comments) starts with FROM or ARG. */
function startsLikeDockerfile(text: string): boolean {
  for (let i = 0; i < text.length;) {
    let e = text.indexOf('\n', i);
    if (e < 0) e = text.length;
    const line = text.slice(i, e).trim();
    if (line !== '' && !line.startsWith('#')) return /^(FROM|ARG)\s/i.test(text.slice(i, e).trimStart() + '\n');
    i = e + 1;
  }
  return false;
}

/** A line that starts with `services:` (the key possibly quoted): a Compose file's top-level services. */
function hasTopLevelServices(text: string): boolean {
  for (let i = 0; i < text.length;) {
    let e = text.indexOf('\n', i);
    if (e < 0) e = text.length;
    if (/^["']?services["']?[ \t]*:/.test(text.slice(i, Math.min(e, i + 64)))) return true;
    i = e + 1;
  }
  return false;
}

/**
 * A text that is not linted: too large. Returns the reason, or undefined. (Content never makes a file skipped: a
 * NUL byte or invalid UTF-8 in a Dockerfile would otherwise let it past a CI gate; such text is linted as it is.)
 */
export function skipReason(text: string, maxSize: number): string | undefined {
  if (text.length > maxSize) return `the file is larger than ${maxSize} bytes (maxFileSize); it was not analysed`;
  return undefined;
}

export function lint(file: string, text: string, opts: LintOptions = {}): LintResult {
  const config = opts.config ?? defaultConfig();
  const reason = skipReason(text, config.maxFileSize);
  const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  if (reason)
    return {
      file,
      kind: 'skipped',
      findings: [],
      problems: [{ file, message: `Skipped: ${reason}`, range: zero, severity: 'warning' }],
    };
  const kind = opts.kind ?? detectKind(file, text, true);
  if (!kind)
    return {
      file,
      kind: 'unknown',
      findings: [],
      problems: [
        {
          file,
          message: 'Not a Dockerfile or Compose file (no FROM, no top-level services)',
          range: zero,
          severity: 'info',
        },
      ],
    };
  return kind === 'compose' ? lintCompose(file, text, opts, config) : lintDockerfile(file, text, opts, config);
}

function enabled(meta: RuleMeta, config: Config, only?: string[]): Severity | undefined {
  if (only && !only.includes(meta.id)) return undefined;
  const s = config.rules[meta.id]?.severity;
  if (s === 'off') return undefined;
  return s ?? meta.severity;
}

function runRule(id: string, fn: () => void, problems: ParseProblem[], file: string, opts: LintOptions): void {
  try {
    fn();
  } catch (e) {
    opts.onRuleError?.(id, e);
    // an error, not a warning: a rule that did not finish may have missed a finding (the CLI exits 2 on it)
    problems.push({
      file,
      message: `Internal error in rule ${id}: ${e instanceof Error ? e.message : String(e)} (other rules still ran)`,
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: 'error',
    });
  }
}

function lintCompose(file: string, text: string, opts: LintOptions, config: Config): LintResult {
  const host = opts.host ?? EMPTY_HOST;
  const project = loadProject(file, text, host, opts.cache ?? new ParseCache());
  const parsed = project.parsed.get(file)!;
  const problems = [...parsed.problems, ...project.problems];
  const findings: Finding[] = [];
  const fixValues = checkedFixValues(config.fixes);
  if (servicesMap(parsed) || (parsed.doc.contents && isMap(parsed.doc.contents))) {
    const edit = new YamlEditor(parsed);
    for (const rule of composeRules) {
      const sev = enabled(rule.meta, config, opts.onlyRules);
      if (!sev) continue;
      const out: Finding[] = [];
      const ctx = makeComposeContext(
        rule.meta,
        file,
        project,
        parsed,
        edit,
        config.rules[rule.meta.id]?.options ?? {},
        fixValues,
        out,
      );
      runRule(rule.meta.id, () => rule.check(ctx), problems, file, opts);
      for (const f of out) {
        if (sev !== rule.meta.severity) f.severity = sev;
        findings.push(f);
      }
    }
  }
  const directives = yamlDirectives(parsed);
  const result = finish(file, 'compose', findings, problems, directives, parsed.index, opts, config);
  if (project.includes.length) result.includes = project.includes;
  return result;
}

function lintDockerfile(file: string, text: string, opts: LintOptions, config: Config): LintResult {
  let model: DockerfileModel;
  try {
    model = parseDockerfile(file, text);
  } catch (e) {
    const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return {
      file,
      kind: 'dockerfile',
      findings: [],
      problems: [
        {
          file,
          message: `Could not parse the Dockerfile: ${e instanceof Error ? e.message : String(e)}`,
          range: zero,
          severity: 'error',
        },
      ],
    };
  }
  const problems = [...model.problems];
  const findings: Finding[] = [];
  const fixValues = checkedFixValues(config.fixes);
  for (const rule of dockerfileRules) {
    const sev = enabled(rule.meta, config, opts.onlyRules);
    if (!sev) continue;
    const out: Finding[] = [];
    const ctx = makeDockerfileContext(
      rule.meta,
      file,
      model,
      config.rules[rule.meta.id]?.options ?? {},
      fixValues,
      out,
    );
    runRule(rule.meta.id, () => rule.check(ctx), problems, file, opts);
    for (const f of out) {
      if (sev !== rule.meta.severity) f.severity = sev;
      findings.push(f);
    }
  }
  return finish(file, 'dockerfile', findings, problems, dockerfileDirectives(model), model.index, opts, config);
}

function finish(
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
    const metaSev = (id: string, dflt: Severity) => {
      const s = config.rules[id]?.severity;
      return s === 'off' ? undefined : (s ?? dflt);
    };
    const unusedSev = metaSev('meta/unused-ignore', 'info');
    const reasonSev = metaSev('meta/ignore-without-reason', 'warning');
    for (const d of directives) {
      const unused = d.ids.filter((id) => !d.used.has(id));
      if (opts.reportUnusedIgnores !== false && unusedSev && unused.length && !opts.onlyRules) {
        kept.push({
          ruleId: 'meta/unused-ignore',
          severity: unusedSev,
          file,
          start: d.start,
          end: d.end,
          range: index.range(d.start, d.end),
          message: `This suppression of ${unused.join(', ')} suppresses nothing: remove it so it cannot hide a future finding.`,
          fixes: [{ title: 'Remove the unused suppression', safe: false, edits: [removeComment(index, d)] }],
        });
      }
      if (opts.requireIgnoreReason && reasonSev && !d.reason) {
        kept.push({
          ruleId: 'meta/ignore-without-reason',
          severity: reasonSev,
          file,
          start: d.start,
          end: d.end,
          range: index.range(d.start, d.end),
          message: 'This suppression gives no reason: add one after `--` so it can be reviewed.',
        });
      }
    }
  }
  kept.sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
  return { file, kind, findings: kept, problems };
}

function removeComment(index: LineIndex, d: Directive): { start: number; end: number; newText: string } {
  const line = index.position(d.start).line;
  const before = index.text.slice(index.starts[line], d.start);
  if (/^\s*$/.test(before)) {
    const end = line + 1 < index.lineCount ? index.starts[line + 1] : index.text.length;
    return { start: index.starts[line], end, newText: '' };
  }
  let s = d.start;
  while (s > index.starts[line] && /\s/.test(index.text[s - 1])) s--;
  return { start: s, end: d.end, newText: '' };
}

function yamlDirectives(f: ParsedYaml): Directive[] {
  if (!f.text.includes('docker-security-lint')) return [];
  const comments: CommentLine[] = [];
  const idx = f.index;
  // YAML comments: a '#' at line start or after whitespace, outside quoted scalars. Only our directive lines matter:
  // each line that holds the marker is looked at once, from its first such '#' (a linear scan; block and quoted
  // scalars that mention the marker are not comments, checked against the scalars' ranges).
  const candidates: { line: number; start: number }[] = [];
  for (let at = f.text.indexOf('docker-security-lint'); at >= 0;) {
    const line = idx.position(at).line;
    const ls = idx.starts[line];
    const le = idx.lineEnd(line);
    // the first '#' that can start a comment; the line holds a directive when a marker follows it on the line
    const lastAt = f.text.lastIndexOf('docker-security-lint', le - 1);
    for (let i = ls; i < lastAt; i++) {
      if (f.text[i] === '#' && (i === ls || f.text[i - 1] === ' ' || f.text[i - 1] === '\t')) {
        candidates.push({ line, start: i });
        break;
      }
    }
    at = f.text.indexOf('docker-security-lint', le);
  }
  if (!candidates.length) return [];
  const inScalar = scalarSpans(f);
  for (const { line, start } of candidates) {
    if (inScalar(start)) continue;
    const whole = /^\s*$/.test(f.text.slice(idx.starts[line], start));
    comments.push({ line, start, end: idx.lineEnd(line), whole });
  }
  return collectDirectives(idx, comments, (l) => [l, l], leadingCommentEnd(idx, true));
}

/**
 * Is an offset inside a multi-line or quoted scalar (where '#' is text, not a comment)? The scalars' ranges are
 * collected once (without recursion: nesting depth is input) and looked up by binary search, so that one
 * directive per service does not walk the whole document once per directive.
 */
function scalarSpans(f: ParsedYaml): (offset: number) => boolean {
  const spans: { start: number; end: number; plain: boolean }[] = [];
  const stack: unknown[] = [f.doc.contents];
  while (stack.length) {
    const n = stack.pop();
    if (!n || typeof n !== 'object') continue;
    const node = n as {
      range?: [number, number, number];
      items?: unknown[];
      key?: unknown;
      value?: unknown;
      type?: string;
    };
    if (node.items) {
      for (const it of node.items) stack.push(it);
      continue;
    }
    if ('key' in node && 'value' in node && !node.range) {
      stack.push(node.key, node.value);
      continue;
    }
    if (node.range && node.type) spans.push({ start: node.range[0], end: node.range[1], plain: node.type === 'PLAIN' });
  }
  spans.sort((a, b) => a.start - b.start);
  return (offset) => {
    let lo = 0,
      hi = spans.length - 1,
      found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (spans[mid].start <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    // scalars do not overlap, but a plain scalar that starts at the offset does not contain it: look one back too
    for (let k = found; k >= 0 && k >= found - 1; k--) {
      const sp = spans[k];
      if (sp.plain ? offset > sp.start && offset < sp.end : offset >= sp.start && offset < sp.end) return true;
    }
    return false;
  };
}

function dockerfileDirectives(m: DockerfileModel): Directive[] {
  if (!m.text.includes('docker-security-lint')) return [];
  const comments: CommentLine[] = [];
  for (let l = 0; l < m.index.lineCount; l++) {
    if (m.heredocLines.has(l)) continue;
    const t = m.index.lineText(l);
    const i = t.search(/\S/);
    if (i < 0 || t[i] !== '#') continue;
    comments.push({ line: l, start: m.index.starts[l] + i, end: m.index.lineEnd(l), whole: true });
  }
  return collectDirectives(m.index, comments, (l) => instructionSpan(m, l), m.leadingEnd);
}

export { ParseCache };
