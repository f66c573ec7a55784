// The entry of the extension in the second web run (test/vscode/run.mjs): registers an in-memory file system,
// `memfs:`, holding the test workspace, then activates the built extension (dist/web/extension.js, bundled here
// unchanged), which can only reach the workspace's files through `vscode.workspace.fs`. The files are put in at
// bundling (__FIXTURES__: relative path -> text). Changes fire the provider's events, which is what file watchers
// on a virtual file system see.
import * as vscode from 'vscode';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const extension = require('../../../dist/web/extension.js') as {
  activate(context: vscode.ExtensionContext): Promise<unknown>;
  deactivate(): Promise<void>;
};

declare const __FIXTURES__: Record<string, string>;

interface Entry {
  type: vscode.FileType;
  ctime: number;
  mtime: number;
  data?: Uint8Array;
}

class MemFs implements vscode.FileSystemProvider {
  private readonly entries = new Map<string, Entry>([['/', { type: vscode.FileType.Directory, ctime: 0, mtime: 0 }]]);
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;

  constructor(files: Record<string, string>) {
    for (const [rel, text] of Object.entries(files)) this.put(`/workspace/${rel}`, new TextEncoder().encode(text));
  }

  private parent(p: string): string {
    return p.slice(0, p.lastIndexOf('/')) || '/';
  }
  private put(p: string, data: Uint8Array): vscode.FileChangeType {
    for (let d = this.parent(p); !this.entries.has(d); d = this.parent(d))
      this.entries.set(d, { type: vscode.FileType.Directory, ctime: Date.now(), mtime: Date.now() });
    const existed = this.entries.has(p);
    this.entries.set(p, { type: vscode.FileType.File, ctime: Date.now(), mtime: Date.now(), data });
    return existed ? vscode.FileChangeType.Changed : vscode.FileChangeType.Created;
  }
  private get(uri: vscode.Uri): Entry {
    const e = this.entries.get(uri.path);
    if (!e) throw vscode.FileSystemError.FileNotFound(uri);
    return e;
  }
  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }
  stat(uri: vscode.Uri): vscode.FileStat {
    const e = this.get(uri);
    return { type: e.type, ctime: e.ctime, mtime: e.mtime, size: e.data?.byteLength ?? 0 };
  }
  readDirectory(uri: vscode.Uri): [string, vscode.FileType][] {
    this.get(uri);
    const prefix = uri.path === '/' ? '/' : `${uri.path}/`;
    const out: [string, vscode.FileType][] = [];
    for (const [p, e] of this.entries)
      if (p !== '/' && p.startsWith(prefix) && !p.slice(prefix.length).includes('/'))
        out.push([p.slice(prefix.length), e.type]);
    return out;
  }
  createDirectory(uri: vscode.Uri): void {
    this.entries.set(uri.path, { type: vscode.FileType.Directory, ctime: Date.now(), mtime: Date.now() });
    this.emitter.fire([{ type: vscode.FileChangeType.Created, uri }]);
  }
  readFile(uri: vscode.Uri): Uint8Array {
    const e = this.get(uri);
    if (!e.data) throw vscode.FileSystemError.FileIsADirectory(uri);
    return e.data;
  }
  writeFile(uri: vscode.Uri, content: Uint8Array): void {
    const type = this.put(uri.path, content);
    this.emitter.fire([{ type, uri }]);
  }
  delete(uri: vscode.Uri): void {
    this.get(uri);
    for (const p of [...this.entries.keys()])
      if (p === uri.path || p.startsWith(`${uri.path}/`)) this.entries.delete(p);
    this.emitter.fire([{ type: vscode.FileChangeType.Deleted, uri }]);
  }
  rename(from: vscode.Uri, to: vscode.Uri): void {
    const data = this.readFile(from);
    this.delete(from);
    this.writeFile(to, data);
  }
}

export function activate(context: vscode.ExtensionContext): Promise<unknown> {
  context.subscriptions.push(
    vscode.workspace.registerFileSystemProvider('memfs', new MemFs(__FIXTURES__), { isCaseSensitive: true }),
  );
  return extension.activate(context);
}

export function deactivate(): Promise<void> {
  return extension.deactivate();
}
