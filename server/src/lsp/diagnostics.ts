// Linting documents and files and publishing their diagnostics: open documents from the editor's text
// (debounced, the latest version only), workspace files from disk (bounded reads, in the background).
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Connection, type Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import * as fs from 'node:fs';
import {
  baselineKey,
  baselineRelative,
  detectKind,
  docsUrl,
  fingerprints,
  knownRuleOptions,
  lint,
  parseConfig,
  ruleById,
  type Config,
  type LintOptions,
  type LintResult,
  type Severity,
  internalErrorProblem,
  invalidUtf8Problem,
  ZERO_RANGE,
  type Kind,
} from '../engine';
import { readText } from '../node/read';
import { readBaseline } from '../node/baseline';
import type { SettingsStore } from './settings';
import { configDiagnostics, isConfigFile, untitledConfig, untitledName, uriToPath, type Workspace } from './workspace';

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

export class Diagnostics {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly connection: Connection,
    private readonly ws: Workspace,
    private readonly settings: SettingsStore,
  ) {}

  lintOptions(config: Config, kind: Kind): LintOptions {
    return {
      host: this.ws.host,
      cache: this.ws.cache,
      config,
      kind,
      onRuleError: (id, e) =>
        this.ws.logOnce(
          `${id}:${String(e)}`,
          `docker-security-lint: rule ${id} failed: ${e instanceof Error ? e.stack : String(e)}`,
        ),
    };
  }

  /** The kind of an open document or file: by name and content, else by the editor's language. */
  private kindOf(uri: string, file: string | undefined, text: string): Kind | undefined {
    const doc = this.ws.documents.get(uri);
    const byName = file ? detectKind(file, text, true) : undefined;
    return (
      byName ??
      (doc?.languageId === 'dockerfile'
        ? 'dockerfile'
        : doc?.languageId === 'dockercompose'
          ? 'compose'
          : doc?.languageId === 'shellscript'
            ? 'run'
            : undefined)
    );
  }

  /** Lints a text and publishes its diagnostics; `version` null: a file read from disk. */
  async lintUri(uri: string, text: string, version: number | null, invalidUtf8 = false): Promise<void> {
    const { ws, connection } = this;
    const file = uriToPath(uri);
    const untitled = !file && uri.startsWith('untitled:');
    if (!file && !untitled) return;
    const s = await this.settings.get(uri);
    const doc = ws.documents.get(uri);
    if (file && version !== null && isConfigFile(file)) {
      // an open config file: its problems from the editor's text, in every scope
      if (doc?.version !== version) return;
      const problems = parseConfig(file, text, knownRuleOptions()).problems;
      void connection.sendDiagnostics({ uri, version, diagnostics: configDiagnostics(problems) });
      return;
    }
    // lint runs synchronously from here on, so this is the one place where staleness can arise
    if (version !== null && doc?.version !== version) return; // stale (a newer version is queued) or closed meanwhile
    // a disk read that raced with the file being opened: the editor's text wins (a workspace scan can overlap
    // the first open; publishing the disk version would replace the editor's diagnostics and results)
    if (version === null && doc) return;
    // an untitled document has no folder, no config file and no siblings: defaults and settings only
    const config = file ? ws.configFor(file, s) : untitledConfig(s);
    if (!s.enable || (file && ws.excluded(file, s, config))) return this.clear(uri);
    const kind = this.kindOf(uri, file, text);
    if (!kind) return this.clear(uri);
    let result: LintResult;
    const name = file ?? untitledName(kind);
    try {
      result = lint(name, text, { ...this.lintOptions(config, kind), host: file ? ws.host : undefined });
    } catch (e) {
      ws.logOnce(
        `${name}:${String(e)}`,
        `docker-security-lint: analysis of ${name} failed: ${e instanceof Error ? e.stack : String(e)}`,
      );
      result = {
        file: name,
        kind,
        findings: [],
        problems: [internalErrorProblem(name, e)],
      };
    }
    if (invalidUtf8) result.problems.unshift(invalidUtf8Problem(name));
    if (file && config.baseline) {
      this.applyBaseline(result, text, file, config.baseline);
      (result.dependencies ??= []).push(config.baseline);
    }
    // only open documents need their results kept (for code actions); workspace files just publish
    if (version !== null) ws.results.set(uri, { version, text, result });
    else ws.results.delete(uri);
    ws.setDependencies(uri, result.dependencies);
    const diagnostics = toDiagnostics(result);
    this.countOf(uri, diagnostics);
    void connection.sendDiagnostics({ uri, version: version ?? undefined, diagnostics });
  }

  /** Baselines by path, read again when their size or modification time changes. */
  private readonly baselines = new Map<string, { stamp: string; keys: Set<string> | undefined }>();

  /**
   * Findings the config's baseline holds are shown as hints marked "(baselined)": drawn in the editor where the
   * person who touches the line sees them, left out of the Problems panel so that it shows what is new.
   */
  private applyBaseline(result: LintResult, text: string, file: string, baseline: string): void {
    let stamp = '';
    try {
      const st = fs.statSync(baseline);
      stamp = `${st.size}:${st.mtimeMs}`;
    } catch {
      stamp = 'missing';
    }
    let entry = this.baselines.get(baseline);
    if (!entry || entry.stamp !== stamp) {
      const parsed = stamp === 'missing' ? { error: 'not found' } : readBaseline(baseline);
      if ('error' in parsed)
        this.ws.logOnce(`baseline:${baseline}:${stamp}`, `docker-security-lint: baseline ${baseline}: ${parsed.error}`);
      entry = { stamp, keys: 'keys' in parsed ? parsed.keys : undefined };
      this.baselines.set(baseline, entry);
    }
    const keys = entry.keys;
    if (!keys?.size || !result.findings.length) return;
    const rel = baselineRelative(baseline, file);
    fingerprints(result, text, rel, this.ws.cache).forEach((fp, i) => {
      if (!keys.has(baselineKey(rel, fp))) return;
      const f = result.findings[i];
      f.severity = 'hint';
      f.message = `(baselined) ${f.message}`;
    });
  }

  /** Problems published per URI, by severity (for the scan summary and the log). */
  readonly counts = new Map<string, number[]>();
  private countOf(uri: string, diagnostics: Diagnostic[]): void {
    const c = [0, 0, 0, 0];
    for (const d of diagnostics) c[(d.severity ?? 1) - 1]++;
    if (diagnostics.length) this.counts.set(uri, c);
    else this.counts.delete(uri);
  }
  /** Errors, warnings, information and hints currently published. */
  totals(): number[] {
    const t = [0, 0, 0, 0];
    for (const c of this.counts.values()) for (let i = 0; i < 4; i++) t[i] += c[i];
    return t;
  }

  clear(uri: string): void {
    this.counts.delete(uri);
    this.ws.results.delete(uri);
    this.ws.setDependencies(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** Lints an open document after the debounce delay (or `delay`), from its text at that time. */
  schedule(doc: TextDocument, delay?: number): void {
    const uri = doc.uri;
    clearTimeout(this.timers.get(uri));
    void this.settings.get(uri).then((s) => {
      clearTimeout(this.timers.get(uri));
      this.timers.set(
        uri,
        setTimeout(() => {
          this.timers.delete(uri);
          const cur = this.ws.documents.get(uri);
          if (cur) void this.lintUri(uri, cur.getText(), cur.version);
        }, delay ?? s.debounceMs),
      );
    });
  }

  cancel(uri: string): void {
    clearTimeout(this.timers.get(uri));
  }

  /** Lints a file that is not open, from disk (bounded read); a file that cannot be read says why. */
  async relintFromDisk(uri: string): Promise<void> {
    const { ws } = this;
    if (ws.documents.get(uri)) return; // open documents are linted from the editor's text
    const file = uriToPath(uri);
    if (!file) return;
    const s = await this.settings.get(uri);
    if (s.scope === 'openFiles') return;
    ws.host.forget(file);
    const r = readText(file, ws.configFor(file, s).maxFileSize);
    if ('error' in r) {
      ws.results.delete(uri);
      const diagnostics: Diagnostic[] =
        r.reason === 'skipped'
          ? [
              {
                range: ZERO_RANGE,
                severity: DiagnosticSeverity.Warning,
                source: 'docker-security-lint',
                message: `Not analysed: ${r.error}`,
              },
            ]
          : [];
      void this.connection.sendDiagnostics({ uri, diagnostics });
      return;
    }
    await this.lintUri(uri, r.text, null, r.invalidUtf8);
  }

  /** Re-lints files from disk in the background, yielding between files; stops when `stale()` says so. */
  async relintMany(uris: Iterable<string>, stale: () => boolean, progress?: (n: number) => void): Promise<void> {
    let n = 0;
    let last = Date.now();
    for (const u of uris) {
      if (stale()) return;
      await this.relintFromDisk(u);
      progress?.(++n);
      if (Date.now() - last > 10) {
        await new Promise((r) => setImmediate(r)); // let edits and requests through
        last = Date.now();
      }
    }
  }
}

export function toDiagnostics(result: LintResult): Diagnostic[] {
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
      codeDescription: ruleById.has(f.ruleId) ? { href: docsUrl(f.ruleId) } : undefined,
      relatedInformation: f.related?.map((r) => ({
        location: { uri: pathToFileURL(r.file).toString(), range: r.range },
        message: r.message,
      })),
      data,
    });
  }
  return out;
}
