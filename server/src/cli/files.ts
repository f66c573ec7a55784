// File discovery and reading for the CLI (and the language server's workspace scan).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDockerfileName } from '../engine/lint';
import { isComposeFileName } from '../engine/model/compose/project';
import { globToRegExp } from '../engine/text';
import type { Host } from '../engine/types';

export const SKIP_DIRS = new Set(['.git', 'node_modules', '.hg', '.svn']);

export interface WalkIssue { path: string; message: string }

export function isLintableName(name: string): boolean { return isDockerfileName(name) || isComposeFileName(name); }

/** Walks a directory for Dockerfiles and Compose files; follows no symlinked directories twice (loops are reported). */
export function walk(root: string, exclude: RegExp[], issues: WalkIssue[], baseForExclude = root): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (dir: string) => {
    let real: string;
    try { real = fs.realpathSync(dir); } catch (e) { issues.push({ path: dir, message: `cannot resolve: ${(e as Error).message}` }); return; }
    if (seen.has(real)) { issues.push({ path: dir, message: 'symlink loop or repeated directory; skipped' }); return; }
    seen.add(real);
    let entries: fs.Dirent[];
    try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch (e) { issues.push({ path: dir, message: `cannot read directory: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` }); return; }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const ent of entries) {
      const p = path.join(dir, ent.name);
      const rel = path.relative(baseForExclude, p).split(path.sep).join('/');
      if (exclude.some((r) => r.test(rel))) continue;
      let isDir = ent.isDirectory();
      let isFile = ent.isFile();
      if (ent.isSymbolicLink()) {
        try { const st = fs.statSync(p); isDir = st.isDirectory(); isFile = st.isFile(); } catch { if (isLintableName(ent.name)) issues.push({ path: p, message: 'broken symlink; skipped' }); continue; }
      }
      if (isDir) { if (!SKIP_DIRS.has(ent.name)) visit(p); continue; }
      if (isFile && isLintableName(ent.name)) out.push(p);
    }
  };
  visit(root);
  return out;
}

export function excludeMatchers(globs: string[]): RegExp[] { return globs.map(globToRegExp); }

export type ReadResult = { text: string } | { error: string };

/** Reads a file as UTF-8; refuses invalid UTF-8 and files larger than maxBytes (without reading them whole). */
export function readText(file: string, maxBytes: number): ReadResult {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return { error: 'not a regular file' };
    if (st.size > maxBytes) return { error: `larger than ${maxBytes} bytes (maxFileSize); skipped` };
    const buf = fs.readFileSync(file);
    if (buf.includes(0)) return { error: 'binary file (contains NUL bytes); skipped' };
    try {
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf) };
    } catch {
      return { error: 'not valid UTF-8; skipped' };
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { error: code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : `cannot read: ${(e as Error).message}` };
  }
}

/** A Host over the file system with a small text cache (files read for extends/override resolution). */
export function fsHost(maxBytes: number, overlay?: (p: string) => string | undefined): Host & { forget(p: string): void } {
  const cache = new Map<string, string | undefined>();
  return {
    readFile(p: string) {
      const o = overlay?.(p);
      if (o !== undefined) return o;
      if (cache.has(p)) return cache.get(p);
      const r = readText(p, maxBytes);
      const t = 'text' in r ? r.text : undefined;
      if (cache.size > 5000) cache.clear();
      cache.set(p, t);
      return t;
    },
    forget(p: string) { cache.delete(p); },
  };
}
