// Shell command lines split as a POSIX shell splits them, every word mapped back to its offsets in the file:
// quotes and escapes, line continuations, comments, `$(...)`, backquotes, `${...}`, `$((...))`, subshells,
// process substitution, redirections and here-documents, and the separators `;` `&` `&&` `||` `|` and newlines.
// One linear scan with an explicit stack (no recursion on input nesting): the text is anything a repository holds.
//
// A word has two readings: `text`, with quotes removed and expansions as written (`$HOME/x`), which pattern rules
// match; and `value`, with expansions read: `$HOME` is `~`, `$PWD` and `$(pwd)` are `.`, a variable assigned one
// literal in the same file is that literal, anything else is UNKNOWN (and the word is not `known`).
import { UNKNOWN } from '../../sources/compose/interpolate';
import {
  DEFAULTED,
  IN_DOUBLE_SPECIAL,
  MAKE_WORKING_FOLDER,
  matchingClose,
  plainRunEnd,
  REDIRECTS,
  SEPARATORS,
  UNQUOTED_SPECIAL,
  type Building,
  type Command,
  type Frame,
  type Mapped,
  type Redirect,
  type ShellOptions,
  type Target,
  type Word,
} from './words';

export { DEFAULTED, mapped, MAKE_WORKING_FOLDER } from './words';
export type { Command, Mapped, Redirect, ShellOptions, Span, Word } from './words';

const SPECIAL_PARAMS = '@*#?$!-0123456789';
/** A word that names a container engine or its daemon (text a here-document must not hide unremarked). */
const ENGINE_WORD = /\b(docker|podman|nerdctl|dockerd)\b/;
/** Substitutions and subshells nested deeper than this are not split (their words are unknown). */
const MAX_DEPTH = 64;

/** The state of one split of shell text (see parseShell). */
class ShellParser {
  private readonly m: Mapped;
  private readonly opts: ShellOptions;
  private readonly t: string;
  private readonly n: number;
  private readonly off: number[];
  private readonly cmds: Command[];
  private readonly frames: Frame[];
  private words: Word[];
  private redirects: Redirect[];
  private cur: Building | null;
  private double: boolean;
  private procSubst: boolean;
  /** The next word is a redirection's target (dropped) or a here-document's delimiter. */
  private target: Target;
  private readonly heredocs: { delim: string; strip: boolean }[];
  /** Openings past MAX_DEPTH not pushed (their closings are then dropped too): bounded memory on any input. */
  private lost: number;

  constructor(m: Mapped, opts: ShellOptions) {
    this.m = m;
    this.opts = opts;
    this.t = this.m.text;
    this.n = this.t.length;
    this.off = this.m.offsets;
    this.cmds = [];
    this.frames = [];
    this.words = [];
    this.redirects = [];
    this.cur = null;
    this.double = false;
    this.procSubst = false;
    this.target = undefined;
    this.heredocs = [];
    this.lost = 0;
  }

  private begin(i: number): Building {
    return (this.cur ??= { text: '', value: '', known: true, quoted: false, start: i, last: i });
  }

  private add(i: number, last: number, text: string, value = text, known = true) {
    const w = this.begin(i);
    w.text += text;
    w.value += value;
    // a variable's value may hold unknown parts (`OPTS="--privileged $X"`): the word is not known
    if (!known || value.includes(UNKNOWN)) w.known = false;
    w.last = last;
  }

  private endWord() {
    const w = this.cur;
    this.cur = null;
    if (!w) return;
    const r = this.target && this.redirects[this.redirects.length - 1];
    if (r) r.target = w.text;
    if (this.target === 'file') this.target = undefined;
    else if (this.target) {
      this.heredocs.push({ delim: w.text, strip: this.target === 'heredoc-strip' });
      this.target = undefined;
    } else {
      // field splitting: each field is a word, at the range of the word it came from
      if (w.split) {
        for (const field of w.value.split(/[ \t\n]+/))
          if (field) this.words.push(this.word(w, field, field, !field.includes(UNKNOWN), true));
      } else this.words.push(this.word(w, w.text, w.value, w.known, false));
    }
  }

