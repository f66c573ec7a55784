// The command-line source of the container model: every `docker run` / `docker create` / `podman run` of a shell
// script, a Makefile recipe, a Dockerfile's RUN, a workflow's `run:` step or a Markdown shell block, and the job and
// service containers of a GitHub Actions workflow. Fixes remove or rewrite a flag and leave the rest of the line.
import * as path from 'node:path';
import { runFlags, runImage, runInvocation, type Flag, type Word } from '../../model/dockerRun';
import { UNKNOWN, type Container, type EnvVar } from '../../model/container';
import type { Command, Word as ShellWord } from '../../model/shell/parse';
import type { WorkflowContainer, YamlValue } from '../../model/run/sources';
import { addRunFlags, blankContainer, type Filling, type FlagSource } from './runFlags';
import type { LineIndex } from '../../text';
import type { TextEdit } from '../../types';

/** Where a finding goes: a span of the file. */
interface Site {
  start: number;
  end: number;
}

function emptyContainer(name: string, subject: string, site: Site, reference: (n: string) => string): Filling {
  const secrets = 'a secret store (an --env-file kept out of version control, or --secret)';
  return blankContainer({ source: 'run', name, subject, site, advice: { secrets, reference } });
}

/** Reads a value whose unknown parts are UNKNOWN. */
function read(s: string, unknown?: string): string | undefined {
  if (!s.includes(UNKNOWN)) return s;
  return unknown === undefined ? undefined : s.split(UNKNOWN).join(unknown);
}

function envVar(name: string, raw: string, where: string): EnvVar {
  const known = !raw.includes(UNKNOWN);
  return {
    name,
    value: known ? raw : undefined,
    literal: known ? raw : undefined,
    loose: known ? undefined : raw,
    reference: raw === UNKNOWN,
    where,
  };
}

/** A value as a shell word: bare when it is made of safe characters, else single-quoted. */
function shellQuote(v: string): string {
  return /^[A-Za-z0-9_\/.,:=@%+-]+$/.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`;
}

/**
 * The edits that turn word `w` into one whose value is `next`. When `next` only adds to the value (`:ro`,
 * `,readonly`, `127.0.0.1:`), the addition is inserted and the word keeps its quoting and variables; a word with
 * variables cannot be rewritten otherwise (no edit).
 */
function rewriteWord(text: string, w: ShellWord, next: string): TextEdit[] {
  const raw = text.slice(w.start, w.end);
  const old = w.value;
  const quoteAtEnd = (raw.endsWith('"') || raw.endsWith("'")) && w.quoted;
  const quoteAtStart = (raw.startsWith('"') || raw.startsWith("'")) && w.quoted;
  if (next.startsWith(old) && next.length > old.length) {
    const add = next.slice(old.length);
    const at = quoteAtEnd ? w.end - 1 : w.end;
    if (quoteAtEnd || /^[A-Za-z0-9_\/.,:=@%+-]+$/.test(add)) return [{ start: at, end: at, newText: add }];
  }
  if (next.endsWith(old) && next.length > old.length) {
    const add = next.slice(0, next.length - old.length);
    const at = quoteAtStart ? w.start + 1 : w.start;
    if (quoteAtStart || /^[A-Za-z0-9_\/.,:=@%+-]+$/.test(add)) return [{ start: at, end: at, newText: add }];
  }
  if (!w.known) return [];
  if (raw === old) return [{ start: w.start, end: w.end, newText: shellQuote(next) }];
  const q = raw[0];
  if ((q === '"' || q === "'") && raw === `${q}${old}${q}` && !/["'$`\\]/.test(next))
    return [{ start: w.start, end: w.end, newText: `${q}${next}${q}` }];
  return [{ start: w.start, end: w.end, newText: shellQuote(next) }];
}

/** The flag source of a command's words in a file's text. */
function wordSource(
  text: string,
  file: string,
  prevOf: ReadonlyMap<ShellWord, ShellWord>,
  holder: string,
): FlagSource<ShellWord> {
  return {
    site: (f) => {
      const origin = f.words.find((w) => w.site.origin)?.site.origin;
      return {
        start: f.words[0].site.start,
        end: f.words[f.words.length - 1].site.end,
        ...(origin ? { origin } : {}),
      };
    },
    remove(f) {
      // a flag that came from a variable's value (`$OPTS`) is not removed from the line (the word holds more)
      if (f.words.some((w) => w.site.split)) return [];
      const first = f.words[0].site;
      const last = f.words[f.words.length - 1].site;
      const prev = prevOf.get(first);
      // from the end of the word before: spaces and line continuations go with the flag
      if (prev && /^(?:[ \t]|\\\r?\n)*$/.test(text.slice(prev.end, first.start)))
        return [{ start: prev.end, end: last.end, newText: '' }];
      let e = last.end;
      while (text[e] === ' ' || text[e] === '\t') e++;
      return [{ start: first.start, end: e, newText: '' }];
    },
    replace(f, v) {
      if (f.words.some((w) => w.site.split)) return [];
      if (f.joined) {
        const w = f.words[0];
        const prefix = f.written.slice(0, f.written.length - (f.value ?? '').length);
        return rewriteWord(text, w.site, prefix + v);
      }
      return rewriteWord(text, f.words[f.words.length - 1].site, v);
    },
    read,
    envVar,
    known: (f) => f.words.slice(f.joined ? 0 : 1).every((w) => w.site.known),
    holder,
    base: path.dirname(file),
  };
}

