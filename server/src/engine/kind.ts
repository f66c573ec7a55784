// What kind of file a text is: a Dockerfile or a Compose file, by name and then by content (linear scans: the
// content is anything a repository holds).
import * as path from 'node:path';
import { isComposeFileName } from './model/compose/project';
import type { Kind } from './types';
import { isDaemonJson, isDockerUnitPath } from './model/daemon/config';
import { runForm } from './model/run/sources';

export function isDockerfileName(name: string): boolean {
  return /^(Dockerfile|Containerfile)(\..+)?$/i.test(name) || /\.(dockerfile|containerfile)$/i.test(name);
}

/**
 * A dev container configuration: `.devcontainer.json`, `.devcontainer/devcontainer.json` and
 * `.devcontainer/<name>/devcontainer.json` (named explicitly, any `devcontainer.json`).
 */
export function isDevcontainerPath(file: string, explicit = false): boolean {
  const name = path.basename(file);
  if (name === '.devcontainer.json') return true;
  if (name !== 'devcontainer.json') return false;
  if (explicit) return true;
  const parts = file.split(/[\\/]/);
  return parts[parts.length - 2] === '.devcontainer' || parts[parts.length - 3] === '.devcontainer';
}

/** Decides the kind of a file from its name, then its content. */
export function detectKind(file: string, text: string, explicit = false): Kind | undefined {
  const name = path.basename(file);
  if (isDockerfileName(name)) return 'dockerfile';
  if (isComposeFileName(name)) return 'compose';
  if (isDevcontainerPath(file, explicit)) return 'devcontainer';
  if (name === 'daemon.json') return isDaemonJson(text) ? 'daemon' : undefined;
  if (isDockerUnitPath(file)) return 'daemon';
  // command lines: scripts, Makefiles, workflows, Markdown (and a file without an extension, by its shebang)
  if (runForm(file, text)) return 'run';
  if (!explicit) return undefined;
  const head = text.replace(/^\uFEFF/, '');
  if (startsLikeDockerfile(head)) return 'dockerfile';
  if (hasTopLevelServices(head)) return 'compose';
  if (/\.ya?ml$/i.test(name) && looksLikeLegacyCompose(head)) return 'compose';
  return undefined;
}

/** The first line that is neither blank nor a comment (parser directives are comments) starts with FROM or ARG. */
function startsLikeDockerfile(text: string): boolean {
  for (let i = 0; i < text.length;) {
    let e = text.indexOf('\n', i);
    if (e < 0) e = text.length;
    const line = text.slice(i, e).trim();
    if (line !== '' && !line.startsWith('#')) return /^(FROM|ARG)\s/i.test(text.slice(i, e).trimStart() + '\n');
    i = e + 1;
  }
  return false;
}

/** A line that starts with `services:` (the key possibly quoted): a Compose file's top-level services. */
function hasTopLevelServices(text: string): boolean {
  for (let i = 0; i < text.length;) {
    let e = text.indexOf('\n', i);
    if (e < 0) e = text.length;
    if (/^["']?services["']?[ \t]*:/.test(text.slice(i, Math.min(e, i + 64)))) return true;
    i = e + 1;
  }
  return false;
}

/**
 * A text that is not linted: too large. Returns the reason, or undefined. (Content never makes a file skipped: a
 * NUL byte or invalid UTF-8 in a Dockerfile would otherwise let it past a CI gate; such text is linted as it is.)
 */
export function skipReason(text: string, maxSize: number): string | undefined {
  if (text.length > maxSize) return `the file is larger than ${maxSize} bytes (maxFileSize); it was not analysed`;
  return undefined;
}

/**
 * A legacy (version 1) Compose file, by a cheap look: the first line that is not blank or a comment is a top-level
 * key on its own (`web:`), and some indented line sets `image` or `build`. (The Compose model decides for sure.)
 */
function looksLikeLegacyCompose(text: string): boolean {
  let first = true;
  for (let i = 0; i < text.length;) {
    let e = text.indexOf('\n', i);
    if (e < 0) e = text.length;
    const line = text.slice(i, Math.min(e, i + 200));
    i = e + 1;
    if (first) {
      if (/^\s*(#.*)?$/.test(line)) continue;
      if (!/^[A-Za-z0-9_.-]+:[ \t]*(#.*)?\r?$/.test(line)) return false;
      first = false;
      continue;
    }
    if (/^[ \t]+(image|build)[ \t]*:/.test(line)) return true;
  }
  return false;
}
