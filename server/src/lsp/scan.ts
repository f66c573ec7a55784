// The workspace-wide Problems panel: the scan of every folder (asynchronous, cancelled by a newer one) and the
// file events that keep it current (handled in batches: a checkout or `rm -rf` sends thousands at once).
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FileChangeType, type Connection, type FileEvent } from 'vscode-languageserver/node';
import { CONFIG_FILE_NAMES } from '../shared/protocol';
import { excludeMatchers, isLintableName, walkAsync, type WalkIssue } from '../node/files';
import type { Diagnostics } from './diagnostics';
import type { SettingsStore } from './settings';
import { uriToPath, type Workspace } from './workspace';

export class Scanner {
  /** The client reports progress (window/workDoneProgress). */
  progressSupported = false;
  /** The client answers `workspace/configuration` (for files.exclude). */
  configurationSupported = false;
  /** Each scan has a generation; a newer one (settings changed, folders changed, a scan command) stops it. */
  private generation = 0;
  private scanning: Promise<void> = Promise.resolve();
  private pending: FileEvent[] = [];
  private draining: Promise<void> | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly ws: Workspace,
    private readonly settings: SettingsStore,
    private readonly diagnostics: Diagnostics,
  ) {}

  /** Starts a scan (after the current one, which stops at its next step); resolves when this one ends. */
  scan(): Promise<void> {
    const mine = ++this.generation;
    const run = this.scanning.then(() =>
      mine === this.generation ? this.doScan(() => mine !== this.generation) : undefined,
    );
    this.scanning = run.catch((e: unknown) =>
      this.ws.logOnce(
        `scan:${String(e)}`,
        `docker-security-lint: the workspace scan failed: ${e instanceof Error ? e.stack : String(e)}`,
      ),
    );
    return this.scanning;
  }

  private async filesExclude(folderUri: string): Promise<string[]> {
    if (!this.configurationSupported) return [];
    try {
      const fe = (await this.connection.workspace.getConfiguration({
        scopeUri: folderUri,
        section: 'files.exclude',
      })) as Record<string, boolean> | null;
      return Object.entries(fe ?? {})
        .filter(([, v]) => v === true)
        .map(([k]) => k);
    } catch {
      return []; // a client that does not answer for files.exclude: nothing is excluded by it
    }
  }

  private async doScan(stale: () => boolean): Promise<void> {
    const { ws } = this;
    const found: string[] = [];
    for (const f of ws.folders) {
      const dir = uriToPath(f.uri);
      if (!dir) continue;
      const s = await this.settings.get(f.uri);
      if (!s.enable || s.scope === 'openFiles') continue;
      const config = ws.configFor(path.join(dir, '.'), s);
      const issues: WalkIssue[] = [];
      const exclude = excludeMatchers([...(await this.filesExclude(f.uri)), ...s.exclude, ...config.exclude]);
      const files = await walkAsync(dir, exclude, issues, stale, dir);
      if (!files) return;
      for (const p of files) found.push(p);
      for (const i of issues) this.connection.console.info(`docker-security-lint: ${i.path}: ${i.message}`);
    }
    if (stale()) return;
    const before = new Set(ws.files);
    ws.files.clear();
    for (const p of found) {
      const u = pathToFileURL(p).toString();
      ws.files.add(u);
      ws.track(u, true);
    }
    for (const u of before) {
      if (ws.files.has(u) || ws.documents.get(u)) continue;
      ws.track(u, false);
      void this.connection.sendDiagnostics({ uri: u, diagnostics: [] });
    }
    const progress =
      this.progressSupported && found.length > 20
        ? await this.connection.window.createWorkDoneProgress().catch(() => undefined)
        : undefined;
    progress?.begin('Docker security lint', 0, `Scanning ${found.length} files`, false);
    await this.diagnostics.relintMany([...ws.files], stale, (n) => {
      if (n % 25 === 0) progress?.report(Math.round((100 * n) / found.length), `${n}/${found.length}`);
    });
    progress?.done();
  }

  /** File events from the client's watcher; handled in order, one batch at a time. */
  onFileEvents(changes: readonly FileEvent[]): void {
    for (const ch of changes) this.pending.push(ch);
    if (!this.draining) this.draining = this.drain().finally(() => (this.draining = undefined));
  }

  private async drain(): Promise<void> {
    const { ws } = this;
    while (this.pending.length) {
      const batch = this.pending;
      this.pending = [];
      const relint = new Set<string>();
      const reopen = new Set<string>();
      let configChanged = false;
      for (const ch of batch) {
        const file = uriToPath(ch.uri);
        if (!file) continue;
        const name = path.basename(file);
        if (CONFIG_FILE_NAMES.includes(name)) {
          configChanged = true;
          if (ch.type === FileChangeType.Deleted) ws.configDeleted(file, ch.uri);
          else ws.configChanged(file);
          continue;
        }
        ws.host.forget(file);
        ws.cache.delete(file);
        if (ch.type === FileChangeType.Deleted) {
          ws.files.delete(ch.uri);
          relint.delete(ch.uri);
          if (!ws.documents.get(ch.uri)) {
            ws.track(ch.uri, false);
            this.diagnostics.clear(ch.uri);
          }
        } else if (isLintableName(name)) {
          ws.files.add(ch.uri);
          ws.track(ch.uri, true);
          relint.add(ch.uri);
        }
        for (const u of [...ws.siblings(file), ...ws.dependentsOf(file)]) {
          if (u === ch.uri) continue;
          if (ws.documents.get(u)) reopen.add(u);
          else relint.add(u);
        }
      }
      if (configChanged) {
        ws.resetConfigs(false); // the changed ones are marked above
        for (const d of ws.documents.all()) this.diagnostics.schedule(d, 0);
        for (const u of ws.files) relint.add(u);
      }
      for (const u of reopen) {
        const d = ws.documents.get(u);
        if (d) this.diagnostics.schedule(d, 0);
      }
      await this.diagnostics.relintMany(relint, () => false);
    }
  }
}
