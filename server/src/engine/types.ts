// Core types of the engine. Pure: no vscode, no LSP imports.

/**
 * `hint`: advice an editor shows in the text but not in its Problems panel (LSP's Hint); the CLI reports it as
 * `hint` (JSON) and `note` (SARIF, with the severity in the result's properties).
 */
export type Severity = 'error' | 'warning' | 'info' | 'hint';
/** Order of severities, for thresholds (`--fail-on`) and comparisons. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 4, warning: 3, info: 2, hint: 1 };
/**
 * `recommended` (the default): every active grant, hardening advice grouped per service; `strict`: every rule
 * reports on its own, as before profiles existed.
 */
export type Profile = 'recommended' | 'strict';
export const PROFILES: readonly Profile[] = ['recommended', 'strict'];
export type SeveritySetting = Severity | 'off';
export type Kind = 'compose' | 'dockerfile' | 'devcontainer' | 'daemon' | 'run';
/** The isolation quadrant a rule protects. */
export type Quadrant = 'namespaces-cgroups' | 'daemon' | 'configuration-profile' | 'capabilities' | 'supply-chain';

/** Zero-based line and UTF-16 character, as LSP counts them. */
export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}

/** A replacement of text[start, end) by newText, offsets in UTF-16 code units. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export type Applicability = 'safe' | 'unsafe' | 'display-only';

export interface Fix {
  title: string;
  /**
   * `safe`: no choice to make, the common case keeps working; only these go into fix-all and `--fix`.
   * `unsafe`: changes what the service may do or needs a choice; offered one by one, for review.
   * `display-only`: shown as a suggestion, never applied by a tool (for changes a person must make).
   */
  applicability: Applicability;
  edits: TextEdit[];
  /** Edits to other files (a `.dockerignore`): never safe, so never applied by fix-all or `--fix`. */
  files?: FileEdit[];
}

/** Edits to another file than the linted one, or the creation of that file. */
export interface FileEdit {
  /** Absolute path. */
  file: string;
  /** The file does not exist: create it (with the edits applied to empty text). */
  create: boolean;
  /** The text the edits' offsets refer to ('' when created). */
  before: string;
  edits: TextEdit[];
}

export interface RelatedInfo {
  file: string;
  range: Range;
  message: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  range: Range;
  /** Offsets of the range in the file's text (kept for fixes and fingerprints). */
  start: number;
  end: number;
  related?: RelatedInfo[];
  fixes?: Fix[];
  /**
   * False when no comment can be written above its line: it lies inside a folded YAML scalar (`script: >`), where a
   * `#` line would be part of the command. "Ignore on this line" is then not offered.
   */
  lineComment?: false;
  /**
   * A reason the grant may be acceptable, known to the engine (what a well-known image uses it for): "Ignore on
   * this line" writes it instead of the placeholder, for the person to confirm.
   */
  ignoreReason?: string;
}

/** A problem with the input itself (syntax error, binary file...). Not a rule finding. */
export interface ParseProblem {
  file: string;
  message: string;
  range: Range;
  severity: Severity;
}

export interface LintResult {
  file: string;
  kind: Kind | 'unknown' | 'skipped';
  /** The file's context (engine/context.ts), which the recommended profile judges its findings in. */
  context?: 'third-party' | 'test-ci' | 'development' | 'deployment';
  findings: Finding[];
  problems: ParseProblem[];
  /** Compose: files named by top-level `include` (resolved paths), to be linted as Compose files too. */
  includes?: string[];
  /**
   * What the analysis read besides the file itself (found or not): files, and folders it listed (ending in the
   * path separator). A change to any of them can change the result (an editor re-lints on it).
   */
  dependencies?: string[];
}

/** One entry of a folder: a file (or link, never followed) or a folder. */
export interface DirEntry {
  name: string;
  dir: boolean;
}

/** Host services the engine needs to read sibling files (extends, include, override files, .env, build contexts). */
export interface Host {
  /** Returns the file's text, or undefined when it does not exist or cannot be read. */
  readFile(path: string): string | undefined;
  /** A folder's entries (bounded by the host; links not followed), or undefined when it cannot be listed. */
  listDir?(dir: string): readonly DirEntry[] | undefined;
  /**
   * The top folder for a file (the workspace folder or git root): the engine never looks above it for files that
   * refer to this one (the Compose files that build a Dockerfile). Undefined: only the file's own folder.
   */
  top?(file: string): string | undefined;
  /**
   * Why a read of this path (readFile or listDir) gave nothing although something is there: refused (a link that
   * leads outside the top folder, too large, not a regular file, no permission). Undefined when it is missing.
   */
  refusal?(path: string): string | undefined;
}

export const EMPTY_HOST: Host = { readFile: () => undefined };

/** Does fix-all (and `--fix`) apply this fix? */
export function isSafe(f: Fix): boolean {
  return f.applicability === 'safe' && !f.files?.length;
}