  /** A finished word (built field by field: an object spread per word was much of a RUN's garbage). */
  private word(w: Building, text: string, value: string, known: boolean, split: boolean): Word {
    const out: Word = { text, value, known, start: this.off[w.start], end: this.off[w.last] + 1, quoted: w.quoted };
    if (w.origin) out.origin = w.origin;
    if (w.likely && w.text === w.likely.text) out.likely = w.likely.value;
    if (this.m.approximate) out.approximate = true;
    if (this.m.folded) out.folded = true;
    if (split) out.split = true;
    return out;
  }

  private endCmd(sep: string) {
    this.endWord();
    this.target = undefined;
    if (this.words.length)
      this.cmds.push({
        words: this.words,
        sep,
        ...(this.procSubst ? { procSubst: true } : {}),
        ...(this.redirects.length ? { redirects: this.redirects } : {}),
      });
    else if (this.cmds.length && sep !== '\n' && sep !== '') this.cmds[this.cmds.length - 1].sep ||= sep;
    this.words = [];
    this.redirects = [];
  }

  private open(kind: Frame['kind'], inner: number) {
    if (this.frames.length >= MAX_DEPTH) {
      this.lost++;
      if (this.cur) {
        this.cur.known = false;
        this.cur.value += UNKNOWN;
      }
      return;
    }
    this.frames.push({
      kind,
      words: this.words,
      redirects: this.redirects,
      target: this.target,
      cur: this.cur,
      double: this.double,
      inner,
    });
    this.target = undefined;
    this.words = [];
    this.redirects = [];
    this.cur = null;
    this.double = false;
    this.procSubst = kind === '<(' || (this.procSubst && kind !== '$(' && kind !== '`');
  }

  /** Closes the innermost frame at `i` (its closing character); a substitution becomes part of the outer word. */
  private close(i: number) {
    if (this.lost) {
      this.lost--;
      return;
    }
    const f = this.frames.pop()!;
    this.endCmd('');
    this.words = f.words;
    this.redirects = f.redirects;
    this.target = f.target;
    this.cur = f.cur;
    this.double = f.double;
    this.procSubst = this.frames.some((x) => x.kind === '<(');
    if (f.kind === '(') return;
    // the substitution as written, shortened when long (nesting would otherwise copy it once per level)
    const inner = i - f.inner <= 256 ? this.t.slice(f.inner, i) : '…';
    const name = inner.trim();
    const out =
      name === 'pwd'
        ? '.'
        : this.opts.outputs?.has(name)
          ? this.brought(name, this.opts.outputs.get(name), i)
          : undefined;
    this.add(i, i, `${f.kind}${inner}${f.kind === '`' ? '`' : ')'}`, out ?? UNKNOWN, out !== undefined);
  }

  /**
   * A variable's value brought into the word at `at`, when known: unquoted, its whitespace splits the word, and
   * the word remembers where the variable is assigned.
   */
  private brought(name: string, v: string | undefined, at: number): string | undefined {
    if (v === undefined) return v;
    if (!this.double && /[ \t\n]/.test(v)) this.begin(at).split = true;
    const origin = this.opts.origins?.get(name);
    if (origin) this.begin(at).origin ??= origin;
    return v;
  }

  /** An expansion `text` at `i` with a default `value`, when it begins its word (see Word.likely). */
  private likely(i: number, value: string | undefined, text: string) {
    if (value && this.begin(i).text === '') this.cur!.likely = { value, text };
  }

  /** A shell variable's value, when known: the home or working folder, or one literal the script assigns. */
  private variable(name: string, at: number) {
    return this.brought(name, name === 'HOME' ? '~' : name === 'PWD' ? '.' : this.opts.vars?.get(name), at);
  }

