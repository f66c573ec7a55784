// Runs inside a real VS Code extension host (see test/vscode/run.mjs): the extension as users get it.
import * as path from 'node:path';
import * as fs from 'node:fs';
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
// eslint-disable-next-line @typescript-eslint/no-require-imports
import Mocha = require('mocha');

const SOURCE = 'docker-security-lint';

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}
function code(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

async function waitFor<T>(what: string, fn: () => T | undefined | false, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function root(): vscode.Uri {
  return vscode.workspace.workspaceFolders![0].uri;
}
function file(rel: string): vscode.Uri {
  return vscode.Uri.joinPath(root(), rel);
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  mocha.suite.emit('pre-require', globalThis, 'suite', mocha);

  describe('docker-security-lint in VS Code', () => {
    it('activates (narrow activation events, no error)', async () => {
      const ext = vscode.extensions.getExtension('docker-security-lint.docker-security-lint');
      assert.ok(ext, 'the extension under development is loaded');
      await ext.activate();
      assert.equal(ext.isActive, true);
    });

    it('reports its startup time: activation to first problems (a figure, not a timed test)', async () => {
      const ext = vscode.extensions.getExtension<{ startup: { clientReadyMs?: number; firstDiagnosticsMs?: number } }>(
        'docker-security-lint.docker-security-lint',
      )!;
      const api = await ext.activate();
      const first = await waitFor('first diagnostics', () => api.startup.firstDiagnosticsMs);
      assert.ok(api.startup.clientReadyMs !== undefined && api.startup.clientReadyMs > 0 && first > 0);
      console.log(
        `      startup: activation -> language server ready ${api.startup.clientReadyMs} ms, -> first problems ` +
          `${first} ms`,
      );
    });

    it('works in an untrusted (restricted mode) workspace', function () {
      // the offline runner guarantees an untrusted workspace; test-electron's launch may trust it
      if (process.env.DSL_EXPECT_UNTRUSTED !== '1') this.skip();
      assert.equal(vscode.workspace.isTrusted, false, 'the test workspace is meant to be untrusted');
    });

    it('shows inline diagnostics for an open compose file, with rule code and docs link', async () => {
      const doc = await vscode.workspace.openTextDocument(file('compose.yaml'));
      await vscode.window.showTextDocument(doc);
      const diags = await waitFor('compose diagnostics', () => {
        const d = ours(doc.uri);
        return d.some((x) => code(x) === 'compose/privileged') && d;
      });
      const priv = diags.find((d) => code(d) === 'compose/privileged')!;
      assert.equal(priv.severity, vscode.DiagnosticSeverity.Error);
      assert.equal(priv.range.start.line, 3);
      const target = typeof priv.code === 'object' ? priv.code.target.toString() : '';
      assert.match(target, /docs\/rules\/compose\/privileged\.md$/);
    });

    it('offers quick fixes and suppressions; applying one changes the text and clears the problem', async () => {
      const doc = await vscode.workspace.openTextDocument(file('compose.yaml'));
      const oom = await waitFor('oom diagnostic', () =>
        ours(doc.uri).find((d) => code(d) === 'compose/oom-kill-disable'),
      );
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        doc.uri,
        oom.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const titles = actions.map((a) => a.title);
      assert.ok(titles.includes('Remove oom_kill_disable'), titles.join(' | '));
      assert.ok(titles.includes('Ignore compose/oom-kill-disable on this line'));
      const fix = actions.find((a) => a.title === 'Remove oom_kill_disable')!;
      assert.ok(await vscode.workspace.applyEdit(fix.edit!));
      assert.doesNotMatch(doc.getText(), /oom_kill_disable/);
      assert.match(doc.getText(), /privileged: true\n    ports:/);
      await waitFor('oom diagnostic gone', () => !ours(doc.uri).some((d) => code(d) === 'compose/oom-kill-disable'));
    });

    it('lists problems of files that are not open (workspace scan)', async () => {
      const uri = file('svc/Dockerfile');
      assert.ok(
        !vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()),
        'the Dockerfile must not be open',
      );
      const d = await waitFor('unopened Dockerfile diagnostics', () => {
        const x = ours(uri);
        return x.some((y) => code(y) === 'dockerfile/sudo') && x;
      });
      assert.ok(d.some((y) => code(y) === 'dockerfile/expose-ssh'));
    });

    it('applies safe fixes on save (editor.codeActionsOnSave)', async () => {
      const doc = await vscode.workspace.openTextDocument(file('fixall/compose.yaml'));
      const editor = await vscode.window.showTextDocument(doc);
      await waitFor('fixall diagnostics', () => ours(doc.uri).some((d) => code(d) === 'compose/oom-kill-disable'));
      await editor.edit((e) => e.insert(new vscode.Position(0, 0), '# saved by the test\n'));
      await waitFor('diagnostics for the edit', () =>
        ours(doc.uri).some((d) => code(d) === 'compose/oom-kill-disable' && d.range.start.line === 4),
      );
      assert.ok(doc.isDirty, 'the document was saved before the explicit save (is files.autoSave on?)');
      await doc.save();
      const text = fs.readFileSync(doc.uri.fsPath, 'utf8');
      const expected =
        '# saved by the test\nservices:\n  app:\n    image: alpine:3.20\n    security_opt:\n      - ' +
        'no-new-privileges:true\n';
      if (text !== expected) {
        // say what the server offers now, so that a failure can be told apart from a timing problem
        const offered = await vscode.commands.executeCommand<vscode.CodeAction[]>(
          'vscode.executeCodeActionProvider',
          doc.uri,
          new vscode.Range(0, 0, 0, 0),
          'source.fixAll.docker-security-lint',
        );
        assert.fail(
          `saved text:\n${text}\nsource.fixAll offered after the save: ${JSON.stringify(offered.map((a) => a.title))}`,
        );
      }
    });

    it('leaves the compose file open with the Problems panel shown (for the screenshot)', async () => {
      const doc = await vscode.workspace.openTextDocument(file('compose.yaml'));
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      await waitFor('problems shown', () => ours(doc.uri).length > 0);
      await new Promise((r) => setTimeout(r, 1000));
      // hand-shake with test/vscode/run.mjs, which takes the screenshot while the problems are on screen
      const dir = path.dirname(root().fsPath);
      fs.writeFileSync(path.join(dir, 'screenshot-ready'), '');
      await waitFor('the screenshot', () => fs.existsSync(path.join(dir, 'screenshot-done')), 30_000).catch(
        () => undefined,
      );
      assert.ok(ours(doc.uri).length > 0);
    });
  });

  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures ? reject(new Error(`${failures} VS Code test(s) failed`)) : resolve()));
    } catch (e) {
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
}
