// The one entry point of the engine: lint(text) -> findings and problems. Pure: file access goes through Host.
import * as path from 'node:path';
import { isMap } from 'yaml';
import { defaultConfig, type Config } from './config/config';
import { collectDirectives, isSuppressed, type CommentLine, type Directive } from './config/suppress';
import { isComposeFileName, loadProject, ParseCache, servicesMap } from './model/compose/project';
import { parseDockerfile, instructionSpan, type DockerfileModel } from './model/dockerfile/model';
import type { ParsedYaml } from './model/compose/yaml';
import { YamlEditor } from './fixes/yamlEdit';
import { makeComposeContext } from './rules/composeContext';
import { makeDockerfileContext } from './rules/dockerfileContext';
import { composeRules, dockerfileRules } from './rules/index';
import { leadingCommentEnd, LineIndex } from './text';
import { EMPTY_HOST, type Finding, type Host, type Kind, type LintResult, type ParseProblem, type Severity } from './types';
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
  if (/^\s*(#\s*(syntax|escape|check)\s*=.*\r?\n\s*)*(#[^\n]*\r?\n\s*)*(FROM|ARG)\s/i.test(head)) return 'dockerfile';
  if (/\.ya?ml$/i.test(name) || /^\s*services\s*:/m.test(head)) {
    if (/^services\s*:/m.test(head) || /^["']?services["']?\s*:/m.test(head)) return 'compose';
  }
  return undefined;
}

/** A text that is not linted: binary content or too large. Returns the reason, or undefined. */
export function skipReason(text: string, maxSize: number): string | undefined {
  if (text.length > maxSize) return `the file is larger than ${maxSize} bytes (maxFileSize); it was not analysed`;
  if (text.includes('\u0000')) return 'the file looks binary (it contains NUL bytes); it was not analysed';
  return undefined;
}

export function lint(file: string, text: string, opts: LintOptions = {}): LintResult {
  const config = opts.config ?? defaultConfig();
  const reason = skipReason(text, config.maxFileSize);
  const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  if (reason) return { file, kind: 'skipped', findings: [], problems: [{ file, message: `Skipped: ${reason}`, range: zero, severity: 'warning' }] };
  const kind = opts.kind ?? detectKind(file, text, true);
  if (!kind) return { file, kind: 'unknown', findings: [], problems: [{ file, message: 'Not a Dockerfile or Compose file (no FROM, no top-level services)', range: zero, severity: 'info' }] };
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
    problems.push({ file, message: `Internal error in rule ${id}: ${e instanceof Error ? e.message : String(e)} (other rules still ran)`, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: 'warning' });
  }
}

function lintCompose(file: string, text: string, opts: LintOptions, config: Config): LintResult {
  const host = opts.host ?? EMPTY_HOST;
  const project = loadProject(file, text, host, opts.cache ?? new ParseCache());
  const parsed = project.parsed.get(file)!;
  const problems = [...parsed.problems, ...project.problems];
  const findings: Finding[] = [];
  if (servicesMap(parsed) || (parsed.doc.contents && isMap(parsed.doc.contents))) {
    const edit = new YamlEditor(parsed);
    for (const rule of composeRules) {
      const sev = enabled(rule.meta, config, opts.onlyRules);
      if (!sev) continue;
      const out: Finding[] = [];
      const ctx = makeComposeContext(rule.meta, file, project, parsed, edit, config.rules[rule.meta.id]?.options ?? {}, config.fixes, out);
      runRule(rule.meta.id, () => rule.check(ctx), problems, file, opts);
      for (const f of out) { if (sev !== rule.meta.severity) f.severity = sev; findings.push(f); }
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
    return { file, kind: 'dockerfile', findings: [], problems: [{ file, message: `Could not parse the Dockerfile: ${e instanceof Error ? e.message : String(e)}`, range: zero, severity: 'error' }] };
  }
  const problems = [...model.problems];
  const findings: Finding[] = [];
  for (const rule of dockerfileRules) {
    const sev = enabled(rule.meta, config, opts.onlyRules);
    if (!sev) continue;
    const out: Finding[] = [];
    const ctx = makeDockerfileContext(rule.meta, file, model, config.rules[rule.meta.id]?.options ?? {}, config.fixes, out);
    runRule(rule.meta.id, () => rule.check(ctx), problems, file, opts);
    for (const f of out) { if (sev !== rule.meta.severity) f.severity = sev; findings.push(f); }
  }
  return finish(file, 'dockerfile', findings, problems, dockerfileDirectives(model), model.index, opts, config);
}

function finish(file: string, kind: Kind, findings: Finding[], problems: ParseProblem[], directives: Directive[], index: LineIndex, opts: LintOptions, config: Config): LintResult {
  let kept = findings;
  if (opts.inlineIgnores !== false && directives.length) {
    kept = findings.filter((f) => !isSuppressed(f, directives));
    const metaSev = (id: string, dflt: Severity) => { const s = config.rules[id]?.severity; return s === 'off' ? undefined : s ?? dflt; };
    const unusedSev = metaSev('meta/unused-ignore', 'info');
    const reasonSev = metaSev('meta/ignore-without-reason', 'warning');
    for (const d of directives) {
      const unused = d.ids.filter((id) => !d.used.has(id));
      if (opts.reportUnusedIgnores !== false && unusedSev && unused.length && !opts.onlyRules) {
        kept.push({
          ruleId: 'meta/unused-ignore', severity: unusedSev, file, start: d.start, end: d.end, range: index.range(d.start, d.end),
          message: `This suppression of ${unused.join(', ')} suppresses nothing: remove it so it cannot hide a future finding.`,
          fixes: [{ title: 'Remove the unused suppression', safe: false, edits: [removeComment(index, d)] }],
        });
      }
      if (opts.requireIgnoreReason && reasonSev && !d.reason) {
        kept.push({ ruleId: 'meta/ignore-without-reason', severity: reasonSev, file, start: d.start, end: d.end, range: index.range(d.start, d.end), message: 'This suppression gives no reason: add one after `--` so it can be reviewed.' });
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
  // YAML comments: a '#' at line start or after whitespace, outside quoted scalars. Only our directive lines matter,
  // so a cheap scan for the marker is enough; block scalars that mention it are not comments (checked by range).
  const re = /(^|[ \t])#[^\n\r]*docker-security-lint[^\n\r]*/gm;
  for (let m = re.exec(f.text); m; m = re.exec(f.text)) {
    const start = m.index + m[1].length;
    const line = idx.position(start).line;
    if (insideScalar(f, start)) continue;
    const whole = /^\s*$/.test(f.text.slice(idx.starts[line], start));
    comments.push({ line, start, end: idx.lineEnd(line), whole });
  }
  return collectDirectives(idx, comments, (l) => [l], leadingCommentEnd(idx, true));
}

/** Is the offset inside a multi-line or quoted scalar (where '#' is text, not a comment)? */
function insideScalar(f: ParsedYaml, offset: number): boolean {
  let inside = false;
  const visitNode = (n: unknown): void => {
    if (inside || !n || typeof n !== 'object') return;
    const node = n as { range?: [number, number, number]; items?: unknown[]; key?: unknown; value?: unknown; type?: string };
    if (node.range && (offset < node.range[0] || offset > node.range[2])) return;
    if (node.items) { for (const it of node.items) visitNode(it); return; }
    if ('key' in node && 'value' in node && !node.range) { visitNode(node.key); visitNode(node.value); return; }
    if (node.range && node.type && node.type !== 'PLAIN' && offset >= node.range[0] && offset < node.range[1]) inside = true;
    if (node.range && node.type === 'PLAIN' && offset > node.range[0] && offset < node.range[1]) inside = true;
  };
  visitNode(f.doc.contents);
  return inside;
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
