// Views of a service that several Compose rules read: mounts, ports, security_opt entries, environment. Each is
// computed once per service and lint. (What rules do with them the same way is in _fixes.ts.)
import { isMap, isScalar, type Node } from 'yaml';
import {
  Builder,
  ExpansionBudget,
  entry,
  get,
  interpolateIn,
  isTrue,
  rawText,
  text,
  UNKNOWN,
  type Entry,
  type Val,
} from './effective';
import type { ComposeProject, Service } from './project';
import type { MountFields } from '../../model/container';
export { isAllInterfaces } from '../../vocabulary/addresses';
export { isHostPath, loopbackPortSpec, parseShortPort, splitOption, splitVolume } from '../../vocabulary/dockerOptions';
import { isHostPath, parseShortPort, splitOption, splitVolume } from '../../vocabulary/dockerOptions';

export interface Mount extends MountFields {
  item: Val;
  owner: Entry;
  /** Short syntax: the option field (`ro,rshared`), for fixes. */
  short: boolean;
}

/**
 * The entry that sets a namespace mode: `network_mode` (or `net`, its legacy version 1 spelling), `pid`, `ipc`...
 */
export function namespaceEntry(s: Service, key: string): Entry | undefined {
  const c = s.config.entries;
  return c?.get(key) ?? (key === 'network_mode' ? c?.get('net') : undefined);
}

/** Top-level named volumes that are host directories in disguise (local driver `o: bind` + `device`, or a `mountpoint`). */
export function boundVolumes(project: ComposeProject): Map<string, { path: string; at: Val }> {
  const out = new Map<string, { path: string; at: Val }>();
  for (const f of project.files) {
    const top = f.doc.contents;
    const vols = top && isMap(top) ? (top.get('volumes', true) as Node | undefined) : undefined;
    if (!vols || !isMap(vols)) continue;
    const b = new Builder(f, new ExpansionBudget(10_000));
    const v = b.build(vols, undefined);
    for (const [name, e] of v?.entries ?? []) {
      const opts = get(e.value, 'driver_opts');
      const device = text(get(opts, 'device'));
      const o = text(get(opts, 'o')) ?? '';
      const mountpoint = text(get(opts, 'mountpoint'));
      if (device && /(^|,)r?bind(,|$)/.test(o) && device.startsWith('/'))
        out.set(name, { path: device, at: get(opts, 'device')! });
      else if (mountpoint && mountpoint.startsWith('/'))
        out.set(name, { path: mountpoint, at: get(opts, 'mountpoint')! });
    }
  }
  return out;
}

/**
 * Several rules read the same views of a service: compute each once per lint, kept on the service itself (a
 * module-level WeakMap made every garbage collection of a workspace scan slower).
 */
function memo<T>(fn: (s: Service) => T): (s: Service) => T {
  const key = Symbol(fn.name);
  return (s) => {
    const views = (s.views ??= {}) as Record<symbol, T>;
    if (key in views) return views[key];
    return (views[key] = fn(s));
  };
}

export const mounts = memo(mountsOf);
export const securityOpts = memo(securityOptsOf);
export const ports = memo(portsOf);

function mountsOf(s: Service): Mount[] {
  const owner = entry(s.config, 'volumes');
  if (!owner) return [];
  const out: Mount[] = [];
  for (const item of owner.value.items ?? []) {
    if (isScalar(item.node)) {
      const spec = text(item);
      if (spec === undefined) {
        // an unknown variable: keep what can still be judged (the source's file name)
        const raw = rawText(item) ?? '';
        const loose = interpolateIn(item, raw, UNKNOWN);
        const parts = loose === undefined ? [] : splitVolume(loose);
        const written = splitVolume(raw);
        if (parts.length >= 2 && written.length === parts.length && isHostPath(parts[0].replace(/^\$\{\?\}/, '/')))
          out.push({
            item,
            owner,
            type: 'bind',
            source: undefined,
            looseSource: written[0],
            target: undefined,
            readOnly: false,
            short: true,
          });
        continue;
      }
      const parts = splitVolume(spec);
      if (parts.length < 2) {
        out.push({ item, owner, type: 'volume', source: undefined, target: parts[0], readOnly: false, short: true });
        continue;
      }
      const [src, dst, opts = ''] = parts;
      const flags = opts.split(',').map((x) => x.trim());
      out.push({
        item,
        owner,
        type: isHostPath(src) ? 'bind' : 'volume',
        source: src,
        target: dst,
        readOnly: flags.includes('ro'),
        propagation: flags.find((f) => /^r?(shared|slave|private)$/.test(f)),
        short: true,
      });
    } else if (isMap(item.node)) {
      const source = text(get(item, 'source'));
      // no `type` (invalid, but common): Compose's own reading of a path source is a bind
      const type = text(get(item, 'type')) ?? (source !== undefined && /^[/~]/.test(source) ? 'bind' : 'volume');
      out.push({
        item,
        owner,
        type,
        source,
        looseSource: source === undefined ? rawText(get(item, 'source')) : undefined,
        target: text(get(item, 'target')),
        readOnly: isTrue(get(item, 'read_only')),
        propagation: text(get(item, 'bind', 'propagation')),
        short: false,
      });
    }
  }
  return out;
}

