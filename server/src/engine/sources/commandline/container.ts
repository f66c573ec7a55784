// The command-line source of the container model: every `docker run` / `docker create` / `podman run` of a shell
// script, a Makefile recipe, a Dockerfile's RUN, a workflow's `run:` step or a Markdown shell block, and the job and
// service containers of a GitHub Actions workflow. Fixes remove or rewrite a flag and leave the rest of the line.
// Also the command-line source of the daemon's model: each `dockerd` a command line starts.
import * as path from 'node:path';
import { runFlags, runImage, runInvocation, type Flag, type Word } from '../../model/dockerRun';
import { removeWords } from './engineCommands';
import { daemonOfCommand, daemonOfSocketModes, type DaemonConfig, type SocketMode } from '../daemon/config';
import { isEngineSocket } from '../../vocabulary/daemon';
import { UNKNOWN, type Container, type EnvVar } from '../../model/container';
import { baseName, program } from '../../model/shell/commands';
import type { Command, Word as ShellWord } from '../../model/shell/parse';
import type { WorkflowContainer, YamlItem } from './forms';
import type { YamlEditor } from '../../fixes/yamlEdit';
import { addRunFlags, blankContainer, type Filling } from './flags';
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
function readValue(s: string, unknown?: string): string | undefined {
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

/** Characters a shell word may hold bare. */
const BARE = /^[A-Za-z0-9_\/.,:=@%+-]+$/;

/** A value as a shell word: bare when it is made of safe characters, else single-quoted. */
function shellQuote(v: string): string {
  return BARE.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`;
}

/** A variable whose name says it holds options (`$DOCKER_OPTS`, `"$EXTRA_ARGS"`). */
const OPTIONS_VAR = /(^|_)(OPTS?|OPTIONS|ARGS?|ARGUMENTS|FLAGS|PARAMS|EXTRA)(_|$)/i;
/** A variable whose name says it holds an image (`$IMAGE`, `$img`, `${APP_TAG}`). */
const IMAGE_VAR = /(^|_)(IMAGE|IMG|TAG|REPO|REPOSITORY)(_|$)/i;

/**
 * A word that is only an unknown variable and may hold flags (`$DOCKER_OPTS`): neither judged nor the image. A
 * quoted one (`"$img"`, one word whatever it holds) or one named for an image is the image, unless its name says it
 * holds options: what follows it is the container's command, not docker's flags.
 */
const opaque = (w: Word<ShellWord>) => {
  if (w.text !== UNKNOWN) return false;
  const name = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(w.site.text)?.[1];
  if (!name || OPTIONS_VAR.test(name)) return true;
  return !(w.site.quoted || IMAGE_VAR.test(name));
};

/** A workflow value: a `${{ ... }}` expression in it makes it unknown. */
const workflowValue = (s: string) => (s.includes('${{') ? UNKNOWN : s);

/** The image a container runs, where it is written (never removed: a fix does not change the image). */
function imageSetting(value: string, at: Site): Container['image'] {
  return { value, site: at, shown: value, raw: value, holder: 'image', remove: () => [] };
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
    if (quoteAtEnd || BARE.test(add)) return [{ start: at, end: at, newText: add }];
  }
  if (next.endsWith(old) && next.length > old.length) {
    const add = next.slice(0, next.length - old.length);
    const at = quoteAtStart ? w.start + 1 : w.start;
    if (quoteAtStart || BARE.test(add)) return [{ start: at, end: at, newText: add }];
  }
  if (!w.known) return [];
  if (raw === old) return [{ start: w.start, end: w.end, newText: shellQuote(next) }];
  const q = raw[0];
  if ((q === '"' || q === "'") && raw === `${q}${old}${q}` && !/["'$`\\]/.test(next))
    return [{ start: w.start, end: w.end, newText: `${q}${next}${q}` }];
  return [{ start: w.start, end: w.end, newText: shellQuote(next) }];
}

/** Words a fix must not edit: split from a variable's value (the text lives in the assignment), or placed approximately. */
const editable = (f: Flag<ShellWord>) => !f.words.some((w) => w.site.split || w.site.approximate);

/**
 * Reads the flags of a command's words (`args`, after the subcommand; `words`, the whole command, for what precedes
 * a flag) into the container. Returns the flags, for the image that follows them.
 */
