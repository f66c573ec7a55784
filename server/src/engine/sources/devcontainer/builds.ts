// Dev containers and the Dockerfiles they build, both ways: the Dockerfile behind a devcontainer.json's
// `build.dockerfile` (or the older top-level `dockerFile`), and the dev containers beside a Dockerfile (its folder
// and the one above, with their `.devcontainer/` folders) that build it. Read through the Host, never above its top.
import * as path from 'node:path';
import { parseJsonc, prop, props, str, type ParsedJsonc } from './parse';
import type { Host } from '../../types';
import { isInside } from '../../vocabulary/paths';

export interface DevcontainerBuild {
  /** The Dockerfile, absolute. */
  dockerfile: string;
  /** The build context folder, absolute. */
  context: string;
}

/** A dev container that builds a given Dockerfile, with the user it runs as (if it says). */
export interface DevcontainerUse {
  file: string;
  parsed: ParsedJsonc;
  build: DevcontainerBuild;
  /** `containerUser`, else `remoteUser`: the user the container's work runs as. */
  user?: { key: string; value: string; start: number; end: number };
}

/** Where the Dockerfile of a devcontainer.json is (paths relative to the devcontainer.json); none when Compose builds. */
export function devcontainerBuildOf(parsed: ParsedJsonc): DevcontainerBuild | undefined {
  const root = parsed.root;
  if (root?.type !== 'object' || prop(root, 'dockerComposeFile')) return undefined;
  const build = prop(root, 'build');
  const df = str(prop(build, 'dockerfile')) ?? str(prop(root, 'dockerFile'));
  const ctx = str(prop(build, 'context')) ?? str(prop(root, 'context')) ?? '.';
  if (!df || df.includes('${') || ctx.includes('${')) return undefined;
  const dir = path.dirname(parsed.file);
  return { dockerfile: path.resolve(dir, df), context: path.resolve(dir, ctx) };
}

/** The user a dev container's work runs as: `containerUser`, else `remoteUser`. */
function userOf(parsed: ParsedJsonc): DevcontainerUse['user'] {
  for (const key of ['containerUser', 'remoteUser']) {
    const p = props(parsed.root)
      .filter((x) => x.key === key)
      .pop();
    const value = str(p?.value);
    if (p && value !== undefined) return { key, value, start: p.pair.offset, end: p.pair.offset + p.pair.length };
  }
  return undefined;
}

/** At most this many devcontainer.json files are read for one Dockerfile. */
const MAX_FILES = 16;

/**
 * The devcontainer.json files near a file: in its folder (`.devcontainer.json`; `devcontainer.json` when the
 * folder is `.devcontainer`) and its `.devcontainer/` folder with their subfolders; from a `.devcontainer` folder,
 * also the folder above (at most `levelsUp`), never above the host's top folder. Bounded: at most MAX_FILES.
 */
function devcontainerFilesNear(file: string, host: Host, levelsUp: number): string[] {
  if (!host.listDir) return [];
  const top = host.top?.(file);
  const candidates: string[] = [];
  let dir = path.dirname(file);
  for (let level = 0; level <= levelsUp; level++) {
    const entries = host.listDir(dir) ?? [];
    if (path.basename(dir) === '.devcontainer' && entries.some((e) => !e.dir && e.name === 'devcontainer.json'))
      candidates.push(path.join(dir, 'devcontainer.json'));
    if (entries.some((e) => !e.dir && e.name === '.devcontainer.json'))
      candidates.push(path.join(dir, '.devcontainer.json'));
    if (entries.some((e) => e.dir && e.name === '.devcontainer')) {
      const dc = path.join(dir, '.devcontainer');
      for (const e of host.listDir(dc) ?? []) {
        if (!e.dir && e.name === 'devcontainer.json') candidates.push(path.join(dc, e.name));
        else if (e.dir) candidates.push(path.join(dc, e.name, 'devcontainer.json'));
      }
    }
    // one folder up only from a .devcontainer folder (where a file built or started from it may sit); a folder
    // that holds the file lists .devcontainer/ itself, and listing every file's parent costs a wide tree dearly
    if (path.basename(dir) !== '.devcontainer') break;
    if (top === undefined || dir === top || !isInside(dir, top)) break;
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return [...new Set(candidates)].slice(0, MAX_FILES);
}

/** The devcontainer.json files near a file, parsed (those that can be read). */
function* readNear(file: string, host: Host, levelsUp: number): Generator<ParsedJsonc> {
  for (const f of devcontainerFilesNear(file, host, levelsUp)) {
    const text = host.readFile(f);
    if (text !== undefined) yield parseJsonc(f, text);
  }
}

/** The dev containers that build `dockerfile`: beside it, or above it when it is in a `.devcontainer` folder. */
export function devcontainerUsers(dockerfile: string, host: Host): DevcontainerUse[] {
  const out: DevcontainerUse[] = [];
  for (const parsed of readNear(dockerfile, host, 1)) {
    const build = devcontainerBuildOf(parsed);
    if (build?.dockerfile === dockerfile) out.push({ file: parsed.file, parsed, build, user: userOf(parsed) });
  }
  return out;
}

/**
 * The Compose-backed dev containers that run a service of `composeFile` (`dockerComposeFile` names it, a string
 * or a list, relative to the devcontainer.json): beside it, or above it when it is in a `.devcontainer` folder. By
 * service name.
 */
export function devcontainersOfCompose(composeFile: string, host: Host): Map<string, ParsedJsonc> {
  const out = new Map<string, ParsedJsonc>();
  for (const parsed of readNear(composeFile, host, 1)) {
    const root = parsed.root;
    const files = prop(root, 'dockerComposeFile');
    const service = str(prop(root, 'service'));
    const named = files?.type === 'array' ? (files.children ?? []).map(str) : [str(files)];
    const dir = path.dirname(parsed.file);
    if (service && !out.has(service) && named.some((f) => f !== undefined && path.resolve(dir, f) === composeFile))
      out.set(service, parsed);
  }
  return out;
}
