// The web language server (dist/web/server.js) run the way a browser runs it: in a context whose globals are a web
// worker's (no `process`, `require`, `Buffer` or `setImmediate`), talking LSP over `self.postMessage`/`onmessage`.
// A Node built-in used at run time would throw here; the build already refuses to import one.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { MessageChannel } from 'node:worker_threads';
import { createProtocolConnection, PortMessageReader, PortMessageWriter } from 'vscode-languageserver-protocol/node';
import type { ServerChannel } from '../lsp/client';

export const webServerJs = path.resolve(__dirname, '..', '..', '..', 'dist', 'web', 'server.js');

/** Starts the web server bundle in a worker-like sandbox; `errors` collects what it logged to console.error. */
export function startWebServer(): ServerChannel & { errors: string[]; globals(): string[] } {
  const { port1, port2 } = new MessageChannel();
  const errors: string[] = [];
  const worker: Record<string, unknown> = {
    console: {
      log: () => undefined,
      info: () => undefined,
      warn: () => undefined,
      error: (...a: unknown[]) => errors.push(a.map(String).join(' ')),
    },
    TextEncoder,
    TextDecoder,
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    queueMicrotask,
    structuredClone,
    crypto: globalThis.crypto,
    URL,
    postMessage: (m: unknown) => port1.postMessage(m),
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  };
  const before = new Set([...Object.keys(worker), 'self']);
  const ctx = vm.createContext(worker, { name: 'web worker' });
  vm.runInContext('globalThis.self = globalThis;', ctx);
  // the reader sets `self.onmessage`: deliver the page's messages to it
  port1.on('message', (data: unknown) => {
    const on = (ctx as { onmessage?: (e: { data: unknown }) => void }).onmessage;
    on?.({ data });
  });
  vm.runInContext(fs.readFileSync(webServerJs, 'utf8'), ctx, { filename: webServerJs });
  const connection = createProtocolConnection(new PortMessageReader(port2), new PortMessageWriter(port2));
  return {
    connection,
    errors,
    /** Globals the server defined on `self` (a web worker's globals are shared by everything in it). */
    globals: () => Object.keys(ctx).filter((k) => !before.has(k)),
    stop() {
      port1.close();
      port2.close();
    },
  };
}
