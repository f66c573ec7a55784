// What a reader sees run: the commands of a script with literal assignments read (`parseScript`), `sh -c` and ssh
// scripts split too (`shellCommands`), and a command's program behind wrappers (`sudo`, `timeout`, `ssh`...).
import { UNKNOWN } from '../../sources/compose/interpolate';
import { DEFAULTED, parseShell, type Command, type Mapped, type ShellOptions, type Span, type Word } from './parse';
import { functionOutputs, functionsOf, literalArrays, wrapperCalls } from './dataflow';
import { ENGINE_PROGRAMS } from '../../vocabulary/dockerOptions';
import { lookupTable } from '../../vocabulary/lookup';

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
  const values = new Map<string, Set<string>>();
  const unknown = new Set<string>();
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
      // a value with unknown parts (`"--net=host -e X=$X"`) is kept: its literal fields are read when it is split
      const written = w.value.slice(eq + 1);
      const value = w.known || written.replaceAll(UNKNOWN, '').trim() ? written : undefined;
      seen.set(name, seen.has(name) && seen.get(name) !== value ? undefined : value);
      if (value !== undefined) (values.get(name) ?? values.set(name, new Set()).get(name)!).add(value);
      else unknown.add(name);
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
  // `docker=podman` in one branch, `docker=docker` in another: whichever runs, it is an engine
  for (const [k, vs] of values)
    if (vs.size > 1 && !unknown.has(k) && [...vs].every((v) => ENGINE_PROGRAMS.includes(v)))
      likelyVars.set(k, vs.values().next().value!);
  return { vars, origins, likelyVars };
}

/**
 * Parses a script, reading the variables it assigns a literal once, its literal arrays and the functions that
 * print literals (a second pass only when there are some), and adding the commands its wrapper functions run for
 * each call (dataflow.ts).
 */
export function parseScript(m: Mapped, opts: ShellOptions = {}): Command[] {
  const first = parseShell(m, opts);
  // every reading below needs a `$` (an expansion, `"$@"`)
  if (!m.text.includes('$')) return first;
  const fns = functionsOf(first);
  const { vars, origins, likelyVars } = literalAssignments(first);
  const lists = m.text.includes('=(') ? literalArrays(m) : undefined;
  const arrays = lists?.arrays ?? new Map<string, string>();
  const outputs = functionOutputs(fns);
  for (const [name, at] of lists?.origins ?? []) if (arrays.has(name)) origins.set(name, at);
  for (const name of outputs.keys()) origins.set(name, fns.get(name)!.at);
  const cmds =
    vars.size || likelyVars.size || arrays.size || outputs.size
      ? parseShell(m, {
          ...opts,
          vars,
          // the script's own assignments over what its caller knows (a justfile's variables)
          likelyVars: opts.likelyVars ? new Map([...opts.likelyVars, ...likelyVars]) : likelyVars,
          arrays,
          outputs,
          origins: new Map([...(opts.origins ?? []), ...origins]),
        })
      : first;
  return fns.size ? [...cmds, ...wrapperCalls(cmds, functionsOf(cmds))] : cmds;
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

const WRAPPERS: Record<string, Wrapper> = lookupTable({
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
});

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

/** Words that run the command after them. */
const PREFIXES = new Set(['env', 'exec', 'time', 'nohup', 'command', 'builtin']);

/**
 * The program name of a command, skipping env assignments, `env`, `exec`, `time` and the like, and wrappers with
 * their options and arguments (`sudo -u x`, `timeout 60`, `ssh host`); `skipSudo` false: `sudo` is the program.
 */
export function program(cmd: Command, skipSudo = true): { word: Word; index: number } | undefined {
  for (let i = 0; i < cmd.words.length; i++) {
    const w = cmd.words[i].text;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(w) || RESERVED.has(w)) continue;
    // `$SUDO docker run`: a variable we cannot read before an engine program is that program's prefix (empty, or
    // `sudo`): either way the engine runs
    if (skipSudo && prefixVariable(cmd.words[i]) && namesEngine(cmd.words[i + 1])) continue;
    if (WRAPPERS[w] && (skipSudo || w !== 'sudo')) {
      i = wrapperEnd(cmd.words, i, WRAPPERS[w]);
      continue;
    }
    if (PREFIXES.has(w)) continue;
    return { word: cmd.words[i], index: i };
  }
  return undefined;
}

/**
 * An unquoted word that is one expansion we cannot read (`$SUDO`, `${SUDOIF}`), or that is empty (`SUDO=""` before
 * an `if` that sets it to `sudo`): an empty unquoted expansion is no word at all.
 */
function prefixVariable(w: Word): boolean {
  return (
    (!w.known || w.value === '') && !w.quoted && /^\$(\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_][A-Za-z0-9_]*)$/.test(w.text)
  );
}

/** A word that names an engine program, as written or as its likely value (`${PODMAN}` after `PODMAN := "podman"`). */
function namesEngine(w: Word | undefined): boolean {
  return !!w && [w.value, w.likely].some((x) => x !== undefined && ENGINE_PROGRAMS.includes(baseName(x)));
}

export function baseName(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}
