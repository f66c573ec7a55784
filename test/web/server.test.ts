// The web language server on a virtual file system: what works on disk works where the files are only reachable
// through the editor (github.dev's vscode-vfs:, a memfs: an extension registers). The client side of the file
// requests is played here by an in-memory file system that answers them as client/src/files.ts does.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { CodeAction, Diagnostic, InitializeResult } from 'vscode-languageserver-protocol';
import { pathToUri, uriToPath } from '../../server/src/web/platform';
import { FILE_REQUESTS } from '../../server/src/shared/protocol';
import { applyLspEdits, Client, messageText } from '../lsp/client';
import { startWebServer, webServerJs } from './sandbox';

const ROOT = 'vscode-vfs://github/octo/repo';
const u = (rel: string) => `${ROOT}/${rel}`;
const codes = (d: Diagnostic[]) => d.map((x) => String(x.code));

/** The editor's file system, as the web client exposes it to the server. */
class MemFs {
  readonly files = new Map<string, string>();
  readonly asked: string[] = [];
  /** Files the file system reports as symbolic links. */
  readonly links = new Set<string>();
  /** How many files each read request asked for. */
  readonly batches: number[] = [];
  write(rel: string, text: string): string {
    this.files.set(u(rel), text);
    return u(rel);
  }
  isFolder(uri: string): boolean {
    const prefix = uri.endsWith('/') ? uri : `${uri}/`;
    return [...this.files.keys()].some((k) => k.startsWith(prefix));
  }
  serve(c: Client): void {
    c.conn.onRequest(FILE_REQUESTS.read, (p: { files: { uri: string; maxBytes: number }[] }) =>
      (this.batches.push(p.files.length), p.files).map(({ uri, maxBytes }) => {
        this.asked.push(uri);
        const text = this.files.get(uri);
        if (text === undefined)
          return this.isFolder(uri)
            ? { error: 'not a regular file; not read', reason: 'skipped' }
            : { error: 'no such file', reason: 'missing' };
        if (Buffer.byteLength(text) > maxBytes)
          return { error: `larger than ${maxBytes} bytes (maxFileSize); not analysed`, reason: 'skipped' };
        return { text, bom: false, invalidUtf8: false, ...(this.links.has(uri) ? { link: true } : {}) };
      }),
    );
    c.conn.onRequest(FILE_REQUESTS.list, (p: { uris: string[] }) =>
      p.uris.map((dir) => {
        if (!this.isFolder(dir)) return null;
        const names = new Map<string, boolean>();
        for (const k of this.files.keys()) {
          if (!k.startsWith(`${dir}/`)) continue;
          const [first, ...rest] = k.slice(dir.length + 1).split('/');
          names.set(first, rest.length > 0);
        }
        return [...names].map(([name, dir]) => ({ name, dir }));
      }),
    );
    c.conn.onRequest(FILE_REQUESTS.find, (p: { folder: string }) =>
      [...this.files.keys()].filter((k) => k.startsWith(`${p.folder}/`)),
    );
    c.conn.onRequest(FILE_REQUESTS.stat, (p: { uri: string }) =>
      this.files.has(p.uri) ? 'file' : this.isFolder(p.uri) ? 'folder' : null,
    );
  }
}

describe('web: URIs as the engine’s paths', () => {
  it('maps any file system’s URI to a path and back, encoding as VS Code does', () => {
    for (const uri of [
      'vscode-vfs://github/octo/repo/compose.yaml',
      'memfs:/ws/a%20b/Dockerfile',
      'vscode-remote://127.0.0.1:8080/tmp/ws/compose.override.yaml',
      'file:///home/me/x/compose.yaml',
      // github.dev: the authority carries the branch, hex-encoded JSON after a '+'
      'vscode-vfs://github%2B7b2276223a312c22726566223a7b2274797065223a342c226964223a226d61696e227d7d/octo/repo/compose.yaml',
      'vscode-vfs://github/octo/repo/d%C3%A9mo/compose.yaml',
    ]) {
      const p = uriToPath(uri)!;
      assert.ok(p.startsWith('/'), p);
      assert.equal(pathToUri(p), uri);
    }
    assert.equal(
      uriToPath('vscode-vfs://github/octo/repo/a/../b/Dockerfile'),
      '/vscode-vfs:github/octo/repo/b/Dockerfile',
    );
    assert.equal(uriToPath('untitled:Untitled-1'), undefined);
    // two file systems never share a folder: `..` out of one cannot reach the other
    assert.notEqual(uriToPath('memfs:/ws/x')!.split('/')[1], uriToPath('vscode-vfs://github/ws/x')!.split('/')[1]);
  });
});

