// A Compose project: the linted file, the files Compose merges with it by default (override files),
// and the services' effective configurations (merge keys, `extends`, overrides).
import * as path from 'node:path';
import { isAlias, isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Host, ParseProblem } from '../../types';
import { type ParsedYaml } from './yaml';
import { ParseCache } from './parseCache';
import { parseDotEnv, type DotEnv } from './dotenv';
import {
  Builder,
  ExpansionBudget,
  derived,
  keyText,
  mergeVals,
  pairLoc,
  get,
  text,
  type Entry,
  type Loc,
  type Val,
  MAX_INTERPOLATED,
} from './effective';

export { ParseCache };

export interface Service {
  name: string;
  /** The file where the service is first defined; "missing" findings are reported on its key there. */
  file: string;
  keyLoc: Loc;
  config: Val;
  /** The service's own mapping in each file that defines it (for fixes). */
  own: Map<string, Val>;
  /** Views of the service that several rules read (mounts, ports...), computed once per lint. */
  views?: Record<symbol, unknown>;
}

export interface ComposeProject {
  /** Files in Compose's merge order; the linted file is one of them. */
  files: ParsedYaml[];
  services: Service[];
  problems: ParseProblem[];
  /** Paths named by `include` (resolved), so that callers can lint them as Compose files too. */
  includes: string[];
  /** Every file read for this project, by path (including `extends.file` targets). */
  parsed: Map<string, ParsedYaml>;
  /** The `.env` file in the project folder (the first file's), which interpolation reads. */
  env?: DotEnv;
}

const BASE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];
const OVERRIDE_OF: Record<string, string> = {
  'compose.yaml': 'compose.override.yaml',
  'compose.yml': 'compose.override.yml',
  'docker-compose.yaml': 'docker-compose.override.yaml',
  'docker-compose.yml': 'docker-compose.override.yml',
};

/**
 * The names Compose files go by: `compose.yaml` and `docker-compose.yml` with an optional `.<x>` part (override
 * and environment files), and the names people write for standalone variants: `docker-compose-dev.yml`,
 * `compose-prod.yaml`, `app.compose.yaml`, `app-compose.yml`.
 */
export function isComposeFileName(name: string): boolean {
  // most names end otherwise: a folder of thousands of files (a Dockerfile's users are looked for in the folders
  // above it) is sifted without running the patterns on each
  if (!hasYamlExtension(name)) return false;
  return (
    isOverlayStyleName(name) ||
    /^(docker-)?compose-[^/\\]*\.ya?ml$/i.test(name) ||
    /^[^/\\]*[.-]compose\.ya?ml$/i.test(name)
  );
}

/** Ends in `.yml` or `.yaml`, in any case. */
function hasYamlExtension(name: string): boolean {
  const tail = name.slice(-5).toLowerCase();
  return tail === '.yaml' || tail.endsWith('.yml');
}

/** `compose.<x>.yaml` / `docker-compose.<x>.yml` (and the base names): the names merged onto a base beside them. */
function isOverlayStyleName(name: string): boolean {
  return /^(docker-)?compose(\.[^/\\]+)?\.ya?ml$/i.test(name);
}

const DEFAULT_OVERRIDES = new Set(Object.values(OVERRIDE_OF));

/**
 * The files Compose would merge for `file`, before looking at their content: a set the config declares
 * (`compose.files`) that holds it; a base file with its default override beside it; a default override after its
 * base; another `compose.<x>.yaml` / `docker-compose.<x>.yml` after the base beside it, as a candidate overlay
 * (`overlay: true`: loadProject keeps the pair only when the file reads as an overlay, see isOverlay).
 */
export function projectFiles(
  file: string,
  host: Host,
  sets: readonly (readonly string[])[] = [],
): { files: string[]; overlay: boolean } {
  for (const set of sets) if (set.includes(file)) return { files: [...set], overlay: false };
  const dir = path.dirname(file);
  const name = path.basename(file);
  const lower = name.toLowerCase();
  if (BASE_NAMES.includes(lower)) {
    const o = path.join(dir, OVERRIDE_OF[lower]);
    return { files: host.readFile(o) !== undefined ? [file, o] : [file], overlay: false };
  }
  // a hyphenated or prefixed name (docker-compose-dev.yml, app.compose.yaml) is a standalone project
  if (isOverlayStyleName(name)) {
    for (const b of BASE_NAMES) {
      const candidate = path.join(dir, b);
      if (candidate !== file && host.readFile(candidate) !== undefined)
        return { files: [candidate, file], overlay: !DEFAULT_OVERRIDES.has(lower) };
    }
  }
  return { files: [file], overlay: false };
}