  /** A make variable's value, when known: the working folder, or one literal the Makefile assigns. */
  private makeVariable(name: string, at: number) {
    return this.brought(name, MAKE_WORKING_FOLDER.has(name) ? '.' : this.opts.makeVars?.get(name), at);
  }

  /** Reads the expansion at `i` (a `$`); returns the index after it. */
  private dollar(i: number): number {
    const c1 = this.t[i + 1];
    if (this.opts.make) {
      if (c1 === '$') {
        // `$$` is the shell's `$`: read what follows as the shell would (the word starts at the first `$`)
        this.begin(i);
        return this.shellDollar(i + 1);
      }
      if (c1 === '(' || c1 === '{') {
        const e = matchingClose(this.t, i + 1, c1, c1 === '(' ? ')' : '}');
        const v = this.makeVariable(this.t.slice(i + 2, e).trim(), i);
        this.add(i, Math.min(e, this.n - 1), this.t.slice(i, e + 1), v ?? UNKNOWN, v !== undefined);
        return e + 1;
      }
      if (c1 !== undefined && !/\s/.test(c1)) {
        this.add(i, i + 1, this.t.slice(i, i + 2), UNKNOWN, false);
        return i + 2;
      }
      this.add(i, i, '$');
      return i + 1;
    }
    return this.shellDollar(i);
  }

  private shellDollar(i: number): number {
    const c1 = this.t[i + 1];
    if (c1 === '[') {
      // `$[ 1 << 4 ]`: bash's old arithmetic expansion
      const e = matchingClose(this.t, i + 1, '[', ']');
      this.add(i, Math.min(e, this.n - 1), this.t.slice(i, e + 1), UNKNOWN, false);
      return e + 1;
    }
    if (c1 === '(' && this.t[i + 2] === '(') {
      const e = matchingClose(this.t, i + 1, '(', ')');
      this.add(i, Math.min(e, this.n - 1), this.t.slice(i, e + 1), UNKNOWN, false);
      return e + 1;
    }
    if (c1 === '(') {
      this.begin(i);
      this.open('$(', i + 2);
      return i + 2;
    }
    if (c1 === '{') {
      if (this.opts.templates && this.t[i + 2] === '{') {
        const e = this.t.indexOf('}}', i + 3);
        const end = e < 0 ? this.n - 1 : e + 1;
        this.add(i, end, this.t.slice(i, end + 1), UNKNOWN, false);
        return end + 1;
      }
      const e = matchingClose(this.t, i + 1, '{', '}');
      const inner = this.t.slice(i + 2, e);
      // `${X}`, or `${X:-word}` (`-`, `=`, with or without `:`) read as X when X is known
      const d = DEFAULTED.exec(inner);
      const name = /^[A-Za-z_][A-Za-z0-9_]*$/.test(inner) ? inner : d?.[1];
      const array = /^([A-Za-z_][A-Za-z0-9_]*)\[@\]$/.exec(inner)?.[1];
      if (array && this.opts.arrays?.has(array)) this.begin(i).split = true; // "${a[@]}": a word per element
      let v = name ? this.variable(name, i) : array ? this.brought(array, this.opts.arrays?.get(array), i) : undefined;
      if (d && v === '' && d[2].startsWith(':')) v = d[3]; // set but empty: `:-` takes the default
      this.likely(
        i,
        v === undefined ? (d?.[3] ?? (name && this.opts.likelyVars?.get(name))) : undefined,
        this.t.slice(i, e + 1),
      );
      this.add(i, Math.min(e, this.n - 1), this.t.slice(i, e + 1), v ?? UNKNOWN, v !== undefined);
      return e + 1;
    }
    if (c1 === "'" && !this.double) {
      // $'...': ANSI-C quoting (escapes kept as written)
      let j = i + 2;
      while (j < this.n && this.t[j] !== "'") j += this.t[j] === '\\' ? 2 : 1;
      const s = this.t.slice(i + 2, Math.min(j, this.n));
      this.add(i, Math.min(j, this.n - 1), s, s);
      this.begin(i).quoted = true;
      return j + 1;
    }
    if (c1 === '"' && !this.double) return i + 1; // $"..." is a double-quoted string
    if (c1 !== undefined && /[A-Za-z_]/.test(c1)) {
      let j = i + 2;
      while (j < this.n && /[A-Za-z0-9_]/.test(this.t[j])) j++;
      const v = this.variable(this.t.slice(i + 1, j), i);
      this.likely(
        i,
        v === undefined ? this.opts.likelyVars?.get(this.t.slice(i + 1, j)) : undefined,
        this.t.slice(i, j),
      );
      this.add(i, j - 1, this.t.slice(i, j), v ?? UNKNOWN, v !== undefined);
      return j;
    }
    if (c1 !== undefined && SPECIAL_PARAMS.includes(c1)) {
      this.add(i, i + 1, this.t.slice(i, i + 2), UNKNOWN, false);
      return i + 2;
    }
    this.add(i, i, '$');
    return i + 1;
  }

