// The language server end to end over stdio, driven by a real JSON-RPC client.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, CodeAction, InitializeResult } from 'vscode-languageserver-protocol/node';

import { lint } from '../../server/src/engine/lint';
import type { Range } from '../../server/src/engine/types';

import { applyLspEdits, Client, messageText, serverJs } from './client';
import { runInProcess } from '../hostile/harness';

const codes = (d: Diagnostic[]) => d.map((x) => String(x.code));
const PRIV_TEXT = 'services:\n  a:\n    image: x:1\n    privileged: true\n';

describe('language server over stdio', function () {
  this.timeout(60_000);
  let dir: string;
  let c: Client;
  let init: InitializeResult;
  const uri = (rel: string) => pathToFileURL(path.join(dir, rel)).toString();

  before(async function () {
    if (!fs.existsSync(serverJs)) this.skip();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsl-lsp-'));
    fs.writeFileSync(path.join(dir, 'compose.yaml'), 'services:\n  a:\n    image: x:1\n    privileged: true\n');
    fs.mkdirSync(path.join(dir, 'node_modules', 'm'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'node_modules', 'm', 'compose.yaml'), 'services:\n  a:\n    privileged: true\n');
    fs.mkdirSync(path.join(dir, 'svc'));
    fs.writeFileSync(path.join(dir, 'svc', 'Dockerfile'), 'FROM alpine:3.20\nUSER 1000\n');
    c = new Client();
    init = (await c.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(dir).toString(),
      workspaceFolders: [{ uri: pathToFileURL(dir).toString(), name: 'w' }],
      capabilities: {
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } },
        window: { workDoneProgress: true },
        textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true } },
      },
    })) as InitializeResult;
    void c.conn.sendNotification('initialized', {});
  });
  after(async () => {
    await c?.close();
  });

  it('initialize: incremental sync, quick fixes and fix-all', () => {
    const caps = init.capabilities;
    assert.equal((caps.textDocumentSync as { change: number }).change, 2);
    const kinds = (caps.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds;
    assert.ok(kinds.includes('quickfix') && kinds.includes('source.fixAll.docker-security-lint'));
  });

  it('unopened workspace files get diagnostics (node_modules skipped)', async () => {
    const d = await c.waitFor(
      uri('compose.yaml'),
      (x) => codes(x).includes('compose/privileged'),
      'workspace diagnostics',
    );
    const priv = d.find((x) => x.code === 'compose/privileged')!;
    assert.equal(priv.source, 'docker-security-lint');
    assert.match(priv.codeDescription!.href, /docs\/rules\/compose\/privileged\.md$/);
    assert.deepEqual(priv.range, { start: { line: 3, character: 4 }, end: { line: 3, character: 20 } });
    assert.ok(!c.diags.has(uri('node_modules/m/compose.yaml')));
  });

  it('diagnostics on open and after incremental edits, for the latest version', async () => {
    const u = uri('svc/Dockerfile');
    const text = 'FROM alpine:3.20\nUSER 1000\n';
    void c.conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri: u, languageId: 'dockerfile', version: 1, text },
    });
    await c.waitFor(u, (_d, p) => p.version === 1, 'diagnostics for version 1');
    for (let v = 2; v <= 6; v++) {
      void c.conn.sendNotification('textDocument/didChange', {
        textDocument: { uri: u, version: v },
        contentChanges: [
          {
            range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } },
            text: v === 6 ? 'EXPOSE 22\n' : '',
          },
        ],
      });
    }
    const d = await c.waitFor(u, (_x, p) => p.version === 6, 'diagnostics for version 6');
    assert.deepEqual(codes(d), ['dockerfile/expose-ssh']);
    assert.deepEqual(d[0].range.start, { line: 1, character: 7 });
  });

  it('typing in a large compose file: each version gets the diagnostics a fresh lint of its text gives', async () => {
    // the server re-parses only the services an edit touches; its diagnostics must not tell
    const rel = 'typing/compose.yaml';
    fs.mkdirSync(path.join(dir, 'typing'), { recursive: true });
    let text =
      'x-base: &base\n  read_only: true\n\nservices:\n' +
      Array.from(
        { length: 40 },
        (_, i) => `  s${i}:\n    <<: *base\n    image: "nginx:1.${i}"\n    ports:\n      - "${8000 + i}:80"\n`,
      ).join('') +
      'volumes: {}\n';
    fs.writeFileSync(path.join(dir, rel), text);
    const u = uri(rel);
    void c.conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri: u, languageId: 'dockercompose', version: 1, text },
    });
    await c.waitFor(u, (_d, p) => p.version === 1, 'diagnostics for version 1');
    const line = (n: number) => text.split('\n').slice(0, n).join('\n').length + (n ? 1 : 0);
    const at = (needle: string) => {
      const o = text.indexOf(needle);
      const l = text.slice(0, o).split('\n').length - 1;
      return { line: l, character: o - line(l) };
    };
    const edits: [string, string][] = [
      ['  s20:\n', '  s20:x\n'], // a syntax error in one service
      ['  s20:x\n', '  s20:\n'], // and fixed
      ['    image: "nginx:1.7"\n', '    image: "nginx:1.7"\n    privileged: true\n'],
      ['  read_only: true\n', '  read_only: true\n  pid: host\n'], // the anchor outside the services block
      ['    image: "nginx:1.39"\n', '    image: "nginx:1.39\n'], // an unterminated quote in the last service
    ];
    let v = 1;
    for (const [from, to] of edits) {
      const start = at(from);
      const lines = from.split('\n');
      const end = {
        line: start.line + lines.length - 1,
        character: (lines.length > 1 ? 0 : start.character) + lines[lines.length - 1].length,
      };
      text = text.replace(from, to);
      v++;
      void c.conn.sendNotification('textDocument/didChange', {
        textDocument: { uri: u, version: v },
        contentChanges: [{ range: { start, end }, text: to }],
      });
      const got = await c.waitFor(u, (_d, p) => p.version === v, `diagnostics for version ${v}`);
      const want = lint(path.join(dir, rel), text);
      const key = (id: unknown, r: Range, message: unknown) =>
        `${String(id)} ${r.start.line}:${r.start.character} ${String(message)}`;
      assert.deepEqual(
        got.map((d) => key(d.code, d.range, d.message)).sort(),
        [
          ...want.problems.map((p) => key(undefined, p.range, p.message)),
          ...want.findings.map((f) => key(f.ruleId, f.range, f.message)),
        ].sort(),
        `version ${v}`,
      );
    }
    const last = c.diags.get(u)!.diagnostics;
    assert.ok(
      last.some((d) => /YAML syntax error/.test(messageText(d))),
      'the unterminated quote is reported',
    );
  });

  it('quick fixes and suppressions as code actions; applying one clears the finding', async () => {
    const u = uri('svc/Dockerfile');
    const text = 'FROM alpine:3.20\nEXPOSE 22\nUSER 1000\n';
    const d = await c.waitFor(u, (x) => codes(x).includes('dockerfile/expose-ssh'), 'expose finding');
    const actions = (await c.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri: u },
      range: d[0].range,
      context: { diagnostics: d, only: ['quickfix'] },
    })) as CodeAction[];
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Remove port 22 from EXPOSE'), titles.join(', '));
    assert.ok(
      titles.includes('Ignore dockerfile/expose-ssh on this line') &&
        titles.includes('Ignore dockerfile/expose-ssh in this file'),
    );
    // a suppression writes a placeholder reason (which counts as none), then the client selects it
    const sup = actions.find((a) => a.title === 'Ignore dockerfile/expose-ssh on this line')!;
    const suppressed = applyLspEdits(text, sup.edit!.changes![u]);
    assert.equal(
      suppressed,
      'FROM alpine:3.20\n# docker-security-lint ignore=dockerfile/expose-ssh -- <why this is acceptable>\nEXPOSE 22\nUSER 1000\n',
    );
    assert.equal(sup.command?.command, 'docker-security-lint.selectRange');
    assert.deepEqual(sup.command?.arguments, [
      u,
      { start: { line: 1, character: 55 }, end: { line: 1, character: 79 } },
    ]);
    const fix = actions.find((a) => a.title === 'Remove port 22 from EXPOSE')!;
    assert.equal(fix.isPreferred, true);
    const next = applyLspEdits(text, fix.edit!.changes![u]);
    assert.equal(next, 'FROM alpine:3.20\nUSER 1000\n');
    void c.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: u, version: 7 },
      contentChanges: [{ text: next }],
    });
    const after = await c.waitFor(u, (_x, p) => p.version === 7, 'diagnostics after the fix');
    assert.deepEqual(codes(after), []);
  });

  it('source.fixAll applies only safe fixes', async () => {
    const u = uri('svc/Dockerfile');
    const text = 'FROM alpine:3.20\nADD a.py /a/\nUSER root\nRUN sudo id\nRUN curl -k https://x -o /y\n';
    void c.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: u, version: 8 },
      contentChanges: [{ text }],
    });
    await c.waitFor(u, (_x, p) => p.version === 8, 'version 8');
    const actions = (await c.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri: u },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.docker-security-lint'] },
    })) as CodeAction[];
    assert.equal(actions.length, 1);
    const out = applyLspEdits(text, actions[0].edit!.changes![u]);
    assert.equal(
      out,
      'FROM alpine:3.20\nCOPY a.py /a/\nUSER root\nRUN id\nRUN curl -k https://x -o /y\n',
      'curl -k (unsafe) stays',
    );
  });

  it('source.fixAll follows the settings: a rule turned off gets no fix', async () => {
    const u = uri('svc/Dockerfile');
    c.settings = { rules: { 'dockerfile/add-instead-of-copy': 'off' } };
    void c.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await c.waitFor(
      u,
      (x) => !codes(x).includes('dockerfile/add-instead-of-copy') && codes(x).includes('dockerfile/sudo'),
      'rule off',
    );
    const text = 'FROM alpine:3.20\nADD a.py /a/\nUSER root\nRUN sudo id\nRUN curl -k https://x -o /y\n';
    const actions = (await c.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri: u },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.docker-security-lint'] },
    })) as CodeAction[];
    assert.equal(
      applyLspEdits(text, actions[0].edit!.changes![u]),
      'FROM alpine:3.20\nADD a.py /a/\nUSER root\nRUN id\nRUN curl -k https://x -o /y\n',
    );
    c.settings = {};
    void c.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await c.waitFor(u, (x) => codes(x).includes('dockerfile/add-instead-of-copy'), 'rule back on');
  });

  it('watched files: an unopened file changed on disk is re-linted, and cleared when deleted', async () => {
    const file = path.join(dir, 'extra', 'docker-compose.yml');
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, 'services:\n  b:\n    image: x:1\n    pid: host\n');
    const u = pathToFileURL(file).toString();
    void c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: u, type: 1 }] });
    await c.waitFor(u, (x) => codes(x).includes('compose/host-pid'), 'created file');
    fs.writeFileSync(file, 'services:\n  b:\n    image: x:1\n    ipc: host\n');
    void c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: u, type: 2 }] });
    await c.waitFor(
      u,
      (x) => codes(x).includes('compose/host-ipc') && !codes(x).includes('compose/host-pid'),
      'changed file',
    );
    fs.unlinkSync(file);
    void c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: u, type: 3 }] });
    await c.waitFor(u, (x) => x.length === 0, 'deleted file');
  });

  it('folders: one event for a folder created (checkout, mkdir + files) or deleted (rm -rf) keeps problems exact', async () => {
    const folder = path.join(dir, 'services', 'billing');
    fs.mkdirSync(path.join(folder, 'api'), { recursive: true });
    fs.writeFileSync(path.join(folder, 'compose.yaml'), PRIV_TEXT);
    fs.writeFileSync(path.join(folder, 'api', 'Dockerfile'), 'FROM alpine:3.20\nRUN sudo id\nUSER 1\n');
    const cu = pathToFileURL(path.join(folder, 'compose.yaml')).toString();
    const du = pathToFileURL(path.join(folder, 'api', 'Dockerfile')).toString();
    const event = (p: string, type: number) =>
      void c.conn.sendNotification('workspace/didChangeWatchedFiles', {
        changes: [{ uri: pathToFileURL(p).toString(), type }],
      });
    event(path.join(dir, 'services'), 1);
    await c.waitFor(cu, (x) => codes(x).includes('compose/privileged'), 'a file in a created folder');
    await c.waitFor(du, (x) => codes(x).includes('dockerfile/sudo'), 'a file deeper in it');
    fs.rmSync(path.join(dir, 'services'), { recursive: true });
    event(path.join(dir, 'services'), 3);
    await c.waitFor(cu, (x) => x.length === 0, 'cleared with its deleted folder');
    await c.waitFor(du, (x) => x.length === 0, 'cleared too');
  });

  it('an override file re-lints its base', async () => {
    const over = path.join(dir, 'compose.override.yaml');
    fs.writeFileSync(over, 'services:\n  a:\n    privileged: !reset null\n');
    void c.conn.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: pathToFileURL(over).toString(), type: 1 }],
    });
    await c.waitFor(
      uri('compose.yaml'),
      (x) => !codes(x).includes('compose/privileged'),
      'base re-linted without privileged',
    );
    fs.unlinkSync(over);
    void c.conn.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: pathToFileURL(over).toString(), type: 3 }],
    });
    await c.waitFor(uri('compose.yaml'), (x) => codes(x).includes('compose/privileged'), 'base back to privileged');
  });

  it('a .env, a Dockerfile behind build:, a .dockerignore and a new sensitive file re-lint what depends on them', async () => {
    const proj = path.join(dir, 'deps');
    fs.mkdirSync(path.join(proj, 'api'), { recursive: true });
    const compose = path.join(proj, 'compose.yaml');
    const df = path.join(proj, 'api', 'Dockerfile');
    fs.writeFileSync(
      compose,
      'services:\n  api:\n    build:\n      context: api\n      args: [GITHUB_TOKEN]\n    user: "10001"\n' +
        '    network_mode: ${NET:-bridge}\n',
    );
    fs.writeFileSync(df, 'FROM alpine:3.20\nCOPY . /app\nCMD ["sh"]\n');
    const cu = pathToFileURL(compose).toString();
    const du = pathToFileURL(df).toString();
    const event = (file: string, type: number) =>
      void c.conn.sendNotification('workspace/didChangeWatchedFiles', {
        changes: [{ uri: pathToFileURL(file).toString(), type }],
      });
    event(compose, 1);
    event(df, 1);
    await c.waitFor(cu, (x) => !codes(x).includes('compose/host-network'), 'compose linted');
    await c.waitFor(
      du,
      (x) => x.some((d) => d.code === 'dockerfile/missing-user' && d.severity === 3),
      'Dockerfile linted with its Compose user (info)',
    );
    // .env created: the Compose file now uses the host network
    const env = path.join(proj, '.env');
    fs.writeFileSync(env, 'NET=host\n');
    event(env, 1);
    await c.waitFor(cu, (x) => codes(x).includes('compose/host-network'), '.env re-lints the Compose file');
    // the Dockerfile declares a secret ARG: the Compose file reports the build argument
    fs.writeFileSync(df, 'FROM alpine:3.20\nARG GITHUB_TOKEN\nCOPY . /app\nCMD ["sh"]\n');
    event(df, 2);
    await c.waitFor(
      cu,
      (x) => x.some((d) => d.code === 'compose/secret-in-environment' && /passes GITHUB_TOKEN/.test(messageText(d))),
      'the Dockerfile re-lints the Compose file that builds it',
    );
    // a private key appears in the build context: the Dockerfile's COPY . now leaks it
    const key = path.join(proj, 'api', 'id_rsa');
    fs.writeFileSync(key, 'k');
    event(key, 1);
    await c.waitFor(du, (x) => codes(x).includes('dockerfile/context-leak'), 'a new key re-lints the Dockerfile');
    // .dockerignore excludes it
    const ignore = path.join(proj, 'api', '.dockerignore');
    fs.writeFileSync(ignore, 'id_rsa\n');
    event(ignore, 1);
    await c.waitFor(du, (x) => !codes(x).includes('dockerfile/context-leak'), '.dockerignore re-lints the Dockerfile');
    // the Compose file drops the user: the Dockerfile's missing USER is a warning again
    fs.writeFileSync(compose, 'services:\n  api:\n    build: api\n');
    event(compose, 2);
    await c.waitFor(
      du,
      (x) => x.some((d) => d.code === 'dockerfile/missing-user' && d.severity === 2),
      'the Compose file re-lints the Dockerfile it builds',
    );
  });

  it('closing an editor keeps the workspace diagnostics of a file on disk', async () => {
    const u = uri('compose.yaml');
    void c.conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri: u, languageId: 'dockercompose', version: 1, text: 'services:\n  a:\n    image: x:1\n' },
    });
    await c.waitFor(
      u,
      (x, p) => p.version === 1 && !codes(x).includes('compose/privileged'),
      'open buffer without privileged',
    );
    void c.conn.sendNotification('textDocument/didClose', { textDocument: { uri: u } });
    await c.waitFor(
      u,
      (x, p) => p.version === undefined && codes(x).includes('compose/privileged'),
      'disk version again',
    );
  });

  it('settings: a rule turned off re-lints without a restart', async () => {
    c.settings = { rules: { 'compose/privileged': 'off' } };
    void c.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await c.waitFor(
      uri('compose.yaml'),
      (x) => !codes(x).includes('compose/privileged') && codes(x).length > 0,
      'privileged off',
    );
    c.settings = {};
    void c.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await c.waitFor(uri('compose.yaml'), (x) => codes(x).includes('compose/privileged'), 'privileged back');
  });

  it('profiles: hardening is a Hint (not in the Problems panel); the profile setting switches to strict', async () => {
    await c.waitFor(
      uri('compose.yaml'),
      (x) => x.some((d) => d.code === 'compose/resource-limits' && d.severity === 2),
      'recommended: one limits finding',
    );
    c.settings = { profile: 'strict' };
    void c.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await c.waitFor(
      uri('compose.yaml'),
      (x) => codes(x).includes('compose/memory-limit') && !codes(x).includes('compose/resource-limits'),
      'strict: one finding per limit',
    );
    c.settings = {};
    void c.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await c.waitFor(uri('compose.yaml'), (x) => codes(x).includes('compose/resource-limits'), 'back to recommended');
    // a service that is not privileged gets the hardening advice as a Hint
    const hinted = path.join(dir, 'hint', 'compose.yaml');
    fs.mkdirSync(path.dirname(hinted), { recursive: true });
    fs.writeFileSync(hinted, 'services:\n  a:\n    image: x:1\n');
    const hu = pathToFileURL(hinted).toString();
    void c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: hu, type: 1 }] });
    await c.waitFor(hu, (x) => x.some((d) => d.code === 'compose/hardening' && d.severity === 4), 'hardening hint');
  });

  it('the baseline the config names: its findings are shown as (baselined) hints, new ones as they are', async () => {
    const proj = path.join(dir, 'bl');
    fs.mkdirSync(proj, { recursive: true });
    const file = path.join(proj, 'compose.yaml');
    fs.writeFileSync(file, 'services:\n  a:\n    image: x:1\n    privileged: true\n');
    const w = runInProcess(['--write-baseline', 'ci.baseline.json', 'compose.yaml'], proj);
    assert.equal(w.code, 0);
    fs.writeFileSync(path.join(proj, '.docker-security-lint.yaml'), 'baseline: ci.baseline.json\n');
    fs.writeFileSync(file, '# edited\nservices:\n  a:\n    image: x:1\n    privileged: true\n    pid: host\n');
    const fu = pathToFileURL(file).toString();
    void c.conn.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: pathToFileURL(path.join(proj, '.docker-security-lint.yaml')).toString(), type: 1 },
        { uri: fu, type: 1 },
      ],
    });
    const d = await c.waitFor(
      fu,
      (x) => codes(x).includes('compose/host-pid') && codes(x).includes('compose/privileged'),
      'baseline applied',
    );
    const priv = d.find((x) => x.code === 'compose/privileged')!;
    assert.equal(priv.severity, 4, 'baselined: a hint');
    assert.match(messageText(priv), /^\(baselined\) /);
    assert.equal(d.find((x) => x.code === 'compose/host-pid')!.severity, 1, 'new: an error');
  });

  it('an invalid config file gets a diagnostic on itself, the defaults stay in force, and fixing it clears it', async () => {
    const cfg = path.join(dir, '.docker-security-lint.yaml');
    const cu = pathToFileURL(cfg).toString();
    fs.writeFileSync(cfg, 'rules:\n  compose/privileged: loud\n  compose/pids-limit: off\n');
    void c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: cu, type: 1 }] });
    const d = await c.waitFor(cu, (x) => x.length > 0, 'config diagnostic');
    assert.match(messageText(d[0]), /rules\.compose\/privileged: severity must be one of/);
    assert.equal(d[0].range.start.line, 1);
    await c.waitFor(
      uri('compose.yaml'),
      (x) => codes(x).includes('compose/privileged') && !codes(x).includes('compose/pids-limit'),
      'valid keys apply, invalid one keeps its default',
    );
    fs.writeFileSync(cfg, 'rules:\n  compose/privileged: warning\n');
    void c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: cu, type: 2 }] });
    await c.waitFor(cu, (x) => x.length === 0, 'config diagnostic cleared');
    await c.waitFor(
      uri('compose.yaml'),
      (x) => x.some((y) => y.code === 'compose/privileged' && y.severity === 2),
      'new severity applies',
    );
    fs.unlinkSync(cfg);
    void c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: cu, type: 3 }] });
    await c.waitFor(
      uri('compose.yaml'),
      (x) => x.some((y) => y.code === 'compose/privileged' && y.severity === 1),
      'back to defaults',
    );
  });

  it('a file that vanishes before it is read (deleted during a scan) is not an error', async () => {
    const ghost = pathToFileURL(path.join(dir, 'ghost', 'compose.yaml')).toString();
    void c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: ghost, type: 1 }] });
    await c.waitFor(ghost, (x) => x.length === 0, 'empty diagnostics for the vanished file');
  });

  it('survives a malformed request and keeps serving', async () => {
    await assert.rejects(c.conn.sendRequest('textDocument/codeAction', { nonsense: true }));
    const r = (await c.conn.sendRequest('workspace/executeCommand', {
      command: 'docker-security-lint.server.scanWorkspace',
      arguments: [],
    })) as { files: number };
    assert.ok(r.files >= 2);
  });
});

