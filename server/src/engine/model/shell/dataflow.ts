// What a reader of a script follows besides literal variables (commands.ts): arrays assigned literal elements
// (`opts=(--privileged)`, then `"${opts[@]}"`), functions that print literals (`$(flags)`), and wrapper functions
// (`drun() { docker run --rm "$@"; }`, then `drun --privileged img`: the call's words stand for `"$@"`). One pass
// over the commands, bounded in count and size: a repository's script is anything.
import { UNKNOWN } from '../../sources/compose/interpolate';
import { mapped, parseShell, type Command, type Mapped, type Span, type Word } from './parse';

/** The most functions and arrays read from one script, and the most commands one function's body may hold. */
const MAX_DEFINITIONS = 500;
const MAX_BODY = 200;
/** The most arrays read from one script (each is looked up once more in the whole text). */
const MAX_ARRAYS = 100;
/** The most commands wrapper calls may add to one script (each call's commands are its body's). */
const MAX_EXPANDED = 2_000;

export interface FunctionDef {
  name: string;
  /** The body's commands (the opening `{` word left out). */
  body: Command[];
  /** Where it is defined (its name). */
  at: Span;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_:.-]*$/;

/**
 * The functions a script defines: `name() { ...; }`, `name() {` on its own line, `function name { ... }` (with or
 * without `()`). A name defined twice is not followed (which body runs depends on the order of execution).
 */
export function functionsOf(cmds: readonly Command[]): Map<string, FunctionDef> {
  const out = new Map<string, FunctionDef | undefined>();
  for (let k = 0; k < cmds.length && out.size < MAX_DEFINITIONS; k++) {
    const ws = cmds[k].words;
    let name: string | undefined;
    let at: Word | undefined;
    let first: Command | undefined; // the command that holds `{`
    let skip = 0; // words of `first` before `{`
    if (ws[0]?.text === 'function' && ws[1]) {
      name = ws[1].text.replace(/\(\)?$/, '');
      at = ws[1];
      const brace = ws.findIndex((w) => w.text === '{');
      if (brace > 0) {
        first = cmds[k];
        skip = brace + 1;
      } else if (cmds[k + 1]?.words[0]?.text === '{') first = cmds[++k];
    } else if (ws.length === 1 && /\($/.test(ws[0].text) && cmds[k + 1]?.words[0]?.text === '{') {
      name = ws[0].text.slice(0, -1);
      at = ws[0];
      first = cmds[++k];
    }
    if (!name || !at || !first || !NAME.test(name)) continue;
    if (skip === 0) skip = 1; // `{` begins the command
    const body: Command[] = [];
    const head = { ...first, words: first.words.slice(skip) };
    let depth = 1;
    for (let j = k; j < cmds.length && body.length <= MAX_BODY; j++) {
      const c = j === k ? head : cmds[j];
      const w0 = c.words[0]?.text;
      if (w0 === '}' && --depth === 0) {
        k = j;
        break;
      }
      if (w0 === '{') depth++;
      if (c.words.length) body.push(c);
    }
    out.set(name, out.has(name) ? undefined : { name, body, at: { start: at.start, end: at.end } });
  }
  const defined = new Map<string, FunctionDef>();
  for (const [n, f] of out) if (f) defined.set(n, f);
  return defined;
}

/**
 * What a function prints when its body is one `echo` of known words (`flags() { echo "--privileged"; }`): the
 * value of `$(flags)`.
 */
export function functionOutputs(fns: ReadonlyMap<string, FunctionDef>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, f] of fns) {
    if (f.body.length !== 1) continue;
    const ws = f.body[0].words;
    if (ws[0]?.text !== 'echo' || f.body[0].redirects?.length) continue;
    const args = ws.slice(1).filter((w) => !/^-[neE]+$/.test(w.text));
    if (args.every((w) => w.known)) out.set(name, args.map((w) => w.value).join(' '));
  }
  return out;
}

