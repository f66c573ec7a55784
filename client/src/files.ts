// The web client's answers to the server's file requests (shared/protocol.ts FILE_REQUESTS): a language server in a
// web worker has no file system, so it asks the editor, which reads through `vscode.workspace.fs` (github.dev's
// repository, vscode.dev's folders, any file system an extension registers). Reads stay bounded: a file larger
// than asked is refused by its reported size before it is read, and by its byte count after; only files are read.
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { FILE_REQUESTS, LINTED_FILES_GLOB, MAX_FOUND, MAX_LISTED, SKIP_DIRS } from '../../server/src/shared/protocol';
import { decode, type ReadResult } from '../../server/src/shared/read';

function errorOf(e: unknown): ReadResult {
  if (e instanceof vscode.FileSystemError && (e.code === 'FileNotFound' || e.code === 'EntryNotFound'))
    return { error: 'no such file', reason: 'missing' };
  if (e instanceof vscode.FileSystemError && e.code === 'NoPermissions')
    return { error: 'permission denied', reason: 'skipped' };
  return { error: `cannot read (${e instanceof Error ? e.message : String(e)})`, reason: 'skipped' };
}

export async function readBounded(uri: vscode.Uri, maxBytes: number): Promise<ReadResult> {
  try {
    const st = await vscode.workspace.fs.stat(uri);
    if (!(st.type & vscode.FileType.File)) return { error: 'not a regular file; not read', reason: 'skipped' };
    const tooLarge: ReadResult = {
      error: `larger than ${maxBytes} bytes (maxFileSize); not analysed`,
      reason: 'skipped',
    };
    if (st.size > maxBytes) return tooLarge;
    const bytes = await vscode.workspace.fs.readFile(uri);
    if (bytes.byteLength > maxBytes) return tooLarge;
    const link = (st.type & vscode.FileType.SymbolicLink) !== 0;
    return link ? { ...decode(bytes), link } : decode(bytes);
  } catch (e) {
    return errorOf(e);
  }
}

async function list(uri: vscode.Uri): Promise<{ name: string; dir: boolean }[] | null> {
  try {
    const entries = await vscode.workspace.fs.readDirectory(uri);
    // links are reported as files and never followed (as on disk)
    return entries.slice(0, MAX_LISTED).map(([name, type]) => ({ name, dir: type === vscode.FileType.Directory }));
  } catch {
    return null;
  }
}

/** How long the editor's file search may take to start answering before the folders are listed instead. */
const SEARCH_WAIT_MS = 5000;
/** File systems whose search did not answer: their folders are listed from then on. */
const noSearch = new Set<string>();

/**
 * The lintable files under a folder. The editor's file search first (github.dev's repository has one, and the
 * editor's files.exclude applies); a file system that has no search provider makes the search wait for one, so
 * after SEARCH_WAIT_MS, or if it fails, the folders are listed instead (every file: the server keeps the lintable
 * ones and applies files.exclude and its own excludes).
 */
async function find(folder: vscode.Uri, max: number): Promise<vscode.Uri[]> {
  if (noSearch.has(folder.scheme)) return listTree(folder, max);
  const source = new vscode.CancellationTokenSource();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), SEARCH_WAIT_MS)));
  try {
    const search = vscode.workspace.findFiles(
      new vscode.RelativePattern(folder, LINTED_FILES_GLOB),
      undefined,
      max,
      source.token,
    );
    const found = await Promise.race([Promise.resolve(search), timeout]);
    if (found) return found;
    noSearch.add(folder.scheme);
  } catch {
    noSearch.add(folder.scheme); // no search on this file system: list the folders, now and from now on
  } finally {
    clearTimeout(timer);
    source.cancel();
    source.dispose();
  }
  return listTree(folder, max);
}

/** Every file under a folder, breadth first, skipping the folders the disk walk skips; at most `max`. */
async function listTree(folder: vscode.Uri, max: number): Promise<vscode.Uri[]> {
  const out: vscode.Uri[] = [];
  const queue = [folder];
  let listed = 0;
  while (queue.length && out.length < max && listed < MAX_FOUND) {
    const dir = queue.shift()!;
    listed++;
    let entries: [string, vscode.FileType][];
    try {
      entries = await vscode.workspace.fs.readDirectory(dir);
    } catch {
      continue;
    }
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [name, type] of entries.slice(0, MAX_LISTED)) {
      const uri = vscode.Uri.joinPath(dir, name);
      // links are not followed (type has the SymbolicLink bit): a link to a folder is not entered
      if (type === vscode.FileType.Directory) {
        if (!SKIP_DIRS.has(name)) queue.push(uri);
      } else if (type & vscode.FileType.File && out.length < max) out.push(uri);
    }
  }
  return out;
}

/** Parses a URI the server sent; anything else is refused. */
function parse(uri: unknown): vscode.Uri | undefined {
  if (typeof uri !== 'string') return undefined;
  try {
    return vscode.Uri.parse(uri, true);
  } catch {
    return undefined;
  }
}

export function answerFileRequests(client: BaseLanguageClient): vscode.Disposable[] {
  return [
    client.onRequest(FILE_REQUESTS.read, async (p: { files?: { uri?: unknown; maxBytes?: unknown }[] }) =>
      Promise.all(
        (p.files ?? []).map(async (f): Promise<ReadResult> => {
          const uri = parse(f.uri);
          const max = typeof f.maxBytes === 'number' && f.maxBytes >= 0 ? f.maxBytes : 0;
          return uri ? readBounded(uri, max) : { error: 'not a URI', reason: 'skipped' };
        }),
      ),
    ),
    client.onRequest(FILE_REQUESTS.list, async (p: { uris?: unknown[] }) =>
      Promise.all(
        (p.uris ?? []).map(async (u) => {
          const uri = parse(u);
          return uri ? list(uri) : null;
        }),
      ),
    ),
    client.onRequest(FILE_REQUESTS.find, async (p: { folder?: unknown; maxResults?: unknown }) => {
      const folder = parse(p.folder);
      if (!folder) return [];
      const max = typeof p.maxResults === 'number' ? Math.min(p.maxResults, MAX_FOUND) : MAX_FOUND;
      return (await find(folder, max)).map((u) => u.toString());
    }),
    client.onRequest(FILE_REQUESTS.stat, async (p: { uri?: unknown }) => {
      const uri = parse(p.uri);
      if (!uri) return null;
      try {
        const st = await vscode.workspace.fs.stat(uri);
        return st.type & vscode.FileType.Directory ? 'folder' : 'file';
      } catch {
        return null;
      }
    }),
  ];
}
