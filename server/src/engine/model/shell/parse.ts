// Shell command lines split as a POSIX shell splits them, every word mapped back to its offsets in the file:
// quotes and escapes, line continuations, comments, `$(...)`, backquotes, `${...}`, `$((...))`, subshells,
// process substitution, redirections and here-documents, and the separators `;` `&` `&&` `||` `|` and newlines.
// One linear scan with an explicit stack (no recursion on input nesting): the text is anything a repository holds.
//
// A word has two readings: `text`, with quotes removed and expansions as written (`$HOME/x`), which pattern rules
// match; and `value`, with expansions read: `$HOME` is `~`, `$PWD` and `$(pwd)` are `.`, a variable assigned one
// literal in the same file is that literal, anything else is UNKNOWN (and the word is not `known`).
import { UNKNOWN } from '../compose/effective';

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
  /** `${{ ... }}` is a CI template expression (GitHub Actions), unknown. */
  templates?: boolean;
  /**
   * Where a here-document is never closed (its delimiter line never comes) and the text it swallows names a
   * container engine: the shell runs none of that text, so a reader that took it for commands would disagree.
   */
  unclosed?: Span[];
}

interface Frame {
  kind: '$(' | '`' | '(' | '<(' | '>(';
  words: Word[];
  redirects: Redirect[];
  target: Target;
  cur: Building | null;
  double: boolean;
  inner: number;
}