describe('web: the language server in a web worker, on a virtual file system', function () {
  let c: Client;
  let mem: MemFs;
  let sandbox: ReturnType<typeof startWebServer>;
  let init: InitializeResult;

  before(async function () {
    if (!fs.existsSync(webServerJs)) this.skip();
    mem = new MemFs();
    mem.write('compose.yaml', 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n');
    mem.write('node_modules/m/compose.yaml', 'services:\n  a:\n    privileged: true\n');
    mem.write('ovr/compose.yaml', 'services:\n  api:\n    image: x:1\n    privileged: true\n');
    mem.write('ovr/compose.override.yaml', 'services:\n  api:\n    privileged: !reset null\n    pid: host\n');
    mem.write(
      'ext/compose.yaml',
      'services:\n  app:\n    extends:\n      file: ../common/base.yml\n      service: base\n    image: app:1\n',
    );
    mem.write('common/base.yml', 'services:\n  base:\n    cap_add: [SYS_ADMIN]\n');
    mem.write('env/compose.yaml', 'services:\n  s:\n    image: x:1\n    network_mode: ${NET:-bridge}\n');
    mem.write('env/.env', 'NET=host\n');
    mem.write('build/compose.yaml', 'services:\n  b:\n    build: .\n    user: "10001"\n');
    mem.write('build/Dockerfile', 'FROM alpine:3.20\nCMD ["sh"]\n');
    mem.write('quiet/.docker-security-lint.yaml', 'rules:\n  compose/privileged: off\n');
    mem.write('quiet/compose.yaml', 'services:\n  q:\n    image: x:1\n    privileged: true\n');
    mem.links.add(mem.write('linked/.docker-security-lint.yaml', 'rules:\n  compose/privileged: off\n'));
    mem.write('linked/compose.yaml', 'services:\n  q:\n    image: x:1\n    privileged: true\n');
    mem.write('big/compose.yaml', `services:\n  a:\n    image: x:1\n${'# pad\n'.repeat(400_000)}`);
    mem.write('inc/compose.yaml', 'include:\n  - infra/db.yml\nservices:\n  a:\n    image: x:1\n');
    mem.write('inc/infra/db.yml', 'services:\n  db:\n    image: postgres:16\n    privileged: true\n');
    mem.write('svc/Dockerfile', 'FROM alpine:3.20\nEXPOSE 22\nUSER 1000\n');
    sandbox = startWebServer();
    c = new Client(sandbox);
    mem.serve(c);
    init = (await c.conn.sendRequest('initialize', {
      processId: null,
      rootUri: ROOT,
      workspaceFolders: [{ uri: ROOT, name: 'repo' }],
      capabilities: {
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } },
        textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true } },
      },
    })) as InitializeResult;
    void c.conn.sendNotification('initialized', {});
  });
  after(async () => {
    await c?.close();
  });

  it('starts with web globals only, and defines none of its own', () => {
    assert.equal(init.serverInfo?.name, 'docker-security-lint');
    assert.deepEqual(sandbox.globals(), ['onmessage']);
  });

  it('the workspace scan lints unopened files (node_modules skipped)', async () => {
    const d = await c.waitFor(u('compose.yaml'), (x) => codes(x).includes('compose/privileged'), 'scan');
    assert.deepEqual(d.find((x) => x.code === 'compose/privileged')!.range.start, { line: 3, character: 4 });
    assert.ok(!c.diags.has(u('node_modules/m/compose.yaml')));
    // the scan asks for the files it lints in one request, not one request per file
    assert.ok(Math.max(...mem.batches) >= 10, JSON.stringify(mem.batches));
  });

  it('an override file is merged onto its base', async () => {
    await c.waitFor(u('ovr/compose.override.yaml'), (x) => codes(x).includes('compose/host-pid'), 'override');
    const d = await c.waitFor(u('ovr/compose.yaml'), (x) => x.length > 0, 'base');
    assert.ok(!codes(d).includes('compose/privileged'), 'the override resets privileged');
  });

  it('extends.file is read, and the finding points at its origin', async () => {
    const d = await c.waitFor(u('ext/compose.yaml'), (x) => codes(x).includes('compose/cap-add'), 'extends');
    const related = d.find((x) => x.code === 'compose/cap-add')!.relatedInformation ?? [];
    assert.ok(
      related.some((r) => r.location.uri === u('common/base.yml')),
      JSON.stringify(related.map((r) => r.location.uri)),
    );
  });

  it('include: the included file is linted as a Compose file, whatever its name', async () => {
    await c.waitFor(u('inc/infra/db.yml'), (x) => codes(x).includes('compose/privileged'), 'the included file');
  });

  it('.env is read for interpolation', async () => {
    await c.waitFor(u('env/compose.yaml'), (x) => codes(x).includes('compose/host-network'), '.env');
  });

  it('the Dockerfile behind build: is read', async () => {
    await c.waitFor(
      u('build/Dockerfile'),
      (x) => x.some((d) => d.code === 'dockerfile/missing-user' && d.severity === 3),
      'the Dockerfile with the user its Compose file sets (info)',
    );
  });

  it('a config file in force turns a rule off', async () => {
    await c.waitFor(u('compose.yaml'), (x) => x.length > 0, 'scan done');
    await c.waitFor(
      u('quiet/compose.yaml'),
      (x) => !codes(x).includes('compose/privileged') && codes(x).includes('compose/resource-limits'),
      'linted under its config',
    );
  });

  it('a config file the file system reports as a link is not read, and says so', async () => {
    await c.waitFor(u('linked/compose.yaml'), (x) => codes(x).includes('compose/privileged'), 'defaults in force');
    const d = await c.waitFor(u('linked/.docker-security-lint.yaml'), (x) => x.length > 0, 'the refusal');
    assert.match(messageText(d[0]), /is a link; not read/);
  });

  it('reads stay bounded: a file over maxFileSize is not analysed', async () => {
    const d = await c.waitFor(u('big/compose.yaml'), (x) => x.length > 0, 'big file');
    assert.match(messageText(d[0]), /^Not analysed: larger than \d+ bytes/);
  });

  it('an open document: quick fix, suppression and fix-all', async () => {
    const uri = u('svc/Dockerfile');
    const text = 'FROM alpine:3.20\nEXPOSE 22\nUSER 1000\n';
    void c.conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'dockerfile', version: 1, text },
    });
    const d = await c.waitFor(uri, (_x, p) => p.version === 1, 'open document');
    assert.deepEqual(codes(d), ['dockerfile/expose-ssh']);
    const actions = (await c.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: d[0].range,
      context: { diagnostics: d, only: ['quickfix'] },
    })) as CodeAction[];
    const fix = actions.find((a) => a.title === 'Remove port 22 from EXPOSE')!;
    assert.equal(applyLspEdits(text, fix.edit!.changes![uri]), 'FROM alpine:3.20\nUSER 1000\n');
    const sup = actions.find((a) => a.title === 'Ignore dockerfile/expose-ssh on this line')!;
    const suppressed = applyLspEdits(text, sup.edit!.changes![uri]).replace('<why this is acceptable>', 'lab box');
    void c.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: suppressed }],
    });
    assert.deepEqual(codes(await c.waitFor(uri, (_x, p) => p.version === 2, 'suppressed')), []);
    const unsafe = 'FROM alpine:3.20\nADD a.py /a/\nUSER root\nRUN sudo id\nRUN curl -k https://x -o /y\n';
    void c.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 3 },
      contentChanges: [{ text: unsafe }],
    });
    await c.waitFor(uri, (_x, p) => p.version === 3, 'version 3');
    const all = (await c.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.docker-security-lint'] },
    })) as CodeAction[];
    assert.equal(
      applyLspEdits(unsafe, all[0].edit!.changes![uri]),
      'FROM alpine:3.20\nCOPY a.py /a/\nUSER root\nRUN id\nRUN curl -k https://x -o /y\n',
      'curl -k (unsafe) stays',
    );
  });

  it('an open override file is merged from the editor’s text, and its base follows it', async () => {
    const over = u('ovr/compose.override.yaml');
    void c.conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri: over, languageId: 'dockercompose', version: 1, text: 'services:\n  api:\n    ipc: host\n' },
    });
    // the base's privileged is no longer reset: it is reported again, and the editor's override is merged
    await c.waitFor(over, (_x, p) => p.version === 1, 'override open');
    const base = u('ovr/compose.yaml');
    void c.conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri: base, languageId: 'dockercompose', version: 1, text: mem.files.get(base)! },
    });
    const d = await c.waitFor(base, (_x, p) => p.version === 1, 'base open');
    assert.ok(codes(d).includes('compose/privileged'), codes(d).join());
    const o = await c.waitFor(over, (x) => codes(x).includes('compose/host-ipc'), 'override linted');
    assert.ok(!codes(o).includes('compose/host-pid'));
  });

  it('file events: a changed .env is fetched again', async () => {
    mem.write('env/.env', 'NET=bridge\n');
    void c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: u('env/.env'), type: 2 }] });
    await c.waitFor(u('env/compose.yaml'), (x) => !codes(x).includes('compose/host-network'), '.env changed');
  });

  it('a created folder is found, a deleted one is cleared', async () => {
    const nu = mem.write('new/sub/compose.yaml', 'services:\n  n:\n    image: x:1\n    pid: host\n');
    void c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: u('new'), type: 1 }] });
    await c.waitFor(nu, (x) => codes(x).includes('compose/host-pid'), 'new folder linted');
    mem.files.delete(nu);
    void c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: u('new'), type: 3 }] });
    await c.waitFor(nu, (x) => x.length === 0, 'deleted folder cleared');
  });

  it('logs no error', () => {
    assert.deepEqual([...sandbox.errors, ...c.logErrors], []);
  });
});
