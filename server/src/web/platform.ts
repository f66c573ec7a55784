// The language server's files in a browser (vscode.dev, github.dev; see lsp/platform.ts): every URI the editor
// has (vscode-vfs:, vscode-remote:, memfs:, file:) is a path for the engine, and every read is a request to the
// client, which reads through the editor's file system. The engine's host answers from what was fetched and records
// what it lacked; the server fetches that and runs the analysis again.
import * as path from 'node:path';
import type { Connection } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { CONFIG_MAX_BYTES, defaultConfig, isInside, MAX_BASELINE_BYTES, matchesAny, type DirEntry } from '../engine';
import { isLintablePath, leftOutUnder, SKIP_DIRS } from '../engine/walk';
import type { Platform, ServerHost } from '../lsp/platform';
import { FILE_REQUESTS, MAX_FOUND } from '../shared/protocol';
import type { ReadResult } from '../shared/read';

/**
 * A URI as a path: the scheme and authority become the first segment (`/vscode-vfs:github/owner/repo/compose.yaml`,
 * `/memfs:/ws/Dockerfile`), so that paths of different file systems never meet and `..` never leaves one.
 */
export function uriToPath(uri: string): string | undefined {
  let u: URI;
  try {
    u = URI.parse(uri, true);
  } catch {
    return undefined;
  }
  if (u.scheme === 'untitled' || !u.path.startsWith('/')) return undefined;
  return `/${u.scheme}:${encodeURIComponent(u.authority)}${path.normalize(u.path)}`;
}

export function pathToUri(p: string): string {
  const slash = p.indexOf('/', 1);
  const head = p.slice(1, slash < 0 ? undefined : slash);
  const colon = head.indexOf(':');
  const rest = slash < 0 ? '/' : p.slice(slash);
  return URI.from({
    scheme: head.slice(0, colon),
    authority: decodeURIComponent(head.slice(colon + 1)),
    path: rest,
  }).toString();
}

/**
 * A read result as the client sent it, checked: a text within the bound (UTF-8 never has fewer bytes than UTF-16
 * code units, so a longer text came from more bytes than asked), or why not.
 */
function checked(r: unknown, maxBytes: number): ReadResult {
  const o = (r ?? {}) as Record<string, unknown>;
  if (typeof o.text === 'string') {
    if (o.text.length > maxBytes)
      return { error: `larger than ${maxBytes} bytes (maxFileSize); not analysed`, reason: 'skipped' };
    const ok: ReadResult = { text: o.text, bom: o.bom === true, invalidUtf8: o.invalidUtf8 === true };
    return o.link === true ? { ...ok, link: true } : ok;
  }
  return {
    error: typeof o.error === 'string' ? o.error : 'the editor did not give the file',
    reason: o.reason === 'missing' ? 'missing' : 'skipped',
  };
}

/** The bound files read ahead are read with (the default maxFileSize; a config's larger bound reads again). */
const READ_AHEAD_BYTES = defaultConfig().maxFileSize;

/** How many fetched files and folder listings are kept (files read for other files: overrides, `.env`, ...). */
const MAX_CACHED = 5000;