/**
 * Is `over` an overlay of `base` (merged with `-f base -f over`) rather than a project of its own? Compose cannot
 * tell and neither can we for sure; we read it as an overlay when every service it defines is in the base and none
 * of them says what to run (`image` or `build`): such a service cannot run alone. Otherwise it is linted alone, so
 * that its own images and settings are judged. `compose.files` in the config settles any case.
 */
export function isOverlay(over: ParsedYaml, base: ParsedYaml): boolean {
  const services = servicesMap(over);
  const baseServices = servicesMap(base);
  if (!services?.items.length || !baseServices) return false;
  for (const p of services.items) {
    const name = keyText(p);
    if (name === undefined || !baseServices.has(name)) return false;
    const v = p.value as Node | null;
    if (v && isMap(v) && (v.has('image') || v.has('build'))) return false;
  }
  return true;
}

/**
 * The project of a Compose file (see ComposeProject). The cache keeps the last project built: a Dockerfile's lint
 * asks for the project of the Compose file beside it, which is linted just before or after it.
 */
export function loadProject(
  file: string,
  textOf: string,
  host: Host,
  cache = new ParseCache(),
  sets: readonly (readonly string[])[] = [],
): ComposeProject {
  const known = cache.project(file, textOf, sets, host) as ComposeProject | undefined;
  if (known) {
    // what the last lint kept on its services closes over that lint (its file, editor, options, reports)
    for (const s of known.services) s.views = undefined;
    return known;
  }
  const reads = new Map<string, string | undefined>();
  const recorded: Host = {
    readFile(p) {
      const t = host.readFile(p);
      if (!reads.has(p)) reads.set(p, t);
      return t;
    },
  };
  const project = buildProject(file, textOf, recorded, cache, sets);
  cache.keepProject(file, textOf, sets, reads, project);
  return project;
}

function buildProject(
  file: string,
  textOf: string,
  host: Host,
  cache: ParseCache,
  sets: readonly (readonly string[])[],
): ComposeProject {
  const readers: Host = { readFile: (p) => (p === file ? textOf : host.readFile(p)) };
  const candidates = projectFiles(file, readers, sets);
  let files: ParsedYaml[] = [];
  for (const p of candidates.files) {
    const t = readers.readFile(p);
    if (t !== undefined) files.push(cache.get(p, t, candidates.files.length > 1));
  }
  if (candidates.overlay && files.length === 2 && !isOverlay(files[1], files[0])) files = [files[1]];
  // a file of several documents: Compose merges them in order, as it merges files
  if (files.some((f) => f.more.length)) files = files.flatMap((f) => [f, ...f.more]);
  const budget = new ExpansionBudget(200_000 + files.reduce((n, f) => n + f.text.length, 0));
  const env = files.length ? readDotEnv(path.dirname(files[0].path), readers) : undefined;
  const problems: ParseProblem[] = [];
  const includes: string[] = [];
  const byName = new Map<string, Service>();
  const extraFiles: ParsedYaml[] = [];
  const order: Service[] = [];
  const shared: ExtendsState = { index: new Map(), tooDeep: undefined, env };
  for (const f of files) {
    const services = servicesMap(f);
    const inclNode = topMap(f)?.get('include', true) as Node | undefined;
    const incl = inclNode ? new Builder(f, budget, env).build(inclNode, undefined) : undefined;
    for (const it of incl?.items ?? []) {
      const p = isScalar(it.node) ? text(it) : text(get(it, 'path'));
      if (p) includes.push(path.resolve(path.dirname(f.path), p));
      for (const sub of get(it, 'path')?.items ?? []) {
        const sp = text(sub);
        if (sp) includes.push(path.resolve(path.dirname(f.path), sp));
      }
    }
    if (!services) continue;
    const ext = new ExtendsResolver(f, readers, cache, budget, extraFiles, shared);
    for (const p of services.items) {
      const name = keyText(p);
      if (name === undefined || !p.value) continue;
      const config = ext.resolve(name, new Set());
      if (!config || !config.entries) continue;
      const keyLoc: Loc = {
        file: f.path,
        start: (p.key as Node).range?.[0] ?? 0,
        end: (p.key as Node).range?.[1] ?? 0,
      };
      const prev = byName.get(name);
      if (prev) {
        prev.config = mergeVals(prev.config, config);
        prev.own.set(f.path, config);
      } else {
        const s: Service = { name, file: f.path, keyLoc, config, own: new Map([[f.path, config]]) };
        byName.set(name, s);
        order.push(s);
      }
    }
  }
  if (shared.tooDeep) {
    const f = files.find((x) => x.path === file) ?? files[0];
    problems.push({
      file,
      message:
        `An extends chain is longer than ${MAX_EXTENDS_DEPTH} services (at '${shared.tooDeep}'); the rest of it was ` +
        `not followed`,
      range: f.index.range(0, 0),
      severity: 'error',
    });
  }
  if (budget.exceeded) {
    const f = files.find((x) => x.path === file) ?? files[0];
    problems.push({
      file,
      message:
        'YAML aliases or extends chains expand beyond the analysis limit (possible alias bomb); values they bring ' +
        'in were only partly analysed',
      range: f.index.range(0, 0),
      severity: 'error',
    });
  }
  for (const key of env?.tooLong ?? []) {
    const f = files.find((x) => x.path === file) ?? files[0];
    problems.push({
      file,
      message:
        `${path.basename(env!.file)}: the value of ${key} expands beyond ${MAX_INTERPOLATED} characters (values made ` +
        'of earlier values): it is unknown, and so is what refers to it',
      range: f.index.range(0, 0),
      severity: 'error',
    });
  }
  const parsed = new Map<string, ParsedYaml>();
  // a file's first document stands for it (its later documents share its path, text and problems)
  for (const f of [...files, ...extraFiles]) if (!parsed.has(f.path)) parsed.set(f.path, f);
  return { files, services: order, problems, includes, parsed, env };
}

