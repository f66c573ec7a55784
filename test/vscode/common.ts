// What both in-editor suites (the development extension, the installed package) share.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import Mocha = require('mocha');

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { waitFor } from './helpers';

export { waitFor };

/**
 * Hand-shake with test/vscode/run.mjs, which takes the named screenshot (test-results/<prefix>-<name>.png) while
 * the workbench shows what the test set up: the secondary side bar (the chat view) is closed first, so that the
 * picture is of the editor and the Problems panel. Without the runner (another harness) it times out quietly.
 */
export async function screenshot(name: string): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar').then(undefined, () => undefined);
  const dir = path.dirname(vscode.workspace.workspaceFolders![0].uri.fsPath);
  const ready = path.join(dir, 'screenshot-ready');
  const done = path.join(dir, 'screenshot-done');
  fs.rmSync(done, { force: true });
  fs.writeFileSync(ready, name);
  await waitFor(`the ${name} screenshot`, () => fs.existsSync(done), 30_000).catch(() => undefined);
  fs.rmSync(ready, { force: true });
}

/** A mocha instance whose `describe`/`it` are the globals while `define` runs; resolves when its tests pass. */
export function runMocha(name: string, define: () => void): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  mocha.suite.emit('pre-require', globalThis, name, mocha);
  define();
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures ? reject(new Error(`${failures} VS Code test(s) failed`)) : resolve()));
    } catch (e) {
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
}
