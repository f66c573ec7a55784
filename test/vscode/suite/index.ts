// Runs inside a real VS Code extension host (see test/vscode/run.mjs): the extension as users get it.
import * as path from 'node:path';
import * as fs from 'node:fs';
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { runMocha, screenshot } from '../common';
import { code, codeActions, ours, waitFor } from '../helpers';

function root(): vscode.Uri {
  return vscode.workspace.workspaceFolders![0].uri;
}
function file(rel: string): vscode.Uri {
  return vscode.Uri.joinPath(root(), rel);
}

export function run(): Promise<void> {
  return runMocha('suite', () => {
    describe('docker-security-lint in VS Code', () => {
      it('activates (narrow activation events, no error)', async () => {
        const ext = vscode.extensions.getExtension('docker-security-lint.docker-security-lint');
        assert.ok(ext, 'the extension under development is loaded');
        await ext.activate();
        assert.equal(ext.isActive, true);
      });

      it('reports its startup time: activation to first problems (a figure, not a timed test)', async () => {
        const ext = vscode.extensions.getExtension<{
          startup: { clientReadyMs?: number; firstDiagnosticsMs?: number };
        }>('docker-security-lint.docker-security-lint')!;
        const api = await ext.activate();
        const first = await waitFor('first diagnostics', () => api.startup.firstDiagnosticsMs);
        assert.ok(api.startup.clientReadyMs !== undefined && api.startup.clientReadyMs > 0 && first > 0);
        console.log(
          `      startup: activation -> language server ready ${api.startup.clientReadyMs} ms, -> first problems ` +
            `${first} ms`,
        );
        // nothing changed since the window opened: the start-up scan was the only one (the configuration change
        // VS Code sends at start-up, and others, used to start more); the command's own scan makes two
        await new Promise((r) => setTimeout(r, 2000));
        const r = await vscode.commands.executeCommand<{ scans: number }>('docker-security-lint.scanWorkspace');
        assert.equal(r.scans, 2, 'one scan at start-up, one for the command');
      });

      it('reports typing to squiggle: an edit to its problem on screen (a figure, not a timed test)', async () => {
        const doc = await vscode.workspace.openTextDocument(file('compose.yaml'));
        const editor = await vscode.window.showTextDocument(doc);
        await waitFor('the first problems', () => ours(doc.uri).some((d) => code(d) === 'compose/privileged'));
        const times: number[] = [];
        try {
          for (let i = 0; i < 12; i++) {
            const on = i % 2 === 1; // false, true, false...: each edit adds or removes the finding
            const started = Date.now();
            await editor.edit((e) => e.replace(doc.lineAt(3).range, `    privileged: ${on}`));
            // the moment the editor has the new problems (an event, not a poll: a poll's interval would be measured)
            const shown = () => ours(doc.uri).some((d) => code(d) === 'compose/privileged') === on;
            await new Promise<void>((resolve, reject) => {
              const timer = setTimeout(() => {
                sub.dispose();
                const seen = ours(doc.uri).map((d) => `${code(d)}@${d.range.start.line}`);
                reject(new Error(`no squiggle change after edit ${i} (version ${doc.version}): ${seen.join(' ')}`));
              }, 30_000);
              const sub = vscode.languages.onDidChangeDiagnostics(() => {
                if (!shown()) return;
                clearTimeout(timer);
                sub.dispose();
                resolve();
              });
              if (shown()) {
                clearTimeout(timer);
                sub.dispose();
                resolve();
              }
            });
            times.push(Date.now() - started);
          }
        } finally {
          await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
        }
        const sorted = [...times].sort((a, b) => a - b);
        console.log(
          `      typing to squiggle: median ${sorted[Math.floor(sorted.length / 2)]} ms, max ${sorted[sorted.length - 1]} ms ` +
            `(12 edits of a Compose file)`,
        );
        assert.equal(times.length, 12);
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
        // the docs link runs "Show the documentation": the page shipped in the extension, in a Markdown preview
        const target = typeof priv.code === 'object' ? priv.code.target : undefined;
        assert.equal(target?.scheme, 'command');
        assert.equal(target?.path, 'docker-security-lint.showRuleDocs');
        const args = JSON.parse(decodeURIComponent(target?.query ?? '')) as string[];
        assert.deepEqual(args, ['compose/privileged']);
        // what the Problems panel runs when the link is clicked
        await vscode.commands.executeCommand(target!.path, ...args);
        const tab = await waitFor('a preview tab from the Problems link', () => {
          const t = vscode.window.tabGroups.activeTabGroup.activeTab;
          return t && t.input instanceof vscode.TabInputWebview && t;
        });
        assert.match((tab.input as vscode.TabInputWebview).viewType, /markdown\.preview/);
        await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      });

      it("opening the extension's own docs page adds no problem (it is not the workspace's)", async () => {
        const ext = vscode.extensions.all.find((e) => e.id.toLowerCase().endsWith('docker-security-lint'))!;
        // a page whose examples hold suppression comments: linted, they would be unused suppressions
        const page = vscode.Uri.joinPath(ext.extensionUri, 'docs', 'rules', 'meta', 'unused-ignore.md');
        const doc = await vscode.workspace.openTextDocument(page);
        await vscode.window.showTextDocument(doc);
        await vscode.commands.executeCommand('docker-security-lint.showRuleDocs', 'meta/unused-ignore');
        // give the server the time it takes to lint an opened file (debounce and more), then look
        await new Promise((r) => setTimeout(r, 1500));
        assert.deepEqual(ours(page), []);
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      });

      it('"Show the documentation" opens the bundled page in a Markdown preview, not a browser', async () => {
        await vscode.commands.executeCommand('docker-security-lint.showRuleDocs', 'compose/privileged');
        const tab = await waitFor('a preview tab', () => {
          const t = vscode.window.tabGroups.activeTabGroup.activeTab;
          return t && t.input instanceof vscode.TabInputWebview && t;
        });
        assert.match((tab.input as vscode.TabInputWebview).viewType, /markdown\.preview/);
        assert.match(tab.label, /privileged/);
        await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      });

      it('offers quick fixes and suppressions; applying one changes the text and clears the problem', async () => {
        const doc = await vscode.workspace.openTextDocument(file('compose.yaml'));
        const oom = await waitFor('oom diagnostic', () =>
          ours(doc.uri).find((d) => code(d) === 'compose/oom-kill-disable'),
        );
        const actions = await codeActions(doc.uri, oom.range);
        const titles = actions.map((a) => a.title);
        assert.ok(titles.includes('Remove oom_kill_disable'), titles.join(' | '));
        assert.ok(titles.includes('Ignore compose/oom-kill-disable on this line'));
        // the docs are one more entry point here: the action runs Show the documentation (a rendered preview)
        const docs = actions.find((a) => a.title === 'Show the documentation of compose/oom-kill-disable');
        assert.equal(docs?.command?.command, 'docker-security-lint.showRuleDocs', titles.join(' | '));
        const fix = actions.find((a) => a.title === 'Remove oom_kill_disable')!;
        assert.ok(await vscode.workspace.applyEdit(fix.edit!));
        assert.doesNotMatch(doc.getText(), /oom_kill_disable/);
        assert.match(doc.getText(), /privileged: true\n    ports:/);
        await waitFor('oom diagnostic gone', () => !ours(doc.uri).some((d) => code(d) === 'compose/oom-kill-disable'));
      });

      it('lints a devcontainer.json (JSON with comments) and its quick fix edits only the flag', async () => {
        const doc = await vscode.workspace.openTextDocument(file('.devcontainer/devcontainer.json'));
        await vscode.window.showTextDocument(doc);
        const priv = await waitFor('devcontainer diagnostic', () =>
          ours(doc.uri).find((d) => code(d) === 'devcontainer/privileged'),
        );
        assert.equal(priv.range.start.line, 3);
        const actions = await codeActions(doc.uri, priv.range);
        const titles = actions.map((a) => a.title);
        assert.ok(titles.includes('Ignore devcontainer/privileged on this line'), titles.join(' | '));
        const fix = actions.find((a) => a.title.startsWith('Remove --privileged'));
        assert.ok(fix, titles.join(' | '));
        assert.ok(await vscode.workspace.applyEdit(fix.edit!));
        assert.equal(
          doc.getText(),
          '{\n  // a dev container with a grant to remove\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu",\n' +
            '  "runArgs": ["--init"],\n  "remoteUser": "vscode",\n}\n',
        );
        await waitFor(
          'devcontainer diagnostic gone',
          () => !ours(doc.uri).some((d) => code(d) === 'devcontainer/privileged'),
        );
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      });

      it('lints docker run in a shell script; the quick fix removes the flag and its line continuation', async () => {
        const doc = await vscode.workspace.openTextDocument(file('scripts/db.sh'));
        await vscode.window.showTextDocument(doc);
        const priv = await waitFor('script diagnostic', () => ours(doc.uri).find((d) => code(d) === 'run/privileged'));
        assert.equal(priv.range.start.line, 3);
        const actions = await codeActions(doc.uri, priv.range);
        const titles = actions.map((a) => a.title);
        assert.ok(titles.includes('Ignore run/privileged on this line'), titles.join(' | '));
        const fix = actions.find((a) => a.title.startsWith('Remove --privileged'));
        assert.ok(fix, titles.join(' | '));
        assert.ok(await vscode.workspace.applyEdit(fix.edit!));
        assert.equal(
          doc.getText(),
          '#!/bin/sh\n# starts the test database\ndocker run --rm \\\n  -p 127.0.0.1:5432:5432 \\\n  postgres:17\n',
        );
        await waitFor('script diagnostic gone', () => !ours(doc.uri).some((d) => code(d) === 'run/privileged'));
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
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

      it('a folder deleted (rm -rf) or created with its files keeps the Problems panel exact', async () => {
        const dir = path.join(root().fsPath, 'services', 'billing');
        fs.mkdirSync(path.join(dir, 'api'), { recursive: true });
        fs.writeFileSync(path.join(dir, 'compose.yaml'), 'services:\n  a:\n    image: x:1\n    privileged: true\n');
        fs.writeFileSync(path.join(dir, 'api', 'Dockerfile'), 'FROM alpine:3.20\nRUN sudo id\nUSER 1\n');
        const compose = vscode.Uri.file(path.join(dir, 'compose.yaml'));
        const dockerfile = vscode.Uri.file(path.join(dir, 'api', 'Dockerfile'));
        await waitFor('the created folder linted', () => ours(compose).some((d) => code(d) === 'compose/privileged'));
        await waitFor('and its subfolder', () => ours(dockerfile).some((d) => code(d) === 'dockerfile/sudo'));
        fs.rmSync(path.join(root().fsPath, 'services'), { recursive: true });
        await waitFor('the deleted folder cleared', () => !ours(compose).length && !ours(dockerfile).length);
      });

      it('a script without an extension is found by its shebang, and its change on disk is seen', async () => {
        const dir = path.join(root().fsPath, 'tools-created');
        fs.mkdirSync(dir);
        const p = path.join(dir, 'up');
        fs.writeFileSync(p, '#!/usr/bin/env bash\ndocker run --privileged alpine:3.20\n');
        const uri = vscode.Uri.file(p);
        await waitFor('the created script linted', () => ours(uri).some((d) => code(d) === 'run/privileged'));
        // the editor's watcher goes by names; the server asked it to watch this file (give it a moment to start)
        await new Promise((r) => setTimeout(r, 1000));
        fs.writeFileSync(p, '#!/usr/bin/env bash\ndocker run alpine:3.20\n');
        await waitFor('the change on disk seen', () => !ours(uri).some((d) => code(d) === 'run/privileged'));
        fs.rmSync(dir, { recursive: true });
        await waitFor('the deleted folder cleared', () => !ours(uri).length);
      });

      it('the suppression quick fix writes a placeholder reason, selects it, and the placeholder is flagged', async () => {
        const doc = await vscode.workspace.openTextDocument(file('suppress/compose.yaml'));
        const editor = await vscode.window.showTextDocument(doc);
        const oom = await waitFor('oom diagnostic', () =>
          ours(doc.uri).find((d) => code(d) === 'compose/oom-kill-disable'),
        );
        const actions = await codeActions(doc.uri, oom.range);
        const sup = actions.find((a) => a.title === 'Ignore compose/oom-kill-disable on this line')!;
        assert.ok(await vscode.workspace.applyEdit(sup.edit!));
        assert.ok(sup.command, 'the action selects the placeholder');
        await vscode.commands.executeCommand(sup.command.command, ...(sup.command.arguments ?? []));
        assert.equal(editor.document.getText(editor.selection), '<why this is acceptable>');
        await waitFor('the placeholder flagged', () =>
          ours(doc.uri).some((d) => code(d) === 'meta/ignore-without-reason' && d.range.start.line === 3),
        );
        assert.ok(!ours(doc.uri).some((d) => code(d) === 'compose/oom-kill-disable'), 'and the finding is suppressed');
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      });

      it('"Scan the workspace now" reports what it did (files, problems, time)', async () => {
        const r = await vscode.commands.executeCommand<{ files: number; ms: number; errors: number; warnings: number }>(
          'docker-security-lint.scanWorkspace',
        );
        assert.ok(r && r.files >= 3, JSON.stringify(r));
        assert.ok(r.errors > 0 && r.ms >= 0, JSON.stringify(r));
      });

      it('the scan summary and the Problems panel agree after a scope change (openFiles, then workspace)', async () => {
        type Summary = { files: number; errors: number; warnings: number };
        const count = () => {
          let errors = 0;
          let warnings = 0;
          for (const [, ds] of vscode.languages.getDiagnostics())
            for (const d of ds) {
              if (d.source !== 'docker-security-lint') continue;
              if (d.severity === vscode.DiagnosticSeverity.Error) errors++;
              else if (d.severity === vscode.DiagnosticSeverity.Warning) warnings++;
            }
          return [errors, warnings];
        };
        const config = vscode.workspace.getConfiguration('docker-security-lint');
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        // scope is a setting the workspace cannot set in Restricted Mode: the user's settings
        await config.update('scope', 'openFiles', vscode.ConfigurationTarget.Global);
        try {
          // the scan that the setting change starts, then ours: the summary says what the Problems panel shows
          // (documents the editor still holds count as open: VS Code closes them later than their tabs)
          let agreed: [Summary, number[]] | undefined;
          let last = '';
          for (let i = 0; i < 50 && !agreed; i++) {
            const r = await vscode.commands.executeCommand<Summary>('docker-security-lint.scanWorkspace');
            const c = count();
            last = `summary ${JSON.stringify(r)}, panel ${c.join('/')}`;
            if (r && r.errors === c[0] && r.warnings === c[1]) agreed = [r, c];
            else await new Promise((res) => setTimeout(res, 100));
          }
          assert.ok(agreed, `scope openFiles: the summary and the panel agree (${last})`);
        } finally {
          await config.update('scope', undefined, vscode.ConfigurationTarget.Global);
        }
        const all = await vscode.commands.executeCommand<Summary>('docker-security-lint.scanWorkspace');
        const [errors, warnings] = count();
        assert.deepEqual([all.errors, all.warnings], [errors, warnings]);
        assert.ok(all.files >= 3 && errors > 0, JSON.stringify(all));
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

      it('the status-bar item runs a command VS Code has (the Problems view focus, which shows it)', async () => {
        const ext = vscode.extensions.getExtension('docker-security-lint.docker-security-lint');
        const api = (await ext!.activate()) as { statusCommand?: string };
        assert.equal(api.statusCommand, 'workbench.panel.markers.view.focus');
        const all = await vscode.commands.getCommands(false);
        assert.ok(all.includes(api.statusCommand), 'the command exists');
        await vscode.commands.executeCommand(api.statusCommand);
        await vscode.commands.executeCommand(api.statusCommand); // twice: it shows, it does not toggle
      });

      it('leaves the compose file open with the Problems panel shown (for the screenshot)', async () => {
        const doc = await vscode.workspace.openTextDocument(file('compose.yaml'));
        await vscode.window.showTextDocument(doc);
        await vscode.commands.executeCommand('workbench.actions.view.problems');
        await waitFor('problems shown', () => ours(doc.uri).length > 0);
        await new Promise((r) => setTimeout(r, 1000));
        await screenshot('problems');
        assert.ok(ours(doc.uri).length > 0);
      });

      it('shows a hover and the quick-fix menu on a problem (screenshots for a reviewer)', async () => {
        const doc = await vscode.workspace.openTextDocument(file('compose.yaml'));
        const editor = await vscode.window.showTextDocument(doc);
        const priv = await waitFor('privileged', () => ours(doc.uri).find((d) => code(d) === 'compose/privileged'));
        editor.selection = new vscode.Selection(priv.range.start.translate(0, 2), priv.range.start.translate(0, 2));
        await vscode.commands.executeCommand('editor.action.showHover');
        await new Promise((r) => setTimeout(r, 800));
        await screenshot('hover');
        await vscode.commands.executeCommand('editor.action.quickFix');
        await new Promise((r) => setTimeout(r, 800));
        await screenshot('quickfix');
        await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
        assert.ok(ours(doc.uri).some((d) => code(d) === 'compose/privileged'));
      });
    });
  });
}
