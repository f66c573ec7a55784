// The Compose source of the container model: a service's effective configuration (merge keys, `extends`,
// overrides, interpolation) read as a Container, each setting placed where the service brings it in and edited
// with the YAML editor. A runtime rule runs on Compose through this adapter and keeps every behaviour a Compose
// rule has (related information at the origin and at `.env`, fixes only where the linted file writes the value).
import * as path from 'node:path';
import { publishedPort, swarmStack } from './swarm';
import { isMap } from 'yaml';
import {
  entry,
  get,
  interpolate,
  isTrue,
  rawText,
  reportLoc,
  text,
  UNKNOWN,
  type Entry,
  type Loc,
  type Val,
} from './effective';
import type { ComposeProject, Service } from './project';
import { imageName } from '../../vocabulary/images';
import { declaredArgs } from '../../model/builds';
import { loopbackEdits, readOnlyFix } from './edits';
import {
  tmpfsSpec,
  type Container,
  type EnvVar,
  type Hardening,
  type LimitKey,
  type Mount,
  type Namespace,
  type PublishedPort,
  type SecurityOption,
  type Setting,
  type TmpfsMount,
} from '../../model/container';
import { isSecretName } from '../../vocabulary/secrets';
import type { RelatedInfo, TextEdit } from '../../types';
import {
  isLoc,
  removeEntryEdits,
  removeItemEdits,
  replaceScalarEdits,
  type ComposeContext,
} from '../../rules/composeContext';
import type { BoundVolume, ContainerContext } from '../../rules/containerContext';
import { boundVolumes, envVars, mounts, namespaceEntry, ports, securityOpts } from './views';
import { capDropAllFix, limitsFix, limitValues, noNewPrivilegesFix, readOnlyFix as readOnlyRootFix } from './advice';
import { keptOn } from '../../memo';

const NAMESPACE_KEYS: Record<Exclude<Namespace, 'network'>, string> = {
  pid: 'pid',
  ipc: 'ipc',
  uts: 'uts',
  userns: 'userns_mode',
  cgroup: 'cgroup',
};

/** A runtime rule's context over a Compose file: the linted file's services as containers. */
export function composeContainerContext(ctx: ComposeContext): ContainerContext {
  return {
    containers: ctx.services.map((s) => containerOf(ctx, s)),
    boundVolumes: () => boundVolumesOf(ctx),
    peer(name) {
      // a service's name first, then a container_name
      const s =
        ctx.project.services.find((x) => x.name === name) ??
        ctx.project.services.find((x) => text(x.config.entries?.get('container_name')?.value) === name);
      return s && containerOf(ctx, s);
    },
    options: ctx.options,
    fixDefaults: ctx.fixDefaults,
    profile: ctx.profile,
    grouped: ctx.grouped,
    groupItems: new Set([...ctx.groupItems].map((id) => id.slice(id.indexOf('/') + 1))),
    suppressed: (name, c) => ctx.suppressed(`compose/${name}`, c.site as Loc),
    report(r) {
      const also = (r.alsoAt ?? []).flatMap((a) => {
        const site = a.at.site as Val | Entry | Loc;
        const loc = isLoc(site) ? site : reportLoc(site);
        const pf = ctx.project.parsed.get(loc.file);
        return pf ? [{ file: loc.file, range: pf.index.range(loc.start, loc.end), message: a.message }] : [];
      });
      const { message, fixes, severity, ignoreReason, routine } = r;
      const related = r.related || also.length ? [...(r.related ?? []), ...also] : undefined;
      ctx.report({ at: r.at.site as Val | Entry | Loc, message, fixes, severity, related, ignoreReason, routine });
    },
  };
}

const CONTAINER = Symbol('container');
const MEMO = Symbol('memo');

/**
 * The service as a Container, made once per lint and kept on the service (like the views in views.ts): every
 * runtime rule reads it. What it closes over (the file, its editor and parse, the project) is the same for every
 * rule of one lint.
 */