/** The project folder's `.env`, parsed (undefined when there is none or it cannot be read). */
function readDotEnv(dir: string, host: Host): DotEnv | undefined {
  const file = path.join(dir, '.env');
  const t = host.readFile(file);
  return t === undefined ? undefined : parseDotEnv(file, t);
}

function topMap(f: ParsedYaml): YAMLMap | undefined {
  const c = f.doc.contents;
  return c && isMap(c) ? c : undefined;
}

/** The services of a file: its `services` mapping, or in a legacy (version 1) file the top-level mapping itself. */
export function servicesMap(f: ParsedYaml): YAMLMap | undefined {
  const top = topMap(f);
  let s = top?.get('services', true) as Node | undefined;
  // `services: *all`: the anchored mapping (an alias to an alias too, within a bound)
  for (let hops = 0; s && isAlias(s) && hops < 8; hops++) s = f.resolveAlias(s);
  if (s && isMap(s)) return s;
  return top && isLegacyServices(top) ? top : undefined;
}

/** Keys that only a service has: a top-level mapping whose entries all hold one is a legacy (v1) file. */
const SERVICE_KEYS = new Set([
  'image',
  'build',
  'command',
  'entrypoint',
  'ports',
  'expose',
  'volumes',
  'volumes_from',
  'environment',
  'env_file',
  'links',
  'external_links',
  'net',
  'pid',
  'privileged',
  'cap_add',
  'cap_drop',
  'devices',
  'user',
  'restart',
  'working_dir',
  'extends',
  'labels',
  'dns',
  'mem_limit',
  'security_opt',
]);

/**
 * A legacy (version 1) Compose file: no `services`, `version`, `networks` or `volumes` key at the top, and every
 * top-level entry a mapping with at least one key only services have. Docker retired the format in 2023, but such
 * files are still in repositories (and `docker compose` reads most of them).
 */
function isLegacyServices(top: YAMLMap): boolean {
  if (!top.items.length) return false;
  for (const p of top.items) {
    const k = keyText(p);
    if (k === undefined || ['services', 'version', 'networks', 'volumes', 'secrets', 'configs', 'include'].includes(k))
      return false;
    if (k.startsWith('x-')) continue;
    const v = p.value as Node | null;
    if (!v || !isMap(v) || !v.items.some((q) => SERVICE_KEYS.has(keyText(q) ?? ''))) return false;
  }
  return top.items.some((p) => !(keyText(p) ?? '').startsWith('x-'));
}

