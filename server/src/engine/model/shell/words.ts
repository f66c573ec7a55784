// The shell model's words and commands: what the splitter (parse.ts) makes and every reader of command lines takes.

export interface Word {
  /** Quotes removed, escapes applied, expansions as written. */
  text: string;
  /** Quotes removed, expansions read (unknown ones are UNKNOWN). */
  value: string;
  /** No unknown expansion in `value`. */
  known: boolean;
  /** File offsets of the word as written (quotes included). */
  start: number;
  end: number;
  /** Some part of it is quoted. */
  quoted: boolean;
  /** One of the fields an unquoted variable's value was split into (the range is the whole word's). */
  split?: true;
  /** Where the variable whose value it holds is assigned (the first such variable of the word). */
  origin?: Span;
  /** Its range is approximate (inside `sh -c "..."` with escapes): a fix must not edit it. */
  approximate?: true;
  /** It is in a folded YAML scalar (see Mapped.folded). */
  folded?: true;
  /**
   * For a word that is one unknown expansion with a literal default (`${DOCKER:-docker}`, or `$DOCKER` after
   * `DOCKER=${DOCKER:-docker}`): that default. Read for the program's name only (`$DOCKER run`): whatever a caller
   * sets it to, the script was written for that program.
   */
  likely?: string;
}

export interface Span {
  start: number;
  end: number;
}

export interface Command {
  words: Word[];
  /** The operator that ends this command ('|' means its output feeds the next command). */
  sep: string;
  /** The command whose output is piped into this one. */
  pipedFrom?: Command;
  /** Inside `<( ... )` process substitution. */
  procSubst?: boolean;
  /** Its redirections (`>> /etc/yum.conf`, `2>&1`), in order; here-documents are `<<` with the delimiter. */
  redirects?: Redirect[];
}

export interface Redirect {
  op: string;
  /** The target word's text (undefined when the command ends first). */
  target: string | undefined;
}

/** Text with a map from each character to its offset in the file. */
export interface Mapped {
  text: string;
  offsets: number[];
  /** The offsets are approximate (a quoted script with escapes): its words are placed, never edited. */
  approximate?: true;
  /** The text is a folded YAML scalar: a `#` line cannot be written above its lines (it would be text). */
  folded?: true;
}

export function mapped(text: string, base: number): Mapped {
  const offsets = new Array<number>(text.length + 1);
  for (let i = 0; i <= text.length; i++) offsets[i] = base + i;
  return { text, offsets };
}

export interface ShellOptions {
  /** Variables known to hold one literal value. */
  vars?: ReadonlyMap<string, string>;
  /** Variables assigned one expansion with a literal default (`X=${X:-docker}`): that default (see Word.likely). */
  likelyVars?: ReadonlyMap<string, string>;
  /** Where each of `vars` (and `makeVars`) is assigned. */
  origins?: ReadonlyMap<string, Span>;
  /** A Makefile recipe: `$$` is the shell's `$`, `$(X)`, `${X}` and `$@` are make's (unknown unless in makeVars). */
  make?: boolean;
  /** Make variables assigned one literal value in the Makefile (substituted as text, then split by the shell). */
  makeVars?: ReadonlyMap<string, string>;
  /** Arrays assigned literal elements (dataflow.ts): `"${name[@]}"` is their words. */
  arrays?: ReadonlyMap<string, string>;
  /** What functions print when their body is one `echo` of literals (dataflow.ts): the value of `$(name)`. */
  outputs?: ReadonlyMap<string, string>;
  /** `${{ ... }}` is a CI template expression (GitHub Actions), unknown. */
  templates?: boolean;
  /**
   * Where a here-document is never closed (its delimiter line never comes) and the text it swallows names a
   * container engine: the shell runs none of that text, so a reader that took it for commands would disagree.
   */
  unclosed?: Span[];
}

/** How a Makefile writes the working folder: `$(CURDIR)`, `$(PWD)`, `$(shell pwd)` (also with braces). */
export const MAKE_WORKING_FOLDER: ReadonlySet<string> = new Set(['CURDIR', 'PWD', 'shell pwd']);

/** `NAME:-word`, `NAME-word`, `NAME:=word`, `NAME=word` inside `${...}`, with a plain word as the default. */
export const DEFAULTED = /^([A-Za-z_][A-Za-z0-9_]*)(:?[-=])([A-Za-z0-9_./+-]+)$/;

// ---- the splitter's own state (parse.ts) ----

export interface Frame {
  kind: '$(' | '`' | '(' | '<(' | '>(';
  words: Word[];
  redirects: Redirect[];
  target: Target;
  cur: Building | null;
  double: boolean;
  inner: number;
}

export interface Building {
  text: string;
  value: string;
  known: boolean;
  /** An unquoted expansion brought in whitespace: the shell splits the word there. */
  split?: boolean;
  origin?: Span;
  quoted: boolean;
  start: number;
  last: number;
  /** The default of the expansion that began the word, and that expansion's text (see Word.likely). */
  likely?: { value: string; text: string };
}

export type Target = 'file' | 'heredoc' | 'heredoc-strip' | undefined;

/** The shell's operators, longest first. */
export const SEPARATORS = ['&&', '||', ';;', ';&', '|&', '|', ';', '&'];
export const REDIRECTS = ['<<<', '<<-', '&>>', '<<', '>>', '>&', '<&', '<>', '>|', '&>', '>', '<'];
/** The characters that mean something outside quotes and inside double quotes (see unquoted and inDouble). */
export const UNQUOTED_SPECIAL = charTable('\\ \t\r\n\'"$`()<>&|;');
export const IN_DOUBLE_SPECIAL = charTable('"\\$`');

function charTable(chars: string): Uint8Array {
  const t = new Uint8Array(128);
  for (let k = 0; k < chars.length; k++) t[chars.charCodeAt(k)] = 1;
  return t;
}

/** Where a run of characters that `special` does not hold ends in `t`, from `from` (at most `n`). */
export function plainRunEnd(t: string, from: number, n: number, special: Uint8Array): number {
  let j = from;
  for (; j < n; j++) {
    const code = t.charCodeAt(j);
    if (code < 128 && special[code] === 1) break;
  }
  return j;
}

/**
 * Where the `closeCh` that matches the `openCh` at `from` is in `t` (its length when there is none): nesting,
 * backslashes and single quotes (but within `${...}`) counted.
 */
export function matchingClose(t: string, from: number, openCh: string, closeCh: string): number {
  let depth = 0;
  for (let j = from; j < t.length; j++) {
    const c = t[j];
    if (c === '\\') j++;
    else if (c === "'" && openCh !== '{') {
      const e = t.indexOf("'", j + 1);
      j = e < 0 ? t.length : e;
    } else if (c === openCh) depth++;
    else if (c === closeCh && --depth === 0) return j;
  }
  return t.length;
}