  /** A newline ends the command; pending here-documents' bodies follow it. Returns the index after them. */
  private newline(i: number): number {
    this.endCmd('\n');
    let j = i + 1;
    while (this.heredocs.length) {
      const h = this.heredocs.shift()!;
      const bodyStart = j;
      for (;;) {
        if (j >= this.n) {
          if (this.opts.unclosed && ENGINE_WORD.test(this.t.slice(bodyStart)))
            this.opts.unclosed.push({ start: this.off[Math.min(i, this.n - 1)], end: this.off[this.n - 1] + 1 });
          break;
        }
        let e = this.t.indexOf('\n', j);
        if (e < 0) e = this.n;
        const line = this.t.slice(j, e).replace(/\r$/, '');
        j = e + 1;
        // the delimiter line (leading whitespace allowed: embedded scripts keep their indentation)
        if ((h.strip ? line.replace(/^\t+/, '') : line).trim() === h.delim) break;
      }
    }
    return j;
  }

  /** A backquote opens a substitution, or closes the innermost one. */
  private backquote(i: number) {
    if (this.frames.length && this.frames[this.frames.length - 1].kind === '`') this.close(i);
    else {
      this.begin(i);
      this.open('`', i + 1);
    }
  }

  /** The length of a line continuation (a backslash and a line break) at `i`, 0 when there is none. */
  private continuation(i: number): number {
    return this.t[i + 1] === '\n' ? 2 : this.t[i + 1] === '\r' && this.t[i + 2] === '\n' ? 3 : 0;
  }

  run(): Command[] {
    let i = 0;
    while (i < this.n) i = this.double ? this.inDouble(i) : this.unquoted(i);
    while (this.frames.length) this.close(this.n - 1 < 0 ? 0 : this.n - 1);
    this.endCmd('');
    for (let k = 1; k < this.cmds.length; k++)
      if (this.cmds[k - 1].sep === '|' || this.cmds[k - 1].sep === '|&') this.cmds[k].pipedFrom = this.cmds[k - 1];
    return this.cmds;
  }

  /** Reads the character at `i` inside double quotes; returns where reading goes on. */
  private inDouble(i: number): number {
    const c = this.t[i];
    if (c === '"') {
      this.double = false;
      this.cur!.last = i;
      i++;
    } else if (c === '\\') {
      const c1 = this.t[i + 1];
      if (this.continuation(i)) i += this.continuation(i);
      else if (c1 !== undefined && '$`"\\'.includes(c1)) {
        this.add(i, i + 1, c1);
        i += 2;
      } else {
        this.add(i, i, '\\');
        i++;
      }
    } else if (c === '$') i = this.dollar(i);
    else if (c === '`') {
      this.backquote(i);
      i++;
    } else {
      // a run of characters with no meaning here is added at once (one at a time was most of a RUN's reading)
      const j = plainRunEnd(this.t, i + 1, this.n, IN_DOUBLE_SPECIAL);
      this.add(i, j - 1, this.t.slice(i, j));
      i = j;
    }
    return i;
  }

