// Runs inside VS Code's web worker extension host (see test/vscode/run.mjs): the extension as vscode.dev and
// github.dev run it, on the workspace served from disk (vscode-remote:) and on an in-memory file system the test
// registers (memfs:, see memfs.ts). Only the vscode API and web globals here: no Node.
import * as vscode from 'vscode';
import { code, codeActions, ours, waitFor } from '../helpers';

const ID = 'docker-security-lint.docker-security-lint';

function ok(v: unknown, message: string): asserts v {
  if (!v) throw new Error(message);
}
function equal<T>(a: T, b: T, message: string): void {
  if (a !== b) throw new Error(`${message}: ${JSON.stringify(a)} !== ${JSON.stringify(b)}`);
}

function root(): vscode.Uri {
  return vscode.workspace.workspaceFolders![0].uri;
}
function file(rel: string): vscode.Uri {
  return vscode.Uri.joinPath(root(), rel);
}

/**
 * The tests, run one after the other with a time limit each; the result is logged (the workbench forwards the
 * extension host's console to the runner) and a failure rejects the run. (Mocha's browser build assumes a page
 * with a document; a web worker has none.)
 */
const tests: { name: string; fn: () => Promise<void> }[] = [];
function it(name: string, fn: () => Promise<void> | void): void {
  tests.push({ name, fn: async () => fn() });
}
async function runAll(title: string, timeoutMs: number): Promise<void> {
  console.log(title);
  let failures = 0;
  for (const t of tests) {
    const started = Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      await Promise.race([
        t.fn(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
      console.log(`  ✔ ${t.name} (${Date.now() - started} ms)`);
    } catch (e) {
      failures++;
      console.log(`  ✖ ${t.name}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    } finally {
      clearTimeout(timer);
    }
  }
  console.log(`  ${tests.length - failures} passing, ${failures} failing`);
  if (failures) throw new Error(`${failures} web test(s) failed`);
}

export function run(): Promise<void> {
  const scheme = root().scheme;
  {
    it('runs in the web worker extension host, from the browser entry', async () => {
      const ext = vscode.extensions.getExtension(ID);
      ok(ext, 'the extension under development is loaded');
      await ext.activate();
      ok(ext.isActive, 'active');
      equal(typeof (globalThis as { importScripts?: unknown }).importScripts, 'function', 'in a web worker');
      equal((ext.packageJSON as { main?: string }).main, undefined, 'loaded without the desktop entry');
    });

    it('reports its startup time: activation to first problems (a figure, not a timed test)', async () => {
      const api = (await vscode.extensions
        .getExtension<{ startup: { clientReadyMs?: number; firstDiagnosticsMs?: number } }>(ID)!
        .activate()) as { startup: { clientReadyMs?: number; firstDiagnosticsMs?: number } };
      const first = await waitFor('first diagnostics', () => api.startup.firstDiagnosticsMs);
      console.log(
        `  startup (web, ${scheme}): activation -> language server ready ${api.startup.clientReadyMs} ms, ` +
          `-> first problems ${first} ms`,
      );
      ok(first > 0, 'a time');
    });

    it('lists problems of files that are not open (workspace scan)', async () => {
      const uri = file('svc/Dockerfile');
      ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'not open');
      const d = await waitFor('unopened Dockerfile diagnostics', () => {
        const x = ours(uri);
        return x.some((y) => code(y) === 'dockerfile/sudo') && x;
      });
      ok(
        d.some((y) => code(y) === 'dockerfile/expose-ssh'),
        d.map(code).join(),
      );
    });

    it('an override file is merged onto its base', async () => {
      const over = await waitFor('the override linted', () =>
        ours(file('ovr/compose.override.yaml')).some((d) => code(d) === 'compose/host-pid'),
      );
      ok(over, 'host-pid on the override');
      const base = await waitFor(
        'the base linted',
        () => ours(file('ovr/compose.yaml')).length > 0 && ours(file('ovr/compose.yaml')),
      );
      ok(!base.some((d) => code(d) === 'compose/privileged'), 'the override resets privileged');
    });

    it('diagnostics while typing', async () => {
      const doc = await vscode.workspace.openTextDocument(file('compose.yaml'));
      const editor = await vscode.window.showTextDocument(doc);
      const priv = await waitFor('compose diagnostics', () =>
        ours(doc.uri).find((d) => code(d) === 'compose/privileged'),
      );
      equal(priv.range.start.line, 3, 'privileged line');
      await editor.edit((e) => e.insert(new vscode.Position(4, 0), '    pid: host\n'));
      const pid = await waitFor('a finding for the typed line', () =>
        ours(doc.uri).find((d) => code(d) === 'compose/host-pid'),
      );
      equal(pid.range.start.line, 4, 'host-pid line');
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });

    it('a quick fix changes the text and clears the problem', async () => {
      const doc = await vscode.workspace.openTextDocument(file('compose.yaml'));
      await vscode.window.showTextDocument(doc);
      const oom = await waitFor('oom diagnostic', () =>
        ours(doc.uri).find((d) => code(d) === 'compose/oom-kill-disable' && d.range.start.line === 4),
      );
      const actions = await codeActions(doc.uri, oom.range, vscode.CodeActionKind.QuickFix.value);
      const fix = actions.find((a) => a.title === 'Remove oom_kill_disable');
      ok(fix?.edit, actions.map((a) => a.title).join(' | '));
      ok(await vscode.workspace.applyEdit(fix.edit), 'applied');
      ok(!/oom_kill_disable/.test(doc.getText()), 'removed');
      await waitFor('oom diagnostic gone', () => !ours(doc.uri).some((d) => code(d) === 'compose/oom-kill-disable'));
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });

    it('fix-all applies the safe fixes', async () => {
      const doc = await vscode.workspace.openTextDocument(file('fixall/compose.yaml'));
      await vscode.window.showTextDocument(doc);
      await waitFor('fixall diagnostics', () => ours(doc.uri).some((d) => code(d) === 'compose/oom-kill-disable'));
      const actions = await codeActions(doc.uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.docker-security-lint');
      const all = actions.find((a) => a.kind?.value === 'source.fixAll.docker-security-lint');
      ok(all?.edit, actions.map((a) => a.title).join(' | '));
      ok(await vscode.workspace.applyEdit(all.edit), 'applied');
      equal(
        doc.getText(),
        'services:\n  app:\n    image: alpine:3.20\n    security_opt:\n      - no-new-privileges:true\n',
        'the fixed text',
      );
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });

    it('a file written on the file system is linted (watcher), and cleared when deleted', async () => {
      const uri = file('created/compose.yaml');
      await vscode.workspace.fs.writeFile(
        uri,
        new TextEncoder().encode('services:\n  a:\n    image: x:1\n    ipc: host\n'),
      );
      await waitFor('the created file linted', () => ours(uri).some((d) => code(d) === 'compose/host-ipc'));
      await vscode.workspace.fs.delete(file('created'), { recursive: true });
      await waitFor('the deleted file cleared', () => !ours(uri).length);
    });
  }
  return runAll(`docker-security-lint as a web extension (${scheme}:)`, 60_000);
}
