// The VS Code client on the desktop: starts the language server (a Node process) over IPC. Everything else is
// shared with the web client (common.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { activateClient, deactivateClient, type Api } from './common';

export { scanSummary, type Api } from './common';

export function activate(context: vscode.ExtensionContext): Promise<Api> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  return activateClient(context, {
    schemes: ['file'],
    create: (options) => new LanguageClient('docker-security-lint', 'Docker Security Lint', serverOptions, options),
    docs: (id) => bundledDocs(context, id),
  });
}

/** The rule's documentation shipped in the extension (docs/rules/<id>.md), if it is there. */
function bundledDocs(context: vscode.ExtensionContext, ruleId: string): vscode.Uri | undefined {
  if (!/^[a-z]+\/[a-z0-9-]+$/.test(ruleId)) return undefined;
  const p = context.asAbsolutePath(path.join('docs', 'rules', ...ruleId.split('/'))) + '.md';
  return fs.existsSync(p) ? vscode.Uri.file(p) : undefined;
}

export function deactivate(): Promise<void> {
  return deactivateClient();
}
