// What both clients share (extension.ts on the desktop, browser.ts on the web): the documents given to the server,
// the commands, the status bar and the startup figures. It knows no rules and no file system.
import * as vscode from 'vscode';
import {
  CLIENT_COMMANDS,
  COMPOSE_DOCUMENT_PATTERN,
  CONFIG_DOCUMENT_PATTERN,
  DAEMON_DOCUMENT_PATTERN,
  RUN_DOCUMENT_PATTERN,
  DOCKERFILE_VARIANT_DOCUMENT_PATTERN,
  DEVCONTAINER_DOCUMENT_PATTERN,
  FOLDER_WATCH_GLOB,
  INTERNAL_CLIENT_COMMANDS,
  DOCS_BASE,
  docsUrl,
  SERVER_COMMANDS,
  WATCH_GLOB,
} from '../../server/src/shared/protocol';
import type { BaseLanguageClient, DocumentSelector, LanguageClientOptions } from 'vscode-languageclient';

let client: BaseLanguageClient | undefined;

/** What the extension returns from activate(): startup figures (also written to its output channel). */
export interface Api {
  /** The command the status-bar item runs (the in-editor tests check that VS Code has it). */
  statusCommand?: string;
  startup: {
    /** activate() to the language client running (server started and initialized). */
    clientReadyMs?: number;
    /** activate() to the first problems the server published. */
    firstDiagnosticsMs?: number;
  };
}

/** What a client (desktop or web) gives the shared part. */
export interface ClientHost {
  /** The file systems whose documents the server lints (`file` on the desktop). */
  schemes: string[];
  /** Creates the language client with these options (the server over IPC, or in a web worker). */
  create(options: LanguageClientOptions): BaseLanguageClient | Promise<BaseLanguageClient>;
  /** The rule's documentation shipped in the extension, if it is there. */
  docs(ruleId: string): vscode.Uri | undefined;
  /** Runs before the client starts (the web client's handlers for the server's file requests). */
  beforeStart?(client: BaseLanguageClient): void;
}

/** The documents the server lints, on each of the file systems (and untitled documents by their language). */
export function documentSelector(schemes: readonly string[]): DocumentSelector {
  const out: DocumentSelector = [];
  for (const scheme of schemes)
    out.push(
      { scheme, language: 'dockerfile' },
      { scheme, language: 'dockercompose' },
      { scheme, pattern: COMPOSE_DOCUMENT_PATTERN },
      { scheme, pattern: DEVCONTAINER_DOCUMENT_PATTERN },
      { scheme, pattern: DAEMON_DOCUMENT_PATTERN },
      // command lines: scripts, Makefiles, workflows, Markdown; a script named otherwise by its language
      { scheme, pattern: RUN_DOCUMENT_PATTERN },
      { scheme, language: 'shellscript' },
      // a Compose file named otherwise (`latest.yml`): the server lints a YAML document only when it reads as one
      { scheme, language: 'yaml' },
      // a Dockerfile variant (`Dockerfile-prod`): linted when it starts like a Dockerfile
      { scheme, pattern: DOCKERFILE_VARIANT_DOCUMENT_PATTERN },
      // the config file: its problems and key completion come from the server (no YAML extension needed)
      { scheme, pattern: CONFIG_DOCUMENT_PATTERN },
    );
  out.push(
    { scheme: 'untitled', language: 'dockerfile' },
    { scheme: 'untitled', language: 'dockercompose' },
    { scheme: 'untitled', language: 'shellscript' },
  );
  return out;
}

/** Each Markdown link to a rule's page on the web (`(<DOCS_BASE><id>.md)`) with `local(id)` as its target. */
export function localDocsLinks(md: string, local: (id: string) => string | undefined): string {
  const open = `(${DOCS_BASE}`;
  let out = '';
  let from = 0;
  for (let at = md.indexOf(open); at >= 0; at = md.indexOf(open, from)) {
    const close = md.indexOf('.md)', at);
    if (close < 0) break;
    const id = md.slice(at + open.length, close);
    const target = /^[\w/-]+$/.test(id) ? local(id) : undefined;
    out += md.slice(from, at) + (target ? `(${target})` : md.slice(at, close + 4));
    from = close + 4;
  }
  return out + md.slice(from);
}

