// The Docker daemon's own configuration, from the two places a repository commits it: a copy of
// /etc/docker/daemon.json (JSON; recognised by its keys, since other tools name files daemon.json too), and a
// systemd drop-in (`docker.service.d/*.conf`, `docker.service`) whose ExecStart runs dockerd with flags. Both are
// read into one model the daemon rules judge.
import * as path from 'node:path';
import type { Node } from 'jsonc-parser';
import { parseJsonc, props, type ParsedJsonc } from '../devcontainer/parse';
import { LineIndex } from '../../text';
import { lookupTable } from '../../vocabulary/lookup';

/** Keys only dockerd's daemon.json has (one is enough to tell it from another tool's daemon.json). */
const DAEMON_KEYS = new Set([
  'hosts',
  'tls',
  'tlsverify',
  'tlscacert',
  'tlscert',
  'tlskey',
  'insecure-registries',
  'registry-mirrors',
  'storage-driver',
  'storage-opts',
  'data-root',
  'log-driver',
  'log-opts',
  'icc',
  'userns-remap',
  'live-restore',
  'userland-proxy',
  'no-new-privileges',
  'seccomp-profile',
  'selinux-enabled',
  'authorization-plugins',
  'default-ulimits',
  'default-runtime',
  'exec-opts',
  'bip',
  'default-address-pools',
  'iptables',
  'ip-forward',
  'cgroup-parent',
  'experimental',
  'features',
  'builder',
  'containerd',
  'max-concurrent-downloads',
  'metrics-addr',
]);

/** A value of the daemon's configuration, where it is written. */
export interface DaemonValue {
  value: string | boolean | undefined;
  start: number;
  end: number;
  /** The JSON node (daemon.json only), for edits. */
  node?: Node;
  /** The property holding it (daemon.json only), for edits that remove it. */
  pair?: Node;
}

export interface DaemonConfig {
  file: string;
  text: string;
  index: LineIndex;
  /** daemon.json, a systemd unit's `ExecStart`, or a `dockerd` command line in a script, Makefile or workflow. */
  form: 'json' | 'systemd' | 'command';
  /** daemon.json parsed (form json). */
  parsed?: ParsedJsonc;
  /** Where the configuration starts (the object's `{`, the ExecStart line): "missing setting" findings go there. */
  at: { start: number; end: number };
  hosts: DaemonValue[];
  insecureRegistries: DaemonValue[];
  /** `registry-mirrors` entries. */
  mirrors: DaemonValue[];
  /** Each setting by its daemon.json key (the systemd form maps the dockerd flags it understands to them). */
  settings: Map<string, DaemonValue>;
  /** Modes a command line gives an engine's socket (`chmod 666 /var/run/docker.sock`), form 'command' only. */
  socketModes?: SocketMode[];
}

/** A `chmod` of an engine's API socket: the mode as written and the socket, `start`/`end` at the mode. */
export interface SocketMode {
  mode: string;
  socket: string;
  start: number;
  end: number;
}

/**
 * Does a chmod mode let every user write (connect to) the file? Octal with the others' write bit (`666`, `0777`,
 * `662`), or a symbolic clause that adds or sets `w` for others or all (`o+w`, `a+rw`, `ugo=rw`). A clause with
 * no one named (`+w`) follows the umask, which keeps others out by default: not counted.
 */
export function othersMayWrite(mode: string): boolean {
  if (/^[0-7]{1,4}$/.test(mode)) return (Number.parseInt(mode.slice(-1), 8) & 2) !== 0;
  return mode.split(',').some((clause) => {
    const m = /^([ugoa]*)([-+=])([rwxXst]*)$/.exec(clause);
    return !!m && m[2] !== '-' && /[oa]/.test(m[1]) && m[3].includes('w');
  });
}

/** Is this a daemon.json of dockerd: a JSON object with at least one key only dockerd's configuration has? */
export function isDaemonJson(text: string): boolean {
  if (!text.includes('{')) return false;
  const root = parseJsonc('daemon.json', text).root;
  return root?.type === 'object' && props(root).some((p) => DAEMON_KEYS.has(p.key));
}

/** A systemd unit or drop-in for the Docker service. */
export function isDockerUnitPath(file: string): boolean {
  const name = path.basename(file);
  const dir = path.basename(path.dirname(file));
  return name === 'docker.service' || (dir === 'docker.service.d' && name.endsWith('.conf'));
}

