// The language server: a thin adapter from LSP to the engine. It reads files, never runs them, never opens a socket
// except its own stdio/IPC channel.
import {
  compileGlob,
  defaultConfig,
  detectKind,
  docsUrl,
  fixAll,
  LineIndex,
  lint,
  matchesAny,
  MAX_LIST_ITEMS,
  mergeConfig,
  ParseCache,
  ruleById,
  suppressionFixes,
  TOOL_VERSION,
  validFixValue,
  type Config,
  type GlobMatcher,
  type LintOptions,
  type LintResult,
  type RuleSetting,
  type Severity,
  type SeveritySetting,
} from '../engine';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeAction,
  CodeActionKind,
  createConnection,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  ErrorCodes,
  FileChangeType,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  type TextEdit as LspTextEdit,
  type WorkspaceFolder,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ConfigResolver } from '../node/configFiles';
import { excludeMatchers, fsHost, isInside, isLintableName, readText, walkAsync } from '../node/files';

export const FIX_ALL_KIND = 'source.fixAll.docker-security-lint';
/** Server-side command ids. The client registers the user-facing commands and forwards to these; the language
 * client also registers every advertised server command in VS Code, so the ids must differ from the client's. */
export const COMMANDS = {
  scan: 'docker-security-lint.server.scanWorkspace',
  fixFile: 'docker-security-lint.server.fixAllInFile',
};

interface Settings {
  enable: boolean;
  scope: 'workspace' | 'openFiles';
  rules: Record<string, SeveritySetting>;
  exclude: string[];
  fixes: Partial<Config['fixes']>;
  debounceMs: number;
}
const DEFAULT_SETTINGS: Settings = {
  enable: true,
  scope: 'workspace',
  rules: {},
  exclude: [],
  fixes: {},
  debounceMs: 150,
};
const SETTING_SEVERITIES = new Set(['off', 'error', 'warning', 'info']);

/**
 * Settings as the client sent them, checked: they come from the workspace's `.vscode/settings.json` too, which a
 * repository can commit (the extension declares them restricted, but other clients may not). Values of the wrong
 * type or out of range are dropped with a message; fix values must pass the config file's checks.
 */
export function checkSettings(raw: unknown, log: (m: string) => void): Settings {
  const s = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const out: Settings = { ...DEFAULT_SETTINGS, rules: {}, exclude: [], fixes: {} };
  if (typeof s.enable === 'boolean') out.enable = s.enable;
  if (s.scope === 'workspace' || s.scope === 'openFiles') out.scope = s.scope;
  if (typeof s.debounceMs === 'number' && Number.isFinite(s.debounceMs))
    out.debounceMs = Math.min(Math.max(0, s.debounceMs), 10_000);
  if (s.rules && typeof s.rules === 'object') {
    for (const [id, sev] of Object.entries(s.rules as Record<string, unknown>).slice(0, MAX_LIST_ITEMS)) {
      if (typeof sev === 'string' && SETTING_SEVERITIES.has(sev)) out.rules[id] = sev as SeveritySetting;
    }
  }
  if (Array.isArray(s.exclude))
    out.exclude = s.exclude
      .filter((g): g is string => typeof g === 'string' && g.length <= 1000)
      .slice(0, MAX_LIST_ITEMS);
  if (s.fixes && typeof s.fixes === 'object') {
    const f = s.fixes as Record<string, unknown>;
    for (const key of ['memory', 'cpus', 'pids', 'user'] as const) {
      const v = f[key];
      if (v === undefined || v === null || v === '') continue;
      const ok = validFixValue(key, v);
      if (ok === undefined)
        log(`docker-security-lint: the setting fixes.${key} is not a valid value; the default is used`);
      else (out.fixes as Record<string, unknown>)[key] = ok;
    }
  }
  return out;
}