/** A link that runs "Show the documentation" for a rule (a Markdown preview of its shipped page). */
export function docsCommand(ruleId: string): vscode.Uri {
  return vscode.Uri.parse(`command:${CLIENT_COMMANDS.showDocs}?${encodeURIComponent(JSON.stringify([ruleId]))}`);
}

export async function activateClient(context: vscode.ExtensionContext, host: ClientHost): Promise<Api> {
  const started = Date.now();
  const own = context.extensionUri.toString().replace(/\/?$/, '/');
  const isOwn = (uri: vscode.Uri) => uri.toString().startsWith(own);
  const api: Api = { startup: {} };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(host.schemes),
    synchronize: {
      configurationSection: ['docker-security-lint', 'files.exclude'],
      fileEvents: [
        vscode.workspace.createFileSystemWatcher(WATCH_GLOB),
        // folders: one event for `rm -rf`, a checkout or a rename, which a file-name glob does not match
        vscode.workspace.createFileSystemWatcher(FOLDER_WATCH_GLOB, false, true, false),
      ],
    },
    diagnosticCollectionName: 'docker-security-lint',
    // this client watches the files itself (synchronize.fileEvents): the server registers no watchers of its own
    // and it runs "Show the documentation" (the server offers it as a code action)
    initializationOptions: { clientWatchesFiles: true, clientCommands: [CLIENT_COMMANDS.showDocs] },
    middleware: {
      // the extension's own files (its docs pages, opened to read them or for their preview) are not the
      // workspace's: never linted, so reading a rule's page adds no problem
      didOpen: (document, next) => (isOwn(document.uri) ? Promise.resolve() : next(document)),
      didChange: (event, next) => (isOwn(event.document.uri) ? Promise.resolve() : next(event)),
      didClose: (document, next) => (isOwn(document.uri) ? Promise.resolve() : next(document)),
      async provideHover(document, position, token, next) {
        // the hover's docs link, like the diagnostics', opens the shipped page in a Markdown preview
        const hover = await next(document, position, token);
        if (!hover) return hover;
        hover.contents = hover.contents.map((c) => {
          if (!(c instanceof vscode.MarkdownString)) return c;
          const md = new vscode.MarkdownString(
            localDocsLinks(c.value, (id) => (host.docs(id) ? docsCommand(id).toString() : undefined)),
          );
          md.isTrusted = { enabledCommands: [CLIENT_COMMANDS.showDocs] };
          return md;
        });
        return hover;
      },
      handleDiagnostics(uri, diagnostics, next) {
        // the docs links (Problems panel, hover on a squiggle) open the page shipped in the extension in a
        // Markdown preview: offline, rendered, no "open external website?" prompt; the server's web URL stays for
        // other editors
        for (const d of diagnostics) {
          if (typeof d.code !== 'object' || !d.code.target.toString().startsWith(DOCS_BASE)) continue;
          const id = String(d.code.value);
          if (host.docs(id)) d.code = { value: d.code.value, target: docsCommand(id) };
        }
        if (api.startup.firstDiagnosticsMs === undefined && diagnostics.length) {
          api.startup.firstDiagnosticsMs = Date.now() - started;
          client?.outputChannel.appendLine(
            `First problems ${api.startup.firstDiagnosticsMs} ms after activation ` +
              `(${vscode.workspace.asRelativePath(uri)}).`,
          );
        }
        next(uri, diagnostics);
      },
    },
  };
  client = await host.create(clientOptions);
  context.subscriptions.push(
    vscode.commands.registerCommand(CLIENT_COMMANDS.scan, async () => {
      const r = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Docker Security Lint: scanning the workspace' },
        () =>
          client?.sendRequest<ScanSummary>('workspace/executeCommand', {
            command: SERVER_COMMANDS.scan,
            arguments: [],
          }) ?? Promise.resolve(undefined),
      );
      if (r) void vscode.window.showInformationMessage(scanSummary(r));
      return r;
    }),
    vscode.commands.registerCommand(CLIENT_COMMANDS.fixFile, async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) {
        void vscode.window.showInformationMessage('Docker Security Lint: open a file to fix its safe problems.');
        return;
      }
      const r = await client?.sendRequest<{ applied?: boolean } | undefined>('workspace/executeCommand', {
        command: SERVER_COMMANDS.fixFile,
        arguments: [editor.document.uri.toString()],
      });
      // say so when there was nothing to do (the command did nothing and said nothing)
      if (!r?.applied)
        void vscode.window.showInformationMessage(
          'Docker Security Lint: no problem in this file has a safe fix (the others are in the quick-fix menu).',
        );
      return r;
    }),
    vscode.commands.registerCommand(INTERNAL_CLIENT_COMMANDS.select, async (uri: string, range: vscode.Range) => {
      const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri);
      if (!editor) return;
      const r = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
      editor.selection = new vscode.Selection(r.start, r.end);
      editor.revealRange(r);
      await vscode.window.showTextDocument(editor.document, editor.viewColumn);
    }),
    vscode.commands.registerCommand(CLIENT_COMMANDS.showDocs, async (ruleId?: string) => {
      let id = ruleId;
      if (!id) {
        const editor = vscode.window.activeTextEditor;
        const diag =
          editor &&
          vscode.languages
            .getDiagnostics(editor.document.uri)
            .find((d) => d.source === 'docker-security-lint' && d.range.contains(editor.selection.active));
        id =
          typeof diag?.code === 'object'
            ? String(diag.code.value)
            : diag?.code !== undefined
              ? String(diag.code)
              : undefined;
      }
      if (!id) {
        void vscode.window.showInformationMessage(
          'Place the cursor on a docker-security-lint problem to open its documentation.',
        );
        return;
      }
      const local = host.docs(id);
      if (local) await vscode.commands.executeCommand('markdown.showPreview', local);
      else await vscode.env.openExternal(vscode.Uri.parse(docsUrl(id)));
    }),
  );
  // the status bar: this extension's problems, a click away from the Problems panel
  const status = vscode.window.createStatusBarItem('docker-security-lint.problems', vscode.StatusBarAlignment.Left);
  status.name = 'Docker Security Lint';
  // the Problems view's own focus command shows it (workbench.actions.view.problems toggles: a second click hid
  // it). VS Code has no API to set the panel's filter, so the tooltip says how to narrow it to this extension.
  status.command = 'workbench.panel.markers.view.focus';
  api.statusCommand = status.command;
  const refresh = () => {
    let errors = 0,
      warnings = 0;
    for (const [, ds] of vscode.languages.getDiagnostics())
      for (const d of ds) {
        if (d.source !== 'docker-security-lint') continue;
        if (d.severity === vscode.DiagnosticSeverity.Error) errors++;
        else if (d.severity === vscode.DiagnosticSeverity.Warning) warnings++;
      }
    status.text = `$(shield) ${errors} $(warning) ${warnings}`;
    status.tooltip =
      `Docker Security Lint: ${errors} errors, ${warnings} warnings in the workspace. Click to open the Problems ` +
      `panel (type "docker-security-lint" in its filter to see only these).`;
    status.show();
  };
  context.subscriptions.push(status, vscode.languages.onDidChangeDiagnostics(refresh));
  refresh();
  host.beforeStart?.(client);
  await client.start();
  client.outputChannel.appendLine(
    `Docker Security Lint ${String((context.extension.packageJSON as { version?: string }).version)} started in ${Date.now() - started} ms; ` +
      `workspace trusted: ${vscode.workspace.isTrusted}`,
  );
  api.startup.clientReadyMs = Date.now() - started;
  return api;
}

/** What the server's scan command answers. */
interface ScanSummary {
  files: number;
  ms: number;
  errors: number;
  warnings: number;
  infos: number;
  hints: number;
}

export function scanSummary(r: ScanSummary): string {
  return (
    `Docker Security Lint: ${r.files} file${r.files === 1 ? '' : 's'} scanned in ` +
    `${r.ms < 1000 ? `${r.ms} ms` : `${(r.ms / 1000).toFixed(1)} s`}: ` +
    `${r.errors} error${r.errors === 1 ? '' : 's'}, ${r.warnings} warning${r.warnings === 1 ? '' : 's'}, ` +
    `${r.infos} info.`
  );
}

export async function deactivateClient(): Promise<void> {
  await client?.stop();
}