function addCommandFlags(
  c: Filling,
  text: string,
  file: string,
  words: readonly ShellWord[],
  args: readonly ShellWord[],
  holder: string,
): { flags: Flag<ShellWord>[]; read: Word<ShellWord>[] } {
  const read: Word<ShellWord>[] = args.map((w) => ({ text: w.value, site: w }));
  const flags = runFlags(read, opaque);
  addRunFlags(c, flags, {
    site: (f) => {
      const origin = f.words.find((w) => w.site.origin)?.site.origin;
      return {
        start: f.words[0].site.start,
        end: f.words[f.words.length - 1].site.end,
        ...(origin ? { origin } : {}),
        ...(f.words.some((w) => w.site.folded) ? { folded: true } : {}),
      };
    },
    remove(f) {
      return editable(f) ? removeWords(text, words, f.words[0].site, f.words[f.words.length - 1].site) : [];
    },
    replace(f, v) {
      if (!editable(f)) return [];
      if (f.joined) {
        const w = f.words[0];
        const prefix = f.written.slice(0, f.written.length - (f.value ?? '').length);
        return rewriteWord(text, w.site, prefix + v);
      }
      return rewriteWord(text, f.words[f.words.length - 1].site, v);
    },
    read: readValue,
    envVar,
    known: (f) => f.words.slice(f.joined ? 0 : 1).every((w) => w.site.known),
    holder,
    base: path.dirname(file),
  });
  return { flags, read };
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
    const line = index.position(run.head.start).line + 1;
    const c = emptyContainer(
      `${run.verb}@${line}`,
      `The container of \`${run.verb}\` (line ${line})`,
      run.head,
      (n) => `"$${n}"`,
    );
    const { flags, read } = addCommandFlags(c, text, file, cmd.words, run.args, run.verb);
    const image = runImage(read, flags, opaque);
    if (image?.site.known && !run.service)
      c.image = imageSetting(image.text, { start: image.site.start, end: image.site.end });
    out.push(c);
  }
  return out;
}

/**
 * The daemons a list of shell commands configures: `dockerd` with its flags (`sudo dockerd -H tcp://0.0.0.0:2375 &`),
 * and who may reach an engine's socket (`chmod 666 /var/run/docker.sock`).
 */
export function commandLineDaemons(
  file: string,
  text: string,
  index: LineIndex,
  cmds: readonly Command[],
): DaemonConfig[] {
  const out: DaemonConfig[] = [];
  for (const cmd of cmds) {
    const p = program(cmd);
    const name = p && baseName(p.word.value);
    if (!p || (name !== 'dockerd' && name !== 'chmod')) continue;
    const args = cmd.words.slice(p.index + 1);
    const at = { start: p.word.start, end: args.length ? args[args.length - 1].end : p.word.end };
    if (name === 'chmod') {
      // chmod [options] MODE FILE...: options start with `-` (a mode that does is a removal: not a grant)
      const k = args.findIndex((w) => !w.text.startsWith('-'));
      const mode = args[k];
      if (k < 0 || !mode.known) continue;
      const modes: SocketMode[] = args
        .slice(k + 1)
        .filter((w) => w.known && isEngineSocket(w.value))
        .map((w) => ({ mode: mode.value, socket: w.value, start: mode.start, end: mode.end }));
      if (modes.length) out.push(daemonOfSocketModes(file, text, index, at, modes));
      continue;
    }
    const words = args.map((w) => ({ text: w.known ? w.value : undefined, start: w.start, end: w.end }));
    out.push(daemonOfCommand(file, text, index, at, words));
  }
  return out;
}

/** The job container or a service container of a workflow, with its `options` flags, volumes and env. */
export function workflowContainer(
  file: string,
  edit: YamlEditor,
  w: WorkflowContainer,
  optionCmds: readonly Command[],
): Container {
  const { text } = edit.f;
  const c = emptyContainer(
    w.kind === 'job' ? `${w.name}.container` : `${w.name}`,
    w.kind === 'job' ? `The container of job '${w.name}'` : `Service container '${w.name}'`,
    w.key,
    (n) => `\${{ secrets.${n} }}`,
  );
  if (w.image && workflowValue(w.image.value) !== UNKNOWN)
    c.image = imageSetting(w.image.value, { start: w.image.start, end: w.image.end });
  // the options string: `docker create` flags without the command
  for (const cmd of optionCmds) addCommandFlags(c, text, file, cmd.words, cmd.words, 'options');
  // volumes: one flag each, written as a YAML list item. (`ports` publish on the runner, a throwaway VM that takes
  // no inbound connections on GitHub's machines: the canonical `- 5432:5432` of a database service is not judged.)
  const volumes = w.volumes.map((v): Flag<YamlItem> => ({
    name: 'volume',
    value: workflowValue(v.value),
    words: [{ text: v.value, site: v }],
    joined: true,
    written: v.value,
  }));
  addRunFlags(c, volumes, {
    site: (f) => ({ start: f.words[0].site.start, end: f.words[0].site.end }),
    remove: (f) => [edit.removeSeqItem(f.words[0].site.seq, f.words[0].site.node)],
    replace: (f, v) => [edit.replaceScalar(f.words[0].site.node, v)],
    read: readValue,
    envVar,
    known: (f) => f.value !== UNKNOWN,
    holder: 'volumes',
    base: path.dirname(file),
  });
  for (const e of w.env)
    c.env.push({
      value: envVar(e.name, workflowValue(e.value.value), 'env'),
      site: e.span,
      shown: e.name,
      raw: e.name,
      holder: 'env',
      remove: () => [edit.removePair(e.map, e.pair)],
    });
  return c;
}