export interface SecOpt {
  item: Val;
  owner: Entry;
  name: string;
  value: string | undefined;
}

/** `security_opt` entries as name/value, accepting `name:value` and `name=value`. */
function securityOptsOf(s: Service): SecOpt[] {
  const owner = entry(s.config, 'security_opt');
  if (!owner) return [];
  const out: SecOpt[] = [];
  for (const item of owner.value.items ?? []) {
    const t = text(item);
    if (t === undefined) continue;
    const m = splitOption(t);
    if (m) out.push({ item, owner, name: m.name.toLowerCase(), value: m.value?.toLowerCase() });
  }
  return out;
}

export interface EnvVar {
  name: string;
  value: string | undefined;
  raw: string | undefined;
  at: Val | Entry;
}

/** `environment` (or `build.args`) as name/value pairs, from mapping or `NAME=value` list syntax. */
export function envVars(v: Val | undefined): EnvVar[] {
  if (!v) return [];
  const out: EnvVar[] = [];
  if (v.entries) {
    for (const [name, e] of v.entries) out.push({ name, value: text(e.value), raw: rawText(e.value), at: e });
  } else {
    for (const item of v.items ?? []) {
      const t = rawText(item);
      if (t === undefined) continue;
      const i = t.indexOf('=');
      if (i < 0) {
        out.push({ name: t, value: undefined, raw: undefined, at: item });
        continue;
      }
      const raw = t.slice(i + 1);
      out.push({ name: t.slice(0, i), value: interpolateIn(item, raw), raw, at: item });
    }
  }
  return out;
}

export interface Port {
  item: Val;
  hostIp: string | undefined;
  hostIpKnown: boolean;
  published: string | undefined;
  target: string | undefined;
  short: boolean;
}

/** Published ports in short (`[ip:][host:]container[/proto]`) and long syntax. */
function portsOf(s: Service): { owner: Entry; list: Port[] } | undefined {
  const owner = entry(s.config, 'ports');
  if (!owner) return undefined;
  const list: Port[] = [];
  for (const item of owner.value.items ?? []) {
    if (isMap(item.node)) {
      const ipVal = get(item, 'host_ip');
      let ip = text(ipVal);
      let published = text(get(item, 'published'));
      // lenient: an address written into `published` ("127.0.0.1:8080") binds like host_ip
      const inPublished =
        published !== undefined ? /^(\[[^\]]*\]|\d{1,3}(?:\.\d{1,3}){3})(?::(.*))?$/.exec(published) : null;
      if (!ipVal && inPublished) {
        ip = inPublished[1];
        published = inPublished[2];
      }
      list.push({
        item,
        hostIp: ip,
        hostIpKnown: !ipVal || ip !== undefined,
        published,
        target: text(get(item, 'target')),
        short: false,
      });
      continue;
    }
    const raw = rawText(item);
    if (raw === undefined) continue;
    const t = interpolateIn(item, raw);
    if (t === undefined) {
      // judge what we can: an unknown host IP is unknown, but `${PORT}:80` (no IP at all) binds every interface
      const loose = interpolateIn(item, raw, UNKNOWN);
      const p = loose === undefined ? undefined : parseShortPort(loose);
      const ipKnown = !!p && p.hostIpKnown && !(p.hostIp ?? '').includes(UNKNOWN);
      // the host port as written (`${PORT}`, never the placeholder) when both readings have one: where the variables
      // hold no ':' the fields line up (`${PORT}:${PORT}/tcp` is published `${PORT}`)
      const written = parseShortPort(raw);
      const published = written.published !== undefined && p?.published !== undefined ? written.published : undefined;
      list.push({
        item,
        hostIp: ipKnown ? p?.hostIp : undefined,
        hostIpKnown: ipKnown,
        published,
        target: p?.target,
        short: true,
      });
      continue;
    }
    list.push({ item, ...parseShortPort(t), short: true });
  }
  return { owner, list };
}
