// Core types of the engine. Pure: no vscode, no LSP imports.

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';
export type Kind = 'compose' | 'dockerfile';
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
  findings: Finding[];
  problems: ParseProblem[];
  /** Compose: files named by top-level `include` (resolved paths), to be linted as Compose files too. */
  includes?: string[];
}

/** Host services the engine needs to read sibling files (extends, include, override files). */
export interface Host {
  /** Returns the file's text, or undefined when it does not exist or cannot be read. */
  readFile(path: string): string | undefined;
}

export const EMPTY_HOST: Host = { readFile: () => undefined };

/** Does fix-all (and `--fix`) apply this fix? */
export function isSafe(f: Fix): boolean {
  return f.applicability === 'safe';
}
