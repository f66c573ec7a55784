// Compose services and the Dockerfiles they build, both ways: the Dockerfile behind a service's `build:`, and the
// Compose services (in the Dockerfile's folder and the folders above it, up to the host's top folder) that build a
// Dockerfile. Pure: everything is read through the Host.
import * as path from 'node:path';
import { entry, get, rawText, text, type Entry } from '../sources/compose/effective';
import {
  isComposeFileName,
  loadProject,
  ParseCache,
  type ComposeProject,
  type Service,
} from '../sources/compose/project';
import { parseDockerfile, type DockerfileModel } from '../sources/dockerfile/model';
import type { Host } from '../types';
import { isInside } from '../vocabulary/paths';

export interface BuildRef {
  /** The Dockerfile, absolute. */
  dockerfile: string;
  /** The build context folder, absolute. */
  context: string;
  /** The service's `build` entry. */
  entry: Entry;
}

/**
 * The Dockerfile a service builds from: `build: <context>` or `build: { context, dockerfile }` (the Dockerfile
 * relative to the context, `Dockerfile` by default), relative paths from the file that writes them. Undefined for a
 * remote context (a Git or HTTP URL), `dockerfile_inline`, or a path behind an unknown variable.
 */
export function buildOf(s: Service): BuildRef | undefined {
  const e = entry(s.config, 'build');
  if (!e) return undefined;
  const v = e.value;
  const isMapping = !!v.entries;
  if (isMapping && get(v, 'dockerfile_inline')) return undefined;
  const ctx = isMapping ? (get(v, 'context') ? text(get(v, 'context')) : '.') : text(v);
  const df = isMapping && get(v, 'dockerfile') ? text(get(v, 'dockerfile')) : 'Dockerfile';
  if (ctx === undefined || df === undefined || !ctx || !df) return undefined;
  if (/^[a-z][a-z0-9+.-]*:\/\/|^git@|^github\.com\//i.test(ctx)) return undefined;
  const context = path.resolve(path.dirname(v.loc.file), ctx);
  return { dockerfile: path.resolve(context, df), context, entry: e };
}

/** A Compose service that builds a given Dockerfile. */
export interface ComposeUse {
  service: Service;
  project: ComposeProject;
  build: BuildRef;
}

/** How many folders above a Dockerfile's own are searched for Compose files that build it. */
const MAX_LEVELS_UP = 3;
/** How many Compose files are read for one Dockerfile (a folder of hundreds is judged on the first ones). */
const MAX_COMPOSE_FILES = 16;

/**
 * The Compose services that build `dockerfile`: Compose files (by name) in its folder and up to three folders
 * above, never above the host's top folder for it (none given: its own folder only).
 */
export function composeUsers(
  dockerfile: string,
  host: Host,
  cache = new ParseCache(),
  sets: readonly (readonly string[])[] = [],
): ComposeUse[] {
  const out: ComposeUse[] = [];
  if (!host.listDir) return out;
  const top = host.top?.(dockerfile);
  const seen = new Set<string>();
  let read = 0;
  let dir = path.dirname(dockerfile);
  for (let level = 0; level <= MAX_LEVELS_UP; level++) {
    for (const e of host.listDir(dir) ?? []) {
      if (e.dir || !isComposeFileName(e.name) || read >= MAX_COMPOSE_FILES) continue;
      const file = path.join(dir, e.name);
      const t = host.readFile(file);
      if (t === undefined) continue;
      read++;
      const project = loadProject(file, t, host, cache, sets);
      for (const s of project.services) {
        const key = `${s.file}\u0000${s.name}`;
        if (seen.has(key)) continue;
        const b = buildOf(s);
        if (b?.dockerfile !== dockerfile) continue;
        seen.add(key);
        out.push({ service: s, project, build: b });
      }
    }
    if (top === undefined || dir === top || !isInside(dir, top)) break;
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return out;
}

/** The Dockerfile a service builds, parsed (undefined when it cannot be read or parsed). */
export function dockerfileOf(
  s: Service,
  host: Host,
): { build: BuildRef; model: DockerfileModel; text: string } | undefined {
  const build = buildOf(s);
  const t = build && host.readFile(build.dockerfile);
  if (!build || t === undefined) return undefined;
  try {
    return { build, model: parseDockerfile(build.dockerfile, t), text: t };
  } catch {
    return undefined; // a Dockerfile that does not parse gets its problem when it is linted itself
  }
}

/** The names a service passes as `build.args` (mapping or `NAME=value` / `NAME` list syntax). */
export function buildArgNames(s: Service): Set<string> {
  const out = new Set<string>();
  const v = get(s.config, 'build', 'args');
  for (const k of v?.entries?.keys() ?? []) out.add(k);
  for (const item of v?.items ?? []) {
    const t = rawText(item);
    if (t) out.add(t.split('=')[0]);
  }
  return out;
}

/** The ARGs a Dockerfile declares (every stage), by name, with the span of their declaration. */
export function declaredArgs(m: DockerfileModel): Map<string, { start: number; end: number }> {
  const out = new Map<string, { start: number; end: number }>();
  for (const i of m.instructions) {
    if (i.keyword !== 'ARG') continue;
    for (const a of i.args) {
      const name = a.value.split('=')[0];
      if (name && !out.has(name)) out.set(name, { start: a.start, end: a.end });
    }
  }
  return out;
}
