// The language server in a web worker (the extension on vscode.dev and github.dev): the LSP connection over the
// worker's messages, files through the client (web/platform.ts). The same server as on the desktop otherwise.
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { startServer } from '../lsp/server';
import { webPlatform } from './platform';

declare const self: ConstructorParameters<typeof BrowserMessageReader>[0];

const connection = createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self));
startServer(connection, webPlatform(connection));
