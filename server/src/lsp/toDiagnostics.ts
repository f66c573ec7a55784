// Findings and file problems as LSP diagnostics: severity, the rule id with its page, related information, and
// the finding's offsets (for the code actions that come back with it).
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { allMeta, docsUrl, type LintResult, type Severity } from '../engine';

/** The ids with a page of their own (docs/rules/<id>.md): every rule and meta rule. */
const DOCUMENTED = new Set(allMeta.map((m) => m.id));

const SEV: Record<Severity, DiagnosticSeverity> = {
  hint: DiagnosticSeverity.Hint,
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** What a diagnostic carries for the code actions that come back with it: the finding's offsets. */
export interface DiagnosticData {
  start: number;
  end: number;
}

export function toDiagnostics(result: LintResult, pathToUri: (p: string) => string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const p of result.problems)
    out.push({ range: p.range, severity: SEV[p.severity], source: 'docker-security-lint', message: p.message });
  for (const f of result.findings) {
    const data: DiagnosticData = { start: f.start, end: f.end };
    out.push({
      range: f.range,
      severity: SEV[f.severity],
      source: 'docker-security-lint',
      message: f.message,
      code: f.ruleId,
      // every rule has a page, the meta rules about suppression comments too
      codeDescription: DOCUMENTED.has(f.ruleId) ? { href: docsUrl(f.ruleId) } : undefined,
      relatedInformation: f.related?.map((r) => ({
        location: { uri: pathToUri(r.file), range: r.range },
        message: r.message,
      })),
      data,
    });
  }
  return out;
}
