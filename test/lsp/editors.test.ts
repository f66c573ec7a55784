// The language server for editors other than VS Code (issue 35): hover, settings from initializationOptions (and
// pushed with didChangeConfiguration) for a client without workspace/configuration, dynamic registration only where
// the client accepts it, and file watchers registered where the client can watch and does not watch by itself.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { Client, serverJs } from './client';

const COMPOSE = 'services:\n  a:\n    image: nginx:1.27\n    privileged: true\n';

interface Registration {
  method: string;
  registerOptions?: { watchers?: { globPattern: unknown; kind?: number }[] };
}

/** A server in a folder holding compose.yaml, initialized with these capabilities and options; what it registers. */
async function start(capabilities: object, initializationOptions?: unknown) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsl-editors-'));
  fs.writeFileSync(path.join(dir, 'compose.yaml'), COMPOSE);
  const c = new Client();
  const registered: Registration[] = [];
  c.conn.onRequest('client/registerCapability', (p: { registrations: Registration[] }) => {
    registered.push(...p.registrations);
    return null;
  });
  const folder = pathToFileURL(dir).toString();
  await c.conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: folder,
    workspaceFolders: [{ uri: folder, name: 'w' }],
    capabilities,
    ...(initializationOptions === undefined ? {} : { initializationOptions }),
  });
  void c.conn.sendNotification('initialized', {});
  const uri = pathToFileURL(path.join(dir, 'compose.yaml')).toString();
  return { c, dir, uri, registered };
}

const codes = (ds: { code?: unknown }[]) => ds.map((d) => String(d.code));

