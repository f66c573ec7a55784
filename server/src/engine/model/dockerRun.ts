// The flags of `docker run` / `docker create` (and `podman run`), read from words: a devcontainer.json's `runArgs`
// today, a shell command line's words later. Each flag keeps the words it spans, so that a fix can remove or
// rewrite it and leave the rest of the command alone.

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

/** Flags of `docker run` that take no value (`--privileged=false` is still accepted). */
const BOOLEAN = new Set([
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

const SHORT: Record<string, string> = {
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
};

/** Long names Docker also accepts under an older spelling. */
const ALIAS: Record<string, string> = { net: 'network', 'net-alias': 'network-alias' };

/**
 * The flags of a run command's arguments (the words after `run`), up to the image: the first word that is not a
 * flag or a flag's value. What follows the image is the container's command and is not read.
 */
export function runFlags<S>(words: readonly Word<S>[]): Flag<S>[] {
  const out: Flag<S>[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const t = w.text;
    if (t === '--') break;
    if (t.startsWith('--') && t.length > 2) {
      const eq = t.indexOf('=');
      const raw = eq < 0 ? t.slice(2) : t.slice(2, eq);
      const name = ALIAS[raw] ?? raw;
      if (eq >= 0) out.push({ name, value: t.slice(eq + 1), words: [w], joined: true, written: t });
      else if (BOOLEAN.has(name)) out.push({ name, value: undefined, words: [w], joined: true, written: t });
      else {
        const v = words[i + 1];
        out.push({
          name,
          value: v?.text,
          words: v ? [w, v] : [w],
          joined: false,
          written: v ? `${t} ${v.text}` : t,
        });
        i++;
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
