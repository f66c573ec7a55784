// A JSON-RPC client that drives the language server over stdio (shared by the LSP and hostile-input suites).
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type Diagnostic,
  type PublishDiagnosticsParams,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';

/** The built server (DSL_SERVER_JS runs the suites against another build, e.g. an older one). */
export const serverJs = process.env.DSL_SERVER_JS ?? path.resolve(__dirname, '..', '..', '..', 'dist', 'server.js');

export function applyLspEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const off = (l: number, c: number) => lines.slice(0, l).reduce((n, x) => n + x.length + 1, 0) + c;
  const sorted = [...edits].sort(
    (a, b) => off(b.range.start.line, b.range.start.character) - off(a.range.start.line, a.range.start.character),
  );
  let out = text;
  for (const e of sorted)
    out =
      out.slice(0, off(e.range.start.line, e.range.start.character)) +
      e.newText +
      out.slice(off(e.range.end.line, e.range.end.character));
  return out;
}

/** A server started some other way (the web server in a sandbox): its connection, and how to stop it. */
export interface ServerChannel {
  connection: ProtocolConnection;
  stop(): void;
}

export class Client {
  proc: ChildProcess | undefined;
  conn: ProtocolConnection;
  diags = new Map<string, PublishDiagnosticsParams>();
  waiters: (() => void)[] = [];
  /** Called with every diagnostics notification, in the order they arrive. */
  readonly listeners = new Set<(p: PublishDiagnosticsParams) => void>();
  stderr = '';
  /** What the server logged as errors (window/logMessage of type Error). */
  logErrors: string[] = [];
  settings: Record<string, unknown> = {};

  private readonly channel: ServerChannel | undefined;

  /** `command`: the server's command line (default: the built server over stdio), or a channel to a server. */
  constructor(command: string[] | ServerChannel = [process.execPath, serverJs, '--stdio']) {
    if (Array.isArray(command)) {
      const proc = spawn(command[0], command.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] });
      this.proc = proc;
      proc.stderr.on('data', (d) => {
        this.stderr += String(d);
      });
      this.conn = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
    } else {
      this.channel = command;
      this.conn = command.connection;
    }
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.diags.set(p.uri, p);
      for (const l of this.listeners) l(p);
      for (const w of this.waiters.splice(0)) w();
    });
    this.conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
      p.items.map((i) => (i.section === 'docker-security-lint' ? this.settings : null)),
    );
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onNotification('window/logMessage', (m: { type: number; message: string }) => {
      if (m.type === 1) this.logErrors.push(m.message);
      if (process.env.DSL_TEST_LOG) console.log(`[server] ${m.message}`);
    });
    this.conn.onNotification('$/progress', () => undefined);
    this.conn.listen();
  }

  /** Initializes the server on one workspace folder (configuration asked of this client), then `initialized`. */
  async initializeIn(dir: string): Promise<unknown> {
    const uri = pathToFileURL(dir).toString();
    const r = await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uri,
      workspaceFolders: [{ uri, name: 'w' }],
      capabilities: { workspace: { configuration: true } },
    });
    void this.conn.sendNotification('initialized', {});
    return r;
  }

  async waitFor(
    uri: string,
    pred: (d: Diagnostic[], p: PublishDiagnosticsParams) => boolean,
    what: string,
    ms = 10_000,
  ): Promise<Diagnostic[]> {
    const deadline = Date.now() + ms;
    for (;;) {
      const p = this.diags.get(uri);
      if (p && pred(p.diagnostics, p)) return p.diagnostics;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `timed out waiting for ${what} on ${uri}; last: ` +
            `${JSON.stringify(p?.diagnostics.map((d) => d.code))}\n${this.stderr}`,
        );
      await new Promise<void>((res) => {
        const t = setTimeout(res, left);
        this.waiters.push(() => {
          clearTimeout(t);
          res();
        });
      });
    }
  }

  async close(): Promise<void> {
    try {
      await this.conn.sendRequest('shutdown');
      void this.conn.sendNotification('exit');
    } catch {
      /* already gone */
    }
    this.conn.dispose();
    this.proc?.kill();
    this.channel?.stop();
  }
}

/** A diagnostic's message as text (the protocol allows markup content too). */
export function messageText(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : (d.message as { value: string }).value;
}
