// Code actions (quick fixes, suppressions, fix-all) and the server's commands.
import {
  CodeActionKind,
  CreateFile,
  TextDocumentEdit,
  type WorkspaceEdit,
  type CodeAction,
  type CodeActionParams,
  type Command,
  type Connection,
  type Diagnostic,
  type ExecuteCommandParams,
  type TextEdit as LspTextEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  applyEdits,
  fixAll,
  isSafe,
  LineIndex,
  REASON_PLACEHOLDER,
  suppressionFixes,
  type Finding,
  type Fix,
} from '../engine';
import { CLIENT_COMMANDS, FIX_ALL_KIND, INTERNAL_CLIENT_COMMANDS, SERVER_COMMANDS } from '../shared/protocol';
import type { DiagnosticData, Diagnostics } from './diagnostics';
import { ASIDE_CHARS, type AsideLint } from './platform';
import type { Scanner } from './scan';
import type { SettingsStore } from './settings';
import { untitledConfig, untitledName, type OpenResult, type Workspace } from './workspace';

export class Actions {
  /** Commands the client says it runs itself (`initializationOptions.clientCommands`). */
  clientCommands: ReadonlySet<string> = new Set();

  constructor(
    private readonly connection: Connection,
    private readonly ws: Workspace,
    private readonly settings: SettingsStore,
    private readonly diagnostics: Diagnostics,
    private readonly scanner: Scanner,
  ) {}

  async codeActions(params: CodeActionParams): Promise<CodeAction[]> {
    const uri = params.textDocument.uri;
    const doc = this.ws.documents.get(uri);
    const entry = await this.diagnostics.current(uri);
    if (!doc || !entry || entry.text !== doc.getText()) return [];
    const only = params.context.only;
    if (only?.some((k) => k === FIX_ALL_KIND || k === CodeActionKind.SourceFixAll || k === CodeActionKind.Source)) {
      const a = await this.fixAllAction(uri, doc);
      return a ? [a] : [];
    }
    if (only && !only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(k))) return [];
    const index = new LineIndex(doc.getText());
    const toLsp = (e: { start: number; end: number; newText: string }): LspTextEdit => ({
      range: index.range(e.start, e.end),
      newText: e.newText,
    });
    const actions: CodeAction[] = [];
    let any = false;
    const fixesOf = await this.fixesOf(uri, entry, params.context.diagnostics);
    for (const [i, f] of entry.result.findings.entries()) {
      const diag = params.context.diagnostics.find((d) => isDiagnosticOf(d, f));
      if (!diag) continue;
      any = true;
      const offered = (fixesOf(i) ?? []).filter((x) => x.applicability !== 'display-only');
      for (const fix of offered.sort((a, b) => Number(isSafe(b)) - Number(isSafe(a)))) {
        actions.push({
          title: fix.title + (isSafe(fix) ? '' : ' (review: changes behaviour)'),
          kind: CodeActionKind.QuickFix,
          diagnostics: [diag],
          isPreferred: isSafe(fix),
          edit: fix.files?.length
            ? multiFileEdit(uri, doc.version, fix, toLsp, (p) => this.ws.pathToUri(p))
            : { changes: { [uri]: fix.edits.map(toLsp) } },
        });
      }
      // the rule's page, where the client has the command that opens it (VS Code's: a rendered preview)
      if (this.clientCommands.has(CLIENT_COMMANDS.showDocs))
        actions.push({
          title: `Show the documentation of ${f.ruleId}`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diag],
          command: { title: 'Show the documentation', command: CLIENT_COMMANDS.showDocs, arguments: [f.ruleId] },
        });
      for (const sup of suppressionFixes(entry.result.kind, index, f)) {
        actions.push({
          title: sup.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diag],
          edit: { changes: { [uri]: sup.edits.map(toLsp) } },
          // then the cursor goes to the reason placeholder, for the person to replace it
          command: placeholderSelection(uri, doc.getText(), sup.edits),
        });
      }
    }
    if (any && doc.getText().length >= ASIDE_CHARS) {
      // a large document: fix-all is computed when chosen, not for every request (it lints the file again, more
      // than once, which takes seconds there)
      const title = 'Fix all safe docker-security-lint problems in this file';
      actions.push({
        title,
        kind: CodeActionKind.QuickFix,
        command: { title, command: SERVER_COMMANDS.fixFile, arguments: [uri] },
      });
      return actions;
    }
    const all = any ? await this.fixAllAction(uri, doc) : undefined;
    if (all)
      actions.push({
        ...all,
        kind: CodeActionKind.QuickFix,
        title: 'Fix all safe docker-security-lint problems in this file',
      });
    return actions;
  }

  /**
   * The fixes of a finding of this result (by index): its own, or for a document linted on the worker (aside.ts),
   * those the worker computes for the findings the request is about.
   */
  private async fixesOf(
    uri: string,
    entry: OpenResult,
    diagnostics: readonly Diagnostic[],
  ): Promise<(i: number) => Fix[] | undefined> {
    const result = entry.result as AsideLint;
    const { platform } = this.ws;
    if (!result.aside || !platform.lintAside || entry.version === null) return (i) => result.findings[i].fixes;
    const indexes = result.findings.flatMap((f, i) => (diagnostics.some((d) => isDiagnosticOf(d, f)) ? [i] : []));
    if (!indexes.length) return () => undefined;
    const job = { mode: 'fixes' as const, key: `fixes:${uri}`, doc: uri, version: entry.version, indexes };
    const r = await platform.lintAside(job, (m) => this.ws.logOnce(m, m));
    const got = r && r !== 'superseded' ? r.fixes : undefined;
    return (i) => got?.[indexes.indexOf(i)];
  }

  /** Fix-all with the same settings as the diagnostics (a rule turned off in settings gets no fixes either). */
  async fixAllAction(uri: string, doc: TextDocument): Promise<CodeAction | undefined> {
    const entry = this.ws.results.get(uri);
    const k = entry?.result.kind;
    const kind = k === 'compose' || k === 'dockerfile' || k === 'devcontainer' ? k : undefined;
    if (!entry || !kind) return undefined;
    const file = this.ws.uriToPath(uri);
    const s = await this.settings.get(uri);
    const config = file ? this.ws.configFor(file, s) : untitledConfig(s);
    const text = doc.getText();
    let fixedText: string | undefined;
    const { platform } = this.ws;
    if (file && platform.lintAside && text.length >= ASIDE_CHARS) {
      // a large document: fixed on the worker that holds its parse (see aside.ts), not on this thread
      const job = this.diagnostics.asideJob('fixAll', uri, doc.version, file, text, kind, config);
      const r = await platform.lintAside(job, (m) => this.ws.logOnce(m, m));
      if (r === 'superseded') return undefined;
      fixedText = r?.fixed;
    }
    if (fixedText === undefined) {
      const options = { ...this.diagnostics.lintOptions(config, kind), host: file ? this.ws.host : undefined };
      fixedText = fixAll(
        file ?? untitledName(kind),
        text,
        options,
        entry.text === text ? entry.result : undefined,
      ).text;
    }
    if (fixedText === text) return undefined;
    return {
      title: 'Fix all safe docker-security-lint problems',
      kind: FIX_ALL_KIND,
      edit: { changes: { [uri]: [minimalEdit(text, fixedText)] } },
    };
  }

  async executeCommand(p: ExecuteCommandParams): Promise<unknown> {
    if (p.command === SERVER_COMMANDS.scan) {
      const started = Date.now();
      await this.scanner.scan();
      const [errors, warnings, infos, hints] = this.diagnostics.totals();
      // the files whose problems those are: the workspace's, and open documents besides (scope openFiles: those only)
      const files = new Set([...this.ws.files, ...this.ws.documents.keys()]).size;
      return { files, ms: Date.now() - started, errors, warnings, infos, hints, scans: this.scanner.completed };
    }
    if (p.command === SERVER_COMMANDS.fixFile) {
      const uri = String(p.arguments?.[0] ?? '');
      const doc = this.ws.documents.get(uri);
      const a = doc && (await this.fixAllAction(uri, doc));
      if (a?.edit) await this.connection.workspace.applyEdit(a.edit);
      return { applied: !!a };
    }
    return undefined;
  }
}