interface Building {
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

type Target = 'file' | 'heredoc' | 'heredoc-strip' | undefined;

const SEPARATORS = ['&&', '||', ';;', ';&', '|&', '|', ';', '&'];
const REDIRECTS = ['<<<', '<<-', '&>>', '<<', '>>', '>&', '<&', '<>', '>|', '&>', '>', '<'];
const SPECIAL_PARAMS = '@*#?$!-0123456789';
/** How a Makefile writes the working folder: `$(CURDIR)`, `$(PWD)`, `$(shell pwd)` (also with braces). */
export const MAKE_WORKING_FOLDER: ReadonlySet<string> = new Set(['CURDIR', 'PWD', 'shell pwd']);
/** A word that names a container engine or its daemon (text a here-document must not hide unremarked). */
const ENGINE_WORD = /\b(docker|podman|nerdctl|dockerd)\b/;
/** Substitutions and subshells nested deeper than this are not split (their words are unknown). */
const MAX_DEPTH = 64;

/** Splits mapped shell text into commands (inner commands of `$(...)` and subshells included). */
export function parseShell(m: Mapped, opts: ShellOptions = {}): Command[] {
  const t = m.text;
  const n = t.length;
  const off = m.offsets;
  const cmds: Command[] = [];
  const frames: Frame[] = [];
  let words: Word[] = [];
  let redirects: Redirect[] = [];
  let cur: Building | null = null;
  let double = false;
  let procSubst = false;
  /** The next word is a redirection's target (dropped) or a here-document's delimiter. */
  let target: Target;
  const heredocs: { delim: string; strip: boolean }[] = [];

  const begin = (i: number): Building =>
    (cur ??= { text: '', value: '', known: true, quoted: false, start: i, last: i });
  const add = (i: number, last: number, text: string, value = text, known = true) => {
    const w = begin(i);
    w.text += text;
    w.value += value;
    if (!known) w.known = false;
    w.last = last;
  };
  const endWord = () => {
    const w = cur;
    cur = null;
    if (!w) return;
    const r = target && redirects[redirects.length - 1];
    if (r) r.target = w.text;
    if (target === 'file') target = undefined;
    else if (target) {
      heredocs.push({ delim: w.text, strip: target === 'heredoc-strip' });
      target = undefined;
    } else {
      const at = {
        known: w.known,
        start: off[w.start],
        end: off[w.last] + 1,
        quoted: w.quoted,
        ...(w.origin ? { origin: w.origin } : {}),
        ...(w.likely && w.text === w.likely.text ? { likely: w.likely.value } : {}),
        ...(m.approximate ? { approximate: true as const } : {}),
        ...(m.folded ? { folded: true as const } : {}),
      };
      // field splitting: each field is a word, at the range of the word it came from
      if (w.split) {
        for (const field of w.value.split(/[ \t\n]+/))
          if (field) words.push({ text: field, value: field, ...at, split: true });
      } else words.push({ text: w.text, value: w.value, ...at });
    }
  };
  const endCmd = (sep: string) => {
    endWord();
    target = undefined;
    if (words.length)
      cmds.push({
        words,
        sep,
        ...(procSubst ? { procSubst: true } : {}),
        ...(redirects.length ? { redirects } : {}),
      });
    else if (cmds.length && sep !== '\n' && sep !== '') cmds[cmds.length - 1].sep ||= sep;
    words = [];
    redirects = [];
  };
  /** Openings past MAX_DEPTH not pushed (their closings are then dropped too): bounded memory on any input. */
  let lost = 0;
  const open = (kind: Frame['kind'], inner: number) => {
    if (frames.length >= MAX_DEPTH) {
      lost++;
      if (cur) {
        cur.known = false;
        cur.value += UNKNOWN;
      }
      return;
    }
    frames.push({ kind, words, redirects, target, cur, double, inner });
    target = undefined;
    words = [];
    redirects = [];
    cur = null;
    double = false;
    procSubst = kind === '<(' || (procSubst && kind !== '$(' && kind !== '`');
  };
  /** Closes the innermost frame at `i` (its closing character); a substitution becomes part of the outer word. */
  const close = (i: number) => {
    if (lost) {
      lost--;
      return;
    }
    const f = frames.pop()!;
    endCmd('');
    words = f.words;
    redirects = f.redirects;
    target = f.target;
    cur = f.cur;
    double = f.double;
    procSubst = frames.some((x) => x.kind === '<(');
    if (f.kind === '(') return;
    // the substitution as written, shortened when long (nesting would otherwise copy it once per level)
    const inner = i - f.inner <= 256 ? t.slice(f.inner, i) : '…';
    const pwd = inner.trim() === 'pwd';
    add(i, i, `${f.kind}${inner}${f.kind === '`' ? '`' : ')'}`, pwd ? '.' : UNKNOWN, pwd);
  };
  /** The index of the `close` that matches the opening at `from` (nesting counted, quotes skipped), or n. */
  const matching = (from: number, openCh: string, closeCh: string): number => {
    let depth = 0;
    for (let j = from; j < n; j++) {
      const c = t[j];
      if (c === '\\') j++;
      else if (c === "'" && openCh !== '{') {
        const e = t.indexOf("'", j + 1);
        j = e < 0 ? n : e;
      } else if (c === openCh) depth++;
      else if (c === closeCh && --depth === 0) return j;
    }
    return n;
  };
  /**
   * A variable's value brought into the word at `at`, when known: unquoted, its whitespace splits the word, and
   * the word remembers where the variable is assigned.
   */
  const brought = (name: string, v: string | undefined, at: number): string | undefined => {
    if (v === undefined) return v;
    if (!double && /[ \t\n]/.test(v)) begin(at).split = true;
    const origin = opts.origins?.get(name);
    if (origin) begin(at).origin ??= origin;
    return v;
  };
  /** An expansion `text` at `i` with a default `value`, when it begins its word (see Word.likely). */
  const likely = (i: number, value: string | undefined, text: string) => {
    if (value && begin(i).text === '') cur!.likely = { value, text };
  };
  /** A shell variable's value, when known: the home or working folder, or one literal the script assigns. */
  const variable = (name: string, at: number) =>
    brought(name, name === 'HOME' ? '~' : name === 'PWD' ? '.' : opts.vars?.get(name), at);
  /** A make variable's value, when known: the working folder, or one literal the Makefile assigns. */
  const makeVariable = (name: string, at: number) =>
    brought(name, MAKE_WORKING_FOLDER.has(name) ? '.' : opts.makeVars?.get(name), at);
  /** Reads the expansion at `i` (a `$`); returns the index after it. */
  const dollar = (i: number): number => {
    const c1 = t[i + 1];
    if (opts.make) {
      if (c1 === '$') {
        // `$$` is the shell's `$`: read what follows as the shell would (the word starts at the first `$`)
        begin(i);
        return shellDollar(i + 1);
      }
      if (c1 === '(' || c1 === '{') {
        const e = matching(i + 1, c1, c1 === '(' ? ')' : '}');
        const v = makeVariable(t.slice(i + 2, e).trim(), i);
        add(i, Math.min(e, n - 1), t.slice(i, e + 1), v ?? UNKNOWN, v !== undefined);
        return e + 1;
      }
      if (c1 !== undefined && !/\s/.test(c1)) {
        add(i, i + 1, t.slice(i, i + 2), UNKNOWN, false);
        return i + 2;
      }
      add(i, i, '$');
      return i + 1;
    }
    return shellDollar(i);
  };
  const shellDollar = (i: number): number => {
    const c1 = t[i + 1];
    if (c1 === '[') {
      // `$[ 1 << 4 ]`: bash's old arithmetic expansion
      const e = matching(i + 1, '[', ']');
      add(i, Math.min(e, n - 1), t.slice(i, e + 1), UNKNOWN, false);
      return e + 1;
    }
    if (c1 === '(' && t[i + 2] === '(') {
      const e = matching(i + 1, '(', ')');
      add(i, Math.min(e, n - 1), t.slice(i, e + 1), UNKNOWN, false);
      return e + 1;
    }
    if (c1 === '(') {
      begin(i);
      open('$(', i + 2);
      return i + 2;
    }
    if (c1 === '{') {
      if (opts.templates && t[i + 2] === '{') {
        const e = t.indexOf('}}', i + 3);
        const end = e < 0 ? n - 1 : e + 1;
        add(i, end, t.slice(i, end + 1), UNKNOWN, false);
        return end + 1;
      }
      const e = matching(i + 1, '{', '}');
      const inner = t.slice(i + 2, e);
      // `${X}`, or `${X:-word}` (`-`, `=`, with or without `:`) read as X when X is known
      const d = DEFAULTED.exec(inner);
      const name = /^[A-Za-z_][A-Za-z0-9_]*$/.test(inner) ? inner : d?.[1];
      let v = name ? variable(name, i) : undefined;
      if (d && v === '' && d[2].startsWith(':')) v = d[3]; // set but empty: `:-` takes the default
      likely(i, v === undefined ? (d?.[3] ?? (name && opts.likelyVars?.get(name))) : undefined, t.slice(i, e + 1));
      add(i, Math.min(e, n - 1), t.slice(i, e + 1), v ?? UNKNOWN, v !== undefined);
      return e + 1;
    }
    if (c1 === "'" && !double) {
      // $'...': ANSI-C quoting (escapes kept as written)
      let j = i + 2;
      while (j < n && t[j] !== "'") j += t[j] === '\\' ? 2 : 1;
      const s = t.slice(i + 2, Math.min(j, n));
      add(i, Math.min(j, n - 1), s, s);
      begin(i).quoted = true;
      return j + 1;
    }
    if (c1 === '"' && !double) return i + 1; // $"..." is a double-quoted string
    if (c1 !== undefined && /[A-Za-z_]/.test(c1)) {
      let j = i + 2;
      while (j < n && /[A-Za-z0-9_]/.test(t[j])) j++;
      const v = variable(t.slice(i + 1, j), i);
      likely(i, v === undefined ? opts.likelyVars?.get(t.slice(i + 1, j)) : undefined, t.slice(i, j));
      add(i, j - 1, t.slice(i, j), v ?? UNKNOWN, v !== undefined);
      return j;
    }
    if (c1 !== undefined && SPECIAL_PARAMS.includes(c1)) {
      add(i, i + 1, t.slice(i, i + 2), UNKNOWN, false);
      return i + 2;
    }
    add(i, i, '$');
    return i + 1;
  };
  /** A newline ends the command; pending here-documents' bodies follow it. Returns the index after them. */
  const newline = (i: number): number => {
    endCmd('\n');
    let j = i + 1;
    while (heredocs.length) {
      const h = heredocs.shift()!;
      const bodyStart = j;
      for (;;) {
        if (j >= n) {
          if (opts.unclosed && ENGINE_WORD.test(t.slice(bodyStart)))
            opts.unclosed.push({ start: off[Math.min(i, n - 1)], end: off[n - 1] + 1 });
          break;
        }
        let e = t.indexOf('\n', j);
        if (e < 0) e = n;
        const line = t.slice(j, e).replace(/\r$/, '');
        j = e + 1;
        // the delimiter line (leading whitespace allowed: embedded scripts keep their indentation)
        if ((h.strip ? line.replace(/^\t+/, '') : line).trim() === h.delim) break;
      }
    }
    return j;
  };

  /** A backquote opens a substitution, or closes the innermost one. */
  const backquote = (i: number) => {
    if (frames.length && frames[frames.length - 1].kind === '`') close(i);
    else {
      begin(i);
      open('`', i + 1);
    }
  };
  /** The length of a line continuation (a backslash and a line break) at `i`, 0 when there is none. */
  const continuation = (i: number): number => (t[i + 1] === '\n' ? 2 : t[i + 1] === '\r' && t[i + 2] === '\n' ? 3 : 0);

  let i = 0;
  while (i < n) {
    const c = t[i];
    if (double) {
      if (c === '"') {
        double = false;
        cur!.last = i;
        i++;
      } else if (c === '\\') {
        const c1 = t[i + 1];
        if (continuation(i)) i += continuation(i);
        else if (c1 !== undefined && '$`"\\'.includes(c1)) {
          add(i, i + 1, c1);
          i += 2;
        } else {
          add(i, i, '\\');
          i++;
        }
      } else if (c === '$') i = dollar(i);
      else if (c === '`') {
        backquote(i);
        i++;
      } else {
        add(i, i, c);
        i++;
      }
      continue;
    }
    if (c === '\\') {
      const c1 = t[i + 1];
      if (continuation(i)) i += continuation(i);
      else if (c1 === undefined) i++;
      else {
        add(i, i + 1, c1);
        begin(i).quoted = true;
        i += 2;
      }
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      endWord();
      i++;
      continue;
    }
    if (c === '#' && !cur) {
      while (i < n && t[i] !== '\n') i++;
      continue;
    }
    if (c === "'") {
      const e = t.indexOf("'", i + 1);
      const end = e < 0 ? n : e;
      const s = t.slice(i + 1, end);
      add(i, Math.min(end, n - 1), s, s);
      cur!.quoted = true;
      i = end + 1;
      continue;
    }
    if (c === '"') {
      begin(i).quoted = true;
      cur!.last = i;
      double = true;
      i++;
      continue;
    }
    if (c === '$') {
      i = dollar(i);
      continue;
    }
    if (c === '`') {
      backquote(i);
      i++;
      continue;
    }
    if (c === '\n') {
      i = newline(i);
      continue;
    }
    if (c === ')') {
      const top = frames[frames.length - 1];
      if (top && top.kind !== '`') close(i);
      else endCmd(')'); // a `case` pattern's end
      i++;
      continue;
    }
    if (c === '(') {
      if (cur)
        add(i, i, '('); // `f()`, `a(b)`: part of a word
      else if (t[i + 1] === '(') {
        // `(( m = 1 << 4 ))`, `for ((i = 0; i < n; i++))`: arithmetic, one word whose value is unknown (its `<<`
        // is a shift, never a here-document)
        const e = matching(i, '(', ')');
        add(i, Math.min(e, n - 1), t.slice(i, e + 1), UNKNOWN, false);
        i = e + 1;
        continue;
      } else {
        endCmd('');
        open('(', i + 1);
      }
      i++;
      continue;
    }
    if ((c === '<' || c === '>') && t[i + 1] === '(' && !cur) {
      begin(i);
      open(c === '<' ? '<(' : '>(', i + 2);
      i += 2;
      continue;
    }
    const redirect =
      c === '<' || c === '>' || (c === '&' && t[i + 1] === '>') ? REDIRECTS.find((o) => t.startsWith(o, i)) : undefined;
    if (redirect) {
      // an IO number written against the operator (`2>`) belongs to it
      const io = cur as Building | null;
      if (io && /^[0-9]+$/.test(io.text) && io.last === i - 1) cur = null;
      else endWord();
      target = redirect === '<<' ? 'heredoc' : redirect === '<<-' ? 'heredoc-strip' : 'file';
      redirects.push({ op: redirect, target: undefined });
      i += redirect.length;
      continue;
    }
    const sep = c === '&' || c === '|' || c === ';' ? SEPARATORS.find((o) => t.startsWith(o, i)) : undefined;
    if (sep) {
      endCmd(sep);
      i += sep.length;
      continue;
    }
    add(i, i, c);
    i++;
  }
  while (frames.length) close(n - 1 < 0 ? 0 : n - 1);
  endCmd('');
  for (let k = 1; k < cmds.length; k++)
    if (cmds[k - 1].sep === '|' || cmds[k - 1].sep === '|&') cmds[k].pipedFrom = cmds[k - 1];
  return cmds;
}

/**
 * The variables a script assigns exactly one literal value (`NAME=value`, `export NAME=value`, `readonly`,
 * `local`, `declare`): the only ones a value is read from. A variable assigned twice, or from anything unknown,
 * stays unknown.
 */
export function literalAssignments(cmds: readonly Command[]): {
  vars: Map<string, string>;
  origins: Map<string, Span>;
  likelyVars: Map<string, string>;
} {
  const seen = new Map<string, string | undefined>();
  const likely = new Map<string, string | undefined>();
  const origins = new Map<string, Span>();
  for (const cmd of cmds) {
    const ws = cmd.words;
    let k = 0;
    if (['export', 'readonly', 'local', 'declare', 'typeset'].includes(ws[0]?.text)) k = 1;
    const assigns = ws.slice(k).filter((w) => !w.text.startsWith('-'));
    // only a command that is nothing but assignments (`A=1 docker run` sets A for that command alone)
    if (!assigns.length || !assigns.every((w) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(w.text))) continue;
    for (const w of assigns) {
      const eq = w.value.indexOf('=');
      const name = w.value.slice(0, eq);
      const value = w.known ? w.value.slice(eq + 1) : undefined;
      seen.set(name, seen.has(name) && seen.get(name) !== value ? undefined : value);
      origins.set(name, { start: w.start, end: w.end });
      // `X=${X:-docker}`: the default, if every assignment of X says the same
      const raw = w.text.slice(eq + 1);
      const braced = value === undefined && raw.startsWith('${') && raw.endsWith('}');
      const d = braced ? DEFAULTED.exec(raw.slice(2, -1))?.[3] : undefined;
      likely.set(name, likely.has(name) && likely.get(name) !== d ? undefined : d);
    }
  }
  const vars = new Map<string, string>();
  for (const [k, v] of seen) if (v !== undefined) vars.set(k, v);
  const likelyVars = new Map<string, string>();
  for (const [k, v] of likely) if (v !== undefined && seen.get(k) === undefined) likelyVars.set(k, v);
  return { vars, origins, likelyVars };
}

/** `NAME:-word`, `NAME-word`, `NAME:=word`, `NAME=word` inside `${...}`, with a plain word as the default. */
const DEFAULTED = /^([A-Za-z_][A-Za-z0-9_]*)(:?[-=])([A-Za-z0-9_./+-]+)$/;

/** Parses a script, reading the variables it assigns a literal once (a second pass only when there are some). */
export function parseScript(m: Mapped, opts: ShellOptions = {}): Command[] {
  const first = parseShell(m, opts);
  if (!m.text.includes('$')) return first;
  const { vars, origins, likelyVars } = literalAssignments(first);
  return vars.size || likelyVars.size
    ? parseShell(m, { ...opts, vars, likelyVars, origins: new Map([...(opts.origins ?? []), ...origins]) })
    : first;
}

/**
 * The commands of a text, with the scripts of `sh -c "..."` split too (to a depth of 3; their words' offsets are
 * approximate: inside the quoted word).
 */
export function shellCommands(m: Mapped, opts: ShellOptions = {}, depth = 0): Command[] {
  const cmds = parseScript(m, opts);
  if (depth >= 3) return cmds;
  const extra: Command[] = [];
  for (const cmd of cmds) {
    const w = cmd.words;
    // `ssh host "docker run ..."`: the remote shell reads the one word as a script
    const remote = remoteScript(cmd);
    if (remote) for (const c of shellCommands(innerMapped(m, remote), {}, depth + 1)) extra.push(c);
    const shellAt = w.findIndex((x, idx) => idx <= 2 && /^(\/(usr\/)?bin\/)?(ba|z|da|k|a)?sh$/.test(x.text));
    if (shellAt < 0) continue;
    const dashC = w.findIndex((x, idx) => idx > shellAt && /^-[a-z]+$/.test(x.text) && x.text.includes('c'));
    const script = dashC >= 0 ? w[dashC + 1] : undefined;
    if (script) for (const c of shellCommands(innerMapped(m, script), {}, depth + 1)) extra.push(c);
  }
  for (const c of extra) cmds.push(c);
  return cmds;
}

/**
 * The text of a quoted word, each character at its place inside the quotes: exact when the word is written as it
 * reads, approximate (and marked so) when quotes or escapes inside it make the text shorter than the source.
 */
function innerMapped(m: Mapped, w: Word): Mapped {
  const startIdx = firstIndexOf(m.offsets, w.start);
  const offsets: number[] = [];
  const from = startIdx + (w.quoted ? 1 : 0);
  for (let i = 0; i <= w.text.length; i++) {
    const idx = startIdx >= 0 ? from + i : -1;
    offsets.push(idx >= 0 && idx < m.offsets.length ? m.offsets[idx] : w.start);
  }
  const exact = !m.approximate && startIdx >= 0 && m.text.slice(from, from + w.text.length) === w.text;
  const folded = m.folded ? { folded: true as const } : {};
  return exact ? { text: w.text, offsets, ...folded } : { text: w.text, offsets, approximate: true, ...folded };
}

/** The first index of `value` in ascending `sorted`, or -1 (a binary search: scripts can hold many `sh -c`). */
function firstIndexOf(sorted: readonly number[], value: number): number {
  let lo = 0,
    hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo] === value ? lo : -1;
}