/**
 * Arrays a script assigns elements: `name=(a b)`, `local`/`declare -a name=(...)`; `name+=(...)` adds to them, and
 * so does an assignment that holds the array itself (`name=(--x "${name[@]}")`). An unknown element is UNKNOWN in
 * its place. An array also assigned otherwise (`name=$(...)`, or again from scratch) is not known.
 */
export function literalArrays(m: Mapped): { arrays: Map<string, string>; origins: Map<string, Span> } {
  const found = new Map<string, string[] | undefined>();
  const origins = new Map<string, Span>();
  // one quantifier per alternative: linear whatever the text; an array may run over several lines
  const re = /(?:^|[\s;&|(])([A-Za-z_][A-Za-z0-9_]*)(\+?)=\(([^()]*)\)/g;
  for (let g = re.exec(m.text); g && found.size < MAX_ARRAYS; g = re.exec(m.text)) {
    const [all, name, plus, inner] = g;
    const from = g.index + all.indexOf(name);
    // related information goes to the first assignment (later ones add to it)
    if (!origins.has(name)) origins.set(name, { start: m.offsets[from] ?? 0, end: m.offsets[from + name.length] ?? 0 });
    const words = parseShell(mapped(inner, 0)).flatMap((c) => c.words);
    // an unknown element keeps its place (UNKNOWN in its value): the known ones around it are still read
    const values = words.map((w) => w.value);
    const before = found.get(name);
    const self = words.findIndex((w) => SELF.has(w.text.replace(name, '\u0000')));
    if (!found.has(name)) found.set(name, values);
    else if (plus) found.set(name, before && [...before, ...values]);
    // `a=(--x "${a[@]}" y)`: what it held, with more around it (in whichever branch this runs)
    else if (self >= 0 && before) found.set(name, [...values.slice(0, self), ...before, ...values.slice(self + 1)]);
    else found.set(name, undefined);
  }
  // an array assigned otherwise too (`opts=$(...)`, `opts=x`) is not known
  const arrays = new Map<string, string>();
  for (const [name, v] of found)
    if (v && v.some((e) => e.replaceAll(UNKNOWN, '')) && !assignedOtherwise(m.text, name))
      arrays.set(name, v.join(' '));
  return { arrays, origins };
}

/** How an array's own elements are written inside its assignment (the name as \u0000). */
const SELF = new Set(['${\u0000[@]}', '${\u0000[*]}']);

/** Is `name=` written somewhere with a value that is no `(...)` list (at a word's start)? */
function assignedOtherwise(text: string, name: string): boolean {
  const key = `${name}=`;
  for (let i = text.indexOf(key); i >= 0; i = text.indexOf(key, i + 1)) {
    const before = i === 0 ? ' ' : text[i - 1];
    if (/[\s;&|]/.test(before) && text[i + key.length] !== '(') return true;
  }
  return false;
}

/**
 * The commands wrapper functions run for each call: a body command that passes `"$@"` (or `$*`) on, with the
 * call's words in its place. The words keep their places (the call's at the call), so a finding on a flag the call
 * passes is on the call's line.
 */
export function wrapperCalls(cmds: readonly Command[], fns: ReadonlyMap<string, FunctionDef>): Command[] {
  const out: Command[] = [];
  if (!fns.size) return out;
  for (const cmd of cmds) {
    const at = cmd.words.findIndex((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w.text));
    const f = at >= 0 ? fns.get(cmd.words[at].text) : undefined;
    const args = f ? cmd.words.slice(at + 1) : [];
    if (!f || !args.length) continue;
    for (const b of f.body) {
      const k = b.words.findIndex((w) => w.text === '$@' || w.text === '$*' || w.text === '${@}');
      if (k < 0 || out.length >= MAX_EXPANDED) continue;
      out.push({ ...b, words: [...b.words.slice(0, k), ...args, ...b.words.slice(k + 1)] });
    }
  }
  return out;
}