  /** Reads the character at `i` outside quotes; returns where reading goes on. */
  private unquoted(i: number): number {
    const c = this.t[i];
    if (c === '\\') {
      const c1 = this.t[i + 1];
      if (this.continuation(i)) i += this.continuation(i);
      else if (c1 === undefined) i++;
      else {
        this.add(i, i + 1, c1);
        this.begin(i).quoted = true;
        i += 2;
      }
      return i;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      this.endWord();
      return i + 1;
    }
    if (c === '#' && !this.cur) {
      while (i < this.n && this.t[i] !== '\n') i++;
      return i;
    }
    if (c === "'") {
      const e = this.t.indexOf("'", i + 1);
      const end = e < 0 ? this.n : e;
      const s = this.t.slice(i + 1, end);
      this.add(i, Math.min(end, this.n - 1), s, s);
      this.cur!.quoted = true;
      i = end + 1;
      return i;
    }
    if (c === '"') {
      this.begin(i).quoted = true;
      this.cur!.last = i;
      this.double = true;
      return i + 1;
    }
    if (c === '$') {
      i = this.dollar(i);
      return i;
    }
    if (c === '`') {
      this.backquote(i);
      return i + 1;
    }
    if (c === '\n') {
      i = this.newline(i);
      return i;
    }
    if (c === ')') {
      const top = this.frames[this.frames.length - 1];
      if (top && top.kind !== '`') this.close(i);
      else this.endCmd(')'); // a `case` pattern's end
      return i + 1;
    }
    if (c === '(') {
      if (this.cur)
        this.add(i, i, '('); // `f()`, `a(b)`: part of a word
      else if (this.t[i + 1] === '(') {
        // `(( m = 1 << 4 ))`, `for ((i = 0; i < n; i++))`: arithmetic, one word whose value is unknown (its `<<`
        // is a shift, never a here-document)
        const e = matchingClose(this.t, i, '(', ')');
        this.add(i, Math.min(e, this.n - 1), this.t.slice(i, e + 1), UNKNOWN, false);
        return e + 1;
      } else {
        this.endCmd('');
        this.open('(', i + 1);
      }
      return i + 1;
    }
    if ((c === '<' || c === '>') && this.t[i + 1] === '(' && !this.cur) {
      this.begin(i);
      this.open(c === '<' ? '<(' : '>(', i + 2);
      return i + 2;
    }
    const redirect =
      c === '<' || c === '>' || (c === '&' && this.t[i + 1] === '>')
        ? REDIRECTS.find((o) => this.t.startsWith(o, i))
        : undefined;
    if (redirect) {
      // an IO number written against the operator (`2>`) belongs to it
      const io = this.cur;
      if (io && /^[0-9]+$/.test(io.text) && io.last === i - 1) this.cur = null;
      else this.endWord();
      this.target = redirect === '<<' ? 'heredoc' : redirect === '<<-' ? 'heredoc-strip' : 'file';
      this.redirects.push({ op: redirect, target: undefined });
      return i + redirect.length;
    }
    const sep = c === '&' || c === '|' || c === ';' ? SEPARATORS.find((o) => this.t.startsWith(o, i)) : undefined;
    if (sep) {
      this.endCmd(sep);
      return i + sep.length;
    }
    // a run of characters with no meaning outside quotes (a `#` inside a word is one of them) is added at once
    const j = plainRunEnd(this.t, i + 1, this.n, UNQUOTED_SPECIAL);
    this.add(i, j - 1, this.t.slice(i, j));
    return j;
  }
}

/** Splits mapped shell text into commands (inner commands of `$(...)` and subshells included). */
export function parseShell(m: Mapped, opts: ShellOptions = {}): Command[] {
  return new ShellParser(m, opts).run();
}
