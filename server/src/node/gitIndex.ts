// Which files git tracks, read from `.git/index` (never by running git: a repository's config can make git run
// commands, through `core.fsmonitor` for one). A file `.gitignore` lists but git tracks is the project's: the walk
// keeps it (a fresh clone in CI holds only tracked files, so there `.gitignore` leaves nothing out). An index this
// reader does not fully understand (a split index, an unknown version, a truncated file) gives no answer, and the
// walk then uses no `.gitignore` at all: it lints more, never less.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readBytes } from './read';

/** The largest index read (a repository of about half a million files). */
const MAX_INDEX_BYTES = 64 * 1024 * 1024;

export interface Tracked {
  /** Paths relative to the work tree's top, `/`-separated. */
  files: Set<string>;
  /** Folders a sparse index records as one entry (every file below them is tracked). */
  dirs: string[];
}

/** The tracked files of the repository whose top folder is `top` (with a `.git` folder), or undefined. */
export function readTracked(top: string): Tracked | undefined {
  const git = path.join(top, '.git');
  try {
    if (!fs.lstatSync(git).isDirectory()) return undefined; // a worktree or submodule: `gitdir:` elsewhere
  } catch {
    return undefined;
  }
  const r = readBytes(path.join(git, 'index'), MAX_INDEX_BYTES);
  if (!('bytes' in r)) return undefined;
  return parseIndex(r.bytes, 20) ?? parseIndex(r.bytes, 32); // SHA-1, else SHA-256 object names
}

/** Parses index versions 2 to 4 (git's index-format documentation); undefined when anything does not add up. */
export function parseIndex(b: Buffer, hashLength: 20 | 32): Tracked | undefined {
  if (b.length < 12 + hashLength || b.toString('latin1', 0, 4) !== 'DIRC') return undefined;
  const version = b.readUInt32BE(4);
  const count = b.readUInt32BE(8);
  if (version < 2 || version > 4 || count > b.length / 40) return undefined;
  const files = new Set<string>();
  const dirs: string[] = [];
  const end = b.length - hashLength; // the trailing checksum
  let at = 12;
  let previous = '';
  const fixed = 40 + hashLength + 2;
  for (let n = 0; n < count; n++) {
    if (at + fixed > end) return undefined;
    const start = at;
    const mode = b.readUInt32BE(at + 24);
    const flags = b.readUInt16BE(at + 40 + hashLength);
    at += fixed;
    if (flags & 0x4000) {
      if (version < 3) return undefined;
      at += 2;
    }
    let name: string;
    if (version === 4) {
      // the number of bytes to drop from the end of the previous name (git's offset varint), then the rest
      let byte = b[at++];
      let strip = byte & 127;
      while (byte & 128) {
        if (at >= end || strip > 1 << 24) return undefined;
        byte = b[at++];
        strip = ((strip + 1) << 7) | (byte & 127);
      }
      const nul = b.indexOf(0, at);
      if (nul < 0 || nul >= end || strip > Buffer.byteLength(previous)) return undefined;
      const prev = Buffer.from(previous);
      name = Buffer.concat([prev.subarray(0, prev.length - strip), b.subarray(at, nul)]).toString('utf8');
      at = nul + 1;
    } else {
      const nul = b.indexOf(0, at);
      if (nul < 0 || nul >= end) return undefined;
      name = b.toString('utf8', at, nul);
      // padded with 1 to 8 NULs to a multiple of eight bytes from the entry's start
      at = start + ((nul - start + 8) & ~7);
      if (at > end) return undefined;
    }
    if (!name || name.startsWith('/') || name.includes('\0')) return undefined;
    if ((mode & 0o170000) === 0o040000 && name.endsWith('/')) dirs.push(name.slice(0, -1));
    else files.add(name);
    previous = name;
  }
  // extensions: a split index keeps its entries in another file this reader does not follow
  while (at + 8 <= end) {
    const sig = b.toString('latin1', at, at + 4);
    const size = b.readUInt32BE(at + 4);
    if (sig === 'link') return undefined;
    at += 8 + size;
  }
  if (at !== end) return undefined;
  return { files, dirs };
}

/** Is the path (relative to the work tree's top, `/`-separated) tracked, or a folder that holds tracked files? */
export function isTracked(t: Tracked, rel: string, dir: boolean): boolean {
  if (t.files.has(rel)) return true;
  if (t.dirs.some((d) => rel === d || rel.startsWith(d + '/') || (dir && d.startsWith(rel + '/')))) return true;
  if (!dir) return false;
  let prefixes = DIR_PREFIXES.get(t);
  if (!prefixes) {
    prefixes = new Set();
    for (const f of t.files) for (let i = f.indexOf('/'); i > 0; i = f.indexOf('/', i + 1)) prefixes.add(f.slice(0, i));
    DIR_PREFIXES.set(t, prefixes);
  }
  return prefixes.has(rel);
}
const DIR_PREFIXES = new WeakMap<Tracked, Set<string>>();

/** The nearest folder at or above `dir` that holds `.git`, or undefined. Cached per folder. */
export function gitRoot(dir: string, cache = new Map<string, string | undefined>()): string | undefined {
  const visited: string[] = [];
  let found: string | undefined;
  for (let d = path.resolve(dir); ;) {
    if (cache.has(d)) {
      found = cache.get(d);
      break;
    }
    visited.push(d);
    if (fs.existsSync(path.join(d, '.git'))) {
      found = d;
      break;
    }
    const parent = path.dirname(d);
    if (parent === d) break;
    d = parent;
  }
  for (const v of visited) cache.set(v, found);
  return found;
}
