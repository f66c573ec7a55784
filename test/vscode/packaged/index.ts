// Runs inside VS Code with the packaged .vsix installed (`--install-extension`), not the development folder:
// the extension as users install it lints, and its docs links point into the installed package.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { runMocha, screenshot, waitFor } from '../common';
import { code, ours } from '../helpers';

export function run(): Promise<void> {
  return runMocha('packaged', () => {
    describe('the packaged .vsix, installed', () => {
      it('is installed from the package (not the development folder) and lints an open compose file', async () => {
        const ext = vscode.extensions.getExtension('docker-security-lint.docker-security-lint');
        assert.ok(ext, 'installed');
        assert.ok(process.env.DSL_DEV_PATH, 'the runner names the development folder');
        assert.ok(!ext.extensionPath.startsWith(process.env.DSL_DEV_PATH), `installed, not ${ext.extensionPath}`);
        assert.match(ext.extensionPath, /[\\/]docker-security-lint\.docker-security-lint-\d/);
        const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'compose.yaml');
        await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
        const priv = await waitFor('diagnostics from the installed extension', () =>
          vscode.languages
            .getDiagnostics(uri)
            .find(
              (d) =>
                d.source === 'docker-security-lint' &&
                typeof d.code === 'object' &&
                d.code.value === 'compose/privileged',
            ),
        );
        // the docs link opens the page shipped in the package, in a Markdown preview
        const target = typeof priv.code === 'object' ? priv.code.target : undefined;
        assert.equal(target?.scheme, 'command', `a "Show the documentation" link: ${target?.toString()}`);
        const args = JSON.parse(decodeURIComponent(target!.query)) as string[];
        await vscode.commands.executeCommand(target!.path, ...args);
        const tab = await waitFor('the preview of the shipped page', () => {
          const t = vscode.window.tabGroups.activeTabGroup.activeTab;
          return t && t.input instanceof vscode.TabInputWebview && t;
        });
        assert.match((tab.input as vscode.TabInputWebview).viewType, /markdown\.preview/);
        assert.match(tab.label, /privileged/);
      });

      it("the Marketplace page's pictures: a Compose file's problems, a hover, the quick-fix menu", async () => {
        const folder = vscode.workspace.workspaceFolders![0].uri;
        await vscode.commands.executeCommand('workbench.action.closeAllEditors'); // the docs preview of the test above
        const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'compose.yaml'));
        let editor = await vscode.window.showTextDocument(doc);
        await vscode.commands.executeCommand('workbench.actions.view.problems');
        const socket = await waitFor('the socket mount', () =>
          ours(doc.uri).find((d) => code(d) === 'compose/docker-socket'),
        );
        await waitFor('the Dockerfile scanned too', () =>
          ours(vscode.Uri.joinPath(folder, 'Dockerfile')).some((d) => code(d) === 'dockerfile/missing-user'),
        );
        await new Promise((r) => setTimeout(r, 1000));
        await screenshot('problems');
        const priv = ours(doc.uri).find((d) => code(d) === 'compose/privileged')!;
        editor.selection = new vscode.Selection(priv.range.start.translate(0, 2), priv.range.start.translate(0, 2));
        await vscode.commands.executeCommand('editor.action.showHover');
        await new Promise((r) => setTimeout(r, 800));
        await screenshot('hover');
        // the hover stays up under a quick-fix menu: the editor is opened again without it
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        editor = await vscode.window.showTextDocument(doc);
        editor.selection = new vscode.Selection(socket.range.start.translate(0, 2), socket.range.start.translate(0, 2));
        await vscode.commands.executeCommand('editor.action.quickFix');
        await new Promise((r) => setTimeout(r, 800));
        await screenshot('quickfix');
        await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
        assert.ok(ours(doc.uri).some((d) => code(d) === 'compose/privileged'));
      });
    });
  });
}
