// The VS Code client on the web (vscode.dev, github.dev; package.json `browser`): starts the language server in a
// web worker and answers its file requests through the editor's file system (files.ts). Everything else is shared
// with the desktop client (common.ts).
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { activateClient, deactivateClient, type Api } from './common';
import { answerFileRequests } from './files';

/** What the language client takes as the server: a Worker (its type comes from the DOM's types, absent here). */
type ServerWorker = Exclude<ConstructorParameters<typeof LanguageClient>[2], () => unknown>;

// globals of the web worker the extension runs in (this project compiles without the DOM's types)
declare const Worker: new (url: string) => ServerWorker;
declare const Blob: new (parts: Uint8Array[], options: { type: string }) => unknown;
declare const URL: { createObjectURL(blob: unknown): string };

/**
 * The worker that runs the server. From vscode.dev's or github.dev's extension host its URL is an https URL and
 * loads as it is; an extension served by a VS Code server (vscode-remote:) cannot start a worker from its URL (the
 * extension host refuses), so the script is read through the editor's file system and started from a blob URL.
 */
async function serverWorker(serverMain: vscode.Uri): Promise<ServerWorker> {
  if (serverMain.scheme !== 'vscode-remote') return new Worker(serverMain.toString(true));
  const script = await vscode.workspace.fs.readFile(serverMain);
  return new Worker(URL.createObjectURL(new Blob([script], { type: 'text/javascript' })));
}

export function activate(context: vscode.ExtensionContext): Promise<Api> {
  const serverMain = vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'server.js');
  // the documents of every file system the workspace is on (github.dev: vscode-vfs), and of local files
  const schemes = new Set(['file', ...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.scheme)]);
  return activateClient(context, {
    schemes: [...schemes],
    create: async (options) =>
      // (id, name, the server's worker, client options): this version takes the worker before the options
      new LanguageClient('docker-security-lint', 'Docker Security Lint', await serverWorker(serverMain), options),
    // the docs ship in the extension (docs/rules/<id>.md); the id is checked before it becomes a path
    docs: (id) => {
      if (!/^[a-z]+\/[a-z0-9-]+$/.test(id)) return undefined;
      const [group, name] = id.split('/');
      return vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules', group, `${name}.md`);
    },
    beforeStart: (client) => context.subscriptions.push(...answerFileRequests(client)),
  });
}

export function deactivate(): Promise<void> {
  return deactivateClient();
}
