// The flags of `docker run` / `docker create` (and `podman run`, `nerdctl run`), read from words: a
// devcontainer.json's `runArgs`, a command line's words, a workflow container's `options`. Each flag keeps the words
// it spans, so that a fix can remove or rewrite it and leave the rest of the command alone.
import { baseName, program } from './shell/commands';
import type { Command, Word as ShellWord } from './shell/parse';
import { ENGINE_PROGRAMS } from '../vocabulary/dockerOptions';
import { lookupTable } from '../vocabulary/lookup';

/** One word of a command line, with whatever the source needs to place and edit it. */
export interface Word<S> {
  text: string;
  site: S;
}

export interface Flag<S> {
  /** The long name without dashes (`cap-add`; `-v` is `volume`). */
  name: string;
  /** The value (`--x=v`, `--x v`, `-xv`), undefined for a flag that takes none. */
  value: string | undefined;
  /** The words the flag spans: one (`--x=v`, `--init`) or two (`--x v`). */
  words: Word<S>[];
  /** The value is in the flag's own word (`--x=v`, `-xv`) rather than the next one. */
  joined: boolean;
  /** As written, for messages: `--cap-add=SYS_ADMIN`, `--cap-add SYS_ADMIN`. */
  written: string;
}

/** Flags of `docker run` (and `podman run`'s own) that take no value (`--privileged=false` is still accepted). */
const BOOLEAN = new Set([
  // podman's: `podman run --replace --privileged x` read `--privileged` as --replace's value
  'replace',
  'rmi',
  'env-host',
  'http-proxy',
  'no-hosts',
  'passwd',
  'read-only-tmpfs',
  'rootfs',
  'tls-verify',
  'unsetenv-all',
  'privileged',
  'init',
  'rm',
  'detach',
  'interactive',
  'tty',
  'read-only',
  'publish-all',
  'oom-kill-disable',
  'no-healthcheck',
  'sig-proxy',
  'help',
  'quiet',
  'disable-content-trust',
  'use-api-socket',
]);

const SHORT: Record<string, string> = lookupTable({
  e: 'env',
  v: 'volume',
  p: 'publish',
  u: 'user',
  m: 'memory',
  w: 'workdir',
  h: 'hostname',
  l: 'label',
  c: 'cpu-shares',
  a: 'attach',
  d: 'detach',
  i: 'interactive',
  t: 'tty',
  P: 'publish-all',
  q: 'quiet',
});

/** Long names Docker also accepts under an older spelling. */
const ALIAS: Record<string, string> = lookupTable({ net: 'network', 'net-alias': 'network-alias' });

/**
 * The flags of a run command's arguments (the words after `run`), up to the image: the first word that is not a
 * flag or a flag's value. What follows the image is the container's command and is not read. Words that are
 * `opaque` are skipped.
 */
export function runFlags<S>(words: readonly Word<S>[], opaque?: (w: Word<S>) => boolean): Flag<S>[] {
  const out: Flag<S>[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const t = w.text;
    if (t === '--') break;
    // a word that is only an unknown variable (`$DOCKER_OPTS`) may hold flags: neither judged nor the image
    if (opaque?.(w)) continue;
    if (t.startsWith('--') && t.length > 2) {
      const eq = t.indexOf('=');
      const raw = eq < 0 ? t.slice(2) : t.slice(2, eq);
      const name = ALIAS[raw] ?? raw;
      if (eq >= 0) out.push({ name, value: t.slice(eq + 1), words: [w], joined: true, written: t });
      else if (BOOLEAN.has(name)) out.push({ name, value: undefined, words: [w], joined: true, written: t });
      else {
        // a flag we do not know as boolean takes the next word, but never a word that is itself a long flag: an
        // engine's new boolean flag (`--replace --privileged`) must not hide the flag after it
        const next = words[i + 1];
        const v = next && !(next.text.startsWith('--') && next.text.length > 2) ? next : undefined;
        out.push({
          name,
          value: v?.text,
          words: v ? [w, v] : [w],
          joined: false,
          written: v ? `${t} ${v.text}` : t,
        });
        if (v) i++;
      }
      continue;
    }
    if (t.startsWith('-') && t.length > 1) {
      // bundled short flags: `-it`, `-eFOO=bar`, `-p8080:80`; a flag with a value takes the rest or the next word
      for (let k = 1; k < t.length; k++) {
        const name = SHORT[t[k]] ?? t[k];
        if (BOOLEAN.has(name)) {
          out.push({ name, value: undefined, words: [w], joined: true, written: t });
          continue;
        }
        const rest = t.slice(k + 1).replace(/^=/, '');
        if (rest) out.push({ name, value: rest, words: [w], joined: true, written: t });
        else {
          const v = words[i + 1];
          out.push({ name, value: v?.text, words: v ? [w, v] : [w], joined: false, written: v ? `${t} ${v.text}` : t });
          i++;
        }
        break;
      }
      continue;
    }
    break; // the image
  }
  return out;
}

export { ENGINE_PROGRAMS };

/** nerdctl's own options that take a value (besides those docker's share): its containerd namespace and address. */
const NERDCTL_GLOBAL_WITH_VALUE = new Set([
  '-n',
  '--namespace',
  '-a',
  '--address',
  '--snapshotter',
  '--cni-path',
  '--cni-netconfpath',
  '--data-root',
  '--hosts-dir',
  '--host-gateway-ip',
  '--bridge-ip',
]);