describe('language server with scope: openFiles', function () {
  this.timeout(60_000);
  it('lints only open documents: the workspace is not scanned', async function () {
    if (!fs.existsSync(serverJs)) this.skip();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsl-lsp-open-'));
    fs.writeFileSync(path.join(dir, 'compose.yaml'), 'services:\n  a:\n    image: x:1\n    privileged: true\n');
    const c = new Client();
    c.settings = { scope: 'openFiles' };
    try {
      await c.initializeIn(dir);
      const r = (await c.conn.sendRequest('workspace/executeCommand', {
        command: 'docker-security-lint.server.scanWorkspace',
        arguments: [],
      })) as { files: number };
      assert.equal(r.files, 0);
      const u = pathToFileURL(path.join(dir, 'compose.yaml')).toString();
      assert.ok(!c.diags.has(u));
      void c.conn.sendNotification('textDocument/didOpen', {
        textDocument: {
          uri: u,
          languageId: 'dockercompose',
          version: 1,
          text: fs.readFileSync(path.join(dir, 'compose.yaml'), 'utf8'),
        },
      });
      await c.waitFor(u, (x) => codes(x).includes('compose/privileged'), 'open document linted');
      // an open config file gets its problems from the editor's text, in this scope too, and key completion
      const cu = pathToFileURL(path.join(dir, '.docker-security-lint.yaml')).toString();
      const text = 'profile: lax\nrules:\n  compose/pri\n';
      void c.conn.sendNotification('textDocument/didOpen', {
        textDocument: { uri: cu, languageId: 'yaml', version: 1, text },
      });
      const d = await c.waitFor(cu, (x) => x.length > 0, 'config problems');
      assert.match(messageText(d[0]), /'profile' must be recommended or strict/);
      assert.equal(d[0].range.start.line, 0);
      const items = (await c.conn.sendRequest('textDocument/completion', {
        textDocument: { uri: cu },
        position: { line: 2, character: 13 },
      })) as { label: string; insertText: string }[];
      const priv = items.find((i) => i.label === 'compose/privileged');
      assert.equal(priv?.insertText, 'compose/privileged: ');
      const none = (await c.conn.sendRequest('textDocument/completion', {
        textDocument: { uri: u },
        position: { line: 0, character: 0 },
      })) as unknown[];
      assert.deepEqual(none, [], 'no completion in Compose files');
    } finally {
      await c.close();
    }
  });
});

