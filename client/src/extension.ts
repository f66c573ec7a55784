// The VS Code client: starts the language server over IPC and wires commands. It knows no rules.
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CLIENT_COMMANDS,
  COMPOSE_DOCUMENT_PATTERN,
  INTERNAL_CLIENT_COMMANDS,
  docsUrl,
  SERVER_COMMANDS,
  WATCH_GLOB,
} from '../../server/src/shared/protocol';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

/** What the extension returns from activate(): startup figures (also written to its output channel). */
export interface Api {
  startup: {
    /** activate() to the language client running (server started and initialized). */
    clientReadyMs?: number;
    /** activate() to the first problems the server published. */
    firstDiagnosticsMs?: number;
  };
}

export async function activate(context: vscode.ExtensionContext): Promise<Api> {
  const started = Date.now();
  const api: Api = { startup: {} };
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'dockerfile' },
      { scheme: 'file', language: 'dockercompose' },
      { scheme: 'file', pattern: COMPOSE_DOCUMENT_PATTERN },
      { scheme: 'untitled', language: 'dockerfile' },
      { scheme: 'untitled', language: 'dockercompose' },
    ],
    synchronize: {
      configurationSection: ['docker-security-lint', 'files.exclude'],
      fileEvents: vscode.workspace.createFileSystemWatcher(WATCH_GLOB),
    },
    diagnosticCollectionName: 'docker-security-lint',
    middleware: {
      handleDiagnostics(uri, diagnostics, next) {
        if (api.startup.firstDiagnosticsMs === undefined && diagnostics.length) {
          api.startup.firstDiagnosticsMs = Date.now() - started;
          client?.outputChannel.appendLine(
            `First problems ${api.startup.firstDiagnosticsMs} ms after activation ` +
              `(${vscode.workspace.asRelativePath(uri)}).`,
          );
        }
        next(uri, diagnostics);
      },
    },
  };
  client = new LanguageClient('docker-security-lint', 'Docker Security Lint', serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.commands.registerCommand(CLIENT_COMMANDS.scan, () =>
      client?.sendRequest('workspace/executeCommand', {
        command: SERVER_COMMANDS.scan,
        arguments: [],
      }),
    ),
    vscode.commands.registerCommand(CLIENT_COMMANDS.fixFile, async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) return;
      await client?.sendRequest('workspace/executeCommand', {
        command: SERVER_COMMANDS.fixFile,
        arguments: [editor.document.uri.toString()],
      });
    }),
    vscode.commands.registerCommand(INTERNAL_CLIENT_COMMANDS.select, async (uri: string, range: vscode.Range) => {
      const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri);
      if (!editor) return;
      const r = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
      editor.selection = new vscode.Selection(r.start, r.end);
      editor.revealRange(r);
      await vscode.window.showTextDocument(editor.document, editor.viewColumn);
    }),
    vscode.commands.registerCommand(CLIENT_COMMANDS.showDocs, async (ruleId?: string) => {
      let id = ruleId;
      if (!id) {
        const editor = vscode.window.activeTextEditor;
        const diag =
          editor &&
          vscode.languages
            .getDiagnostics(editor.document.uri)
            .find((d) => d.source === 'docker-security-lint' && d.range.contains(editor.selection.active));
        id =
          typeof diag?.code === 'object'
            ? String(diag.code.value)
            : diag?.code !== undefined
              ? String(diag.code)
              : undefined;
      }
      if (!id) {
        void vscode.window.showInformationMessage(
          'Place the cursor on a docker-security-lint problem to open its documentation.',
        );
        return;
      }
      await vscode.env.openExternal(vscode.Uri.parse(docsUrl(id)));
    }),
  );
  await client.start();
  api.startup.clientReadyMs = Date.now() - started;
  return api;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