/** Words that start a compound command or negate one: the command proper follows them. */
const RESERVED = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{']);

/** A program that runs a command after its own options and arguments (`timeout 60 docker run ...`). */
interface Wrapper {
  /** Its options that take a value as the next word (`-u user`; `-uuser` is one word). */
  withValue: readonly string[];
  /** How many arguments come before the command (ssh's destination, timeout's duration). */
  args: number;
}

const WRAPPERS: Record<string, Wrapper> = {
  sudo: { withValue: ['-u', '-g', '-C', '-D', '-h', '-p', '-U', '-r', '-t'], args: 0 },
  ssh: {
    withValue: '-B -b -c -D -E -e -F -I -i -J -L -l -m -O -o -P -p -Q -R -S -W -w'.split(' '),
    args: 1,
  },
  timeout: { withValue: ['-s', '--signal', '-k', '--kill-after'], args: 1 },
  nice: { withValue: ['-n', '--adjustment'], args: 0 },
  ionice: { withValue: ['-c', '--class', '-n', '--classdata'], args: 0 },
  setsid: { withValue: [], args: 0 },
  stdbuf: { withValue: ['-i', '-o', '-e', '--input', '--output', '--error'], args: 0 },
  taskset: { withValue: [], args: 1 },
  chrt: { withValue: [], args: 1 },
};

/** The index of a wrapper's last own word, from the wrapper's at `i`: its options (with their values), its arguments. */
function wrapperEnd(words: readonly Word[], i: number, wrapper: Wrapper): number {
  while (words[i + 1]?.text.startsWith('-')) {
    i++;
    if (wrapper.withValue.includes(words[i].text)) i++;
  }
  return i + wrapper.args;
}

/**
 * The command an `ssh` runs on the remote host when it is given as one word (`ssh host "docker run ..."`), which
 * the remote shell splits again; a command given as several words is read through `program()` (ssh is a wrapper).
 */
function remoteScript(cmd: Command): Word | undefined {
  const at = cmd.words.findIndex((x, idx) => idx <= 2 && x.text === 'ssh');
  if (at < 0) return undefined;
  const rest = cmd.words.slice(wrapperEnd(cmd.words, at, WRAPPERS.ssh) + 1); // after the destination
  return rest.length === 1 && rest[0].quoted ? rest[0] : undefined;
}

/**
 * The program name of a command, skipping env assignments, `env`, `exec`, `time` and the like, and wrappers with
 * their options and arguments (`sudo -u x`, `timeout 60`, `ssh host`); `skipSudo` false: `sudo` is the program.
 */
export function program(cmd: Command, skipSudo = true): { word: Word; index: number } | undefined {
  for (let i = 0; i < cmd.words.length; i++) {
    const w = cmd.words[i].text;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(w) || RESERVED.has(w)) continue;
    if (Object.hasOwn(WRAPPERS, w) && (skipSudo || w !== 'sudo')) {
      i = wrapperEnd(cmd.words, i, WRAPPERS[w]);
      continue;
    }
    if (['env', 'exec', 'time', 'nohup', 'command', 'builtin'].includes(w)) continue;
    return { word: cmd.words[i], index: i };
  }
  return undefined;
}

export function baseName(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}