describe('language server: the scan and config files above the workspace folder', function () {
  this.timeout(60_000);
  it('a config in the folder above the workspace cannot exclude the workspace’s files from the scan', async function () {
    if (!fs.existsSync(serverJs)) this.skip();
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'dsl-lsp-above-'));
    fs.writeFileSync(path.join(parent, '.docker-security-lint.yaml'), 'exclude:\n  - "**"\n');
    const dir = path.join(parent, 'ws');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'compose.yaml'), 'services:\n  a:\n    image: x:1\n    privileged: true\n');
    const c = new Client();
    try {
      await c.initializeIn(dir);
      const u = pathToFileURL(path.join(dir, 'compose.yaml')).toString();
      await c.waitFor(u, (x) => codes(x).includes('compose/privileged'), 'the workspace file scanned');
    } finally {
      await c.close();
      fs.rmSync(parent, { recursive: true, force: true });
    }
  });
});

describe('language server: files a Compose file includes', function () {
  this.timeout(60_000);
  it('are linted as Compose files whatever their names, and cleared when the include goes', async function () {
    if (!fs.existsSync(serverJs)) this.skip();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsl-lsp-include-'));
    fs.mkdirSync(path.join(dir, 'infra'));
    const text = 'include:\n  - infra/db.yml\nservices:\n  a:\n    image: x:1\n';
    fs.writeFileSync(path.join(dir, 'compose.yaml'), text);
    // in flow style, which the walk does not take for a Compose project of its own: linted because it is included
    fs.writeFileSync(path.join(dir, 'infra', 'db.yml'), 'services: {db: {image: "x:1", privileged: true}}\n');
    const c = new Client();
    try {
      await c.initializeIn(dir);
      const db = pathToFileURL(path.join(dir, 'infra', 'db.yml')).toString();
      await c.waitFor(db, (x) => codes(x).includes('compose/privileged'), 'the included file linted');
      const u = pathToFileURL(path.join(dir, 'compose.yaml')).toString();
      void c.conn.sendNotification('textDocument/didOpen', {
        textDocument: { uri: u, languageId: 'dockercompose', version: 1, text },
      });
      void c.conn.sendNotification('textDocument/didChange', {
        textDocument: { uri: u, version: 2 },
        contentChanges: [{ text: 'services:\n  a:\n    image: x:1\n' }],
      });
      await c.waitFor(db, (x) => x.length === 0, 'the include removed: its problems go');
    } finally {
      await c.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('language server: a large open document is linted on a worker thread', function () {
  this.timeout(120_000);
  it('its findings and fixes are those of a lint here, and a small document is not held up by it', async function () {
    if (!fs.existsSync(serverJs)) this.skip();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsl-lsp-aside-'));
    // about 400 KB: over the 256 KB from which documents are linted aside
    let big = 'services:\n';
    for (let i = 0; big.length < 400_000; i++)
      big += `  s${i}:\n    image: "nginx:1.${i % 30}"\n    user: "1000"\n    read_only: true\n`;
    big += '  last:\n    image: x:1\n    privileged: true\n';
    const lastLine = big.split('\n').length - 2;
    fs.mkdirSync(path.join(dir, 'big'));
    fs.writeFileSync(path.join(dir, 'big', 'compose.yaml'), big);
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM alpine:3.20\nUSER 10001\n');
    const c = new Client();
    c.settings = { scope: 'openFiles', debounceMs: 0 };
    const order: string[] = [];
    try {
      await c.initializeIn(dir);
      const t0 = Date.now();
      const lap = (what: string) => process.env.DSL_TEST_VERBOSE && console.log(`      ${what}: ${Date.now() - t0} ms`);
      const bu = pathToFileURL(path.join(dir, 'big', 'compose.yaml')).toString();
      const du = pathToFileURL(path.join(dir, 'Dockerfile')).toString();
      c.conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number }) => {
        order.push(`${p.uri === bu ? 'big' : 'small'}@${p.version}`);
        c.diags.set(p.uri, p as never);
        for (const w of c.waiters.splice(0)) w();
      });
      void c.conn.sendNotification('textDocument/didOpen', {
        textDocument: { uri: bu, languageId: 'dockercompose', version: 1, text: big },
      });
      const d = await c.waitFor(bu, (_x, p) => p.version === 1, 'the big document', 60_000);
      lap('first lint');
      const priv = d.filter((x) => x.code === 'compose/privileged');
      assert.equal(priv.length, 1);
      assert.equal(priv[0].range.start.line, lastLine);
      // the quick fix comes from the result computed on the worker
      const actions = (await c.conn.sendRequest('textDocument/codeAction', {
        textDocument: { uri: bu },
        range: priv[0].range,
        context: { diagnostics: priv, only: ['quickfix'] },
      })) as CodeAction[];
      lap('code actions');
      // fix-all is offered as a command there (computed when chosen, not for every request)
      const all = actions.find((a) => a.title === 'Fix all safe docker-security-lint problems in this file');
      assert.equal(all?.command?.command, 'docker-security-lint.server.fixAllInFile');
      assert.equal(all?.edit, undefined);
      const fix = actions.find((a) => a.title.startsWith('Remove privileged'));
      assert.ok(fix, actions.map((a) => a.title).join(' | '));
      assert.equal(applyLspEdits(big, fix.edit!.changes![bu]), big.replace('    privileged: true\n', ''));
      // an edit to the big document, then one to a small one: the small one's diagnostics come first
      void c.conn.sendNotification('textDocument/didOpen', {
        textDocument: { uri: du, languageId: 'dockerfile', version: 1, text: 'FROM alpine:3.20\nUSER 10001\n' },
      });
      await c.waitFor(du, (_x, p) => p.version === 1, 'the small document');
      void c.conn.sendNotification('textDocument/didChange', {
        textDocument: { uri: bu, version: 2 },
        contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '#\n' }],
      });
      await new Promise((r) => setTimeout(r, 30)); // the big lint has started
      void c.conn.sendNotification('textDocument/didChange', {
        textDocument: { uri: du, version: 2 },
        contentChanges: [
          { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'EXPOSE 22\n' },
        ],
      });
      await c.waitFor(bu, (_x, p) => p.version === 2, 'the big document, edited', 60_000);
      await c.waitFor(du, (_x, p) => p.version === 2, 'the small document, edited');
      lap('edits');
      assert.ok(order.indexOf('small@2') < order.indexOf('big@2'), order.join(' '));
      assert.equal(
        c.diags.get(bu)!.diagnostics.find((x) => x.code === 'compose/privileged')!.range.start.line,
        lastLine + 1,
      );
      // source.fixAll (on save) gets its edit from the worker: the safe fixes (a document
      // that is large by its comments: fix-all over thousands of services takes long wherever it runs)
      const pu = pathToFileURL(path.join(dir, 'big', 'compose.padded.yaml')).toString();
      const pad = '# padding\n'.repeat(30_000);
      const padded = `${pad}services:\n  app:\n    image: alpine:3.20\n    oom_kill_disable: true\n`;
      void c.conn.sendNotification('textDocument/didOpen', {
        textDocument: { uri: pu, languageId: 'dockercompose', version: 1, text: padded },
      });
      await c.waitFor(pu, (_x, p) => p.version === 1, 'the padded document', 60_000);
      const fixAll = (await c.conn.sendRequest('textDocument/codeAction', {
        textDocument: { uri: pu },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: ['source.fixAll.docker-security-lint'] },
      })) as CodeAction[];
      lap('fix-all');
      assert.equal(fixAll.length, 1);
      const fixed = applyLspEdits(padded, fixAll[0].edit!.changes![pu]);
      assert.equal(
        fixed,
        `${pad}services:\n  app:\n    image: alpine:3.20\n    security_opt:\n      - no-new-privileges:true\n`,
      );
    } finally {
      await c.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('language server: the workspace scan gives way', function () {
  this.timeout(120_000);
  const N = 3000;
  const CURL = 'dockerfile/curl-pipe-shell';
  let dir: string;
  before(function () {
    if (!fs.existsSync(serverJs)) this.skip();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsl-lsp-scan-'));
    for (let i = 0; i < N / 10; i++) {
      fs.mkdirSync(path.join(dir, `d${i}`));
      for (let j = 0; j < 10; j++)
        fs.writeFileSync(
          path.join(dir, `d${i}`, `${j}.Dockerfile`),
          'FROM alpine:3.20\nUSER 1000\nRUN curl http://x | sh\n',
        );
    }
  });
  after(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Resolves once `done()` holds (checked at each diagnostics notification and every 50 ms). */
  async function until(done: () => boolean, what: string, ms = 60_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('to a settings change: the stale scan stops, and nothing it found is published after the new results', async () => {
    const c = new Client();
    const log: { uri: string; curl: boolean }[] = [];
    c.listeners.add((p) => log.push({ uri: p.uri, curl: p.diagnostics.some((d) => d.code === CURL) }));
    try {
      await c.initializeIn(dir);
      await until(() => log.length >= 100, 'the scan to start');
      c.settings = { rules: { [CURL]: 'off' } };
      void c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
      const clean = () => {
        const last = new Map<string, boolean>();
        for (const x of log) last.set(x.uri, x.curl);
        return last.size === N && [...last.values()].every((curl) => !curl);
      };
      await until(clean, 'every file published without the rule');
      await new Promise((r) => setTimeout(r, 300)); // anything late from the stale scan
      assert.ok(clean(), 'a stale result was published after the new one');
      // the first scan stopped: it did not go on to publish every file with the rule
      const stale = log.filter((x) => x.curl).length;
      assert.ok(stale >= 100 && stale < N / 2, `${stale} files published by the first scan`);
      // no file got a result with the rule after one without it
      const cleaned = new Set<string>();
      for (const x of log) {
        if (!x.curl) cleaned.add(x.uri);
        else assert.ok(!cleaned.has(x.uri), `${x.uri}: the stale scan's result after the new one`);
      }
    } finally {
      await c.close();
    }
  });

  it('to an edit: once an edit is in, the scan waits until its document is linted', async () => {
    const c = new Client();
    // a long debounce: what the scan does while the edit waits for its lint is plain to see
    c.settings = { debounceMs: 1000 };
    const docUri = pathToFileURL(path.join(dir, 'edited', 'compose.yaml')).toString();
    let scanned = 0;
    let doc = 0;
    c.listeners.add((p) => (p.uri === docUri ? doc++ : scanned++));
    try {
      await c.initializeIn(dir);
      await until(() => scanned >= 50, 'the scan to start');
      void c.conn.sendNotification('textDocument/didOpen', {
        textDocument: { uri: docUri, languageId: 'dockercompose', version: 1, text: PRIV_TEXT },
      });
      await c.waitFor(docUri, (_d, p) => p.version === 1, 'the opened document');
      const before = scanned;
      assert.ok(before < N - 500, `the scan ended too soon for the test (${before} files)`);
      void c.conn.sendNotification('textDocument/didChange', {
        textDocument: { uri: docUri, version: 2 },
        contentChanges: [{ text: PRIV_TEXT.replace('    privileged: true\n', '') }],
      });
      const d = await c.waitFor(docUri, (_d, p) => p.version === 2, 'the edit', 10_000);
      assert.ok(codes(d).length && !codes(d).includes('compose/privileged'), codes(d).join());
      // while the edit waited (a second), the scan sent at most what was under way when it came in
      const meanwhile = scanned - before;
      if (process.env.DSL_TEST_VERBOSE)
        console.log(`      scanned files published while the edit waited: ${meanwhile}`);
      assert.ok(meanwhile < 100, `${meanwhile} scanned files published while the edit waited for its lint`);
      // and then it goes on to the end
      await until(() => scanned >= N, 'the rest of the scan');
      assert.equal(doc, 2);
    } finally {
      await c.close();
    }
  });
});

/**
 * A client like VS Code's for files found by their content: it watches the linted globs itself and lets the server
 * register watchers for files it found otherwise (started in `dir`); what was registered and unregistered is kept.
 */
async function watchingClient(dir: string) {
  const c = new Client();
  type Registration = { id: string; method: string; registerOptions?: { watchers?: unknown[] } };
  const registered: Registration[] = [];
  const unregistered: string[] = [];
  c.conn.onRequest('client/registerCapability', (p: { registrations: Registration[] }) => {
    registered.push(...p.registrations);
    return null;
  });
  c.conn.onRequest('client/unregisterCapability', (p: { unregisterations: { id: string }[] }) => {
    unregistered.push(...p.unregisterations.map((u) => u.id));
    return null;
  });
  const base = pathToFileURL(dir).toString();
  await c.conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: base,
    workspaceFolders: [{ uri: base, name: 'w' }],
    capabilities: {
      workspace: {
        configuration: true,
        didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
      },
    },
    // as VS Code's client: it watches the linted globs itself (only the files named here are asked for)
    initializationOptions: { clientWatchesFiles: true },
  });
  void c.conn.sendNotification('initialized', {});
  const watchers = () =>
    registered.filter((r) => r.method === 'workspace/didChangeWatchedFiles').map((r) => r.registerOptions?.watchers);
  return { c, base, registered, unregistered, watchers };
}

describe('language server: a Compose file named otherwise', function () {
  this.timeout(60_000);
  it('is found by its content (scan), watched by name, and linted while edited as YAML; other YAML is not', async function () {
    if (!fs.existsSync(serverJs)) this.skip();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsl-lsp-by-content-'));
    const COMPOSE = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n';
    fs.mkdirSync(path.join(dir, 'deploy'));
    fs.writeFileSync(path.join(dir, 'deploy', 'latest.yml'), COMPOSE);
    fs.writeFileSync(path.join(dir, '.travis.yml'), 'language: go\nservices:\n  - docker\n');
    const at = (rel: string) => pathToFileURL(path.join(dir, rel)).toString();
    const { c, base, watchers } = await watchingClient(dir);
    try {
      const d = await c.waitFor(at('deploy/latest.yml'), (x) => x.length > 0, 'the Compose file found by the scan');
      assert.ok(codes(d).includes('compose/privileged'));
      for (let i = 0; i < 50 && !watchers().length; i++) await new Promise((r) => setTimeout(r, 20));
      assert.deepEqual(watchers(), [[{ globPattern: { baseUri: base, pattern: '{deploy/latest.yml}' }, kind: 2 }]]);
      // opened as YAML (the editor's language for the name) and edited: linted from the editor's text
      const u = at('deploy/latest.yml');
      void c.conn.sendNotification('textDocument/didOpen', {
        textDocument: { uri: u, languageId: 'yaml', version: 1, text: COMPOSE },
      });
      void c.conn.sendNotification('textDocument/didChange', {
        textDocument: { uri: u, version: 2 },
        contentChanges: [{ text: COMPOSE.replace('    privileged: true\n', '    pid: host\n') }],
      });
      await c.waitFor(
        u,
        (x) => codes(x).includes('compose/host-pid') && !codes(x).includes('compose/privileged'),
        'the edit linted',
      );
      // other YAML the editor sends: no problems for it
      const t = at('.travis.yml');
      void c.conn.sendNotification('textDocument/didOpen', {
        textDocument: { uri: t, languageId: 'yaml', version: 1, text: 'language: go\nservices:\n  - docker\n' },
      });
      const v = at('values.yaml');
      void c.conn.sendNotification('textDocument/didOpen', {
        textDocument: {
          uri: v,
          languageId: 'yaml',
          version: 1,
          text: 'replicaCount: 1\nservices:\n  web:\n    image: x\n',
        },
      });
      await new Promise((r) => setTimeout(r, 500));
      assert.deepEqual(c.diags.get(t)?.diagnostics ?? [], []);
      assert.deepEqual(c.diags.get(v)?.diagnostics ?? [], []);
      // judged on the head the walk reads (64 KB), as the scan judges the file: a key past it does not count
      const b = at('big.yml');
      const long = `${COMPOSE}x-notes: |\n${'  a line of notes\n'.repeat(4000)}stages: [x]\n`;
      void c.conn.sendNotification('textDocument/didOpen', {
        textDocument: { uri: b, languageId: 'yaml', version: 1, text: long },
      });
      await c.waitFor(b, (x) => codes(x).includes('compose/privileged'), 'the long document judged on its head');
    } finally {
      await c.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('language server: a Dockerfile variant (Dockerfile-prod)', function () {
  this.timeout(60_000);
  it('is found by its content (scan), watched by name, and linted while edited as plain text', async function () {
    if (!fs.existsSync(serverJs)) this.skip();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsl-lsp-df-variant-'));
    const DF = 'FROM alpine:3.20\nUSER 10001\nRUN curl -fsSL https://example.com/i.sh | sh\n';
    fs.writeFileSync(path.join(dir, 'Dockerfile-prod'), DF);
    fs.writeFileSync(path.join(dir, 'Dockerfile-README'), 'Build with docker build -f Dockerfile-prod .\n');
    const at = (rel: string) => pathToFileURL(path.join(dir, rel)).toString();
    const { c, base, watchers } = await watchingClient(dir);
    try {
      const u = at('Dockerfile-prod');
      const d = await c.waitFor(u, (x) => x.length > 0, 'the variant found by the scan');
      assert.deepEqual(codes(d), ['dockerfile/curl-pipe-shell']);
      for (let i = 0; i < 50 && !watchers().length; i++) await new Promise((r) => setTimeout(r, 20));
      assert.deepEqual(watchers(), [[{ globPattern: { baseUri: base, pattern: '{Dockerfile-prod}' }, kind: 2 }]]);
      // the editor sends it as plain text (no language of its own): linted from the editor's text
      void c.conn.sendNotification('textDocument/didOpen', {
        textDocument: { uri: u, languageId: 'plaintext', version: 1, text: DF },
      });
      void c.conn.sendNotification('textDocument/didChange', {
        textDocument: { uri: u, version: 2 },
        contentChanges: [{ text: 'FROM alpine:3.20\nUSER root\n' }],
      });
      await c.waitFor(u, (x) => codes(x).includes('dockerfile/user-root'), 'the edit linted');
      const r = at('Dockerfile-README');
      void c.conn.sendNotification('textDocument/didOpen', {
        textDocument: { uri: r, languageId: 'plaintext', version: 1, text: 'Build with docker build .\n' },
      });
      await new Promise((res) => setTimeout(res, 300));
      assert.deepEqual(c.diags.get(r)?.diagnostics ?? [], []);
    } finally {
      await c.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('language server: shell scripts without an extension', function () {
  this.timeout(60_000);
  it('are found by their shebang (scan, created), and watched for changes by name', async function () {
    if (!fs.existsSync(serverJs)) this.skip();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsl-lsp-shebang-'));
    const SCRIPT = '#!/usr/bin/env bash\nset -e\ndocker run --privileged alpine:3.20\n';
    fs.mkdirSync(path.join(dir, 'scripts'));
    fs.writeFileSync(path.join(dir, 'scripts', 'dev'), SCRIPT);
    const at = (rel: string) => pathToFileURL(path.join(dir, rel)).toString();
    const { c, base, registered, unregistered, watchers } = await watchingClient(dir);
    try {
      const d = await c.waitFor(at('scripts/dev'), (x) => x.length > 0, 'the script found by the scan');
      assert.deepEqual(codes(d), ['run/privileged']);
      assert.equal(d[0].range.start.line, 2);
      // the editor's watcher goes by names: the server asks it to watch the script for changes
      for (let i = 0; i < 50 && !watchers().length; i++) await new Promise((r) => setTimeout(r, 20));
      assert.deepEqual(watchers(), [[{ globPattern: { baseUri: base, pattern: '{scripts/dev}' }, kind: 2 }]]);
      // created: a Python script and a shell script, both without an extension, reported in one batch
      fs.writeFileSync(
        path.join(dir, 'scripts', 'py'),
        '#!/usr/bin/env python3\nimport os\nos.system("docker run --privileged x")\n',
      );
      fs.writeFileSync(path.join(dir, 'scripts', 'up'), SCRIPT);
      void c.conn.sendNotification('workspace/didChangeWatchedFiles', {
        changes: [
          { uri: at('scripts/py'), type: 1 },
          { uri: at('scripts/up'), type: 1 },
        ],
      });
      const d2 = await c.waitFor(at('scripts/up'), (x) => x.length > 0, 'the created script');
      assert.deepEqual(codes(d2), ['run/privileged']);
      assert.equal(c.diags.get(at('scripts/py')), undefined, 'the Python script is not linted');
      for (let i = 0; i < 50 && watchers().length < 2; i++) await new Promise((r) => setTimeout(r, 20));
      assert.deepEqual(watchers()[1], [
        { globPattern: { baseUri: base, pattern: '{scripts/dev,scripts/up}' }, kind: 2 },
      ]);
      for (let i = 0; i < 50 && !unregistered.length; i++) await new Promise((r) => setTimeout(r, 20));
      assert.deepEqual(unregistered, [registered.find((r) => r.method === 'workspace/didChangeWatchedFiles')!.id]);
      // a change on disk (what that watcher reports) is linted again
      fs.writeFileSync(path.join(dir, 'scripts', 'dev'), SCRIPT.replace('--privileged ', ''));
      void c.conn.sendNotification('workspace/didChangeWatchedFiles', {
        changes: [{ uri: at('scripts/dev'), type: 2 }],
      });
      await c.waitFor(at('scripts/dev'), (x) => x.length === 0, 'the changed script');
    } finally {
      await c.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
