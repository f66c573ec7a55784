// Where the language server's files come from. The server itself knows URIs and the engine's paths; a platform
// maps one to the other and reads, lists and finds files:
//   node  (nodePlatform.ts)   the disk, read synchronously and bounded (the desktop editor, other LSP clients);
//   web   (web/platform.ts)   the editor's file system (vscode.dev, github.dev), reached by requests to the client.
// The engine reads synchronously. A web host cannot: it answers what it already holds, records what it does not
// (`missing()`), and the server fetches that (`fetchMissing()`) and runs the analysis again, until nothing is
// missing. On the node platform nothing is ever missing, so nothing waits.
import type { Config, Fix, GlobMatcher, Host, Kind, LintResult } from '../engine';
import type { ConfigFileAccess } from '../engine/config/resolver';
import type { ReadResult } from '../shared/read';
import type { LeaveOut, WalkIssue } from '../engine/walk';

/** The engine's host, plus forgetting what it holds of a file that changed. */
export type ServerHost = Host & { forget(p: string): void };

export interface Platform {
  /** For the log: where the server runs. */
  readonly name: string;
  /** The engine's path for a URI the server lints, or undefined when it is not a file it can read. */
  uriToPath(uri: string): string | undefined;
  /** The URI of a path (from `uriToPath`, or derived from one by the engine). */
  pathToUri(p: string): string;
  /**
   * The engine's host: reads bounded by `maxBytes(path)`, the editor's text of open documents first (`overlay`),
   * `top(file)` the workspace folder a file lies in.
   */
  host(
    maxBytes: (p: string) => number,
    overlay: (p: string) => string | undefined,
    top: (file: string) => string | undefined,
  ): ServerHost;
  /** The config files, for the resolver. */
  readonly configAccess: ConfigFileAccess;
  /** Reads a file to lint it, bounded. */
  read(p: string, maxBytes: number): Promise<ReadResult>;
  /**
   * The files the scan will read next: a host that reads through requests asks for them in one (`read` then takes
   * them from there). Optional: the disk reads each file when it is linted.
   */
  readAhead?(paths: readonly string[]): void;
  /** The lintable files under `dir` in the workspace folder `root`, or undefined when `stale()` stopped the walk. */
  walk(
    dir: string,
    root: string,
    exclude: readonly GlobMatcher[],
    issues: WalkIssue[],
    stale: () => boolean,
    leave?: LeaveOut,
  ): Promise<string[] | undefined>;
  /**
   * Whether a file named by a file event is one the walk would find: by its name, and where the platform reads
   * the disk, a file without an extension by its shebang.
   */
  lintable(p: string): Promise<boolean>;
  /** What a path is now: a folder, a file, or nothing (for file events). */
  stat(p: string): Promise<'file' | 'folder' | undefined>;
  /** What identifies a file's content now (size and time on disk), 'missing', or undefined when not known yet. */
  stamp(p: string): string | undefined;
  /**
   * Lints a large open document off the server's thread (aside.ts), or undefined to lint it here. Optional: the
   * web server lints on its own worker already.
   */
  lintAside?(job: AsideJob, log: (message: string) => void): Promise<AsideResult>;
  /** An analysis asked for files the host did not hold (only on hosts that read asynchronously). */
  missing(): boolean;
  /** Fetches what `missing()` recorded; the analysis is then run again. */
  fetchMissing(): Promise<void>;
}

/** Open documents at least this long (in UTF-16 units) are linted aside, where the platform can. */
export const ASIDE_CHARS = 256 * 1024;

/**
 * Work for the large-document worker (see Platform.lintAside). `lint`: the findings, without their fixes (they are
 * computed on the worker when asked); `fixAll`: the text after every safe fix; `fixes`: the fixes of the findings
 * at these indexes of the document's last lint, if it was of this version.
 */
export type AsideJob = AsideTextJob | AsideFixesJob;

interface AsideJobBase {
  /** Jobs with the same key replace each other while they wait. */
  key: string;
  /** The document (its URI) and the version of its text. */
  doc: string;
  version: number;
}

export interface AsideTextJob extends AsideJobBase {
  mode: 'lint' | 'fixAll';
  file: string;
  text: string;
  kind: Kind;
  config: Config;
  /** The editor's text of the other open documents, by path (an open override file, `.env`, ...). */
  overlays: [string, string][];
  top: string | undefined;
}

export interface AsideFixesJob extends AsideJobBase {
  mode: 'fixes';
  indexes: number[];
}

/** What the worker answers: the one field its job asked for. */
export interface AsideAnswer {
  result?: AsideLint;
  fixed?: string;
  fixes?: (Fix[] | undefined)[];
}

/** An answer, or 'superseded' when a newer job with its key took its place, or undefined when the worker failed. */
export type AsideResult = AsideAnswer | 'superseded' | undefined;

/** A lint result; `aside`: computed on the worker, which holds the findings' fixes (ask with a `fixes` job). */
export type AsideLint = LintResult & { aside?: true };

/** How many times an analysis is run again for files it found missing (a chain of `extends` needs one per link). */
export const MAX_FETCH_ROUNDS = 8;
