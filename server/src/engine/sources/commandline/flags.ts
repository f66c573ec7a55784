// The `docker run` / `docker create` flags as the container model reads them, for every source that writes them:
// a devcontainer.json's `runArgs`, a command line in a script, a workflow's `container.options`. The source says
// where a flag is, how to remove or rewrite it, and how its variables read; this module says what each flag grants.
import type { Flag } from '../../model/dockerRun';
import {
  UNKNOWN,
  tmpfsSpec,
  type Container,
  type EnvVar,
  type Hardening,
  type LimitKey,
  type Mount,
  type MountFields,
  type Namespace,
  type PublishedPort,
  type Setting,
} from '../../model/container';
import { loopbackPortSpec, parseShortPort, splitOption, splitVolume } from '../../vocabulary/dockerOptions';
import type { TextEdit } from '../../types';
import { lookupTable } from '../../vocabulary/lookup';

/** A Container while an adapter fills it: the same fields, with lists it can add to. */
export type Filling = {
  -readonly [K in keyof Container]: Container[K] extends readonly (infer T)[] ? T[] : Container[K];
};

/** A container that declares nothing yet: what an adapter starts from. */
export function blankContainer(head: Pick<Container, 'source' | 'name' | 'subject' | 'site' | 'advice'>): Filling {
  // every field written out (a spread of `head` made this object slow to build and to read: 11 µs each)
  return {
    source: head.source,
    name: head.name,
    subject: head.subject,
    site: head.site,
    advice: head.advice,
    declared: undefined,
    privileged: [],
    capAdd: [],
    namespaces: {},
    securityOpts: [],
    mounts: [],
    apiSocket: [],
    devices: [],
    deviceRules: [],
    user: [],
    ports: [],
    portsHolder: undefined,
    image: undefined,
    oomKillDisable: [],
    ulimits: [],
    cgroupParent: [],
    logDriver: [],
    tmpfs: [],
    hardening: undefined,
    commands: [],
    env: [],
    hostCommands: [],
  };
}

/** What a source knows about its flags. */
export interface FlagSource<S> {
  /** Where a finding about the flag goes (opaque to rules). */
  site(f: Flag<S>): unknown;
  /** Edits that remove the flag and its value. */
  remove(f: Flag<S>): TextEdit[];
  /** Edits that replace the flag's value (keeping the flag and how it is written). */
  replace(f: Flag<S>, value: string): TextEdit[];
  /** A value with the source's variables read: undefined when one is unknown, unless `unknown` stands in. */
  read(s: string, unknown?: string): string | undefined;
  /** An environment variable set by `-e NAME=raw`. */
  envVar(name: string, raw: string, where: string): EnvVar;
  /** The flag's value is known (no unknown variable): unknown values of most flags are never judged. */
  known(f: Flag<S>): boolean;
  /** The list or command that holds the flags, for messages and fix titles: `runArgs`, `docker run`. */
  holder: string;
  /** The folder relative host paths are relative to. */
  base: string;
}

const NAMESPACE_FLAGS: Record<string, Namespace> = lookupTable({
  network: 'network',
  pid: 'pid',
  ipc: 'ipc',
  uts: 'uts',
  userns: 'userns',
  cgroupns: 'cgroup',
});

/** Flags whose value is judged even with an unknown part (the rest of it still says something). */
const LOOSE = new Set(['volume', 'mount', 'env', 'publish']);

const on = (v: string | undefined) => v === undefined || /^(1|true)$/i.test(v);

/** Adds what each flag grants to the container. */
export function addRunFlags<S>(c: Filling, flags: readonly Flag<S>[], src: FlagSource<S>): void {
  for (const f of flags) if (src.known(f) || LOOSE.has(f.name)) addFlag(c, f, src);
}

