// The VS Code client on the web (vscode.dev, github.dev; package.json `browser`): starts the language server in a
// web worker and answers its file requests through the editor's file system (files.ts). Everything else is shared
// with the desktop client (common.ts).
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { activateClient, deactivateClient, type Api } from './common';
import { answerFileRequests } from './files';

// a global of the web worker the extension runs in (this project compiles without the DOM's types)
declare const Worker: new (url: string) => ConstructorParameters<typeof LanguageClient>[3];

export function activate(context: vscode.ExtensionContext): Promise<Api> {
  const serverMain = vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'server.js');
  // the documents of every file system the workspace is on (github.dev: vscode-vfs), and of local files
  const schemes = new Set(['file', ...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.scheme)]);
  return activateClient(context, {
    schemes: [...schemes],
    create: (options) =>
      new LanguageClient(
        'docker-security-lint',
        'Docker Security Lint',
        options,
        new Worker(serverMain.toString(true)),
      ),
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