/**
 * Is this diagnostic the finding's? By the offsets the server put in its data when it published it, else (a
 * client that does not return data) by rule id and start position.
 */
function isDiagnosticOf(d: Diagnostic, f: Finding): boolean {
  if (d.code !== f.ruleId) return false;
  const data = d.data as Partial<DiagnosticData> | undefined;
  if (typeof data?.start === 'number' && typeof data.end === 'number')
    return data.start === f.start && data.end === f.end;
  return d.range.start.line === f.range.start.line && d.range.start.character === f.range.start.character;
}

/** The client command that selects the reason placeholder once the suppression edit is applied. */
function placeholderSelection(
  uri: string,
  text: string,
  edits: { start: number; end: number; newText: string }[],
): Command | undefined {
  const e = edits.find((x) => x.newText.includes(REASON_PLACEHOLDER));
  if (!e || edits.length !== 1) return undefined;
  const after = new LineIndex(applyEdits(text, edits));
  const at = e.start + e.newText.indexOf(REASON_PLACEHOLDER);
  return {
    title: 'Write the reason',
    command: INTERNAL_CLIENT_COMMANDS.select,
    arguments: [uri, after.range(at, at + REASON_PLACEHOLDER.length)],
  };
}

/** A fix that also edits (or creates) other files: document changes, with the creation first. */
function multiFileEdit(
  uri: string,
  version: number,
  fix: Fix,
  toLsp: (e: { start: number; end: number; newText: string }) => LspTextEdit,
  pathToUri: (p: string) => string,
): WorkspaceEdit {
  const documentChanges: WorkspaceEdit['documentChanges'] = [];
  if (fix.edits.length) documentChanges.push(TextDocumentEdit.create({ uri, version }, fix.edits.map(toLsp)));
  for (const fe of fix.files ?? []) {
    const other = pathToUri(fe.file);
    if (fe.create) documentChanges.push(CreateFile.create(other, { ignoreIfExists: true }));
    const idx = new LineIndex(fe.before);
    documentChanges.push(
      TextDocumentEdit.create(
        { uri: other, version: null },
        fe.edits.map((e) => ({ range: idx.range(e.start, e.end), newText: e.newText })),
      ),
    );
  }
  return { documentChanges };
}

/** One edit covering only the changed middle of the text. */
export function minimalEdit(a: string, b: string): LspTextEdit {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const ia = new LineIndex(a);
  return { range: ia.range(pre, a.length - suf), newText: b.slice(pre, b.length - suf) };
}