export function readDaemonJson(file: string, text: string): DaemonConfig | undefined {
  const parsed = parseJsonc(file, text);
  const root = parsed.root;
  if (root?.type !== 'object') return undefined;
  const settings = new Map<string, DaemonValue>();
  const hosts: DaemonValue[] = [];
  const insecureRegistries: DaemonValue[] = [];
  const mirrors: DaemonValue[] = [];
  const at = (n: Node) => ({ start: n.offset, end: n.offset + n.length });
  for (const p of props(root)) {
    const v = p.value;
    if (!v) continue;
    const scalar = v.type === 'string' || v.type === 'boolean' ? (v.value as string | boolean) : undefined;
    settings.set(p.key, { value: scalar, ...at(p.pair), node: v, pair: p.pair });
    const list =
      p.key === 'hosts'
        ? hosts
        : p.key === 'insecure-registries'
          ? insecureRegistries
          : p.key === 'registry-mirrors'
            ? mirrors
            : undefined;
    if (list && v.type === 'array')
      for (const item of v.children ?? [])
        if (item.type === 'string') list.push({ value: item.value as string, ...at(item), node: item });
  }
  return {
    file,
    text,
    index: parsed.index,
    form: 'json',
    parsed,
    at: { start: root.offset, end: root.offset + 1 },
    hosts,
    insecureRegistries,
    mirrors,
    settings,
  };
}

/** dockerd flags a drop-in can hold, by the daemon.json key they set. */
const FLAGS: Record<string, string> = lookupTable({
  '-H': 'hosts',
  '--host': 'hosts',
  '--tls': 'tls',
  '--tlsverify': 'tlsverify',
  '--insecure-registry': 'insecure-registries',
  '--registry-mirror': 'registry-mirrors',
  '--seccomp-profile': 'seccomp-profile',
  '--metrics-addr': 'metrics-addr',
});

/** A word of a dockerd command line: its text (undefined when unknown, a shell variable) and where it is. */
export interface DaemonWord {
  text: string | undefined;
  start: number;
  end: number;
}

/** Reads dockerd's flags from the words after the program into a configuration's values. */
function readDaemonFlags(words: readonly DaemonWord[], c: DaemonConfig): void {
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w.text === undefined) continue;
    const eq = w.text.indexOf('=');
    let flag = eq > 0 && w.text.startsWith('-') ? w.text.slice(0, eq) : w.text;
    // a short flag with its value attached (`-Htcp://0.0.0.0:2375`), as dockerd's flag parser reads it
    const attached =
      !FLAGS[flag] && /^-[A-Za-z]./.test(w.text) && FLAGS[w.text.slice(0, 2)] ? w.text.slice(2) : undefined;
    if (attached !== undefined) flag = w.text.slice(0, 2);
    const key = FLAGS[flag];
    if (!key) continue;
    const boolean = key === 'tls' || key === 'tlsverify';
    let value: string | boolean | undefined;
    let end = w.end;
    if (attached !== undefined && !boolean) value = attached.startsWith('=') ? attached.slice(1) : attached;
    else if (eq > 0) value = boolean ? /^(1|true)$/i.test(w.text.slice(eq + 1)) : w.text.slice(eq + 1);
    else if (boolean) value = true;
    else {
      const next = words[i + 1];
      if (!next) continue;
      value = next.text; // undefined when unknown: the rules judge only what they can read
      end = next.end;
      i++;
    }
    const v: DaemonValue = { value, start: w.start, end };
    if (key === 'hosts') c.hosts.push(v);
    else if (key === 'insecure-registries') c.insecureRegistries.push(v);
    else if (key === 'registry-mirrors') c.mirrors.push(v);
    else c.settings.set(key, v);
  }
}

function emptyDaemon(
  file: string,
  text: string,
  index: LineIndex,
  form: DaemonConfig['form'],
  at: DaemonConfig['at'],
): DaemonConfig {
  return { file, text, index, form, at, hosts: [], insecureRegistries: [], mirrors: [], settings: new Map() };
}

/** The modes `chmod` command lines give engine sockets (`at` the command): a configuration of those only. */
export function daemonOfSocketModes(
  file: string,
  text: string,
  index: LineIndex,
  at: DaemonConfig['at'],
  socketModes: SocketMode[],
): DaemonConfig {
  return { ...emptyDaemon(file, text, index, 'command', at), socketModes };
}

/**
 * The dockerd command lines of a unit file's `ExecStart=` lines, as systemd reads them (systemd.syntax(7),
 * systemd.service(5)): a line that ends in a backslash goes on on the next (comment lines in between are skipped),
 * words are split at whitespace with single and double quotes and C escapes, the program may carry the prefixes
 * `-@+!:`, and `$VAR` (split into words) and `${VAR}` (one word) are the unit's own `Environment=` values; a
 * variable set elsewhere (`EnvironmentFile=`) is unknown.
 */