/** Each container a list of shell commands starts (`docker run`, `podman create`, ...). */
export function commandLineContainers(
  file: string,
  text: string,
  index: LineIndex,
  cmds: readonly Command[],
): Container[] {
  const out: Container[] = [];
  for (const cmd of cmds) {
    const run = runInvocation(cmd);
    if (!run) continue;
    const prevOf = new Map<ShellWord, ShellWord>();
    cmd.words.forEach((w, i) => i > 0 && prevOf.set(w, cmd.words[i - 1]));
    const line = index.position(run.head.start).line + 1;
    const c = emptyContainer(
      `${run.verb}@${line}`,
      `The container of \`${run.verb}\` (line ${line})`,
      run.head,
      (n) => `"$${n}"`,
    );
    const words: Word<ShellWord>[] = run.args.map((w) => ({ text: w.value, site: w }));
    const opaque = (w: Word<ShellWord>) => w.text === UNKNOWN;
    const flags = runFlags(words, opaque);
    addRunFlags(c, flags, wordSource(text, file, prevOf, run.verb));
    const image = runImage(words, flags, opaque);
    if (image?.site.known) {
      const at = { start: image.site.start, end: image.site.end };
      c.image = { value: image.text, site: at, shown: image.text, raw: image.text, holder: 'image', remove: () => [] };
    }
    out.push(c);
  }
  return out;
}

/** The job container or a service container of a workflow, with its `options` flags and lists. */
export function workflowContainer(
  file: string,
  text: string,
  w: WorkflowContainer,
  optionCmds: readonly Command[],
): Container {
  const c = emptyContainer(
    w.kind === 'job' ? `${w.name}.container` : `${w.name}`,
    w.kind === 'job' ? `The container of job '${w.name}'` : `Service container '${w.name}'`,
    w.key,
    (n) => `\${{ secrets.${n} }}`,
  );
  if (w.image && !w.image.value.includes('${{')) {
    const v = w.image.value;
    c.image = {
      value: v,
      site: { start: w.image.start, end: w.image.end },
      shown: v,
      raw: v,
      holder: 'image',
      remove: () => [],
    };
  }
  // the options string: `docker create` flags without the command
  for (const cmd of optionCmds) {
    const prevOf = new Map<ShellWord, ShellWord>();
    cmd.words.forEach((x, i) => i > 0 && prevOf.set(x, cmd.words[i - 1]));
    const words: Word<ShellWord>[] = cmd.words.map((x) => ({ text: x.value, site: x }));
    addRunFlags(
      c,
      runFlags(words, (x) => x.text === UNKNOWN),
      wordSource(text, file, prevOf, 'options'),
    );
  }
  // volumes: one flag each, written as a YAML list item. (`ports` publish on the runner, a throwaway VM that takes
  // no inbound connections on GitHub's machines: the canonical `- 5432:5432` of a database service is not judged.)
  const item =
    (name: string) =>
    (v: YamlValue): Flag<YamlValue> => ({
      name,
      value: v.value.includes('${{') ? UNKNOWN : v.value,
      words: [{ text: v.value, site: v }],
      joined: true,
      written: v.value,
    });
  const itemSource = (holder: string): FlagSource<YamlValue> => ({
    site: (f) => ({ start: f.words[0].site.start, end: f.words[0].site.end }),
    remove: (f) => removeLine(text, f.words[0].site),
    replace: (f, v) => {
      const s = f.words[0].site;
      const quoted = text[s.start] === '"' || text[s.start] === "'";
      return [{ start: s.start, end: s.end, newText: quoted ? `${text[s.start]}${v}${text[s.start]}` : v }];
    },
    read,
    envVar,
    known: (f) => f.value !== UNKNOWN,
    holder,
    base: path.dirname(file),
  });
  addRunFlags(c, w.volumes.map(item('volume')), itemSource('volumes'));
  for (const e of w.env) {
    const raw = e.value.value.includes('${{') ? UNKNOWN : e.value.value;
    c.env.push({
      value: envVar(e.name, raw, 'env'),
      site: { start: e.pair.start, end: e.pair.end },
      shown: e.name,
      raw: e.name,
      holder: 'env',
      remove: () => removeLine(text, e.pair),
    });
  }
  return c;
}

/** Removes a YAML block-list item or mapping pair that is alone on its line (else nothing: no safe edit). */
function removeLine(text: string, at: { start: number; end: number }): TextEdit[] {
  const ls = text.lastIndexOf('\n', at.start - 1) + 1;
  // only indentation (and the list's dash) before it
  const before = text.slice(ls, at.start).replace('- ', '  ');
  if (before.trim() !== '') return [];
  let le = text.indexOf('\n', at.end);
  if (le < 0) le = text.length;
  if (text.slice(at.end, le).trim() !== '' && !text.slice(at.end, le).trim().startsWith('#')) return [];
  return [{ start: ls, end: Math.min(le + 1, text.length), newText: '' }];
}