export function webPlatform(connection: Connection): Platform {
  const texts = new Map<string, ReadResult>();
  const lists = new Map<string, DirEntry[] | null>();
  /** How many times each file was forgotten (changed): a baseline's stamp. */
  const stamps = new Map<string, number>();
  let wantRead = new Map<string, number>();
  let wantList = new Set<string>();
  let overlay: (p: string) => string | undefined = () => undefined;
  /** Files the scan asked for ahead (one request for many), taken by `read`. */
  let ahead = new Map<string, Promise<ReadResult>>();

  const cached = (p: string, max: number): ReadResult | undefined => {
    const r = texts.get(p);
    if (r === undefined) wantRead.set(p, Math.max(max, wantRead.get(p) ?? 0));
    return r;
  };
  const request = <T>(method: string, params: unknown): Promise<T> => connection.sendRequest<T>(method, params);
  const readMany = async (files: { uri: string; maxBytes: number }[]): Promise<ReadResult[]> => {
    try {
      const r = await request<unknown>(FILE_REQUESTS.read, { files });
      if (Array.isArray(r) && r.length === files.length) return r.map((x, i) => checked(x, files[i].maxBytes));
    } catch {
      // a client that does not answer: nothing can be read
    }
    return files.map((): ReadResult => ({ error: 'the editor did not give the file', reason: 'skipped' }));
  };

  return {
    name: 'web worker',
    uriToPath,
    pathToUri,
    host(maxBytes, ov, top): ServerHost {
      overlay = ov;
      return {
        top,
        readFile(p) {
          const o = ov(p);
          if (o !== undefined) return o;
          const r = cached(p, maxBytes(p));
          return r && 'text' in r ? r.text : undefined;
        },
        listDir(dir) {
          if (lists.has(dir)) return lists.get(dir) ?? undefined;
          wantList.add(dir);
          return undefined;
        },
        forget(p) {
          texts.delete(p);
          lists.delete(p);
          lists.delete(path.dirname(p));
          stamps.set(p, (stamps.get(p) ?? 0) + 1);
        },
      };
    },
    configAccess: {
      exists(p) {
        if (overlay(p) !== undefined) return true;
        const r = cached(p, CONFIG_MAX_BYTES);
        return r === undefined ? undefined : 'text' in r || r.reason === 'skipped';
      },
      readText(p, max) {
        const o = overlay(p);
        if (o !== undefined) return { text: o, bom: false, invalidUtf8: false };
        return cached(p, max);
      },
      // a config file changes which rules run: one the editor's file system reports as a link (where it leads
      // cannot be checked from here, as it is on disk) is not read
      refusal(file) {
        const r = texts.get(file);
        return r && 'text' in r && r.link ? 'the config file is a link; not read' : undefined;
      },
    },
    async read(p, maxBytes) {
      const early = ahead.get(p);
      if (early) {
        ahead.delete(p);
        const r = await early;
        // read ahead with the default bound: a file it refused as larger may be within this one's config bound
        if ('text' in r) return r.text.length > maxBytes ? checked(r, maxBytes) : r;
        if (!(r.error.startsWith('larger than') && maxBytes > READ_AHEAD_BYTES)) return r;
      }
      return (await readMany([{ uri: pathToUri(p), maxBytes }]))[0];
    },
    readAhead(paths) {
      ahead = new Map(); // what the last batch left (files opened meanwhile) is dropped
      if (!paths.length) return;
      const batch = readMany(paths.map((p) => ({ uri: pathToUri(p), maxBytes: READ_AHEAD_BYTES })));
      paths.forEach((p, i) =>
        ahead.set(
          p,
          batch.then((r) => r[i]),
        ),
      );
    },
    async walk(dir, root, exclude, issues, stale, leave) {
      let uris: string[] = [];
      try {
        uris = await request<string[]>(FILE_REQUESTS.find, { folder: pathToUri(dir), maxResults: MAX_FOUND });
      } catch (e) {
        issues.push({ path: dir, message: `the editor did not list the folder's files (${String(e)})` });
      }
      if (stale()) return undefined;
      if (uris.length >= MAX_FOUND)
        issues.push({ path: dir, message: `more than ${MAX_FOUND} files match; the first ones are linted` });
      const out: string[] = [];
      for (const u of Array.isArray(uris) ? uris : []) {
        const p = typeof u === 'string' ? uriToPath(u) : undefined;
        if (!p || !isInside(p, dir) || !isLintablePath(p)) continue;
        const rel = path.relative(root, p);
        if (rel.split('/').some((s) => SKIP_DIRS.has(s)) || matchesAny(exclude, rel)) continue;
        if (leave && leftOutUnder(p, root, leave)) continue;
        out.push(p);
      }
      // the disk walk's order: depth-first by name
      return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    },
    // by name only: a file without an extension is not fetched to look for a shebang (every one would be a request)
    lintable: (p) => Promise.resolve(isLintablePath(p)),
    async stat(p) {
      try {
        const r = await request<'file' | 'folder' | null>(FILE_REQUESTS.stat, { uri: pathToUri(p) });
        return r ?? undefined;
      } catch {
        return undefined;
      }
    },
    stamp(p) {
      const r = cached(p, MAX_BASELINE_BYTES); // only baselines are stamped
      if (r === undefined) return undefined;
      return 'text' in r ? `v${stamps.get(p) ?? 0}` : 'missing';
    },
    missing: () => wantRead.size > 0 || wantList.size > 0,
    async fetchMissing() {
      const reads = [...wantRead];
      const dirs = [...wantList];
      wantRead = new Map();
      wantList = new Set();
      if (texts.size + reads.length > MAX_CACHED) texts.clear();
      if (lists.size + dirs.length > MAX_CACHED) lists.clear();
      const [results, listings] = await Promise.all([
        reads.length ? readMany(reads.map(([p, maxBytes]) => ({ uri: pathToUri(p), maxBytes }))) : [],
        dirs.length
          ? request<(DirEntry[] | null)[]>(FILE_REQUESTS.list, { uris: dirs.map(pathToUri) }).catch(() => [])
          : [],
      ]);
      reads.forEach(([p], i) => texts.set(p, results[i]));
      dirs.forEach((d, i) => lists.set(d, Array.isArray(listings) ? (listings[i] ?? null) : null));
    },
  };
}
