// The workspace-wide Problems panel: the scan of every folder (asynchronous, cancelled by a newer one) and the
// file events that keep it current (handled in batches: a checkout or `rm -rf` sends thousands at once).
import * as path from 'node:path';
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  WatchKind,
  type Connection,
  type Disposable,
  type FileEvent,
  type FileSystemWatcher,
} from 'vscode-languageserver';
import {
  excludeMatchers,
  folderLeftOut,
  leftOutSummary,
  leftOutUnder,
  outsideNameGlobs,
  type WalkIssue,
} from '../engine/walk';
import { relativeSlashed } from '../engine/vocabulary/paths';
import { CONFIG_FILE_NAMES } from '../shared/protocol';
import { yieldToEvents, type Diagnostics } from './diagnostics';
import type { SettingsStore } from './settings';
import { isConfigFile, type Workspace } from './workspace';

export class Scanner {
  /** The client reports progress (window/workDoneProgress). */
  progressSupported = false;
  /** The client answers `workspace/configuration` (for files.exclude). */
  configurationSupported = false;
  /** The client watches files the server names (dynamic registration, relative patterns). */
  scriptWatchSupported = false;
  /** Workspace scans run to their end since the server started (one per change: the scan command reports it). */
  completed = 0;
  /** Each scan has a generation; a newer one (settings changed, folders changed, a scan command) stops it. */
  private generation = 0;
  /** Folders and files the last scan left out, third-party or git-ignored (said in its summary). */
  private leftOut = 0;
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