function containerOf(ctx: ComposeContext, s: Service): Container {
  const views = (s.views ??= {}) as Record<symbol, Container>;
  return (views[CONTAINER] ??= withDevcontainer(new ComposeContainer(ctx, s), ctx.devcontainerOf(s)));
}

/** What a Compose-backed dev container adds to its service's profile (devcontainer.json's own properties). */
const ADDED_BY_DEVCONTAINER = ['privileged', 'capAdd', 'securityOpts', 'mounts', 'env', 'user'] as const;

/**
 * The service as it runs when a dev container starts it: its profile with the dev container's additions, for the
 * rules that judge the whole (a feature that makes it privileged ends its hardening advice). The additions are
 * reported in the devcontainer.json, never here: their sites are in that file, which this reporter leaves out.
 */
function withDevcontainer(c: Container, d: Container | undefined): Container {
  if (!d) return c;
  const merged = Object.create(c) as Container;
  for (const key of ADDED_BY_DEVCONTAINER)
    Object.defineProperty(merged, key, { value: [...(c[key] as unknown[]), ...(d[key] as unknown[])] });
  return merged;
}

function setting<T>(
  value: T,
  site: Val | Entry,
  shown: string,
  raw: string,
  holder: string,
  remove: () => TextEdit[],
  more: Partial<Setting<T>> = {},
): Setting<T> {
  return { value, site, shown, raw, holder, remove, ...more };
}

/** A service as a Container: each field read on first use (a rule reads one or two of them). */
class ComposeContainer implements Container {
  /** The fields already read (see the loop after the class). */
  readonly [MEMO] = new Map<string, unknown>();
  readonly source = 'compose';
  readonly subject: string;
  readonly name: string;
  readonly site: unknown;
  readonly hostCommands = [];
  readonly advice = { secrets: 'Compose secrets (a *_FILE variable)', reference: (name: string) => `\${${name}}` };
  constructor(
    private readonly ctx: ComposeContext,
    private readonly s: Service,
  ) {
    this.subject = `Service '${s.name}'`;
    this.name = s.name;
    this.site = s.keyLoc;
  }

  get declared(): RelatedInfo | undefined {
    const pf = this.ctx.project.parsed.get(this.s.file);
    const at = this.s.keyLoc;
    return pf && { file: this.s.file, range: pf.index.range(at.start, at.end), message: `'${this.s.name}'` };
  }

  private entry(key: string): Entry | undefined {
    return this.s.config.entries?.get(key);
  }

  get privileged(): Setting<true>[] {
    const e = this.entry('privileged');
    if (!e || !isTrue(e.value)) return [];
    const { ctx, s } = this;
    return [
      setting<true>(
        true,
        e,
        'privileged: true',
        rawText(e.value) ?? 'true',
        'privileged',
        () => removeEntryEdits(ctx, e),
        {
          override() {
            const map = ctx.ownMap(s);
            if (!map || e.at?.file !== ctx.file) return undefined;
            return {
              title: 'Override with privileged: false',
              edits: [ctx.edit.insertPair(map, 'privileged', 'false')],
            };
          },
        },
      ),
    ];
  }

  get capAdd(): Setting<string>[] {
    const owner = this.entry('cap_add');
    if (!owner) return [];
    const out: Setting<string>[] = [];
    for (const item of owner.value.items ?? []) {
      const t = text(item);
      if (!t) continue;
      out.push(setting(t, item, t, rawText(item) ?? t, 'cap_add', () => removeItemEdits(this.ctx, owner, item)));
    }
    return out;
  }

  get namespaces(): Partial<Record<Namespace, Setting<string>>> {
    const out: Partial<Record<Namespace, Setting<string>>> = {};
    const add = (ns: Namespace, e: Entry | undefined) => {
      const v = e && text(e.value)?.trim();
      if (!e || v === undefined) return;
      const shown = `${e.key}: ${v.toLowerCase() === 'host' ? 'host' : v}`;
      out[ns] = setting(v, e, shown, rawText(e.value) ?? v, e.key, () => removeEntryEdits(this.ctx, e));
    };
    add('network', namespaceEntry(this.s, 'network_mode'));
    for (const [ns, key] of Object.entries(NAMESPACE_KEYS)) add(ns as Namespace, this.entry(key));
    return out;
  }

