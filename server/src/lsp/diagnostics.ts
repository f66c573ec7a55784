// Linting documents and files and publishing their diagnostics: open documents from the editor's text
// (debounced, the latest version only), workspace files from disk (bounded reads, in the background).
import { DiagnosticSeverity, type Connection, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  baselineKey,
  baselineRelative,
  detectKind,
  fingerprints,
  knownRuleOptions,
  lint,
  parseConfig,
  parseBaseline,
  MAX_BASELINE_BYTES,
  type Config,
  type LintOptions,
  type LintResult,
  internalErrorProblem,
  invalidUtf8Problem,
  ZERO_RANGE,
  type Kind,
} from '../engine';
import type { Settings, SettingsStore } from './settings';
import { toDiagnostics } from './toDiagnostics';
export { toDiagnostics, type DiagnosticData } from './toDiagnostics';

import { ASIDE_CHARS, MAX_FETCH_ROUNDS, type AsideResult, type AsideTextJob } from './platform';
import {
  configDiagnostics,
  isConfigFile,
  untitledConfig,
  untitledName,
  type OpenResult,
  type Workspace,
} from './workspace';
import { COMPOSE_HEAD_BYTES, isComposeByContent } from '../engine/sources/compose/recognise';

export class Diagnostics {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

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
    if (this.isIncluded(uri)) return 'compose';
    const doc = this.ws.documents.get(uri);
    // a YAML document named otherwise (`latest.yml`): Compose only when it reads as a Compose project, as the walk
    // judges it (the editor sends every YAML document, and most are none of ours)
    if (file && doc?.languageId === 'yaml' && !detectKind(file, text, false)) {
      // on the head the walk reads, so that an open document and the scan judge the same file alike
      const cut = text.length > COMPOSE_HEAD_BYTES;
      return isComposeByContent(cut ? text.slice(0, COMPOSE_HEAD_BYTES) : text, cut) ? 'compose' : undefined;
    }
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
    const file = ws.uriToPath(uri);
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
    // the analysis runs synchronously: staleness arises only before it, or while a web host fetches the files it
    // found missing (then it runs again on what was fetched; on disk nothing is missing and nothing waits)
    const aside = await this.lintAside(uri, file, text, version, s);
    if (aside === 'superseded') return;
    const linted = aside?.result;
    let out: ReturnType<typeof this.analyse>;
    for (let round = 0; ; round++) {
      if (version !== null && ws.documents.get(uri)?.version !== version) return; // stale, or closed meanwhile
      // a disk read that raced with the file being opened: the editor's text wins (a workspace scan can overlap
      // the first open; publishing the disk version would replace the editor's diagnostics and results)
      if (version === null && ws.documents.get(uri)) return;
      out = this.analyse(uri, file, text, s, invalidUtf8, linted);
      if (!ws.platform.missing() || round >= MAX_FETCH_ROUNDS) break;
      await ws.platform.fetchMissing();
    }
    if (out === 'clear') {
      this.followIncludes(uri, []);
      return this.clear(uri);
    }
    const { result } = out;
    this.followIncludes(uri, result.includes ?? []);
    // only open documents need their results kept (for code actions); workspace files just publish
    if (version !== null) ws.results.set(uri, { version, text, result });
    else ws.results.delete(uri);
    ws.setDependencies(uri, result.dependencies);
    const diagnostics = toDiagnostics(result, (p) => ws.pathToUri(p));
    this.countOf(uri, diagnostics);
    void connection.sendDiagnostics({ uri, version: version ?? undefined, diagnostics });
  }

  /**
   * A large open document's lint, on the platform's worker (see aside.ts), so that it holds up no other document;
   * undefined when it is linted here (small, not open, not linted at all, or no worker).
   */
  private async lintAside(
    uri: string,
    file: string | undefined,
    text: string,
    version: number | null,
    s: Settings,
  ): Promise<AsideResult> {
    const { ws } = this;
    if (!ws.platform.lintAside || !file || version === null || text.length < ASIDE_CHARS) return undefined;
    const prepared = this.prepare(uri, file, text, s);
    if (prepared === 'clear') return undefined;
    const job = this.asideJob('lint', uri, version, file, text, prepared.kind, prepared.config);
    return ws.platform.lintAside(job, (m) => ws.logOnce(m, m));
  }

  /** A job for the worker over a document's text (its lint, or its fix-all), with the other open documents' text. */
  asideJob(
    mode: AsideTextJob['mode'],
    uri: string,
    version: number,
    file: string,
    text: string,
    kind: Kind,
    config: Config,
  ): AsideTextJob {
    const overlays: [string, string][] = [];
    for (const d of this.ws.documents.all()) {
      const p = d.uri === uri ? undefined : this.ws.uriToPath(d.uri);
      if (p) overlays.push([p, d.getText()]);
    }
    const key = mode === 'lint' ? uri : `fixAll:${uri}`;
    return { mode, key, doc: uri, version, file, text, kind, config, overlays, top: this.ws.folderOf(file) };
  }

  /** The config and kind a text is linted with, or 'clear' when it is not linted (disabled, excluded, no kind). */
  private prepare(
    uri: string,
    file: string | undefined,
    text: string,
    s: Settings,
  ): { config: Config; kind: Kind } | 'clear' {
    // an untitled document has no folder, no config file and no siblings: defaults and settings only
    const config = file ? this.ws.configFor(file, s) : untitledConfig(s);
    if (!s.enable || (file && this.ws.excluded(file, s, config))) return 'clear';
    const kind = this.kindOf(uri, file, text);
    return kind ? { config, kind } : 'clear';
  }

  /**
   * The analysis of a text: its result (`linted`: already computed aside), or 'clear' when it is not linted
   * (disabled, excluded, no kind).
   */
  private analyse(
    uri: string,
    file: string | undefined,
    text: string,
    s: Settings,
    invalidUtf8: boolean,
    linted?: LintResult,
  ): { result: LintResult } | 'clear' {
    const { ws } = this;
    const prepared = this.prepare(uri, file, text, s);
    if (prepared === 'clear') return 'clear';
    const { config, kind } = prepared;
    let result: LintResult;
    const name = file ?? untitledName(kind);
    try {
      result = linted ?? lint(name, text, { ...this.lintOptions(config, kind), host: file ? ws.host : undefined });
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
    return { result };
  }

  /** Baselines by path, read again when their size or modification time changes. */
  private readonly baselines = new Map<string, { stamp: string; keys: Set<string> | undefined }>();

  /**
   * Findings the config's baseline holds are shown as hints marked "(baselined)": drawn in the editor where the
   * person who touches the line sees them, left out of the Problems panel so that it shows what is new.
   */
  private applyBaseline(result: LintResult, text: string, file: string, baseline: string): void {
    const stamp = this.ws.platform.stamp(baseline);
    if (stamp === undefined) return; // not fetched yet (web): the analysis runs again once it is
    let entry = this.baselines.get(baseline);
    if (!entry || entry.stamp !== stamp) {
      const r = stamp === 'missing' ? undefined : this.ws.platform.configAccess.readText(baseline, MAX_BASELINE_BYTES);
      if (stamp !== 'missing' && r === undefined) return;
      const parsed = !r ? { error: 'not found' } : 'text' in r ? parseBaseline(r.text) : { error: r.error };
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

  /** The files each linted Compose file includes (`include:`), as URIs. */
  private readonly included = new Map<string, string[]>();

  /** Is this file named by another's `include:` (and so a Compose file, whatever its name)? */
  isIncluded(uri: string): boolean {
    for (const list of this.included.values()) if (list.includes(uri)) return true;
    return false;
  }

  /**
   * The files a workspace or open Compose file includes are linted with it, as Compose files whatever their names
   * (as the CLI does): those the scan does not find by name, from disk, each time the including file is linted.
   * One level: a file reached only through an include does not bring in its own includes (no cycle can loop).
   * An include that goes away takes its file's problems with it, unless the file is linted on its own.
   */
  private followIncludes(uri: string, paths: readonly string[]): void {
    const { ws } = this;
    const root = ws.files.has(uri) || !!ws.documents.get(uri);
    const next = root ? paths.map((p) => ws.pathToUri(p)).filter((u) => u !== uri) : [];
    const prev = this.included.get(uri) ?? [];
    if (next.length) this.included.set(uri, next);
    else this.included.delete(uri);
    for (const u of prev)
      if (!next.includes(u) && !this.isIncluded(u) && !ws.files.has(u) && !ws.documents.get(u)) this.clear(u);
    // from disk each time a file on disk is linted; for an open document (linted as it is typed) when it names new ones
    const fresh = ws.documents.get(uri) ? next.filter((u) => !prev.includes(u)) : next;
    for (const u of fresh) if (!ws.files.has(u) && !ws.documents.get(u)) void this.relintFromDisk(u);
  }

  clear(uri: string): void {
    this.counts.delete(uri);
    this.ws.results.delete(uri);
    this.ws.setDependencies(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** When each open document's last lint started (the debounce's leading edge, see schedule). */
  private readonly lastRun = new Map<string, number>();

  /**
   * Lints an open document from its text at that time: at once when it has been quiet for the debounce delay (an
   * edit after a pause shows its problems without waiting), else after the delay from the last edit (typing is
   * linted once it pauses); `delay` forces one.
   */
  schedule(doc: TextDocument, delay?: number): void {
    const uri = doc.uri;
    const pending = this.timers.has(uri);
    clearTimeout(this.timers.get(uri));
    void this.settings.get(uri).then((s) => {
      clearTimeout(this.timers.get(uri));
      const quiet = !pending && Date.now() - (this.lastRun.get(uri) ?? 0) >= s.debounceMs;
      this.timers.set(
        uri,
        setTimeout(
          () => {
            this.timers.delete(uri);
            this.lastRun.set(uri, Date.now());
            const cur = this.ws.documents.get(uri);
            if (!cur) {
              this.settle();
              return;
            }
            void this.lintOpen(cur);
          },
          delay ?? (quiet ? 0 : s.debounceMs),
        ),
      );
    });
  }

  /**
   * The results of an open document's current text: linted now when they are not (just opened, or an edit still
   * in its debounce delay), so that code actions and hover never answer empty while a lint is due.
   */
  async current(uri: string): Promise<OpenResult | undefined> {
    const doc = this.ws.documents.get(uri);
    if (!doc) return undefined;
    const fresh = () => {
      const r = this.ws.results.get(uri);
      return r && r.text === doc.getText() && r.version === doc.version ? r : undefined;
    };
    const ready = fresh();
    if (ready) return ready;
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    await this.lintOpen(doc);
    return fresh();
  }

  /** Lints an open document's current text now, counted as running until its diagnostics are sent. */
  private async lintOpen(doc: TextDocument): Promise<void> {
    this.running++;
    try {
      await this.lintUri(doc.uri, doc.getText(), doc.version);
    } finally {
      this.running--;
      this.settle();
    }
  }

  cancel(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.lastRun.delete(uri);
    this.settle();
  }

  /** Open documents' lints under way (from their timer firing to their diagnostics sent). */
  private running = 0;
  private readonly idle: (() => void)[] = [];

  /** Is an open document waiting for its lint (its debounce delay running) or being linted? */
  private editsPending(): boolean {
    return this.timers.size > 0 || this.running > 0;
  }

  private settle(): void {
    if (!this.editsPending()) for (const wake of this.idle.splice(0)) wake();
  }

  /**
   * Resolves once no open document waits for its lint: the files from disk give way to what is typed. At most
   * `max` ms, so that a lint waiting for a request the client never answers cannot stop the scan.
   */
  private editsDone(max = 2000): Promise<void> {
    if (!this.editsPending()) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, max);
      this.idle.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Lints a file that is not open, from disk (bounded read); a file that cannot be read says why. */
  async relintFromDisk(uri: string): Promise<void> {
    const { ws } = this;
    if (ws.documents.get(uri)) return; // open documents are linted from the editor's text
    const file = ws.uriToPath(uri);
    if (!file) return;
    const s = await this.settings.get(uri);
    if (s.scope === 'openFiles') return;
    ws.host.forget(file);
    let max = ws.configFor(file, s).maxFileSize;
    for (let round = 0; ws.platform.missing() && round < MAX_FETCH_ROUNDS; round++) {
      await ws.platform.fetchMissing(); // the config file in force, on a web host
      max = ws.configFor(file, s).maxFileSize;
    }
    const r = await ws.platform.read(file, max);
    if (ws.documents.get(uri)) return; // opened while it was read: the editor's text wins
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

  /**
   * Re-lints files from disk in the background; stops when `stale()` says so. It lets messages in every few
   * milliseconds, and when one of them is an edit it waits until the edited document's diagnostics are sent: an
   * edit waits for at most one slice of this work, never for the rest of it.
   */
  async relintMany(uris: Iterable<string>, stale: () => boolean, progress?: (n: number) => void): Promise<void> {
    let n = 0;
    let last = Date.now();
    const { platform } = this.ws;
    const list = platform.readAhead ? [...uris] : undefined;
    for (const u of list ?? uris) {
      if (stale()) return;
      if (platform.readAhead && list && n % READ_AHEAD === 0) {
        const next = list.slice(n, n + READ_AHEAD).filter((x) => !this.ws.documents.get(x));
        platform.readAhead(next.map((x) => this.ws.uriToPath(x)).filter((p): p is string => !!p));
      }
      await this.relintFromDisk(u);
      progress?.(++n);
      if (Date.now() - last > SLICE_MS) {
        await yieldToEvents(); // let edits and requests in
        await this.editsDone();
        last = Date.now();
      }
    }
  }
}

/** How long background linting runs before it lets messages in (an edit's longest wait for it). */
const SLICE_MS = 5;

/** How many files the scan asks a requesting host (the web) for at once. */
const READ_AHEAD = 32;

/**
 * Lets queued messages (edits, requests) run: setImmediate in Node, where it runs right after them; a zero timeout
 * in a web worker, which has no setImmediate.
 */
export const yieldToEvents: () => Promise<void> =
  typeof setImmediate === 'function'
    ? () => new Promise((r) => setImmediate(r))
    : () => new Promise((r) => setTimeout(r, 0));
