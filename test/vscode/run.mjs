// Runs test/vscode/suite inside a real VS Code, without internet: the VS Code server from the npm registry
// (code-server's build), the workbench in headless Chromium (Debian's), the test run reported back through the
// smoke-test driver. See ../shared/notes/vscode-tests-offline.md. Downloads are cached in .cache/vscode-test.
//
// With --electron (or VSCODE_TEST_ELECTRON=1) it uses @vscode/test-electron instead, for machines that can
// download VS Code.
// Flags: --no-web, --no-package (skip those runs), --web-only (only the web runs).
// Environment: VSCODE_TEST_KEEP=1 keeps the temporary workspace; VSCODE_TEST_TIMEOUT (seconds, default 300).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const cache = path.join(root, '.cache', 'vscode-test');
const CODE_SERVER = '4.139.1';
const node24 = path.join(cache, 'node24', 'node_modules', 'node', 'bin', 'node');
const csDir = path.join(cache, 'cs');
const serverMain = path.join(csDir, 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js');
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const timeoutS = Number(process.env.VSCODE_TEST_TIMEOUT || 300);

/**
 * The environment for the nested npm installs: without the npm_* variables of an outer `npm run` (its
 * npm_config_user_agent names the outer Node, and code-server's postinstall refuses to build for it).
 */
function cleanEnv(extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
  return { ...env, ...extra };
}

function sh(cmd, args, opts = {}) {
  console.log(`[vscode-test] $ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed with exit ${r.status}`);
}

function ensureDebianPackages() {
  const need = [];
  if (!fs.existsSync(chromium)) need.push('chromium');
  if (!fs.existsSync('/usr/include/gssapi/gssapi.h')) need.push('libkrb5-dev'); // code-server's kerberos module builds against it
  if (!need.length) return;
  if (process.getuid?.() !== 0 || !fs.existsSync('/usr/bin/apt-get'))
    throw new Error(`missing ${need.join(', ')}: install them (Debian: apt-get install -y ${need.join(' ')})`);
  sh('apt-get', ['update', '-qq']);
  sh('apt-get', ['install', '-y', '-qq', ...need], { env: cleanEnv({ DEBIAN_FRONTEND: 'noninteractive' }) });
}

function ensureNode24() {
  if (fs.existsSync(node24)) return;
  fs.mkdirSync(path.join(cache, 'node24'), { recursive: true });
  fs.writeFileSync(
    path.join(cache, 'node24', 'package.json'),
    JSON.stringify({ name: 'vscode-test-node24', private: true, allowScripts: { node: true } }) + '\n',
  );
  sh('npm', ['install', '--no-audit', '--no-fund', 'node@24'], { cwd: path.join(cache, 'node24'), env: cleanEnv() });
}

function ensureCodeServer() {
  const built = path.join(
    csDir,
    'node_modules',
    'code-server',
    'lib',
    'vscode',
    'node_modules',
    'kerberos',
    'build',
    'Release',
    'kerberos.node',
  );
  if (fs.existsSync(serverMain) && fs.existsSync(built)) return;
  fs.mkdirSync(csDir, { recursive: true });
  // the VS Code server's own native modules are built by code-server's postinstall: allow exactly that
  fs.writeFileSync(
    path.join(csDir, 'package.json'),
    JSON.stringify({ name: 'vscode-test-cache', private: true, allowScripts: { 'code-server': true, argon2: true } }) +
      '\n',
  );
  const env = cleanEnv({ PATH: `${path.dirname(node24)}${path.delimiter}${process.env.PATH}` });
  sh('npm', ['install', '--no-audit', '--no-fund', `code-server@${CODE_SERVER}`], { cwd: csDir, env });
  if (!fs.existsSync(built)) {
    sh('sh', ['./postinstall.sh'], {
      cwd: path.join(csDir, 'node_modules', 'code-server'),
      env: { ...env, npm_config_user_agent: `npm/11 node/v24 ${process.platform} ${process.arch}` },
    });
  }
  if (!fs.existsSync(serverMain)) throw new Error('the VS Code server did not install');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitForServer(port, proc, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`the VS Code server exited with ${proc.exitCode}`);
    const ok = await new Promise((res) => {
      const c = net.connect(port, '127.0.0.1', () => {
        c.end();
        res(true);
      });
      c.on('error', () => res(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the VS Code server did not start listening');
}

/** A fresh copy of a fixture workspace (`workspace`: the suite's; `sample`: a small app, for the Marketplace). */
function workspaceCopy(name = 'workspace') {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dsl-vscode-'));
  const ws = path.join(tmp, 'workspace');
  fs.cpSync(path.join(root, 'test', 'vscode', 'fixtures', name), ws, { recursive: true });
  return { tmp, ws };
}

/** Where VS Code can be downloaded: the same suite through @vscode/test-electron. */
async function mainElectron(suite) {
  const { runTests } = await import('@vscode/test-electron');
  const { tmp, ws } = workspaceCopy();
  try {
    await runTests({
      extensionDevelopmentPath: root,
      extensionTestsPath: suite,
      cachePath: path.join(cache, 'electron'),
      launchArgs: [
        ws,
        '--disable-extensions',
        '--skip-welcome',
        '--skip-release-notes',
        `--user-data-dir=${path.join(tmp, 'ud')}`,
      ],
    });
    process.exitCode = 0;
  } finally {
    if (!process.env.VSCODE_TEST_KEEP) fs.rmSync(tmp, { recursive: true, force: true });
  }
}

async function main() {
  const suite = path.join(root, 'out', 'test', 'vscode', 'suite', 'index.js');
  if (!fs.existsSync(suite) || !fs.existsSync(path.join(root, 'dist', 'extension.js')))
    throw new Error('build first: npm run build && tsc -p tsconfig.test.json');
  if (process.argv.includes('--electron') || process.env.VSCODE_TEST_ELECTRON === '1') return mainElectron(suite);
  ensureDebianPackages();
  ensureNode24();
  ensureCodeServer();
  // 1. the extension under development, the whole suite (and the screenshot)
  const webOnly = process.argv.includes('--web-only');
  // --package-only: the packaged run alone (it takes the Marketplace pictures: see CONTRIBUTING)
  const packageOnly = process.argv.includes('--package-only');
  const dev = webOnly || packageOnly ? 0 : await runWorkbench({ suite, devPath: root, screenshot: 'vscode' });
  if (dev !== 0) {
    process.exitCode = dev;
    return;
  }
  // 2. the web extension (the host of vscode.dev and github.dev), on the workspace from disk and on a memfs:
  if (!process.argv.includes('--no-web') && !packageOnly) {
    const web = await webRuns();
    if (web !== 0) {
      process.exitCode = web;
      return;
    }
  }
  if (webOnly || process.argv.includes('--no-package')) {
    process.exitCode = 0;
    return;
  }
  // 3. the packaged .vsix (as `npm run package` builds it), installed with --install-extension: it lints
  const extDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsl-vsix-'));
  try {
    sh('npm', ['run', 'package', '--silent'], { cwd: root });
    const vsix = path.join(root, 'docker-security-lint.vsix');
    console.log(`[vscode-test] packaged: docker-security-lint.vsix, ${(fs.statSync(vsix).size / 1024).toFixed(0)} KB`);
    sh(node24, [serverMain, '--extensions-dir', extDir, '--install-extension', vsix]);
    const packaged = path.join(root, 'out', 'test', 'vscode', 'packaged', 'index.js');
    // the workbench runs a test suite only in an extension development session: a stub extension of another id is
    // the development one, so that the installed package is the docker-security-lint that runs
    const stub = path.join(os.tmpdir(), `dsl-stub-${process.pid}`);
    fs.mkdirSync(stub, { recursive: true });
    fs.writeFileSync(
      path.join(stub, 'package.json'),
      JSON.stringify({ name: 'dsl-test-stub', publisher: 'dsl-test', version: '0.0.0', engines: { vscode: '*' } }),
    );
    try {
      // the Marketplace page's pictures: the installed package on a small app, in a trusted window
      process.exitCode = await runWorkbench({
        suite: packaged,
        devPath: stub,
        extDir,
        screenshot: 'marketplace',
        workspace: 'sample',
        trusted: true,
      });
    } finally {
      fs.rmSync(stub, { recursive: true, force: true });
    }
  } finally {
    fs.rmSync(extDir, { recursive: true, force: true });
  }
}

/** The files of the test workspace, by relative path (for the in-memory file system of the web run). */
function fixtureFiles(dir = path.join(root, 'test', 'vscode', 'fixtures', 'workspace'), rel = '') {
  const out = {};
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) Object.assign(out, fixtureFiles(path.join(dir, e.name), r));
    else out[r] = fs.readFileSync(path.join(dir, e.name), 'utf8');
  }
  return out;
}

/**
 * The web runs: the extension loaded as a web extension (its `browser` entry in VS Code's web worker extension
 * host), test/vscode/web's suite bundled for a browser, once on the workspace served from disk (vscode-remote:) and
 * once on an in-memory file system (memfs:) registered by a test extension, so that nothing can reach the disk.
 * Returns the first failing exit code, else 0.
 */
async function webRuns() {
  const { build } = await import('esbuild');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dsl-web-'));
  try {
    const web = {
      bundle: true,
      platform: 'browser',
      format: 'cjs',
      target: 'es2022',
      external: ['vscode'],
      logLevel: 'warning',
    };
    console.log(
      `[vscode-test] web extension: dist/web/extension.js ${kb('dist/web/extension.js')}, ` +
        `dist/web/server.js ${kb('dist/web/server.js')}`,
    );
    // an extension with both `main` and `browser` runs in the Node host when there is one: the web copy has no `main`.
    // The suite lies inside the extension's folder: the workbench runs it in the host that runs the extension.
    const copy = async (name, edit) => {
      const ext = path.join(tmp, name);
      fs.mkdirSync(ext);
      const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
      delete pkg.main;
      pkg.extensionKind = ['web'];
      for (const p of ['dist/web', 'docs/rules', 'schemas', 'syntaxes', 'images', 'LICENSE'])
        fs.cpSync(path.join(root, p), path.join(ext, p), { recursive: true });
      await build({
        ...web,
        entryPoints: [path.join(root, 'test', 'vscode', 'web', 'index.ts')],
        outfile: path.join(ext, 'test', 'suite.js'),
      });
      await edit?.(ext, pkg);
      fs.writeFileSync(path.join(ext, 'package.json'), JSON.stringify(pkg, null, 2));
      return ext;
    };
    console.log('[vscode-test] web run 1: the workspace from disk (vscode-remote:)');
    const disk = await copy('ext');
    const code = await runWorkbench({ suite: path.join(disk, 'test', 'suite.js'), devPath: disk, screenshot: false });
    if (code !== 0) return code;
    // the in-memory file system is registered by the extension's entry in this copy: test/vscode/web/memfs.ts, which
    // bundles the built dist/web/extension.js unchanged and starts it once the provider is there (a second
    // development extension for the provider kept the workbench from loading either)
    console.log('[vscode-test] web run 2: an in-memory file system (memfs:)');
    const mem = await copy('ext-memfs', async (ext, pkg) => {
      await build({
        ...web,
        entryPoints: [path.join(root, 'test', 'vscode', 'web', 'memfs.ts')],
        outfile: path.join(ext, 'test', 'memfs.js'),
        define: { __FIXTURES__: JSON.stringify(fixtureFiles()) },
      });
      pkg.browser = './test/memfs.js';
      pkg.activationEvents = ['onFileSystem:memfs', ...pkg.activationEvents];
    });
    return await runWorkbench({
      suite: path.join(mem, 'test', 'suite.js'),
      devPath: mem,
      folder: 'memfs:/workspace',
      screenshot: false,
    });
  } finally {
    if (!process.env.VSCODE_TEST_KEEP) fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function kb(rel) {
  return `${(fs.statSync(path.join(root, rel)).size / 1024).toFixed(0)} KB`;
}

/**
 * One run of a suite in the workbench, with the extension from `devPath` (development) or
 * installed in `extDir`, on the copied test workspace or on `folder` (a URI). Returns the suite's exit code.
 */
async function runWorkbench({ suite, devPath, extDir, screenshot, folder, workspace, trusted }) {
  const { tmp, ws } = workspaceCopy(workspace);
  const ud = path.join(tmp, 'ud');
  fs.mkdirSync(path.join(ud, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(ud, 'User', 'settings.json'),
    JSON.stringify(
      {
        'security.workspace.trust.startupPrompt': 'never', // the workspace stays untrusted: the extension must work in restricted mode
        'security.workspace.trust.banner': 'never',
        // trusted: no Restricted Mode (the Marketplace pictures show the extension as most users run it)
        ...(trusted ? { 'security.workspace.trust.enabled': false } : {}),
        // the pictures are of the editor and the Problems panel, not of a chat view
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        'chat.disableAIFeatures': true,
        'workbench.startupEditor': 'none',
        // the web build defaults to autoSave afterDelay (1 s); desktop VS Code's default is off. On a slow machine an
        // auto-save (which skips "explicit" code actions on save) would beat the suite's explicit save.
        'files.autoSave': 'off',
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoUpdate': false,
        'extensions.autoCheckUpdates': false,
      },
      null,
      2,
    ),
  );
  const port = await freePort();
  const server = spawn(
    node24,
    [
      serverMain,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--without-connection-token',
      '--accept-server-license-terms',
      '--disable-telemetry',
      '--enable-smoke-test-driver',
      '--user-data-dir',
      ud,
      '--server-data-dir',
      path.join(tmp, 'sd'),
      '--extensions-dir',
      extDir ?? path.join(tmp, 'ext'),
    ],
    // the extension host inherits this: the suite then asserts that the workspace is untrusted (restricted mode)
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...(trusted ? {} : { DSL_EXPECT_UNTRUSTED: '1' }), DSL_DEV_PATH: root },
    },
  );
  let serverLog = '';
  server.stdout.on('data', (d) => {
    serverLog += d;
  });
  server.stderr.on('data', (d) => {
    serverLog += d;
  });
  let browser;
  let code = 1;
  try {
    await waitForServer(port, server, 60_000);
    const { chromium: pw } = await import('playwright-core');
    browser = await pw.launch({
      executablePath: chromium,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-dev-shm-usage',
      ],
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const done = new Promise((resolve) => {
      page.exposeFunction('codeAutomationExit', (c) => resolve(Number(c)));
    });
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      // the workbench forwards console calls as (format, ...values): substitute %s/%d like console.log would
      const list = Array.isArray(args) ? args : [args];
      let text = typeof list[0] === 'string' ? list[0] : JSON.stringify(list[0]);
      let i = 1;
      text = text.replace(/%[sdoOjc]/g, () => (i < list.length ? String(list[i++]) : ''));
      text += list
        .slice(i)
        .map((a) => ` ${typeof a === 'string' ? a : JSON.stringify(a)}`)
        .join('');
      if (
        !/ENOTFOUND|marketplace|gallery|AgentHost|ChatModelSelection|authentication provider|Service Worker/i.test(text)
      )
        console.log(text);
    });
    const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
    const payload = JSON.stringify([
      ...(devPath ? [['extensionDevelopmentPath', remote(devPath)]] : []),
      ['extensionTestsPath', remote(suite)],
    ]);
    const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder ?? ws)}&payload=${encodeURIComponent(payload)}`;
    await page.goto(url);
    const shots = path.join(root, 'test-results');
    fs.mkdirSync(shots, { recursive: true });
    // the suite asks for the screenshot while our problems are on screen; the one in flight is awaited before the
    // browser closes (a screenshot racing the shutdown failed with "Target page, context or browser has been closed")
    let shooting;
    const watcher = setInterval(() => {
      if (
        !screenshot ||
        shooting ||
        !fs.existsSync(path.join(tmp, 'screenshot-ready')) ||
        fs.existsSync(path.join(tmp, 'screenshot-done'))
      )
        return;
      // the suite names each screenshot (problems, hover, quickfix) in the ready file
      const name = fs.readFileSync(path.join(tmp, 'screenshot-ready'), 'utf8').trim() || 'problems';
      fs.writeFileSync(path.join(tmp, 'screenshot-taking'), '');
      shooting = page
        .screenshot({
          path: path.join(shots, `${screenshot}-${name.replace(/[^a-z-]/g, '')}.png`),
          // the Marketplace pictures leave out the window's title bar (a test run's title names the test host)
          ...(screenshot === 'marketplace' ? { clip: { x: 0, y: 36, width: 1400, height: 864 } } : {}),
        })
        .catch((e) => console.error(`[vscode-test] screenshot failed: ${e.message}`))
        .then(() => fs.writeFileSync(path.join(tmp, 'screenshot-done'), ''))
        .finally(() => (shooting = undefined));
    }, 200);
    let timeoutHandle;
    const timer = new Promise((resolve) => {
      timeoutHandle = setTimeout(() => resolve('timeout'), timeoutS * 1000);
    });
    const result = await Promise.race([done, timer]);
    clearTimeout(timeoutHandle); // or it keeps the process alive after the run
    clearInterval(watcher);
    await shooting;
    if (screenshot && !fs.existsSync(path.join(shots, `${screenshot}-problems.png`)))
      await page.screenshot({ path: path.join(shots, `${screenshot}-problems.png`) }).catch(() => undefined);
    if (result === 'timeout') {
      console.error(`[vscode-test] no result after ${timeoutS}s; server log:\n${serverLog.slice(-4000)}`);
      code = 1;
    } else code = result;
    console.log(
      `[vscode-test] exit code ${code}${screenshot ? `; screenshots: test-results/${screenshot}-{problems,hover,quickfix}.png` : ''}`,
    );
  } finally {
    await browser?.close().catch(() => undefined);
    server.kill();
    if (!process.env.VSCODE_TEST_KEEP) fs.rmSync(tmp, { recursive: true, force: true });
  }
  return code;
}

main().catch((e) => {
  console.error(`[vscode-test] ${e.message}`);
  process.exitCode = 1;
});