/** Is this a legacy (version 1) file, services at the top level? */
export function isLegacyCompose(f: ParsedYaml): boolean {
  const top = topMap(f);
  return !!top && !isMap(top.get('services', true) as Node | undefined) && isLegacyServices(top);
}

/**
 * Long-syntax volumes written without `type:` in the file's own services (invalid per the Compose specification,
 * common in real files): the mapping nodes, for a schema problem. The rules read them as binds when `source` is a
 * path, as Compose's own loader does.
 */
export function untypedVolumes(f: ParsedYaml): Node[] {
  const out: Node[] = [];
  for (const p of servicesMap(f)?.items ?? []) {
    const svc = p.value as Node | null;
    const vols = svc && isMap(svc) ? (svc.get('volumes', true) as Node | undefined) : undefined;
    if (!vols || !isSeq(vols)) continue;
    for (const it of vols.items as Node[]) if (isMap(it) && !it.has('type')) out.push(it);
  }
  return out;
}

/** Does this YAML text look like a Compose file (a top-level `services` mapping)? */
export function looksLikeCompose(f: ParsedYaml): boolean {
  return !!servicesMap(f);
}

/** How many `extends` steps are followed; deeper chains get a problem (the recursion must not depend on input). */
export const MAX_EXTENDS_DEPTH = 64;

interface ExtendsState {
  /** Each file's services by name (a linear search per service made 150,000 services quadratic). */
  index: Map<ParsedYaml, Map<string, Pair>>;
  /** The service where a chain was cut, if one was. */
  tooDeep: string | undefined;
  env: DotEnv | undefined;
}

/** Resolves `extends` within a file and across files, with cycle detection. */
class ExtendsResolver {
  private readonly builder: Builder;
  constructor(
    readonly f: ParsedYaml,
    readonly host: Host,
    readonly cache: ParseCache,
    readonly budget: ExpansionBudget,
    readonly extra: ParsedYaml[],
    readonly state: ExtendsState,
    readonly at?: Loc,
    readonly depth = 0,
  ) {
    this.builder = new Builder(f, budget, state.env);
  }

  private pairOf(name: string): Pair | undefined {
    let idx = this.state.index.get(this.f);
    if (!idx) {
      idx = new Map();
      for (const p of servicesMap(this.f)?.items ?? []) {
        const k = keyText(p);
        if (k !== undefined && !idx.has(k)) idx.set(k, p);
      }
      this.state.index.set(this.f, idx);
    }
    return idx.get(name);
  }

  resolve(name: string, seen: Set<string>): Val | undefined {
    const pair = this.pairOf(name);
    if (!pair) return undefined;
    const own = this.builder.build(pair.value as Node, this.at);
    if (!own?.entries) return own;
    const ext = own.entries.get('extends');
    if (!ext) return own;
    const id = `${this.f.path}#${name}`;
    if (seen.has(id)) return own;
    seen.add(id);
    if (this.depth >= MAX_EXTENDS_DEPTH) {
      this.state.tooDeep ??= name;
      return own;
    }
    const baseName = isMap(ext.value.node) ? text(get(ext.value, 'service')) : text(ext.value);
    const baseFile = isMap(ext.value.node) ? text(get(ext.value, 'file')) : undefined;
    if (!baseName) return own;
    const at = this.at ?? extendsLoc(ext);
    let target: ParsedYaml | undefined = this.f;
    if (baseFile) {
      const p = path.resolve(path.dirname(this.f.path), baseFile);
      const t = this.host.readFile(p);
      target = t === undefined ? undefined : this.cache.get(p, t);
      if (target) this.extra.push(target);
    }
    const base = target
      ? new ExtendsResolver(
          target,
          this.host,
          this.cache,
          this.budget,
          this.extra,
          this.state,
          at,
          this.depth + 1,
        ).resolve(baseName, seen)
      : undefined;
    if (!base?.entries) return own;
    // `extends` itself is not inherited; the service's own keys win (lists merge as in Compose)
    const inherited = new Map(base.entries);
    inherited.delete('extends');
    const merged = mergeVals(derived(base, { entries: inherited }), own);
    return merged;
  }
}

function extendsLoc(e: Entry): Loc {
  return pairLoc(e.loc.file, e.pair);
}