  get securityOpts(): Setting<SecurityOption>[] {
    return securityOpts(this.s).map((o) =>
      setting(
        { name: o.name, value: o.value },
        o.item,
        `${o.name}:${o.value ?? ''}`,
        rawText(o.item) ?? '',
        'security_opt',
        () => removeItemEdits(this.ctx, o.owner, o.item),
        { replace: (v) => replaceScalarEdits(this.ctx, o.item, v) },
      ),
    );
  }

  get mounts(): Setting<Mount>[] {
    const { ctx } = this;
    return mounts(this.s).map((m) =>
      setting<Mount>(
        {
          type: m.type,
          source: m.source,
          looseSource: m.looseSource,
          target: m.target,
          readOnly: m.readOnly,
          propagation: m.propagation,
          base: path.dirname(m.item.loc.file),
          readOnlyFix: () => readOnlyFix(ctx, m),
        },
        m.item,
        rawText(m.item) ?? m.source ?? '',
        rawText(m.item) ?? '',
        'volumes',
        () => removeItemEdits(ctx, m.owner, m.item),
      ),
    );
  }

  get apiSocket(): Setting<true>[] {
    const api = entry(this.s.config, 'use_api_socket');
    if (!api || !isTrue(api.value)) return [];
    return [
      setting<true>(true, api, 'use_api_socket: true', 'true', 'use_api_socket', () => removeEntryEdits(this.ctx, api)),
    ];
  }

  get devices(): Setting<{ source: string }>[] {
    const out: Setting<{ source: string }>[] = [];
    for (const it of this.entry('devices')?.value.items ?? []) {
      const src = isMap(it.node) ? text(get(it, 'source')) : text(it)?.split(':')[0];
      if (!src) continue;
      out.push(setting({ source: src }, it, src, rawText(it) ?? src, 'devices', () => []));
    }
    return out;
  }

  get tmpfs(): Setting<TmpfsMount>[] {
    const e = this.entry('tmpfs');
    if (!e) return [];
    const nodes = e.value.items ?? [e.value];
    const out: Setting<TmpfsMount>[] = [];
    for (const it of nodes) {
      const spec = text(it)?.trim();
      if (spec) out.push(setting(tmpfsSpec(spec), it, `tmpfs: ${spec}`, rawText(it) ?? spec, 'tmpfs', () => []));
    }
    return out;
  }

  get deviceRules(): Setting<string>[] {
    const out: Setting<string>[] = [];
    for (const it of this.entry('device_cgroup_rules')?.value.items ?? []) {
      const r = text(it)?.trim();
      if (r) out.push(setting(r, it, `device_cgroup_rules: ${r}`, rawText(it) ?? r, 'device_cgroup_rules', () => []));
    }
    return out;
  }

  get user(): Setting<string>[] {
    const e = this.entry('user');
    const u = e && text(e.value);
    if (!e || u === undefined) return [];
    const { ctx } = this;
    return [
      setting(u, e, `user: ${u}`, rawText(e.value) ?? u, 'user', () => removeEntryEdits(ctx, e), {
        replace: (v) => replaceScalarEdits(ctx, e.value, v),
      }),
    ];
  }

  get ports(): Setting<PublishedPort>[] {
    const { ctx } = this;
    const swarm = swarmStack(ctx.project);
    return (ports(this.s)?.list ?? []).map((p) =>
      setting<PublishedPort>(
        publishedPort(p, swarm, () => loopbackEdits(ctx, p)),
        p.item,
        rawText(p.item) ?? '',
        rawText(p.item) ?? '',
        'ports',
        () => [],
      ),
    );
  }

