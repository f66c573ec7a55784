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
  ErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { configCompletions, detectKind, LineIndex, TOOL_VERSION } from '../engine';
import { FIX_ALL_KIND, SERVER_COMMANDS } from '../shared/protocol';
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

  /** Requests that arrive before `initialize` get the protocol's error, not an empty answer. */
  const requireInitialized = () => {
    if (!initialized) throw new ResponseError(ErrorCodes.ServerNotInitialized, 'The server has not been initialized');
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    initialized = true;
    settings.supported = scanner.configurationSupported = !!params.capabilities.workspace?.configuration;
    scanner.progressSupported = !!params.capabilities.window?.workDoneProgress;
    const watched = params.capabilities.workspace?.didChangeWatchedFiles;
    scanner.scriptWatchSupported = !!watched?.dynamicRegistration && !!watched.relativePatternSupport;
    folderEvents = !!params.capabilities.workspace?.workspaceFolders;
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
    if (settings.supported)
      void connection.client.register(DidChangeConfigurationNotification.type, undefined).catch(() => undefined);
    if (folderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        ws.folders = ws.folders.filter((f) => !e.removed.some((r) => r.uri === f.uri)).concat(e.added);
        ws.resetConfigs(false); // the config search stops at the folders
        void scanner.scan();
      });
    }
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

  connection.onDidChangeConfiguration(() => {
    settings.clear();
    ws.resetConfigs(true);
    for (const d of documents.all()) diagnostics.schedule(d, 0);
    void scanner.scan();
  });
  connection.onDidChangeWatchedFiles((e) => scanner.onFileEvents(e.changes));

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