function addFlag<S>(c: Filling, f: Flag<S>, src: FlagSource<S>): void {
  const value = f.value;
  const holder = src.holder;
  const mk = <T>(v: T, shown: string, where = holder, more: Partial<Setting<T>> = {}): Setting<T> => ({
    value: v,
    site: src.site(f),
    shown,
    raw: f.written,
    holder: where,
    remove: () => src.remove(f),
    ...more,
  });
  const replace = (v: string) => src.replace(f, v);
  switch (f.name) {
    case 'privileged':
      if (on(value)) c.privileged.push(mk<true>(true, '--privileged'));
      return;
    case 'cap-add':
      if (value) c.capAdd.push(mk(value, value));
      return;
    case 'security-opt': {
      const o = value === undefined ? undefined : splitOption(value);
      if (o) c.securityOpts.push(mk({ name: o.name.toLowerCase(), value: o.value?.toLowerCase() }, value!));
      return;
    }
    case 'volume':
    case 'mount': {
      if (!value) return;
      const volume = f.name === 'volume';
      const m = volume ? parseVolumeFlag(value, src) : parseMountSpec(value, src);
      const readOnlyFix = () =>
        volume
          ? readOnlyVolume(value, replace, src)
          : { title: 'Mount it read-only (readonly)', edits: replace(`${value},readonly`) };
      c.mounts.push(mk<Mount>({ ...m, base: src.base, readOnlyFix }, value));
      return;
    }
    case 'oom-kill-disable':
      if (on(value)) c.oomKillDisable.push(mk<true>(true, f.written, f.written));
      return;
    case 'ulimit': {
      // name=soft[:hard]
      const eq = value?.indexOf('=') ?? -1;
      if (!value || eq < 0) return;
      const name = value.slice(0, eq);
      for (const v of value.slice(eq + 1).split(':')) c.ulimits.push(mk({ name, value: v.trim() }, value));
      return;
    }
    case 'cgroup-parent':
      if (value) c.cgroupParent.push(mk(value.trim(), f.written));
      return;
    case 'log-driver':
      if (value) c.logDriver.push(mk(value.trim(), f.written));
      return;
    case 'tmpfs':
      if (value) c.tmpfs.push(mk(tmpfsSpec(value.trim()), f.written));
      return;
    case 'publish':
      if (value) {
        const p = parseShortPort(value);
        const loopback = () => replace(loopbackPortSpec(value));
        c.ports.push(mk<PublishedPort>({ ...p, loopback }, value));
      }
      return;
    case 'device':
      if (value) c.devices.push(mk({ source: value.split(':')[0] }, value));
      return;
    case 'device-cgroup-rule':
      if (value) c.deviceRules.push(mk(value.trim(), f.written));
      return;
    case 'user':
      if (value) c.user.push(mk(value, `--${f.name}=${value}`, holder, { replace }));
      return;
    case 'cap-drop':
      if (value) readings(c, holder).capDrop.push(mk(value, value));
      return;
    case 'read-only':
      readings(c, holder).readOnlyRoot = mk(on(value), f.written);
      return;
    case 'memory':
    case 'cpus':
    case 'pids-limit': {
      const key = f.name === 'pids-limit' ? 'pids' : f.name;
      if (value) readings(c, holder).limits[key].push(mk(value, f.written));
      return;
    }
    case 'cpu-quota':
      if (value) readings(c, holder).cpuQuota.push(mk(value, f.written));
      return;
    case 'env':
      if (value && value.includes('=')) {
        const i = value.indexOf('=');
        c.env.push(mk(src.envVar(value.slice(0, i), value.slice(i + 1), holder), value.slice(0, i)));
      }
      return;
    default: {
      const ns = NAMESPACE_FLAGS[f.name];
      if (ns && value !== undefined)
        (c.namespaces as Partial<Record<Namespace, Setting<string>>>)[ns] = mk(
          value,
          `--${f.name}=${value}`,
          `--${f.name}`,
        );
    }
  }
}