  get portsHolder(): Setting<true> | undefined {
    const owner = ports(this.s)?.owner;
    return owner && setting<true>(true, owner, 'ports', 'ports', 'ports', () => []);
  }

  get image(): Setting<string> | undefined {
    const e = this.entry('image');
    const ref = e && !this.s.config.entries?.has('build') ? text(e.value)?.trim() : undefined;
    // an image another service of the project builds (`build:` with this `image:` name) is the project's own: its
    // Dockerfile is judged, not the reference
    if (ref && builtImages(this.ctx.project).has(imageName(ref).toLowerCase())) return undefined;
    return e && ref ? setting(ref, e.value, `image: ${ref}`, ref, 'image', () => []) : undefined;
  }

  get oomKillDisable(): Setting<true>[] {
    const e = this.entry('oom_kill_disable');
    if (!e || !isTrue(e.value)) return [];
    return [
      setting<true>(true, e, 'oom_kill_disable: true', 'true', 'oom_kill_disable', () => removeEntryEdits(this.ctx, e)),
    ];
  }

  get ulimits(): Setting<{ name: string; value: string }>[] {
    const out: Setting<{ name: string; value: string }>[] = [];
    for (const [name, e] of this.entry('ulimits')?.value.entries ?? []) {
      const values = e.value.entries
        ? [e.value.entries.get('soft')?.value, e.value.entries.get('hard')?.value].filter((v): v is Val => !!v)
        : [e.value];
      for (const v of values) {
        const t = text(v)?.trim();
        if (t !== undefined)
          out.push(setting({ name, value: t }, v, `${name}: ${t}`, rawText(v) ?? t, 'ulimits', () => []));
      }
    }
    return out;
  }

  get cgroupParent(): Setting<string>[] {
    const e = this.entry('cgroup_parent');
    const v = e && text(e.value)?.trim();
    return e && v ? [setting(v, e, `cgroup_parent: ${v}`, v, 'cgroup_parent', () => [])] : [];
  }

  get healthcheck(): Setting<true> | undefined {
    const e = this.entry('healthcheck');
    return e && setting<true>(true, e, 'healthcheck', 'healthcheck', 'healthcheck', () => []);
  }

  get logDriver(): Setting<string>[] {
    const d = get(this.s.config, 'logging', 'driver');
    const v = d && text(d)?.trim();
    return d && v ? [setting(v, d, `driver: ${v}`, v, 'logging.driver', () => [])] : [];
  }

  get commands(): Setting<string>[] {
    const out: Setting<string>[] = [];
    for (const key of ['command', 'entrypoint']) {
      const e = this.entry(key);
      if (!e) continue;
      const cmd = e.value.items ? e.value.items.map((i) => rawText(i) ?? '').join(' ') : text(e.value);
      if (cmd) out.push(setting(cmd, e, `${key}: ${cmd}`, cmd, key, () => []));
    }
    return out;
  }

  get hardening(): Hardening | undefined {
    const { ctx, s } = this;
    // a fragment (no image, build or extends: an override's `frontend: {labels: ...}`) runs only merged into the
    // file that defines the service, where its hardening is judged; alone, Compose refuses to run it
    if (!['image', 'build', 'extends'].some((k) => this.entry(k))) return undefined;
    const scalar = (v: Val, shown: string, holder: string) =>
      setting(text(v)?.trim() ?? '', v, shown, rawText(v) ?? '', holder, () => [], {
        replace: (x: string) => replaceScalarEdits(ctx, v, x),
      });
    const limits = (key: LimitKey) => limitValues(s, key).map((v) => scalar(v, key, key));
    const capDrop = this.entry('cap_drop');
    const ro = this.entry('read_only');
    const quota = this.entry('cpu_quota');
    return {
      capDrop: (capDrop?.value.items ?? []).flatMap((i) => {
        const t = text(i);
        return t === undefined ? [] : [setting(t, i, t, rawText(i) ?? t, 'cap_drop', () => [])];
      }),
      readOnlyRoot:
        ro && setting(isTrue(ro.value), ro, `read_only: ${rawText(ro.value) ?? ''}`, '', 'read_only', () => []),
      limits: { memory: limits('memory'), cpus: limits('cpus'), pids: limits('pids') },
      cpuQuota: quota ? [scalar(quota.value, 'cpu_quota', 'cpu_quota')] : [],
      add: {
        noNewPrivileges: () => noNewPrivilegesFix(ctx, s),
        capDropAll: () => capDropAllFix(ctx, s),
        readOnlyRoot: () => readOnlyRootFix(ctx, s),
        limits: (keys) => limitsFix(ctx, s, keys),
      },
      terms: {
        capDropAll: 'cap_drop: [ALL]',
        noNewPrivileges: 'no-new-privileges:true to security_opt',
        readOnlyRoot: 'read_only: true',
        limits: 'deploy.resources.limits',
      },
    };
  }

