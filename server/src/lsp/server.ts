// The language server: a thin adapter from LSP to the engine. It reads files, never runs them, never opens a socket
// except its own stdio/IPC channel. The pieces, each with its own state:
//   settings.ts     editor settings, asked per resource and checked
//   workspace.ts    folders, open documents, files found, config files in force, the file host
//   diagnostics.ts  linting documents and files, publishing diagnostics
//   scan.ts         the workspace scan and the file events that keep it current
//   actions.ts      code actions (quick fixes, suppressions, fix-all) and commands
import {
  CodeActionKind,
  CompletionItemKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  WatchKind,
  ErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { configCompletions, detectKind, LineIndex, TOOL_VERSION } from '../engine';
import { FIX_ALL_KIND, FOLDER_WATCH_GLOB, SERVER_COMMANDS, WATCH_GLOB } from '../shared/protocol';
import { hoverAt } from './hover';
import { Actions } from './actions';
import { Diagnostics } from './diagnostics';
import { Scanner } from './scan';
import { SettingsStore } from './settings';
import type { Platform } from './platform';
import { isConfigFile, Workspace } from './workspace';

export function startServer(connection: Connection, platform: Platform): void {
  const ws = new Workspace(connection, platform);
  const settings = new SettingsStore(connection, (m) => ws.logOnce(m, m));
  const diagnostics = new Diagnostics(connection, ws, settings);
  const scanner = new Scanner(connection, ws, settings, diagnostics);
  const actions = new Actions(connection, ws, settings, diagnostics, scanner);
  const { documents } = ws;
  let initialized = false;
  let folderEvents = false;
  let configRegistration = false;
  let fileWatchers = false;

  /** Requests that arrive before `initialize` get the protocol's error, not an empty answer. */
  const requireInitialized = () => {
    if (!initialized) throw new ResponseError(ErrorCodes.ServerNotInitialized, 'The server has not been initialized');
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    initialized = true;
    const caps = params.capabilities;
    settings.supported = scanner.configurationSupported = !!caps.workspace?.configuration;
    settings.give(params.initializationOptions);
    // only where the client says it accepts them (eglot warns on every start otherwise)
    configRegistration = !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
    const options = params.initializationOptions as
      { clientWatchesFiles?: unknown; clientCommands?: unknown } | undefined;
    if (Array.isArray(options?.clientCommands))
      actions.clientCommands = new Set(options.clientCommands.filter((c): c is string => typeof c === 'string'));
    fileWatchers = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration && options?.clientWatchesFiles !== true;
    scanner.progressSupported = !!params.capabilities.window?.workDoneProgress;
    const watched = caps.workspace?.didChangeWatchedFiles;
    scanner.scriptWatchSupported = !!watched?.dynamicRegistration && !!watched.relativePatternSupport;
    folderEvents = !!caps.workspace?.workspaceFolders;
    ws.folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
        codeActionProvider: {
          codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, CodeActionKind.SourceFixAll],
          resolveProvider: false,
        },
        executeCommandProvider: { commands: [SERVER_COMMANDS.scan, SERVER_COMMANDS.fixFile] },
        completionProvider: { triggerCharacters: [':', ' '] },
        hoverProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'docker-security-lint', version: TOOL_VERSION },
    };
  });

  connection.onInitialized(() => {
    connection.console.info(
      `docker-security-lint ${TOOL_VERSION} (${platform.name}); workspace folders: ` +
        `${ws.folders.map((f) => ws.uriToPath(f.uri) ?? f.uri).join(', ') || 'none'}`,
    );
    if (configRegistration)
      void connection.client.register(DidChangeConfigurationNotification.type, undefined).catch(() => undefined);
    // the files the scan lints and what they read, and folders (one event for a deleted tree): VS Code's client
    // watches them itself (it says so); another editor is asked to, where it can be (else: see the README's
    // editor set-up, unopened files are read again at the next scan)
    if (fileWatchers)
      void connection.client
        .register(DidChangeWatchedFilesNotification.type, {
          watchers: [
            { globPattern: WATCH_GLOB },
            { globPattern: FOLDER_WATCH_GLOB, kind: WatchKind.Create | WatchKind.Delete },
          ],
        })
        .catch(() => undefined);
    if (folderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        ws.folders = ws.folders.filter((f) => !e.removed.some((r) => r.uri === f.uri)).concat(e.added);
        ws.resetConfigs(false); // the config search stops at the folders
        void scanner.scan();
      });
    }
    void settingsKey().then((k) => (lastSettings ??= k));
    void scanner.scan();
  });

  documents.onDidOpen((e) => {
    ws.track(e.document.uri, true);
    diagnostics.schedule(e.document, 0);
  });
  documents.onDidChangeContent((e) => {
    diagnostics.schedule(e.document);
    const file = ws.uriToPath(e.document.uri);
    if (file && detectKind(file, '', false) === 'compose')
      for (const u of ws.siblings(file)) {
        const d = documents.get(u);
        if (d) diagnostics.schedule(d);
      }
  });
  documents.onDidClose((e) => {
    const uri = e.document.uri;
    diagnostics.cancel(uri);
    const file = ws.uriToPath(uri);
    if (file && isConfigFile(file)) {
      ws.configChanged(file); // the saved version's problems are published again (the editor's are dropped)
      diagnostics.clear(uri);
      return;
    }
    if (!ws.files.has(uri)) ws.track(uri, false);
    // keep workspace diagnostics for a file on disk; clear those of files outside the scan
    void settings.get(uri).then(async (s) => {
      if (file && s.scope === 'workspace' && ws.files.has(uri) && (await platform.stat(file)) === 'file')
        void diagnostics.relintFromDisk(uri);
      else diagnostics.clear(uri);
    });
  });

  // what the folders' settings were at the last scan (ours and files.exclude): VS Code sends a configuration change
  // at start-up and for changes to any extension's settings; only a change to ours lints again
  let lastSettings: string | undefined;
  const settingsKey = async () =>
    JSON.stringify(
      await Promise.all(ws.folders.map(async (f) => [await settings.get(f.uri), await scanner.filesExclude(f.uri)])),
    );
  connection.onDidChangeConfiguration(async (p) => {
    if (!settings.supported) settings.give(p.settings);
    settings.clear();
    const key = await settingsKey();
    if (key === lastSettings) return;
    lastSettings = key;
    ws.resetConfigs(true);
    for (const d of documents.all()) diagnostics.schedule(d, 0);
    void scanner.scan();
  });
  connection.onDidChangeWatchedFiles((e) => scanner.onFileEvents(e.changes));

  connection.onHover((p) => {
    requireInitialized();
    return hoverAt(ws, diagnostics, p.textDocument.uri, p.position);
  });
  connection.onCodeAction((params) => {
    requireInitialized();
    return actions.codeActions(params);
  });
  // completion in the config file (the only documents it is offered for)
  connection.onCompletion((p) => {
    requireInitialized();
    const file = ws.uriToPath(p.textDocument.uri);
    const doc = documents.get(p.textDocument.uri);
    if (!doc || !file || !isConfigFile(file)) return [];
    return configCompletions(new LineIndex(doc.getText()), p.position.line, p.position.character).map((c) => ({
      label: c.label,
      kind: c.kind === 'key' ? CompletionItemKind.Property : CompletionItemKind.EnumMember,
      detail: c.detail,
      insertText: c.kind === 'key' ? `${c.label}: ` : c.label,
    }));
  });
  connection.onExecuteCommand((p) => {
    requireInitialized();
    return actions.executeCommand(p);
  });

  documents.listen(connection);
  connection.listen();
}
