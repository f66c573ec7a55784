// The language server: a thin adapter from LSP to the engine. It reads files, never runs them, never opens a socket
// except its own stdio/IPC channel.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeAction, CodeActionKind, createConnection, DiagnosticSeverity, DidChangeConfigurationNotification, FileChangeType,
  ProposedFeatures, TextDocuments, TextDocumentSyncKind, type Connection, type Diagnostic, type InitializeParams, type InitializeResult,
  type TextEdit as LspTextEdit, type WorkspaceFolder,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { detectKind, lint, ParseCache, type LintOptions } from '../engine/lint';
import { fixAll } from '../engine/fixes/fixAll';
import { suppressionFixes } from '../engine/config/suppress';
import { defaultConfig, mergeConfig, type Config, type RuleSetting } from '../engine/config/config';
import { docsUrl } from '../engine/rules/rule';
import { ruleById } from '../engine/rules/index';
import { LineIndex, globToRegExp } from '../engine/text';
import type { LintResult, Severity, SeveritySetting } from '../engine/types';
import { ConfigResolver } from '../cli/configFiles';
import { excludeMatchers, fsHost, isLintableName, readText, walk } from '../cli/files';

export const FIX_ALL_KIND = 'source.fixAll.docker-security-lint';
/** Server-side command ids. The client registers the user-facing commands and forwards to these; the language
 * client also registers every advertised server command in VS Code, so the ids must differ from the client's. */
export const COMMANDS = { scan: 'docker-security-lint.server.scanWorkspace', fixFile: 'docker-security-lint.server.fixAllInFile' };

interface Settings {
  enable: boolean;
  scope: 'workspace' | 'openFiles';
  rules: Record<string, SeveritySetting>;
  exclude: string[];
  fixes: Partial<Config['fixes']>;
  debounceMs: number;
}
const DEFAULT_SETTINGS: Settings = { enable: true, scope: 'workspace', rules: {}, exclude: [], fixes: {}, debounceMs: 150 };

