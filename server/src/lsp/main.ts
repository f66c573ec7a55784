// The language server as a Node program (the desktop editor's, and `docker-security-lint-server` of the npm package):
// the LSP connection over the transport on its command line, files from disk (nodePlatform.ts).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startAsideWorker } from './aside';
import { NODE_PLATFORM } from './nodePlatform';
import { startServer } from './server';

/** How an editor reaches the server: one of the transports vscode-languageserver reads from the command line. */
const TRANSPORT = /^--(stdio|node-ipc|socket=\d+|pipe=.+)$/;

// the same bundle runs as the server, or as its worker thread for large documents (aside.ts)
if (!startAsideWorker() && require.main === module) {
  if (!process.argv.slice(2).some((a) => TRANSPORT.test(a))) {
    process.stderr.write(
      'docker-security-lint-server: the language server for editors; it speaks the Language Server Protocol.\n' +
        'Usage: docker-security-lint-server --stdio | --node-ipc | --socket=PORT | --pipe=NAME\n' +
        'To lint files from a terminal, run docker-security-lint.\n',
    );
    process.exit(2);
  }
  const connection = createConnection(ProposedFeatures.all);
  process.on('uncaughtException', (e) => {
    connection.console.error(`docker-security-lint: ${e.stack ?? e.message}`);
  });
  startServer(connection, NODE_PLATFORM);
}
