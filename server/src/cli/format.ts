// Report formats: text (grouped by file, coloured on a TTY), JSON (stable, version 1) and SARIF 2.1.0.
import { lineHashes } from './lineHash';
import {
  allMeta,
  isSafe,
  docsUrl,
  LineIndex,
  printable,
  SEVERITY_RANK,
  TOOL_NAME,
  TOOL_VERSION,
  type Finding,
  type LintResult,
  type Severity,
} from '../engine';
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isInside, relativeSlashed } from '../engine/vocabulary/paths';
import { leftOutSummary } from '../engine/walk';

export { TOOL_NAME, TOOL_VERSION };

export interface Report {
  /** `baselined`: findings the baseline holds (not reported, but SARIF marks them `unchanged`). */
  results: { display: string; result: LintResult; text?: string; baselined?: Finding[] }[];
  /** A baseline was in force: SARIF results get a baselineState, JSON says how many were left out. */
  baseline?: boolean;
  /**
   * Files that could not be read or were skipped, and other notices, with the reason. `counts`: a file that was
   * not analysed, which counts in the exit code at `level` (the config's `skipped` policy).
   */
  errors: { display: string; message: string; counts: boolean; level?: Severity }[];
  /** Folders and files the walk left out as third-party code (see engine/walk.ts leftOutReason). */
  leftOut?: { path: string; message: string }[];
}

export function atLeast(s: Severity, threshold: Severity): boolean {
  return SEVERITY_RANK[s] >= SEVERITY_RANK[threshold];
}

/**
 * A path as the text output shows it: one inert line (see printable), and never at the start of a line something a
 * CI log reads as a command (`::error ...`, `##[...]`): such a relative path is shown as `./::error ...`.
 */