const SEV: Record<Severity, DiagnosticSeverity> = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information };

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const cache = new ParseCache(64, true);
  let folders: WorkspaceFolder[] = [];
  let hasConfigCapability = false;
  let hasProgress = false;
  let hasFolderEvents = false;
  const settingsCache = new Map<string, Promise<Settings>>();
  /** Last lint result of each open document, with the text it was computed on (for code actions). */
  const results = new Map<string, { version: number | null; text: string; result: LintResult }>();
  const timers = new Map<string, NodeJS.Timeout>();
  const workspaceFiles = new Set<string>(); // URIs found by the scan
  const loggedErrors = new Set<string>();
  let configResolver = new ConfigResolver(undefined, undefined, false);

  const overlay = (p: string) => documents.get(pathToFileURL(p).toString())?.getText();
  const host = fsHost(8 * 1024 * 1024, overlay);

  const logOnce = (key: string, message: string) => {
    if (loggedErrors.has(key)) return;
    loggedErrors.add(key);
    connection.console.error(message);
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    hasConfigCapability = !!params.capabilities.workspace?.configuration;
    hasProgress = !!params.capabilities.window?.workDoneProgress;
    hasFolderEvents = !!params.capabilities.workspace?.workspaceFolders;
    folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, CodeActionKind.SourceFixAll], resolveProvider: false },
        executeCommandProvider: { commands: [COMMANDS.scan, COMMANDS.fixFile] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'docker-security-lint', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (hasConfigCapability) void connection.client.register(DidChangeConfigurationNotification.type, undefined).catch(() => undefined);
    if (hasFolderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        folders = folders.filter((f) => !e.removed.some((r) => r.uri === f.uri)).concat(e.added);
        void scanWorkspace();
      });
    }
    void scanWorkspace();
  });

  async function settingsFor(uri: string): Promise<Settings> {
    if (!hasConfigCapability) return DEFAULT_SETTINGS;
    let p = settingsCache.get(uri);
    if (!p) {
      p = connection.workspace.getConfiguration({ scopeUri: uri, section: 'docker-security-lint' })
        .then((s: Partial<Settings> | null) => ({ ...DEFAULT_SETTINGS, ...(s ?? {}) }))
        .catch(() => DEFAULT_SETTINGS);
      settingsCache.set(uri, p);
    }
    return p as Promise<Settings>;
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
          range: p.range, severity: DiagnosticSeverity.Error, source: 'docker-security-lint',
          message: `${p.message.replace(/^[^:]+:\d+: /, '')} (the defaults are in force for this key)`,
        })),
      });
    }
  }

  function configFor(file: string, s: Settings): Config {
    let base: Config;
    try { base = configResolver.forFile(file).config; } catch { base = defaultConfig(); }
    publishConfigProblems();
    const rules: Record<string, RuleSetting> = {};
    for (const [id, sev] of Object.entries(s.rules ?? {})) if (typeof sev === 'string') rules[id] = { severity: sev, options: {} };
    const fixes = Object.fromEntries(Object.entries(s.fixes ?? {}).filter(([, v]) => v !== undefined && v !== null && v !== '')) as Partial<Config['fixes']>;
    return mergeConfig(base, { rules, exclude: s.exclude ?? [], fixes: fixes as Config['fixes'] });
  }

  function folderOf(file: string): string | undefined {
    for (const f of folders) {
      const dir = uriToPath(f.uri);
      if (dir && (file === dir || file.startsWith(dir + path.sep))) return dir;
    }
    return undefined;
  }

  function excluded(file: string, s: Settings, config: Config): boolean {
    const root = folderOf(file);
    if (!root) return false;
    const rel = path.relative(root, file).split(path.sep).join('/');
    return [...s.exclude, ...config.exclude].some((g) => globToRegExp(g).test(rel));
  }

  async function lintUri(uri: string, text: string, version: number | null): Promise<void> {
    const file = uriToPath(uri);
    if (!file) return;
    const s = await settingsFor(uri);
    const doc = documents.get(uri);
    // lint runs synchronously from here on, so this is the one place where staleness can arise
    if (version !== null && doc?.version !== version) return; // stale (a newer version is queued) or closed meanwhile
    // a disk read that raced with the file being opened: the editor's text wins (a workspace scan can overlap
    // the first open; publishing the disk version would replace the editor's diagnostics and results)
    if (version === null && doc) return;
    const config = configFor(file, s);
    if (!s.enable || excluded(file, s, config)) { results.delete(uri); void connection.sendDiagnostics({ uri, diagnostics: [] }); return; }
    const kind = detectKind(file, text, true) ?? (doc?.languageId === 'dockerfile' ? 'dockerfile' : doc?.languageId === 'dockercompose' ? 'compose' : undefined);
    if (!kind) { results.delete(uri); void connection.sendDiagnostics({ uri, diagnostics: [] }); return; }
    let result: LintResult;
    try {
      result = lint(file, text, lintOptions(config, kind));
    } catch (e) {
      logOnce(`${file}:${String(e)}`, `docker-security-lint: analysis of ${file} failed: ${e instanceof Error ? e.stack : String(e)}`);
      return;
    }
    // only open documents need their results kept (for code actions); workspace files just publish
    if (version !== null) results.set(uri, { version, text, result }); else results.delete(uri);
    void connection.sendDiagnostics({ uri, version: version ?? undefined, diagnostics: toDiagnostics(result, text) });
  }

  function lintOptions(config: Config, kind: 'compose' | 'dockerfile'): LintOptions {
    return {
      host, cache, config, kind,
      onRuleError: (id, e) => logOnce(`${id}:${String(e)}`, `docker-security-lint: rule ${id} failed: ${e instanceof Error ? e.stack : String(e)}`),
    };
  }

  function toDiagnostics(result: LintResult, text: string): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const p of result.problems) out.push({ range: p.range, severity: SEV[p.severity], source: 'docker-security-lint', message: p.message });
    for (const f of result.findings) {
      const d: Diagnostic = {
        range: f.range, severity: SEV[f.severity], source: 'docker-security-lint', message: f.message, code: f.ruleId,
        codeDescription: ruleById.has(f.ruleId) ? { href: docsUrl(f.ruleId) } : undefined,
        relatedInformation: f.related?.map((r) => ({ location: { uri: pathToFileURL(r.file).toString(), range: r.range }, message: r.message })),
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
      timers.set(uri, setTimeout(() => {
        timers.delete(uri);
        const cur = documents.get(uri);
        if (cur) void lintUri(uri, cur.getText(), cur.version);
      }, delay ?? s.debounceMs));
    });
  }

  /** Files whose analysis depends on this one (its base/override siblings), to re-lint together. */
  function siblings(file: string): string[] {
    const dir = path.dirname(file);
    const out: string[] = [];
    for (const uri of new Set([...results.keys(), ...workspaceFiles])) {
      const p = uriToPath(uri);
      if (p && p !== file && path.dirname(p) === dir && detectKind(p, '', false) === 'compose') out.push(uri);
    }
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
      void connection.sendDiagnostics({ uri, diagnostics: fs.existsSync(file) ? [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Information, source: 'docker-security-lint', message: `Skipped: ${r.error}` }] : [] });
      return;
    }
    await lintUri(uri, r.text, null);
  }

  documents.onDidOpen((e) => schedule(e.document, 0));
  documents.onDidChangeContent((e) => {
    schedule(e.document);
    const file = uriToPath(e.document.uri);
    if (file && detectKind(file, '', false) === 'compose') for (const u of siblings(file)) { const d = documents.get(u); if (d) schedule(d); }
  });
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    const file = uriToPath(e.document.uri);
    // keep workspace diagnostics for a file on disk; clear those of files outside the scan
    void settingsFor(e.document.uri).then((s) => {
      if (file && s.scope === 'workspace' && workspaceFiles.has(e.document.uri) && fs.existsSync(file)) void relintFromDisk(e.document.uri);
      else { results.delete(e.document.uri); void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] }); }
    });
  });

  connection.onDidChangeConfiguration(() => {
    settingsCache.clear();
    configResolver = new ConfigResolver(undefined, undefined, false);
    for (const f of publishedConfigs.keys()) publishedConfigs.set(f, -1);
    void scanWorkspace();
    for (const d of documents.all()) schedule(d, 0);
  });

  connection.onDidChangeWatchedFiles(async (e) => {
    for (const ch of e.changes) {
      const file = uriToPath(ch.uri);
      if (!file) continue;
      const name = path.basename(file);
      if (/^\.docker-security-lint\.ya?ml$/.test(name)) {
        configResolver = new ConfigResolver(undefined, undefined, false);
        if (ch.type === FileChangeType.Deleted) { publishedConfigs.delete(file); void connection.sendDiagnostics({ uri: ch.uri, diagnostics: [] }); }
        else publishedConfigs.set(file, -1); // force a re-publish (valid now: clears; invalid: new problems)
        for (const d of documents.all()) schedule(d, 0);
        for (const u of workspaceFiles) await relintFromDisk(u);
        continue;
      }
      host.forget(file);
      cache.delete(file);
      if (ch.type === FileChangeType.Deleted) {
        workspaceFiles.delete(ch.uri);
        if (!documents.get(ch.uri)) { results.delete(ch.uri); void connection.sendDiagnostics({ uri: ch.uri, diagnostics: [] }); }
      } else if (isLintableName(name)) {
        workspaceFiles.add(ch.uri);
        await relintFromDisk(ch.uri);
      }
      for (const u of siblings(file)) { const d = documents.get(u); if (d) schedule(d, 0); else await relintFromDisk(u); }
    }
  });

  let scanning: Promise<void> | undefined;
  async function scanWorkspace(): Promise<void> {
    if (scanning) await scanning;
    scanning = doScan().finally(() => { scanning = undefined; });
    return scanning;
  }

  async function doScan(): Promise<void> {
    const found: string[] = [];
    for (const f of folders) {
      const dir = uriToPath(f.uri);
      if (!dir) continue;
      const s = await settingsFor(f.uri);
      if (!s.enable || s.scope === 'openFiles') continue;
      let filesExclude: string[] = [];
      try {
        const fe = hasConfigCapability ? await connection.workspace.getConfiguration({ scopeUri: f.uri, section: 'files.exclude' }) as Record<string, boolean> | null : null;
        filesExclude = Object.entries(fe ?? {}).filter(([, v]) => v === true).map(([k]) => k);
      } catch { filesExclude = []; }
      const config = configFor(path.join(dir, '.'), s);
      const issues: { path: string; message: string }[] = [];
      for (const p of walk(dir, excludeMatchers([...filesExclude, ...s.exclude, ...config.exclude]), issues, dir)) found.push(p);
      for (const i of issues) connection.console.info(`docker-security-lint: ${i.path}: ${i.message}`);
    }
    const before = new Set(workspaceFiles);
    workspaceFiles.clear();
    for (const p of found) workspaceFiles.add(pathToFileURL(p).toString());
    for (const u of before) if (!workspaceFiles.has(u) && !documents.get(u)) void connection.sendDiagnostics({ uri: u, diagnostics: [] });
    const progress = hasProgress && found.length > 20 ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    progress?.begin('Docker security lint', 0, `Scanning ${found.length} files`, false);
    let n = 0;
    for (const u of workspaceFiles) {
      await relintFromDisk(u);
      if (++n % 25 === 0) {
        progress?.report(Math.round((100 * n) / found.length), `${n}/${found.length}`);
        await new Promise((r) => setImmediate(r)); // let edits and requests through during a large scan
      }
    }
    progress?.done();
  }

  connection.onCodeAction(async (params) => {
    const uri = params.textDocument.uri;
    const doc = documents.get(uri);
    const entry = results.get(uri);
    if (!doc || !entry || entry.text !== doc.getText()) return [];
    const only = params.context.only;
    const wantsFixAll = only?.some((k) => k === FIX_ALL_KIND || k === CodeActionKind.SourceFixAll || k === CodeActionKind.Source);
    const actions: CodeAction[] = [];
    if (wantsFixAll) {
      const a = await fixAllAction(uri, doc);
      return a ? [a] : [];
    }
    if (only && !only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(k))) return [];
    const index = new LineIndex(doc.getText());
    const toLsp = (e: { start: number; end: number; newText: string }): LspTextEdit => ({ range: index.range(e.start, e.end), newText: e.newText });
    const wanted = entry.result.findings.filter((f) => params.context.diagnostics.some((d) => d.code === f.ruleId && d.range.start.line === f.range.start.line && d.range.start.character === f.range.start.character));
    for (const f of wanted) {
      const diag = params.context.diagnostics.find((d) => d.code === f.ruleId && d.range.start.line === f.range.start.line && d.range.start.character === f.range.start.character);
      for (const fix of [...(f.fixes ?? [])].sort((a, b) => Number(b.safe) - Number(a.safe))) {
        actions.push({ title: fix.title + (fix.safe ? '' : ' (review: changes behaviour)'), kind: CodeActionKind.QuickFix, diagnostics: diag ? [diag] : undefined, isPreferred: fix.safe, edit: { changes: { [uri]: fix.edits.map(toLsp) } } });
      }
      for (const sup of suppressionFixes(entry.result.kind, index, f)) {
        actions.push({ title: sup.title, kind: CodeActionKind.QuickFix, diagnostics: diag ? [diag] : undefined, edit: { changes: { [uri]: sup.edits.map(toLsp) } } });
      }
    }
    const all = wanted.length ? await fixAllAction(uri, doc) : undefined;
    if (all) actions.push({ ...all, kind: CodeActionKind.QuickFix, title: 'Fix all safe docker-security-lint problems in this file' });
    return actions;
  });

  /** Fix-all with the same settings as the diagnostics (a rule turned off in settings gets no fixes either). */
  async function fixAllAction(uri: string, doc: TextDocument): Promise<CodeAction | undefined> {
    const file = uriToPath(uri);
    const entry = results.get(uri);
    if (!file || !entry) return undefined;
    const config = configFor(file, await settingsFor(uri));
    const kind = entry.result.kind === 'compose' || entry.result.kind === 'dockerfile' ? entry.result.kind : undefined;
    if (!kind) return undefined;
    const text = doc.getText();
    const fixed = fixAll(file, text, lintOptions(config, kind), entry.text === text ? entry.result : undefined);
    if (fixed.text === text) return undefined;
    return { title: 'Fix all safe docker-security-lint problems', kind: FIX_ALL_KIND, edit: { changes: { [uri]: [minimalEdit(text, fixed.text)] } } };
  }

  connection.onExecuteCommand(async (p) => {
    if (p.command === COMMANDS.scan) { await scanWorkspace(); return { files: workspaceFiles.size }; }
    if (p.command === COMMANDS.fixFile) {
      const uri = String(p.arguments?.[0] ?? '');
      const doc = documents.get(uri);
      const a = doc && await fixAllAction(uri, doc);
      if (a?.edit) await connection.workspace.applyEdit(a.edit);
      return { applied: !!a };
    }
    return undefined;
  });

  documents.listen(connection);
  connection.listen();
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
  try { return fileURLToPath(uri); } catch { return undefined; }
}

if (require.main === module) {
  const connection = createConnection(ProposedFeatures.all);
  process.on('uncaughtException', (e) => { connection.console.error(`docker-security-lint: ${e.stack ?? e.message}`); });
  startServer(connection);
}