/** Options of `docker` / `podman` themselves (before the subcommand) that take a value. */
const GLOBAL_WITH_VALUE = new Set([
  '-H',
  '--host',
  '-c',
  '--context',
  '--config',
  '-l',
  '--log-level',
  '--tlscacert',
  '--tlscert',
  '--tlskey',
  '--connection',
  '--url',
  '--identity',
  '--root',
  '--runroot',
  '--storage-driver',
  '--cgroup-manager',
  '--runtime',
]);

/** The image of a run command's arguments: the first word after the flags (and their values), if any. */
export function runImage<S>(words: readonly Word<S>[], flags: readonly Flag<S>[], opaque?: (w: Word<S>) => boolean) {
  const used = new Set(flags.flatMap((f) => f.words));
  for (const w of words) {
    if (used.has(w) || opaque?.(w)) continue;
    return w.text === '--' ? undefined : w;
  }
  return undefined;
}

/** A command that starts a container: `docker run`, `docker create`, `docker container run`, `podman run`, `nerdctl run`... */
export interface RunInvocation {
  /** `docker run`, `podman create`: as messages name it. */
  verb: string;
  /** The words from the program to the subcommand. */
  head: { start: number; end: number };
  /** The words after the subcommand: flags, the image, the container's command. */
  args: ShellWord[];
  /** `docker compose run`: the first word after the flags is a service of the Compose file, not an image. */
  service?: true;
}

/** `docker compose` / `docker-compose` options before the subcommand that take a value. */
const COMPOSE_GLOBAL_WITH_VALUE = new Set([
  '-f',
  '--file',
  '-p',
  '--project-name',
  '--profile',
  '--env-file',
  '--project-directory',
  '--ansi',
  '--parallel',
  '--progress',
  '-c',
  '--context',
  '-H',
  '--host',
]);

/**
 * Flags of `docker compose run` and `docker service create` that take no value and that `docker run` does not
 * have (or has with a value): left out before the flags are read with docker run's table, which the rest share
 * (`-v`, `--cap-add`, `-u`, `-e`, `-p`, `--mount`, `--network`...).
 */
const OWN_BOOLEANS: Record<'compose' | 'service', ReadonlySet<string>> = {
  compose: new Set([
    '--service-ports',
    '--no-deps',
    '--use-aliases',
    '-T',
    '--no-TTY',
    '--build',
    '--remove-orphans',
    '--quiet-pull',
    '--dry-run',
  ]),
  service: new Set(['--no-resolve-image', '--with-registry-auth', '--no-healthcheck']),
};

/** `docker compose [options] run ...`, `docker-compose run ...`: the compose run, if it is one. */
function composeRun(ws: readonly ShellWord[], at: number, start: number, program: string): RunInvocation | undefined {
  let i = at;
  while (i < ws.length && ws[i].value.startsWith('-'))
    i += !ws[i].value.includes('=') && COMPOSE_GLOBAL_WITH_VALUE.has(ws[i].value) ? 2 : 1;
  if (ws[i]?.value !== 'run') return undefined;
  const args = ws.slice(i + 1).filter((w) => !OWN_BOOLEANS.compose.has(w.value));
  return { verb: `${program} run`, head: { start, end: ws[i].end }, args, service: true };
}

/**
 * A command of an engine program (`docker`, `podman`, `nerdctl`; `$DOCKER` or `"${CONTAINER_ENGINE:-podman}"`: the
 * program the script defaults to): which, and the index of its subcommand, after the engine's own options.
 */
export function engineSubcommand(
  ws: readonly ShellWord[],
  p: { word: ShellWord; index: number },
): { tool: string; at: number } | undefined {
  const tool = [p.word.value, p.word.likely].map((x) => x && baseName(x)).find((x) => x && ENGINE_PROGRAMS.includes(x));
  if (!tool) return undefined;
  const takesValue = (flag: string) =>
    !flag.includes('=') && (GLOBAL_WITH_VALUE.has(flag) || (tool === 'nerdctl' && NERDCTL_GLOBAL_WITH_VALUE.has(flag)));
  let i = p.index + 1;
  while (i < ws.length && ws[i].value.startsWith('-')) i += takesValue(ws[i].value) ? 2 : 1;
  return { tool, at: i };
}

/** The container-starting command a shell command is, if it is one. */
export function runInvocation(cmd: Command): RunInvocation | undefined {
  const p = program(cmd);
  if (!p) return undefined;
  const ws = cmd.words;
  if (baseName(p.word.value) === 'docker-compose') return composeRun(ws, p.index + 1, p.word.start, 'docker-compose');
  const e = engineSubcommand(ws, p);
  if (!e) return undefined;
  const { tool, at: i } = e;
  let sub = ws[i]?.value;
  let j = i + 1;
  if (sub === 'compose') return composeRun(ws, j, p.word.start, `${tool} compose`);
  if (sub === 'service' && ws[j]?.value === 'create') {
    const args = ws.slice(j + 1).filter((w) => !OWN_BOOLEANS.service.has(w.value));
    return { verb: `${tool} service create`, head: { start: p.word.start, end: ws[j].end }, args };
  }
  if (sub === 'container') sub = ws[j++]?.value;
  if (sub !== 'run' && sub !== 'create') return undefined;
  return { verb: `${tool} ${sub}`, head: { start: p.word.start, end: ws[j - 1].end }, args: ws.slice(j) };
}