export function shownPath(p: string): string {
  const s = printable(p);
  return /^(::|##)/.test(s) ? `./${s}` : s;
}

/** Several lines, each made inert as shownPath does (stderr, a diff of the repository's text). */
export function inertLines(s: string): string {
  return s.split('\n').map(shownPath).join('\n');
}

export function formatText(r: Report, color: boolean): string {
  const c = (code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const sevColor: Record<Severity, string> = { error: '31', warning: '33', info: '36', hint: '2' };
  const lines: string[] = [];
  let errors = 0,
    warnings = 0,
    infos = 0,
    hints = 0,
    files = 0,
    incomplete = 0,
    parseErrors = 0,
    parseWarnings = 0;
  for (const { display: name, result } of r.results) {
    const display = shownPath(name);
    if (result.problems.some((p) => p.severity === 'error')) incomplete++;
    const items = [
      ...result.problems.map((p) => ({
        line: p.range.start.line,
        col: p.range.start.character,
        sev: p.severity,
        id: 'parse',
        msg: p.message,
      })),
      ...result.findings.map((f) => ({
        line: f.range.start.line,
        col: f.range.start.character,
        sev: f.severity,
        id: f.ruleId,
        msg: f.message,
      })),
    ].sort((a, b) => a.line - b.line || a.col - b.col);
    if (!items.length) continue;
    files++;
    lines.push(c('1;4', display));
    for (const it of items) {
      if (it.id === 'parse') {
        if (it.sev === 'error') parseErrors++;
        else parseWarnings++;
      } else {
        if (it.sev === 'error') errors++;
        else if (it.sev === 'warning') warnings++;
        else if (it.sev === 'info') infos++;
        else hints++;
      }
      lines.push(
        `${display}:${it.line + 1}:${it.col + 1} ${c(sevColor[it.sev], it.sev)} ${c('2', it.id)} ${printable(it.msg)}`,
      );
    }
    lines.push('');
  }
  for (const e of r.errors) lines.push(`${shownPath(e.display)}: ${c('35', 'skipped')} ${printable(e.message)}`);
  if (r.errors.length) lines.push('');
  const total = errors + warnings + infos + hints;
  // a file's problems count as the editor's Problems panel counts them: a syntax error is an error there too
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  const parse = [
    ...(parseErrors ? [plural(parseErrors, 'parse error')] : []),
    ...(parseWarnings ? [plural(parseWarnings, 'parse warning')] : []),
  ];
  lines.push(
    (total
      ? c(
          '1',
          `${total} finding${total === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} ` +
            `warning${warnings === 1 ? '' : 's'}, ${infos} info${hints ? `, ${hints} hint${hints === 1 ? '' : 's'}` : ''}) in ${files} file${files === 1 ? '' : 's'}; ` +
            `${r.results.length} file${r.results.length === 1 ? '' : 's'} checked`,
        )
      : `No findings; ${r.results.length} file${r.results.length === 1 ? '' : 's'} checked`) +
      (parse.length ? c(parseErrors ? '1;31' : '1', `; ${parse.join(', ')}`) : ''),
  );
  const left = leftOutSummary((r.leftOut ?? []).map((l) => ({ path: shownPath(l.path), message: l.message })));
  if (left) lines.push(left);
  if (incomplete)
    lines.push(
      c(
        '1',
        `${incomplete} file${incomplete === 1 ? ' was' : 's were'} not read completely (the errors marked 'parse' above): ` +
          `the result is incomplete and counts as a skipped file does (config 'skipped')`,
      ),
    );
  return lines.join('\n') + '\n';
}

export function formatJson(r: Report): string {
  const out = {
    version: 1,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    files: [
      ...r.results.map(({ display, result }) => ({
        path: display,
        kind: result.kind,
        ...(result.context ? { context: result.context } : {}),
        errors: result.problems.map((p) => ({
          message: p.message,
          severity: p.severity,
          line: p.range.start.line + 1,
          column: p.range.start.character + 1,
        })),
      })),
      ...r.errors.map((e) => ({
        path: e.display,
        kind: 'skipped',
        errors: [{ message: e.message, severity: e.counts ? (e.level ?? 'error') : 'warning', line: 1, column: 1 }],
      })),
    ],
    ...(r.leftOut?.length ? { leftOut: r.leftOut.map((l) => ({ path: l.path, reason: l.message })) } : {}),
    ...(r.baseline ? { baselined: r.results.reduce((n, x) => n + (x.baselined?.length ?? 0), 0) } : {}),
    findings: r.results.flatMap(({ display, result }) =>
      result.findings.map((f) => ({
        ruleId: f.ruleId,
        severity: f.severity,
        message: f.message,
        file: display,
        line: f.range.start.line + 1,
        column: f.range.start.character + 1,
        endLine: f.range.end.line + 1,
        endColumn: f.range.end.character + 1,
        ...(f.related?.length
          ? {
              related: f.related.map((x) => ({
                file: x.file,
                line: x.range.start.line + 1,
                column: x.range.start.character + 1,
                message: x.message,
              })),
            }
          : {}),
        fixes: (f.fixes ?? []).map((x) => ({ title: x.title, safe: isSafe(x) })),
      })),
    ),
  };
  return JSON.stringify(out, null, 2) + '\n';
}

/** SARIF has no hint level: a hint is a `note` whose properties say `severity: hint`. */
const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** The key of our own fingerprint in `partialFingerprints` (GitHub's `primaryLocationLineHash` is beside it). */
export const FINGERPRINT_KEY = 'dockerSecurityLint/v1';

/** A fingerprint that survives unrelated edits: rule, file, the finding's line text (trimmed) and its occurrence. */
export function fingerprint(f: Finding, lineText: string, occurrence: number): string {
  return createHash('sha256')
    .update(`${f.ruleId}\0${lineText.trim().replace(/\s+/g, ' ')}\0${occurrence}`)
    .digest('hex')
    .slice(0, 32);
}

/**
 * Where a file is, as SARIF writes it: relative to `base` (the repository's top folder: `uriBaseId: SRCROOT`, which
 * code scanning resolves against the checkout) with each segment percent-encoded, else an absolute `file:` URI.
 */
export function sarifLocation(
  file: string,
  base: string | undefined,
  cwd = process.cwd(),
): { uri: string; uriBaseId?: string } {
  const abs = path.resolve(cwd, file);
  if (base !== undefined && isInside(abs, base)) {
    const rel = relativeSlashed(base, abs);
    return { uri: rel.split('/').map(encodeURIComponent).join('/'), uriBaseId: 'SRCROOT' };
  }
  return { uri: pathToFileURL(abs).href };
}

/**
 * SARIF 2.1.0; `base`: the folder relative URIs are relative to (SRCROOT), the repository's top folder; `cwd`: what
 * relative paths of the report are relative to.
 */
export function formatSarif(r: Report, base?: string, cwd?: string): string {
  const where = (file: string) => sarifLocation(file, base, cwd);
  const rules = allMeta.map((m) => ({
    id: m.id,
    name: m.id.replace(/[/-](\w)/g, (_x, ch: string) => ch.toUpperCase()),
    shortDescription: { text: m.title },
    fullDescription: { text: `${m.description} ${m.why}` },
    helpUri: docsUrl(m.id),
    help: { text: m.howToFix, markdown: `${m.howToFix}\n\n[Documentation](${docsUrl(m.id)})` },
    defaultConfiguration: { level: SARIF_LEVEL[m.severity] },
    properties: {
      tags: [
        'security',
        m.quadrant,
        ...(m.cwe ?? []).map((c) => `external/cwe/${c.toLowerCase()}`),
        ...(m.cis ?? []).map((c) => `CIS-Docker-${c}`),
      ],
      'security-severity':
        m.severity === 'error' ? '8.0' : m.severity === 'warning' ? '5.0' : m.severity === 'info' ? '2.0' : '1.0',
      precision: 'high',
    },
  }));
  const index = new Map(rules.map((x, i) => [x.id, i]));
  const results = r.results.flatMap(({ result, text, baselined }) => {
    const li = text !== undefined ? new LineIndex(text) : undefined;
    const hashes = text !== undefined ? lineHashes(text) : undefined;
    const seen = new Map<string, number>();
    const old = new Set(baselined ?? []);
    const all = old.size ? [...result.findings, ...old].sort((a, b) => a.start - b.start) : result.findings;
    return all.map((f) => {
      const lineText = li ? li.lineText(f.range.start.line) : '';
      const key = `${f.ruleId}\0${lineText.trim()}`;
      const occ = seen.get(key) ?? 0;
      seen.set(key, occ + 1);
      const loc = where(result.file);
      const region = {
        startLine: f.range.start.line + 1,
        startColumn: f.range.start.character + 1,
        endLine: f.range.end.line + 1,
        endColumn: f.range.end.character + 1,
      };
      const safe = f.fixes?.filter(isSafe) ?? [];
      return {
        ruleId: f.ruleId,
        ruleIndex: index.get(f.ruleId) ?? 0,
        level: SARIF_LEVEL[f.severity],
        ...(r.baseline ? { baselineState: old.has(f) ? 'unchanged' : 'new' } : {}),
        ...(f.severity === 'hint' ? { properties: { severity: 'hint' } } : {}),
        message: { text: f.message },
        locations: [{ physicalLocation: { artifactLocation: loc, region } }],
        // GitHub's own line hash (it checks an uploaded one against its own), and ours: rule, line text, occurrence
        partialFingerprints: {
          ...(hashes?.[f.range.start.line] ? { primaryLocationLineHash: hashes[f.range.start.line] } : {}),
          [FINGERPRINT_KEY]: fingerprint(f, lineText, occ),
        },
        ...(f.related?.length
          ? {
              relatedLocations: f.related.map((x, i) => ({
                id: i + 1,
                message: { text: x.message },
                physicalLocation: {
                  artifactLocation: where(x.file),
                  region: { startLine: x.range.start.line + 1, startColumn: x.range.start.character + 1 },
                },
              })),
            }
          : {}),
        ...(safe.length && li
          ? {
              fixes: safe.map((x) => ({
                description: { text: x.title },
                artifactChanges: [
                  {
                    artifactLocation: loc,
                    replacements: x.edits.map((e) => {
                      const s = li.position(e.start),
                        en = li.position(e.end);
                      return {
                        deletedRegion: {
                          startLine: s.line + 1,
                          startColumn: s.character + 1,
                          endLine: en.line + 1,
                          endColumn: en.character + 1,
                        },
                        insertedContent: { text: e.newText },
                      };
                    }),
                  },
                ],
              })),
            }
          : {}),
      };
    });
  });
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: TOOL_VERSION,
            semanticVersion: TOOL_VERSION,
            informationUri: 'https://github.com/docker-security-lint/docker-security-lint',
            rules,
          },
        },
        ...(base !== undefined
          ? { originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(base).href.replace(/\/?$/, '/') } } }
          : {}),
        results,
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: r.errors.map((e) => ({
              level: e.counts ? SARIF_LEVEL[e.level ?? 'error'] : 'warning',
              message: { text: `${e.display}: ${e.message}` },
            })),
          },
        ],
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
