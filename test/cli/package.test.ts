// The npm package (issue 20): `npm run pack:npm` packs the CLI and the language server; the tarball installs into
// an empty folder with no network and no npm cache, and both installed commands work.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client } from '../lsp/client';

const root = path.resolve(__dirname, '..', '..', '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function listRuleDocs(dir: string, prefix = ''): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? listRuleDocs(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
    );
}

describe('npm package: pack, offline install, both commands', function () {
  this.timeout(120_000);
  let work: string;
  let tarball: string;
  let installed: string;

  before(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'dsl-pack-'));
    const out = execFileSync(process.execPath, [path.join(root, 'scripts', 'pack-npm.mjs'), '--destination', work], {
      cwd: root,
      encoding: 'utf8',
    });
    assert.match(out, /docker-security-lint-[\d.]+\.tgz: \d+ files/);
    const tgz = fs.readdirSync(work).filter((f) => f.endsWith('.tgz'));
    assert.equal(tgz.length, 1, 'one tarball');
    tarball = path.join(work, tgz[0]);
    installed = path.join(work, 'project');
    fs.mkdirSync(installed);
    // An empty cache and --offline: the install can only succeed if the tarball needs nothing from a registry.
    const r = spawnSync(
      npm,
      ['install', tarball, '--offline', '--no-audit', '--no-fund', '--cache', path.join(work, 'empty-cache')],
      { cwd: installed, encoding: 'utf8' },
    );
    assert.equal(r.status, 0, `npm install --offline failed:\n${r.stdout}\n${r.stderr}`);
  });
  after(() => {
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('holds the two commands, the rule docs, the CLI contract and the schema, and nothing else', () => {
    const entries = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map((e) => e.replace(/^package\//, ''))
      .sort();
    const docs = listRuleDocs(path.join(root, 'docs', 'rules')).map((d) => `docs/rules/${d}`);
    const expected = [
      'LICENSE',
      'README.md',
      'dist/cli.js',
      'dist/server.js',
      'docs/cli.md',
      'docs/editors.md',
      'package.json',
      'schemas/config.schema.json',
      ...docs,
    ].sort();
    assert.deepEqual(entries, expected);
    assert.ok(docs.length > 100, 'every rule page');
  });

  it('npm pack of the repository (an install from git) holds the same files', () => {
    const packed = execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: root,
      encoding: 'utf8',
    });
    const files = (JSON.parse(packed) as { files: { path: string }[] }[])[0].files.map((f) => f.path).sort();
    const entries = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map((e) => e.replace(/^package\//, ''))
      .sort();
    assert.deepEqual(files, entries);
    const ext = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(ext.dependencies, undefined, 'everything is bundled: a global install needs no registry');
    assert.deepEqual(ext.bin, {
      'docker-security-lint': 'dist/cli.js',
      'docker-security-lint-server': 'dist/server.js',
    });
  });

  it('its manifest: both bins, no dependencies, no install scripts, the extension version', () => {
    const manifest = JSON.parse(
      fs.readFileSync(path.join(installed, 'node_modules', 'docker-security-lint', 'package.json'), 'utf8'),
    ) as Record<string, unknown>;
    const ext = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
    assert.equal(manifest.version, ext.version);
    assert.deepEqual(manifest.bin, {
      'docker-security-lint': 'dist/cli.js',
      'docker-security-lint-server': 'dist/server.js',
    });
    assert.equal(manifest.dependencies, undefined);
    assert.equal(manifest.scripts, undefined);
    assert.equal(manifest.main, undefined, 'not a library, and not the extension');
  });

  it('the installed docker-security-lint lints a folder and exits 1 on an error', () => {
    const bin = path.join(installed, 'node_modules', '.bin', 'docker-security-lint');
    const version = spawnSync(bin, ['--version'], { encoding: 'utf8' });
    assert.equal(version.status, 0, version.stderr);
    const ext = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
    assert.equal(version.stdout.trim(), ext.version);
    const src = path.join(work, 'src');
    fs.mkdirSync(src);
    fs.writeFileSync(path.join(src, 'compose.yaml'), 'services:\n  a:\n    image: x:1\n    privileged: true\n');
    const r = spawnSync(bin, ['--format', 'json', src], { encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    const report = JSON.parse(r.stdout) as { findings: { ruleId: string; line: number }[] };
    assert.ok(report.findings.some((f) => f.ruleId === 'compose/privileged' && f.line === 4));
    const explain = spawnSync(bin, ['--explain', 'compose/docker-socket'], { encoding: 'utf8' });
    assert.equal(explain.status, 0);
    assert.match(explain.stdout, /^# compose\/docker-socket:/);
  });

  it('the installed docker-security-lint-server answers initialize and publishes a diagnostic', async () => {
    const bin = path.join(installed, 'node_modules', '.bin', 'docker-security-lint-server');
    const c = new Client([bin, '--stdio']);
    try {
      const dir = path.join(work, 'lsp');
      fs.mkdirSync(dir);
      const init = (await c.conn.sendRequest('initialize', {
        processId: process.pid,
        rootUri: null,
        capabilities: {},
      })) as { serverInfo?: { name: string } };
      assert.equal(init.serverInfo?.name, 'docker-security-lint');
      void c.conn.sendNotification('initialized', {});
      const uri = pathToFileURL(path.join(dir, 'compose.yaml')).toString();
      void c.conn.sendNotification('textDocument/didOpen', {
        textDocument: {
          uri,
          languageId: 'dockercompose',
          version: 1,
          text: 'services:\n  a:\n    image: x:1\n    network_mode: host\n',
        },
      });
      const d = await c.waitFor(uri, (x) => x.some((y) => y.code === 'compose/host-network'), 'host-network');
      const hit = d.find((y) => y.code === 'compose/host-network')!;
      assert.equal(hit.range.start.line, 3);
    } finally {
      await c.close();
    }
  });

  it('the server without a transport: a usage message and exit 2, not a stack trace', () => {
    const bin = path.join(installed, 'node_modules', '.bin', 'docker-security-lint-server');
    const r = spawnSync(bin, [], { encoding: 'utf8', input: '' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /Usage: docker-security-lint-server --stdio/);
    assert.doesNotMatch(r.stderr, /at .*\.js:\d+/);
  });
});