type MutableHardening = {
  capDrop: Setting<string>[];
  readOnlyRoot: Setting<boolean> | undefined;
  limits: Record<LimitKey, Setting<string>[]>;
  cpuQuota: Setting<string>[];
};

/**
 * The container's hardening settings as the flags write them (`--cap-drop`, `--read-only`, `--memory`, `--cpus`,
 * `--pids-limit`, `--cpu-quota`). Read into the model for every source of flags; whether a source is held to the
 * advice is the hardening rules' choice (their `sources`), and no source of flags offers fixes that add them.
 */
function readings(c: Filling, holder: string): MutableHardening {
  if (!c.hardening) {
    const h: MutableHardening & Hardening = {
      capDrop: [],
      readOnlyRoot: undefined,
      limits: { memory: [], cpus: [], pids: [] },
      cpuQuota: [],
      add: { noNewPrivileges: () => [], capDropAll: () => [], readOnlyRoot: () => [], limits: () => [] },
      terms: {
        capDropAll: `--cap-drop ALL (${holder})`,
        noNewPrivileges: `--security-opt no-new-privileges (${holder})`,
        readOnlyRoot: `--read-only (${holder})`,
        limits: `--memory, --cpus and --pids-limit (${holder})`,
      },
    };
    c.hardening = h;
  }
  return c.hardening as unknown as MutableHardening;
}

/** `type=bind,source=/x,target=/y,readonly` (the `--mount` syntax). */
export function parseMountSpec(spec: string, src: Pick<FlagSource<unknown>, 'read'>): MountFields {
  const fields = new Map<string, string>();
  let readOnly = false;
  for (const part of spec.split(',')) {
    const eq = part.indexOf('=');
    const k = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
    const v = eq < 0 ? '' : part.slice(eq + 1).trim();
    if (k === 'readonly' || k === 'ro') readOnly = eq < 0 || /^(1|true)$/i.test(v);
    else fields.set(k, v);
  }
  const written = fields.get('source') ?? fields.get('src');
  const source = written === undefined ? undefined : src.read(written);
  return {
    type: (fields.get('type') ?? 'volume').toLowerCase(),
    source,
    looseSource: source === undefined ? written : undefined,
    target: fields.get('target') ?? fields.get('dst') ?? fields.get('destination'),
    readOnly,
    propagation: fields.get('bind-propagation'),
  };
}

/** A `-v src:dst[:opts]` flag's value as a mount (variables read first: `${localEnv:HOME}` holds a colon). */
function parseVolumeFlag(spec: string, src: FlagSource<unknown>): MountFields {
  const parts = splitVolume(src.read(spec, UNKNOWN) ?? spec);
  if (parts.length < 2) return { type: 'volume', source: undefined, target: parts[0], readOnly: false };
  const [source, dst, opts = ''] = parts;
  const flags = opts.split(',').map((x) => x.trim());
  const known = !source.includes(UNKNOWN);
  return {
    type: /^([/.~]|\$\{)/.test(source) ? 'bind' : 'volume',
    source: known ? source : undefined,
    looseSource: known ? undefined : source,
    target: dst,
    readOnly: flags.includes('ro'),
    propagation: flags.find((f) => /^r?(shared|slave|private)$/.test(f)),
  };
}

function readOnlyVolume(
  value: string,
  replace: (v: string) => TextEdit[],
  src: FlagSource<unknown>,
): { title: string; edits: TextEdit[] } {
  // the fields of the value with its variables read; the options, when written, are after the last colon
  const parts = splitVolume(src.read(value, UNKNOWN) ?? value);
  const opts = parts.length >= 3 ? parts[2].split(',').filter((o) => o && o !== 'rw') : [];
  const head = parts.length >= 3 ? value.slice(0, value.lastIndexOf(':')) : value;
  return { title: 'Mount it read-only (:ro)', edits: replace(`${head}:${['ro', ...opts].join(',')}`) };
}