const SEV: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const cache = new ParseCache(64, true);
  let initialized = false;
  let folders: WorkspaceFolder[] = [];
  let hasConfigCapability = false;
  let hasProgress = false;
  let hasFolderEvents = false;
  const settingsCache = new Map<string, Promise<Settings>>();
  /** Last lint result of each open document, with the text it was computed on (for code actions). */
  const results = new Map<string, { version: number | null; text: string; result: LintResult }>();
  const timers = new Map<string, NodeJS.Timeout>();
  const workspaceFiles = new Set<string>(); // URIs found by the scan
  /** Compose files by folder (workspace and open ones), to find a file's base/override siblings quickly. */
  const composeByDir = new Map<string, Set<string>>();
  const loggedErrors = new Set<string>();
  const newResolver = () => new ConfigResolver(undefined, (dir) => folderOf(dir) ?? dir, false);
  let configResolver = newResolver();
  const globCache = new Map<string, GlobMatcher>();
  const matchers = (globs: readonly string[]) =>
    globs.map((g) => {
      let m = globCache.get(g);
      if (!m) {
        m = compileGlob(g);
        globCache.set(g, m);
      }
      return m;
    });

  const overlay = (p: string) => documents.get(pathToFileURL(p).toString())?.getText();
  const maxOf = (p: string) => {
    try {
      return configResolver.forFile(p).config.maxFileSize;
    } catch {
      return defaultConfig().maxFileSize;
    }
  };
  const host = fsHost(maxOf, overlay);

  const logOnce = (key: string, message: string) => {
    if (loggedErrors.has(key)) return;
    loggedErrors.add(key);
    connection.console.error(message);
  };

  const track = (uri: string, on: boolean) => {
    const file = uriToPath(uri);
    if (!file || detectKind(file, '', false) !== 'compose') return;
    const dir = path.dirname(file);
    let set = composeByDir.get(dir);
    if (on) {
      if (!set) composeByDir.set(dir, (set = new Set()));
      set.add(uri);
    } else if (set) {
      set.delete(uri);
      if (!set.size) composeByDir.delete(dir);
    }
  };

  /** Requests that arrive before `initialize` get the protocol's error, not an empty answer. */
  const requireInitialized = () => {
    if (!initialized) throw new ResponseError(ErrorCodes.ServerNotInitialized, 'The server has not been initialized');
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    initialized = true;
    hasConfigCapability = !!params.capabilities.workspace?.configuration;
    hasProgress = !!params.capabilities.window?.workDoneProgress;
    hasFolderEvents = !!params.capabilities.workspace?.workspaceFolders;
    folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
        codeActionProvider: {
          codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, CodeActionKind.SourceFixAll],
          resolveProvider: false,
        },
        executeCommandProvider: { commands: [COMMANDS.scan, COMMANDS.fixFile] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'docker-security-lint', version: TOOL_VERSION },
    };
  });

  connection.onInitialized(() => {
    if (hasConfigCapability)
      void connection.client.register(DidChangeConfigurationNotification.type, undefined).catch(() => undefined);
    if (hasFolderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        folders = folders.filter((f) => !e.removed.some((r) => r.uri === f.uri)).concat(e.added);
        configResolver = newResolver();
        void scanWorkspace();
      });
    }
    void scanWorkspace();
  });

  async function settingsFor(uri: string): Promise<Settings> {
    if (!hasConfigCapability) return DEFAULT_SETTINGS;
    let p = settingsCache.get(uri);
    if (!p) {
      p = connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'docker-security-lint' })
        .then((s: unknown) => checkSettings(s, (m) => logOnce(m, m)))
        .catch(() => DEFAULT_SETTINGS);
      settingsCache.set(uri, p);
    }
    return p;
  }

  /** Config files whose problems were published, so that fixing a config clears its diagnostics. */
  const publishedConfigs = new Map<string, number>();
  function publishConfigProblems(): void {
    for (const [file, problems] of configResolver.files) {
      const prev = publishedConfigs.get(file);
      if (prev === problems.length) continue; // already shown (a config that changed on disk is marked -1)
      publishedConfigs.set(file, problems.length);
      if (prev === undefined && problems.length === 0) continue; // valid and never shown: nothing to clear
      void connection.sendDiagnostics({
        uri: pathToFileURL(file).toString(),
        diagnostics: problems.map((p) => ({
          range: p.range,
          severity: DiagnosticSeverity.Error,
          source: 'docker-security-lint',
          message: `${p.message.replace(/^[^:]+:(\d+:)? /, '')} (the defaults are in force for this key)`,
        })),
      });
    }
  }

  function configFor(file: string, s: Settings): Config {
    let base: Config;
    try {
      base = configResolver.forFile(file).config;
    } catch {
      base = defaultConfig();
    }
    publishConfigProblems();
    const rules: Record<string, RuleSetting> = {};
    for (const [id, sev] of Object.entries(s.rules)) rules[id] = { severity: sev, options: {} };
    return mergeConfig(base, { rules, exclude: s.exclude, fixes: s.fixes as Config['fixes'] });
  }

  function folderOf(file: string): string | undefined {
    for (const f of folders) {
      const dir = uriToPath(f.uri);
      if (dir && isInside(file, dir)) return dir;
    }
    return undefined;
  }

  function excluded(file: string, s: Settings, config: Config): boolean {
    const root = folderOf(file);
    if (!root) return false;
    const rel = path.relative(root, file).split(path.sep).join('/');
    return matchesAny(matchers(s.exclude), rel) || matchesAny(matchers(config.exclude), rel);
  }

  /** The kind of an open document or file: by name and content, else by the editor's language. */
  function kindOf(uri: string, file: string | undefined, text: string): 'compose' | 'dockerfile' | undefined {
    const doc = documents.get(uri);
    const byName = file ? detectKind(file, text, true) : undefined;
    return (
      byName ??
      (doc?.languageId === 'dockerfile' ? 'dockerfile' : doc?.languageId === 'dockercompose' ? 'compose' : undefined)
    );
  }

  async function lintUri(uri: string, text: string, version: number | null, invalidUtf8 = false): Promise<void> {
    const file = uriToPath(uri);
    const untitled = !file && uri.startsWith('untitled:');
    if (!file && !untitled) return;
    const s = await settingsFor(uri);
    const doc = documents.get(uri);
    // lint runs synchronously from here on, so this is the one place where staleness can arise
    if (version !== null && doc?.version !== version) return; // stale (a newer version is queued) or closed meanwhile
    // a disk read that raced with the file being opened: the editor's text wins (a workspace scan can overlap
    // the first open; publishing the disk version would replace the editor's diagnostics and results)
    if (version === null && doc) return;
    // an untitled document has no folder, no config file and no siblings: defaults and settings only
    const config = file ? configFor(file, s) : untitledConfig(s);
    if (!s.enable || (file && excluded(file, s, config))) {
      results.delete(uri);
      void connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    const kind = kindOf(uri, file, text);
    if (!kind) {
      results.delete(uri);
      void connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    let result: LintResult;
    const name = file ?? untitledName(kind);
    try {
      result = lint(name, text, { ...lintOptions(config, kind), host: file ? host : undefined });
    } catch (e) {
      logOnce(
        `${name}:${String(e)}`,
        `docker-security-lint: analysis of ${name} failed: ${e instanceof Error ? e.stack : String(e)}`,
      );
      result = {
        file: name,
        kind,
        findings: [],
        problems: [
          {
            file: name,
            message: `Internal error: the analysis of this file failed (${e instanceof Error ? e.message : String(e)})`,
            range: ZERO_RANGE,
            severity: 'error',
          },
        ],
      };
    }
    if (invalidUtf8)
      result.problems.unshift({
        file: name,
        message: 'The file is not valid UTF-8: the invalid bytes were read as U+FFFD and the rest was analysed',
        range: ZERO_RANGE,
        severity: 'warning',
      });
    // only open documents need their results kept (for code actions); workspace files just publish
    if (version !== null) results.set(uri, { version, text, result });
    else results.delete(uri);
    void connection.sendDiagnostics({ uri, version: version ?? undefined, diagnostics: toDiagnostics(result, text) });
  }

  function lintOptions(config: Config, kind: 'compose' | 'dockerfile'): LintOptions {
    return {
      host,
      cache,
      config,
      kind,
      onRuleError: (id, e) =>
        logOnce(
          `${id}:${String(e)}`,
          `docker-security-lint: rule ${id} failed: ${e instanceof Error ? e.stack : String(e)}`,
        ),
    };
  }

  function toDiagnostics(result: LintResult, text: string): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const p of result.problems)
      out.push({ range: p.range, severity: SEV[p.severity], source: 'docker-security-lint', message: p.message });
    for (const f of result.findings) {
      const d: Diagnostic = {
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
        data: { start: f.start, end: f.end, length: text.length },
      };
      out.push(d);
    }
    return out;
  }

  function schedule(doc: TextDocument, delay?: number): void {
    const uri = doc.uri;
    clearTimeout(timers.get(uri));
    void settingsFor(uri).then((s) => {
      clearTimeout(timers.get(uri));
      timers.set(
        uri,
        setTimeout(() => {
          timers.delete(uri);
          const cur = documents.get(uri);
          if (cur) void lintUri(uri, cur.getText(), cur.version);
        }, delay ?? s.debounceMs),
      );
    });
  }

  /** Files whose analysis depends on this one (its base/override siblings), to re-lint together. */
  function siblings(file: string): string[] {
    const out: string[] = [];
    for (const uri of composeByDir.get(path.dirname(file)) ?? []) if (uriToPath(uri) !== file) out.push(uri);
    return out;
  }

  async function relintFromDisk(uri: string): Promise<void> {
    if (documents.get(uri)) return; // open documents are linted from the editor's text
    const file = uriToPath(uri);
    if (!file) return;
    const s = await settingsFor(uri);
    if (s.scope === 'openFiles') return;
    host.forget(file);
    const r = readText(file, configFor(file, s).maxFileSize);
    if ('error' in r) {
      results.delete(uri);
      void connection.sendDiagnostics({
        uri,
        diagnostics:
          r.reason === 'skipped'
            ? [
                {
                  range: ZERO_RANGE,
                  severity: DiagnosticSeverity.Warning,
                  source: 'docker-security-lint',
                  message: `Not analysed: ${r.error}`,
                },
              ]
            : [],
      });
      return;
    }
    await lintUri(uri, r.text, null, r.invalidUtf8);
  }

  /** Re-lints files from disk in the background, yielding between files; stops when `stale()` says so. */
  async function relintMany(
    uris: Iterable<string>,
    stale: () => boolean,
    progress?: (n: number) => void,
  ): Promise<void> {
    let n = 0;
    let last = Date.now();
    for (const u of uris) {
      if (stale()) return;
      await relintFromDisk(u);
      progress?.(++n);
      if (Date.now() - last > 10) {
        await new Promise((r) => setImmediate(r)); // let edits and requests through
        last = Date.now();
      }
    }
  }

  documents.onDidOpen((e) => {
    track(e.document.uri, true);
    schedule(e.document, 0);
  });
  documents.onDidChangeContent((e) => {
    schedule(e.document);
    const file = uriToPath(e.document.uri);
    if (file && detectKind(file, '', false) === 'compose')
      for (const u of siblings(file)) {
        const d = documents.get(u);
        if (d) schedule(d);
      }
  });
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    const file = uriToPath(e.document.uri);
    if (!workspaceFiles.has(e.document.uri)) track(e.document.uri, false);
    // keep workspace diagnostics for a file on disk; clear those of files outside the scan
    void settingsFor(e.document.uri).then((s) => {
      if (file && s.scope === 'workspace' && workspaceFiles.has(e.document.uri) && fs.existsSync(file))
        void relintFromDisk(e.document.uri);
      else {
        results.delete(e.document.uri);
        void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
      }
    });
  });

  connection.onDidChangeConfiguration(() => {
    settingsCache.clear();
    configResolver = newResolver();
    for (const f of publishedConfigs.keys()) publishedConfigs.set(f, -1);
    for (const d of documents.all()) schedule(d, 0);
    void scanWorkspace();
  });

  /** File events are handled in batches: a checkout or `rm -rf` sends thousands at once. */
  let pendingChanges: { uri: string; type: FileChangeType }[] = [];
  let draining: Promise<void> | undefined;
  connection.onDidChangeWatchedFiles((e) => {
    for (const ch of e.changes) pendingChanges.push(ch);
    if (!draining)
      draining = drainChanges().finally(() => {
        draining = undefined;
      });
  });

  async function drainChanges(): Promise<void> {
    while (pendingChanges.length) {
      const batch = pendingChanges;
      pendingChanges = [];
      const relint = new Set<string>();
      const reopen = new Set<string>();
      let configChanged = false;
      for (const ch of batch) {
        const file = uriToPath(ch.uri);
        if (!file) continue;
        const name = path.basename(file);
        if (/^\.docker-security-lint\.ya?ml$/.test(name)) {
          configChanged = true;
          if (ch.type === FileChangeType.Deleted) {
            publishedConfigs.delete(file);
            void connection.sendDiagnostics({ uri: ch.uri, diagnostics: [] });
          } else publishedConfigs.set(file, -1); // force a re-publish (valid now: clears; invalid: new problems)
          continue;
        }
        host.forget(file);
        cache.delete(file);
        if (ch.type === FileChangeType.Deleted) {
          workspaceFiles.delete(ch.uri);
          relint.delete(ch.uri);
          if (!documents.get(ch.uri)) {
            track(ch.uri, false);
            results.delete(ch.uri);
            void connection.sendDiagnostics({ uri: ch.uri, diagnostics: [] });
          }
        } else if (isLintableName(name)) {
          workspaceFiles.add(ch.uri);
          track(ch.uri, true);
          relint.add(ch.uri);
        }
        for (const u of siblings(file)) {
          if (documents.get(u)) reopen.add(u);
          else relint.add(u);
        }
      }
      if (configChanged) {
        configResolver = newResolver();
        for (const d of documents.all()) schedule(d, 0);
        for (const u of workspaceFiles) relint.add(u);
      }
      for (const u of reopen) {
        const d = documents.get(u);
        if (d) schedule(d, 0);
      }
      await relintMany(relint, () => false);
    }
  }

  /** Each scan has a generation; a newer one (settings changed, folders changed, a scan command) stops it. */
  let generation = 0;
  let scanning: Promise<void> = Promise.resolve();
  function scanWorkspace(): Promise<void> {
    const mine = ++generation;
    const run = scanning.then(() => (mine === generation ? doScan(() => mine !== generation) : undefined));
    scanning = run.catch((e: unknown) =>
      logOnce(
        `scan:${String(e)}`,
        `docker-security-lint: the workspace scan failed: ${e instanceof Error ? e.stack : String(e)}`,
      ),
    );
    return scanning;
  }

  async function doScan(stale: () => boolean): Promise<void> {
    const found: string[] = [];
    for (const f of folders) {
      const dir = uriToPath(f.uri);
      if (!dir) continue;
      const s = await settingsFor(f.uri);
      if (!s.enable || s.scope === 'openFiles') continue;
      let filesExclude: string[] = [];
      try {
        const fe = hasConfigCapability
          ? ((await connection.workspace.getConfiguration({ scopeUri: f.uri, section: 'files.exclude' })) as Record<
              string,
              boolean
            > | null)
          : null;
        filesExclude = Object.entries(fe ?? {})
          .filter(([, v]) => v === true)
          .map(([k]) => k);
      } catch {
        filesExclude = []; // a client that does not answer for files.exclude: nothing is excluded by it
      }
      const config = configFor(path.join(dir, '.'), s);
      const issues: { path: string; message: string }[] = [];
      const files = await walkAsync(
        dir,
        excludeMatchers([...filesExclude, ...s.exclude, ...config.exclude]),
        issues,
        stale,
        dir,
      );
      if (!files) return;
      for (const p of files) found.push(p);
      for (const i of issues) connection.console.info(`docker-security-lint: ${i.path}: ${i.message}`);
    }
    if (stale()) return;
    const before = new Set(workspaceFiles);
    workspaceFiles.clear();
    for (const p of found) {
      const u = pathToFileURL(p).toString();
      workspaceFiles.add(u);
      track(u, true);
    }
    for (const u of before)
      if (!workspaceFiles.has(u) && !documents.get(u)) {
        track(u, false);
        void connection.sendDiagnostics({ uri: u, diagnostics: [] });
      }
    const progress =
      hasProgress && found.length > 20
        ? await connection.window.createWorkDoneProgress().catch(() => undefined)
        : undefined;
    progress?.begin('Docker security lint', 0, `Scanning ${found.length} files`, false);
    await relintMany([...workspaceFiles], stale, (n) => {
      if (n % 25 === 0) progress?.report(Math.round((100 * n) / found.length), `${n}/${found.length}`);
    });
    progress?.done();
  }

  connection.onCodeAction(async (params) => {
    requireInitialized();
    const uri = params.textDocument.uri;
    const doc = documents.get(uri);
    const entry = results.get(uri);
    if (!doc || !entry || entry.text !== doc.getText()) return [];
    const only = params.context.only;
    const wantsFixAll = only?.some(
      (k) => k === FIX_ALL_KIND || k === CodeActionKind.SourceFixAll || k === CodeActionKind.Source,
    );
    const actions: CodeAction[] = [];
    if (wantsFixAll) {
      const a = await fixAllAction(uri, doc);
      return a ? [a] : [];
    }
    if (only && !only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(k))) return [];
    const index = new LineIndex(doc.getText());
    const toLsp = (e: { start: number; end: number; newText: string }): LspTextEdit => ({
      range: index.range(e.start, e.end),
      newText: e.newText,
    });
    const wanted = entry.result.findings.filter((f) =>
      params.context.diagnostics.some(
        (d) =>
          d.code === f.ruleId &&
          d.range.start.line === f.range.start.line &&
          d.range.start.character === f.range.start.character,
      ),
    );
    for (const f of wanted) {
      const diag = params.context.diagnostics.find(
        (d) =>
          d.code === f.ruleId &&
          d.range.start.line === f.range.start.line &&
          d.range.start.character === f.range.start.character,
      );
      for (const fix of [...(f.fixes ?? [])].sort((a, b) => Number(b.safe) - Number(a.safe))) {
        actions.push({
          title: fix.title + (fix.safe ? '' : ' (review: changes behaviour)'),
          kind: CodeActionKind.QuickFix,
          diagnostics: diag ? [diag] : undefined,
          isPreferred: fix.safe,
          edit: { changes: { [uri]: fix.edits.map(toLsp) } },
        });
      }
      for (const sup of suppressionFixes(entry.result.kind, index, f)) {
        actions.push({
          title: sup.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: diag ? [diag] : undefined,
          edit: { changes: { [uri]: sup.edits.map(toLsp) } },
        });
      }
    }
    const all = wanted.length ? await fixAllAction(uri, doc) : undefined;
    if (all)
      actions.push({
        ...all,
        kind: CodeActionKind.QuickFix,
        title: 'Fix all safe docker-security-lint problems in this file',
      });
    return actions;
  });

  /** Fix-all with the same settings as the diagnostics (a rule turned off in settings gets no fixes either). */
  async function fixAllAction(uri: string, doc: TextDocument): Promise<CodeAction | undefined> {
    const entry = results.get(uri);
    const kind =
      entry?.result.kind === 'compose' || entry?.result.kind === 'dockerfile' ? entry.result.kind : undefined;
    if (!entry || !kind) return undefined;
    const file = uriToPath(uri);
    const s = await settingsFor(uri);
    const config = file ? configFor(file, s) : untitledConfig(s);
    const text = doc.getText();
    const fixed = fixAll(
      file ?? untitledName(kind),
      text,
      { ...lintOptions(config, kind), host: file ? host : undefined },
      entry.text === text ? entry.result : undefined,
    );
    if (fixed.text === text) return undefined;
    return {
      title: 'Fix all safe docker-security-lint problems',
      kind: FIX_ALL_KIND,
      edit: { changes: { [uri]: [minimalEdit(text, fixed.text)] } },
    };
  }

  connection.onExecuteCommand(async (p) => {
    requireInitialized();
    if (p.command === COMMANDS.scan) {
      await scanWorkspace();
      return { files: workspaceFiles.size };
    }
    if (p.command === COMMANDS.fixFile) {
      const uri = String(p.arguments?.[0] ?? '');
      const doc = documents.get(uri);
      const a = doc && (await fixAllAction(uri, doc));
      if (a?.edit) await connection.workspace.applyEdit(a.edit);
      return { applied: !!a };
    }
    return undefined;
  });

  documents.listen(connection);
  connection.listen();
}

const ZERO_RANGE = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** The name an untitled document is linted under (its kind comes from the editor's language). */
function untitledName(kind: 'compose' | 'dockerfile'): string {
  return path.join(path.sep, 'untitled', kind === 'compose' ? 'compose.yaml' : 'Dockerfile');
}

/** An untitled document has no folder and no config file: the defaults and the settings. */
function untitledConfig(s: Settings): Config {
  const rules: Record<string, RuleSetting> = {};
  for (const [id, sev] of Object.entries(s.rules)) rules[id] = { severity: sev, options: {} };
  return mergeConfig(defaultConfig(), { rules, fixes: s.fixes as Config['fixes'] });
}

/** One edit covering only the changed middle of the text. */
export function minimalEdit(a: string, b: string): LspTextEdit {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const ia = new LineIndex(a);
  return { range: ia.range(pre, a.length - suf), newText: b.slice(pre, b.length - suf) };
}

function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

if (require.main === module) {
  const connection = createConnection(ProposedFeatures.all);
  process.on('uncaughtException', (e) => {
    connection.console.error(`docker-security-lint: ${e.stack ?? e.message}`);
  });
  startServer(connection);
}