  get env(): Setting<EnvVar>[] {
    const out: Setting<EnvVar>[] = [];
    const s = this.s;
    for (const [where, vars] of [
      ['environment', envVars(get(s.config, 'environment'))],
      ['build.args', envVars(get(s.config, 'build', 'args'))],
    ] as const) {
      for (const v of vars) {
        // judged on what the Compose file itself writes (defaults count): a value kept in `.env` is the
        // recommended place for it, not a secret in the Compose file
        const literal = v.raw !== undefined ? interpolate(v.raw) : undefined;
        const value: EnvVar = {
          name: v.name,
          value: v.value,
          buildArg: where === 'build.args' || undefined,
          literal,
          loose: literal === undefined && v.raw !== undefined ? interpolate(v.raw, 0, UNKNOWN) : undefined,
          reference: /^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/.test(v.raw ?? ''),
          where,
        };
        // a build argument that feeds an ARG named like a secret: its value stays in the image's history
        if (where === 'build.args' && isSecretName(v.name)) {
          const built = this.ctx.dockerfileOf(s);
          const arg = built ? declaredArgs(built.model).get(v.name) : undefined;
          if (built && arg)
            value.feedsArg = {
              file: built.build.dockerfile,
              range: built.model.index.range(arg.start, arg.end),
              message: `the Dockerfile declares ARG ${v.name} here`,
            };
        }
        out.push(setting(value, v.at, v.name, v.raw ?? '', where, () => []));
      }
    }
    return out;
  }
}

// Each field is computed on first use and kept: a rule reads one or two fields, several rules read the same ones.
for (const key of Object.getOwnPropertyNames(ComposeContainer.prototype)) {
  const d = Object.getOwnPropertyDescriptor(ComposeContainer.prototype, key);
  if (!d?.get) continue;
  Object.defineProperty(ComposeContainer.prototype, key, {
    get(this: ComposeContainer) {
      const memo = this[MEMO];
      if (memo.has(key)) return memo.get(key);
      const v: unknown = d.get!.call(this);
      memo.set(key, v);
      return v;
    },
  });
}

function boundVolumesOf(ctx: ComposeContext): BoundVolume[] {
  return [...boundVolumes(ctx.project)].map(([name, b]) => ({
    name,
    path: b.path,
    setting: setting(b.path, b.at, b.path, rawText(b.at) ?? b.path, 'driver_opts', () => []),
  }));
}

const BUILT_IMAGES = keptOn<ComposeProject, Set<string>>('images built');

/** The names (without tag) of the images the project's services build: `build:` with an `image:` name. */
function builtImages(project: ComposeProject): Set<string> {
  let names = BUILT_IMAGES.get(project);
  if (!names) {
    names = new Set();
    for (const s of project.services) {
      if (!s.config.entries?.has('build')) continue;
      const ref = text(get(s.config, 'image'))?.trim();
      if (ref) names.add(imageName(ref).toLowerCase());
    }
    BUILT_IMAGES.set(project, names);
  }
  return names;
}