  /** The folder's files.exclude patterns in force (what the scan leaves out by the editor's setting). */
  async filesExclude(folderUri: string): Promise<string[]> {
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

  /**
   * The lintable files under `dir`, in the workspace folder `root`, with the excludes in force there (files.exclude,
   * the settings, the config file); none when the folder is not scanned (disabled, or scope openFiles); undefined
   * when a newer scan made this one stale.
   */
  private async walkIn(
    root: string,
    folderUri: string,
    dir: string,
    stale: () => boolean,
  ): Promise<string[] | undefined> {
    const s = await this.settings.get(folderUri);
    if (!s.enable || s.scope === 'openFiles') return [];
    // the config of the folder's own files (a file name inside it: the search starts in the folder, not above)
    const config = this.ws.configFor(path.join(root, CONFIG_FILE_NAMES[0]), s);
    const exclude = excludeMatchers([...(await this.filesExclude(folderUri)), ...s.exclude, ...config.exclude]);
    const issues: WalkIssue[] = [];
    const leave = { contexts: config.contexts, leftOut: [] as WalkIssue[] };
    const under = folderLeftOut(dir, root, config.contexts); // a created folder in (or named like) vendored code
    if (under) return [];
    const files = await this.ws.platform.walk(dir, root, exclude, issues, stale, leave);
    if (!files) return files;
    for (const i of issues) this.connection.console.info(`docker-security-lint: ${i.path}: ${i.message}`);
    const rel = leave.leftOut.map((l) => ({ path: path.relative(root, l.path) || l.path, message: l.message }));
    const summary = leftOutSummary(rel);
    if (summary) this.connection.console.info(`docker-security-lint: ${root}: ${summary}`);
    this.leftOut += rel.length;
    return files;
  }

  /** A file an event names that the walk would leave out as third-party code. */
  private async thirdParty(file: string): Promise<boolean> {
    const root = this.ws.folderOf(file);
    if (!root) return false;
    const s = await this.settings.get(this.ws.pathToUri(root));
    const config = this.ws.configFor(path.join(root, CONFIG_FILE_NAMES[0]), s);
    return leftOutUnder(file, root, { contexts: config.contexts, leftOut: [] });
  }

  private async doScan(stale: () => boolean): Promise<void> {
    const started = Date.now();
    const { ws } = this;
    const found: string[] = [];
    this.leftOut = 0;
    for (const f of ws.folders) {
      const dir = ws.uriToPath(f.uri);
      if (!dir) continue;
      const files = await this.walkIn(dir, f.uri, dir, stale);
      if (!files) return;
      for (const p of files) found.push(p);
    }
    if (stale()) return;
    const before = new Set(ws.files);
    ws.files.clear();
    for (const p of found) {
      const u = ws.pathToUri(p);
      ws.files.add(u);
      ws.track(u, true);
    }
    for (const u of before) {
      if (ws.files.has(u) || ws.documents.get(u)) continue;
      ws.track(u, false);
      this.diagnostics.clear(u); // its problems and its counts: the scan summary and the Problems panel agree
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
    if (stale()) return;
    this.watchScripts();
    const ms = Date.now() - started;
    this.completed++;
    const [errors, warnings, infos, hints] = this.diagnostics.totals();
    this.connection.console.info(
      `docker-security-lint: scanned ${found.length} files in ${ms} ms: ${errors} errors, ` +
        `${warnings} warnings, ${infos} info, ${hints} hints; ` +
        (this.leftOut ? `${this.leftOut} folders or files left out (third-party code, git-ignored); ` : '') +
        `config files: ${ws.configFiles().join(', ') || 'none'}`,
    );
  }

  /**
   * A deleted path that is not a known file may be a folder (`rm -rf`, a checkout, the old name of a rename: one
   * event for the folder): every file known under one of `dirs` is gone, its problems cleared. One pass over the
   * known files for a whole batch of events (a pass per event made 10,000 deletions take minutes).
   */
  private foldersDeleted(dirs: ReadonlySet<string>, relint: Set<string>): void {
    if (!dirs.size) return;
    const { ws } = this;
    for (const u of [...ws.files]) {
      const p = ws.uriToPath(u);
      if (!p) continue;
      let under = false;
      for (let d = path.dirname(p); !under;) {
        under = dirs.has(d);
        const up = path.dirname(d);
        if (up === d) break;
        d = up;
      }
      if (!under) continue;
      this.fileDeleted(u, p, relint);
    }
  }

  /** A known file is gone: it is forgotten, and its problems cleared unless it is open in the editor. */
  private fileDeleted(u: string, p: string, relint: Set<string>): void {
    const { ws } = this;
    this.gone.add(u);
    ws.files.delete(u);
    relint.delete(u);
    ws.host.forget(p);
    ws.cache.delete(p);
    // its problems go, open in a tab or not; an open buffer is linted again at its next edit (or when the file
    // comes back: a created event for an open document lints the buffer)
    this.diagnostics.clear(u);
    if (!ws.documents.get(u)) ws.track(u, false);
  }

  /** A folder created (or the new name of a rename, a checkout): its files are found and linted. */
  private async folderCreated(dir: string): Promise<string[]> {
    const { ws } = this;
    const root = ws.folderOf(dir);
    if (!root) return [];
    const files = (await this.walkIn(root, ws.pathToUri(root), dir, () => false)) ?? [];
    const out: string[] = [];
    for (const p of files) {
      const u = ws.pathToUri(p);
      ws.files.add(u);
      ws.track(u, true);
      out.push(u);
    }
    return out;
  }

  /** File events from the client's watcher; handled in order, one batch at a time. */
  onFileEvents(changes: readonly FileEvent[]): void {
    for (const ch of changes) this.pending.push(ch);
    if (!this.draining) this.draining = this.drain().finally(() => (this.draining = undefined));
  }

  /** The URIs deleted in the batch being handled. */
  private readonly gone = new Set<string>();

  private async drain(): Promise<void> {
    const { ws } = this;
    let scripts = false; // a file or folder came or went: the scripts' watcher may change
    while (this.pending.length) {
      const batch = this.pending;
      this.pending = [];
      const relint = new Set<string>();
      const reopen = new Set<string>();
      const deletedDirs = new Set<string>();
      const folders = new Set<string>(); // where files came or went: their Compose siblings are linted again
      let configChanged = false;
      let slice = Date.now();
      for (const ch of batch) {
        // a long batch lets requests in between (the editor must not wait for thousands of events)
        if (Date.now() - slice > 5) {
          await yieldToEvents();
          slice = Date.now();
        }
        const file = ws.uriToPath(ch.uri);
        if (!file) continue;
        if (isConfigFile(file)) {
          configChanged = true;
          if (ch.type === FileChangeType.Deleted) ws.configDeleted(file, ch.uri);
          else ws.configChanged(file);
          continue;
        }
        ws.host.forget(file);
        ws.cache.delete(file);
        if (ch.type !== FileChangeType.Changed) scripts = true;
        if (ch.type === FileChangeType.Deleted) {
          if (ws.files.has(ch.uri)) this.fileDeleted(ch.uri, file, relint);
          else {
            deletedDirs.add(file); // perhaps a folder: see foldersDeleted
            this.gone.add(ch.uri);
            this.diagnostics.clear(ch.uri);
          }
        } else if (ch.type === FileChangeType.Created && (await ws.platform.stat(file)) === 'folder') {
          for (const u of await this.folderCreated(file)) relint.add(u);
          continue;
        } else if ((await ws.platform.lintable(file)) && !(await this.thirdParty(file))) {
          ws.files.add(ch.uri);
          ws.track(ch.uri, true);
          // an open document is linted from its buffer (a file deleted and written again: an atomic save)
          if (ws.documents.get(ch.uri)) {
            reopen.add(ch.uri);
            this.gone.delete(ch.uri);
          } else relint.add(ch.uri);
        }
        folders.add(path.dirname(file));
        for (const u of ws.dependentsOf(file)) {
          if (u === ch.uri) continue;
          if (ws.documents.get(u)) reopen.add(u);
          else relint.add(u);
        }
      }
      this.foldersDeleted(deletedDirs, relint);
      for (const dir of folders)
        for (const u of ws.siblings(path.join(dir, '\u0000'))) {
          if (ws.documents.get(u)) reopen.add(u);
          else relint.add(u);
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
      // what went in this batch is not linted again (a file gone that depended on another one gone kept problems)
      for (const u of this.gone) relint.delete(u);
      this.gone.clear();
      await this.diagnostics.relintMany(relint, () => false);
    }
    if (scripts) this.watchScripts();
  }

  /** The registration of the scripts' watcher, and what it watches (to register again only on a change). */
  private scriptWatch: { key: string; registration: Promise<Disposable | undefined> } | undefined;

  /**
   * Files found by their content, which the client's watcher (by names) cannot know: scripts without an extension
   * (by their shebang), Dockerfile variants (`Dockerfile-prod`), Compose files named otherwise, and Compose
   * templates (`docker-compose.yml.j2`, found by a name the globs leave out). The server asks
   * it to watch those files for changes (creations and deletions come from the folder watcher).
   */
  private watchScripts(): void {
    if (!this.scriptWatchSupported) return;
    const { ws } = this;
    const byFolder = new Map<string, string[]>();
    for (const u of ws.files) {
      const p = ws.uriToPath(u);
      const root = p && outsideNameGlobs(p) ? ws.folderOf(p) : undefined;
      if (!p || !root) continue;
      const rel = relativeSlashed(root, p);
      if (GLOB_SPECIAL.test(rel)) continue; // not one glob can name exactly (rare): seen at the next scan
      const list = byFolder.get(root) ?? [];
      list.push(rel);
      byFolder.set(root, list);
    }
    const watchers: FileSystemWatcher[] = [];
    for (const [root, rels] of byFolder)
      for (let i = 0; i < rels.length; i += SCRIPTS_PER_WATCHER)
        watchers.push({
          globPattern: {
            baseUri: ws.pathToUri(root),
            pattern: `{${rels.slice(i, i + SCRIPTS_PER_WATCHER).join(',')}}`,
          },
          kind: WatchKind.Change,
        });
    const key = JSON.stringify(watchers);
    if (key === (this.scriptWatch?.key ?? '[]')) return;
    const previous = this.scriptWatch?.registration;
    void previous?.then((d) => d?.dispose());
    this.scriptWatch = {
      key,
      registration: watchers.length
        ? this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }).catch(() => undefined)
        : Promise.resolve(undefined),
    };
  }
}

/** Characters a glob reads as syntax: a path holding one is not watched by name. */
const GLOB_SPECIAL = /[{}[\]*?,\\!]/;
/** Paths per watcher glob (a brace list), so that no pattern grows without end. */
const SCRIPTS_PER_WATCHER = 200;