describe('language server: any LSP editor', function () {
  this.timeout(30_000);
  before(function () {
    if (!fs.existsSync(serverJs)) this.skip();
  });

  it("hover over a finding: the rule's title, why, how to fix and its page; nothing elsewhere", async () => {
    const { c, uri } = await start({ workspace: { configuration: true } });
    try {
      void c.conn.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: 'dockercompose', version: 1, text: COMPOSE },
      });
      await c.waitFor(uri, (d) => codes(d).includes('compose/privileged'), 'privileged');
      const h = (await c.conn.sendRequest('textDocument/hover', {
        textDocument: { uri },
        position: { line: 3, character: 8 },
      })) as Hover;
      const md = (h.contents as MarkupContent).value;
      assert.equal((h.contents as MarkupContent).kind, 'markdown');
      assert.match(md, /\*\*Privileged container\*\* \(`compose\/privileged`, error\)/i);
      assert.match(md, /\*\*How to fix:\*\*/);
      assert.match(md, /\(https:\/\/[^)]*docs\/rules\/compose\/privileged\.md\)/);
      assert.deepEqual(h.range?.start, { line: 3, character: 4 });
      const none = await c.conn.sendRequest('textDocument/hover', {
        textDocument: { uri },
        position: { line: 0, character: 1 },
      });
      assert.equal(none, null);
    } finally {
      await c.close();
    }
  });

  it('no workspace/configuration: settings from initializationOptions, then from didChangeConfiguration', async () => {
    const { c, uri } = await start({}, { 'docker-security-lint': { profile: 'strict' } });
    try {
      // strict reports the missing memory limit on its own (recommended folds it into compose/resource-limits)
      await c.waitFor(uri, (d) => codes(d).includes('compose/memory-limit'), 'strict from initializationOptions');
      void c.conn.sendNotification('workspace/didChangeConfiguration', {
        settings: { 'docker-security-lint': { profile: 'recommended', rules: { 'compose/privileged': 'off' } } },
      });
      await c.waitFor(
        uri,
        (d) => !codes(d).includes('compose/memory-limit') && !codes(d).includes('compose/privileged'),
        'recommended, privileged off, from didChangeConfiguration',
      );
    } finally {
      await c.close();
    }
  });

  it('registers nothing dynamically when the client cannot take it (no eglot warning)', async () => {
    const { c, uri, registered } = await start({ workspace: { configuration: true } });
    try {
      await c.waitFor(uri, (d) => codes(d).includes('compose/privileged'), 'scan');
      assert.deepEqual(registered, []);
    } finally {
      await c.close();
    }
  });

  it('a client that can: configuration changes, and watchers for the linted files and folders', async () => {
    const caps = {
      workspace: {
        configuration: true,
        didChangeConfiguration: { dynamicRegistration: true },
        didChangeWatchedFiles: { dynamicRegistration: true },
      },
    };
    const { c, uri, registered } = await start(caps);
    try {
      await c.waitFor(uri, (d) => codes(d).includes('compose/privileged'), 'scan');
      const methods = registered.map((r) => r.method);
      assert.ok(methods.includes('workspace/didChangeConfiguration'), methods.join());
      const watchers = registered.find((r) => r.method === 'workspace/didChangeWatchedFiles')?.registerOptions
        ?.watchers;
      assert.ok(watchers, 'watchers registered');
      assert.match(String(watchers[0].globPattern), /^\*\*\/\{.*compose\.yaml.*\}$/);
      assert.equal(watchers[1].globPattern, '**/*');
    } finally {
      await c.close();
    }
    // VS Code's client watches by itself and says so: no second set of watchers
    const vscode = await start(caps, { clientWatchesFiles: true });
    try {
      await vscode.c.waitFor(vscode.uri, (d) => codes(d).includes('compose/privileged'), 'scan');
      assert.ok(!vscode.registered.some((r) => r.method === 'workspace/didChangeWatchedFiles'));
    } finally {
      await vscode.c.close();
    }
  });

  it('a file changed on disk is linted again when the watcher reports it', async () => {
    const caps = { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } } };
    const { c, dir, uri } = await start(caps);
    try {
      await c.waitFor(uri, (d) => codes(d).includes('compose/privileged'), 'scan');
      fs.writeFileSync(path.join(dir, 'compose.yaml'), 'services:\n  a:\n    image: nginx:1.27\n    read_only: true\n');
      void c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
      await c.waitFor(uri, (d) => !codes(d).includes('compose/privileged'), 'the change read');
    } finally {
      await c.close();
    }
  });

  it('the scan summary counts what the Problems panel shows, in every scope (a scope change, then a scan)', async () => {
    const { c, uri } = await start({ workspace: { configuration: true } });
    const scan = () =>
      c.conn.sendRequest('workspace/executeCommand', {
        command: 'docker-security-lint.server.scanWorkspace',
        arguments: [],
      }) as Promise<{
        files: number;
        errors: number;
      }>;
    try {
      await c.waitFor(uri, (d) => codes(d).includes('compose/privileged'), 'scan');
      const all = await scan();
      assert.ok(all.files >= 1 && all.errors >= 1, JSON.stringify(all));
      c.settings = { scope: 'openFiles' };
      void c.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
      await c.waitFor(uri, (d) => d.length === 0, 'the unopened file cleared');
      const none = await scan();
      assert.deepEqual([none.files, none.errors], [0, 0], JSON.stringify(none));
      void c.conn.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: 'dockercompose', version: 1, text: COMPOSE },
      });
      await c.waitFor(uri, (d) => codes(d).includes('compose/privileged'), 'the open file');
      const open = await scan();
      assert.deepEqual([open.files, open.errors], [1, 1]);
    } finally {
      await c.close();
    }
  });

  it('a configuration change that leaves our settings as they were scans nothing again (one scan per change)', async () => {
    const { c, uri } = await start({ workspace: { configuration: true } });
    const scans: string[] = [];
    c.conn.onNotification('window/logMessage', (m: { message: string }) => {
      if (/scanned \d+ files/.test(m.message)) scans.push(m.message);
    });
    try {
      await c.waitFor(uri, (d) => codes(d).includes('compose/privileged'), 'the first scan');
      for (let i = 0; i < 50 && !scans.length; i++) await new Promise((r) => setTimeout(r, 20));
      assert.equal(scans.length, 1, 'the scan at start-up');
      // what VS Code sends at start-up and for other extensions' settings
      void c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
      void c.conn.sendNotification('workspace/didChangeConfiguration', { settings: { editor: { tabSize: 2 } } });
      await new Promise((r) => setTimeout(r, 500));
      assert.equal(scans.length, 1, scans.join('\n'));
      // a change to ours: one more scan
      c.settings = { rules: { 'compose/privileged': 'off' } };
      void c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
      await c.waitFor(uri, (d) => !codes(d).includes('compose/privileged'), 'the rule turned off');
      for (let i = 0; i < 50 && scans.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
      assert.equal(scans.length, 2, scans.join('\n'));
    } finally {
      await c.close();
    }
  });

  it("a file deleted while open in a tab: its problems go; the buffer's come back at its next edit", async () => {
    const caps = { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } } };
    const { c, dir, uri } = await start(caps);
    try {
      void c.conn.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: 'dockercompose', version: 1, text: COMPOSE },
      });
      await c.waitFor(uri, (d) => codes(d).includes('compose/privileged'), 'the open file');
      fs.rmSync(path.join(dir, 'compose.yaml'));
      void c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 3 }] });
      await c.waitFor(uri, (d) => d.length === 0, 'the deleted file cleared, its tab still open');
      void c.conn.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: 2 },
        contentChanges: [{ text: COMPOSE }],
      });
      await c.waitFor(uri, (d) => codes(d).includes('compose/privileged'), "the buffer's problems");
      // deleted and written again (an atomic save): cleared, then the open buffer is linted at once
      const seen: string[][] = [];
      c.listeners.add((p) => {
        if (p.uri === uri) seen.push(codes(p.diagnostics));
      });
      fs.writeFileSync(path.join(dir, 'compose.yaml'), COMPOSE);
      void c.conn.sendNotification('workspace/didChangeWatchedFiles', {
        changes: [
          { uri, type: 3 },
          { uri, type: 1 },
        ],
      });
      for (let i = 0; i < 100 && !(seen.length >= 2 && seen[seen.length - 1].includes('compose/privileged')); i++)
        await new Promise((r) => setTimeout(r, 20));
      assert.deepEqual(seen[0], [], 'cleared when deleted');
      assert.ok(seen[seen.length - 1].includes('compose/privileged'), JSON.stringify(seen));
    } finally {
      await c.close();
    }
  });

  it('the docs code action is offered only to a client that runs the command (VS Code says so)', async () => {
    const actionsWith = async (options?: unknown) => {
      const { c, uri } = await start({ workspace: { configuration: true } }, options);
      try {
        void c.conn.sendNotification('textDocument/didOpen', {
          textDocument: { uri, languageId: 'dockercompose', version: 1, text: COMPOSE },
        });
        const d = await c.waitFor(uri, (x) => codes(x).includes('compose/privileged'), 'privileged');
        const priv = d.filter((x) => x.code === 'compose/privileged');
        const actions = (await c.conn.sendRequest('textDocument/codeAction', {
          textDocument: { uri },
          range: priv[0].range,
          context: { diagnostics: priv },
        })) as { title: string; command?: { command: string; arguments?: unknown[] } }[];
        return actions.filter((a) => a.command?.command === 'docker-security-lint.showRuleDocs');
      } finally {
        await c.close();
      }
    };
    const offered = await actionsWith({ clientCommands: ['docker-security-lint.showRuleDocs'] });
    assert.deepEqual(
      offered.map((a) => [a.title, a.command?.arguments]),
      [['Show the documentation of compose/privileged', ['compose/privileged']]],
    );
    assert.deepEqual(await actionsWith(), []);
  });
});
