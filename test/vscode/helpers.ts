// What the in-editor suites share (the desktop one, the packaged one, the web one): only the vscode API and web
// globals, so that the web suite can bundle it for a browser.
import * as vscode from 'vscode';

export const SOURCE = 'docker-security-lint';

/** This extension's diagnostics on a file. */
export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

/** A diagnostic's rule id. */
export function code(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

/** Polls until `fn` gives a value (the extension works asynchronously); throws after `ms`. */
export async function waitFor<T>(what: string, fn: () => T | undefined | false, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Code actions of a kind at a range. A request the editor cancels (a document or editor change racing it) is asked
 * again, and so is an answer without this extension's actions: on a loaded machine the diagnostics the editor holds
 * can come from the workspace scan's publish while the open document's own analysis is still being stored, and the
 * server then (rightly) offers nothing for diagnostics it cannot match. A person asking again gets them; the test
 * does the same, a bounded number of times, and fails if they never come.
 */
export async function codeActions(
  uri: vscode.Uri,
  range: vscode.Range,
  kind: string = vscode.CodeActionKind.QuickFix.value,
): Promise<vscode.CodeAction[]> {
  let last: vscode.CodeAction[] = [];
  for (let attempt = 0; attempt < 10; attempt++) {
    try {
      last = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        uri,
        range,
        kind,
      );
      if (last.some((a) => a.kind?.value.endsWith(SOURCE) || a.diagnostics?.some((d) => d.source === SOURCE)))
        return last;
    } catch (e) {
      if (!/Canceled/.test(String(e))) throw e;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return last;
}