export function readDockerUnit(file: string, text: string): DaemonConfig | undefined {
  const index = new LineIndex(text);
  const lines = unitLines(text);
  const env = new Map<string, string>();
  for (const l of lines) {
    const m = /^\s*Environment\s*=/.exec(l.text);
    if (!m) continue;
    for (const w of unitWords(l, m[0].length)) {
      const eq = w.text.indexOf('=');
      if (eq > 0) env.set(w.text.slice(0, eq), w.text.slice(eq + 1));
    }
  }
  let out: DaemonConfig | undefined;
  for (const l of lines) {
    const m = /^\s*ExecStart\s*=\s*/.exec(l.text);
    if (!m) continue;
    const raw = unitWords(l, m[0].length);
    const program = raw[0]?.text.replace(/^[-@+!:]+/, '');
    if (!program || !/(^|\/)dockerd$/.test(program)) continue;
    out ??= emptyDaemon(file, text, index, 'systemd', { start: l.offsets[0], end: l.offsets[l.text.length - 1] + 1 });
    const words: DaemonWord[] = [];
    for (const w of raw.slice(1)) {
      if (w.variable === undefined) words.push(w);
      else if (!env.has(w.variable.name)) words.push({ text: undefined, start: w.start, end: w.end });
      else if (w.variable.split)
        for (const part of env.get(w.variable.name)!.split(/\s+/).filter(Boolean))
          words.push({ text: part, start: w.start, end: w.end });
      else words.push({ text: env.get(w.variable.name), start: w.start, end: w.end });
    }
    readDaemonFlags(words, out);
  }
  return out;
}

/** A logical line of a unit file: its text (continuations joined), each character's offset in the file. */
interface UnitLine {
  text: string;
  offsets: number[];
}

function unitLines(text: string): UnitLine[] {
  const out: UnitLine[] = [];
  let cur: UnitLine | undefined;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let line = text.slice(start, end);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    const comment = /^\s*[#;]/.test(line);
    if (!(cur && comment)) {
      cur ??= { text: '', offsets: [] };
      const continued = line.endsWith('\\');
      const body = continued ? line.slice(0, -1) : line;
      for (let i = 0; i < body.length; i++) cur.offsets.push(start + i);
      cur.text += body;
      if (continued) {
        cur.text += ' ';
        cur.offsets.push(start + body.length);
      } else {
        out.push(cur);
        cur = undefined;
      }
    }
    start = end + 1;
  }
  if (cur) out.push(cur);
  return out;
}

const UNIT_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', s: ' ', '\\': '\\', '"': '"', "'": "'" };

/** A word of a unit's command line; `variable` when the word is `$NAME` (split) or `${NAME}` (one word). */
interface UnitWord {
  text: string;
  start: number;
  end: number;
  variable?: { name: string; split: boolean };
}

function unitWords(l: UnitLine, from: number): UnitWord[] {
  const t = l.text;
  const words: UnitWord[] = [];
  let i = from;
  while (i < t.length) {
    while (i < t.length && /\s/.test(t[i])) i++;
    if (i >= t.length) break;
    const begin = i;
    let text = '';
    let quoted = false;
    while (i < t.length && !/\s/.test(t[i])) {
      const c = t[i];
      if (c === '"' || c === "'") {
        quoted = true;
        let j = i + 1;
        for (; j < t.length && t[j] !== c; j++) {
          if (t[j] === '\\' && j + 1 < t.length) text += UNIT_ESCAPES[t[++j]] ?? t[j];
          else text += t[j];
        }
        i = j + 1;
      } else if (c === '\\' && i + 1 < t.length) {
        text += UNIT_ESCAPES[t[i + 1]] ?? t[i + 1];
        i += 2;
      } else {
        text += c;
        i++;
      }
    }
    const last = Math.min(i, t.length) - 1;
    const w: UnitWord = { text, start: l.offsets[begin], end: l.offsets[last] + 1 };
    const v = quoted ? undefined : /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))$/.exec(text);
    if (v) w.variable = { name: v[1] ?? v[2], split: v[2] !== undefined };
    words.push(w);
  }
  return words;
}

/**
 * The daemon a `dockerd` command line starts (a script, a Makefile recipe, a CI step): its flags after the program,
 * `at` the command. Each command line is its own daemon.
 */
export function daemonOfCommand(
  file: string,
  text: string,
  index: LineIndex,
  at: DaemonConfig['at'],
  args: readonly DaemonWord[],
): DaemonConfig {
  const out = emptyDaemon(file, text, index, 'command', at);
  readDaemonFlags(args, out);
  return out;
}
