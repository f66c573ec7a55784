// The command-line source of the engine-command model (model/engineCommand.ts): `docker exec`, `docker build` /
// `docker buildx build` / `docker image build`, `buildkitd`, `docker plugin install`, behind the same wrappers and
// variables as `docker run` (model/shell/commands.ts).
import { baseName, program } from '../../model/shell/commands';
import type { Command, Word } from '../../model/shell/parse';
import { engineSubcommand, runFlags } from '../../model/dockerRun';
import type { EngineCommand, EngineFlag } from '../../model/engineCommand';
import type { LineIndex } from '../../text';
import type { TextEdit } from '../../types';

/** The flags the command rules read in build and plugin commands (their flags may follow the positional words). */
const READ: Record<'build' | 'buildkitd' | 'plugin-install', ReadonlySet<string>> = {
  build: new Set(['allow', 'network']),
  buildkitd: new Set(['allow-insecure-entitlement']),
  'plugin-install': new Set(['grant-all-permissions']),
};
/** Of those, the ones that take no value. */
const BOOLEAN = new Set(['grant-all-permissions']);

export function engineCommandsOf(text: string, index: LineIndex, cmds: readonly Command[]): EngineCommand[] {
  const out: EngineCommand[] = [];
  for (const cmd of cmds) {
    const found = classify(cmd);
    if (!found) continue;
    const { kind, verb, head, args } = found;
    const line = index.position(head.start).line + 1;
    const remover = (first: Word, last: Word) => removal(text, cmd.words, first, last);
    const flags =
      kind === 'exec'
        ? runFlags(
            args.map((w) => ({ text: w.value, site: w })),
            (w) => !w.site.known && !w.site.text.startsWith('-'),
          ).map((f) => flag(f.name, f.value, f.written, f.words[0].site, f.words[f.words.length - 1].site, remover))
        : anywhere(args, READ[kind], remover);
    if (flags.length) out.push({ kind, verb, line, flags });
  }
  return out;
}

function classify(
  cmd: Command,
): { kind: EngineCommand['kind']; verb: string; head: { start: number }; args: Word[] } | undefined {
  const p = program(cmd);
  if (!p) return undefined;
  const ws = cmd.words;
  const name = [p.word.value, p.word.likely].map((x) => x && baseName(x)).find((x) => !!x);
  if (name === 'buildkitd') return { kind: 'buildkitd', verb: 'buildkitd', head: p.word, args: ws.slice(p.index + 1) };
  const e = engineSubcommand(ws, p);
  if (!e) return undefined;
  const { tool, at: i } = e;
  const a = ws[i]?.value;
  const b = ws[i + 1]?.value;
  const at = (n: number, kind: EngineCommand['kind'], words: string) => ({
    kind,
    verb: `${tool} ${words}`,
    head: p.word,
    args: ws.slice(i + n),
  });
  if (a === 'exec') return at(1, 'exec', 'exec');
  if (a === 'container' && b === 'exec') return at(2, 'exec', 'container exec');
  if (a === 'build' || a === 'builder' || a === 'image')
    return a === 'build' ? at(1, 'build', 'build') : b === 'build' ? at(2, 'build', `${a} build`) : undefined;
  if (a === 'buildx' && (b === 'build' || b === 'b')) return at(2, 'build', `buildx ${b}`);
  if (a === 'plugin' && b === 'install') return at(2, 'plugin-install', 'plugin install');
  return undefined;
}

/** The flags of `names` wherever they are among the words (build and plugin flags may follow the context path). */
function anywhere(
  args: readonly Word[],
  names: ReadonlySet<string>,
  remover: (first: Word, last: Word) => TextEdit[],
): EngineFlag[] {
  const out: EngineFlag[] = [];
  for (let i = 0; i < args.length; i++) {
    const w = args[i];
    if (w.value === '--') break;
    if (!w.value.startsWith('--')) continue;
    const eq = w.value.indexOf('=');
    const name = w.value.slice(2, eq < 0 ? undefined : eq);
    if (!names.has(name)) continue;
    if (eq >= 0 || BOOLEAN.has(name)) {
      out.push(flag(name, eq >= 0 ? w.value.slice(eq + 1) : undefined, w.value, w, w, remover));
      continue;
    }
    const v = args[i + 1];
    if (!v) continue;
    out.push(flag(name, v.known ? v.value : undefined, `${w.value} ${v.value}`, w, v, remover));
    i++;
  }
  return out;
}

function flag(
  name: string,
  value: string | undefined,
  written: string,
  first: Word,
  last: Word,
  remover: (first: Word, last: Word) => TextEdit[],
): EngineFlag {
  return { name, value, written, start: first.start, end: last.end, remove: () => remover(first, last) };
}

/** Removes the words of a flag with the blanks (and line continuations) before it; none for a variable's words. */
function removal(text: string, words: readonly Word[], first: Word, last: Word): TextEdit[] {
  if ([first, last].some((w) => w.split || w.approximate || !w.known)) return [];
  return removeWords(text, words, first, last);
}

/** Edits that remove the words from `first` to `last` of a command, from the end of the word before (spaces and
 * line continuations go with them), else with the blanks after them. */
export function removeWords(text: string, words: readonly Word[], first: Word, last: Word): TextEdit[] {
  const prev = words[words.indexOf(first) - 1];
  if (prev && /^(?:[ \t]|\\\r?\n)*$/.test(text.slice(prev.end, first.start)))
    return [{ start: prev.end, end: last.end, newText: '' }];
  let e = last.end;
  while (text[e] === ' ' || text[e] === '\t') e++;
  return [{ start: first.start, end: e, newText: '' }];
}
