// Baselines: today's findings recorded once, so that CI (and the editor) report only what is new. A finding's
// fingerprint is what it is about, not where it is: the rule, the file (relative to the baseline), where in the
// file (a Compose file's key path, `services.web.environment.DB_PASSWORD`; a Dockerfile's stage and instruction),
// the text the finding covers (its key and value, whitespace folded) and which occurrence of those it is. Adding,
// removing or moving unrelated lines leaves it unchanged. Pure: the caller reads and writes the file.
import { findNodeAtOffset, getNodePath } from 'jsonc-parser';
import { parseJsonc } from './sources/devcontainer/parse';
import * as path from 'node:path';
import { relativeSlashed } from './vocabulary/paths';
import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import { parseYaml } from './sources/compose/yaml';
import type { ParseCache } from './sources/compose/project';
import { parseDockerfile } from './sources/dockerfile/model';
import type { Finding, LintResult } from './types';

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  /** Path relative to the baseline file's folder, `/`-separated. */
  file: string;
  ruleId: string;
  fingerprint: string;
  /** For people reading the file; not used for matching. */
  message: string;
}

export interface BaselineFile {
  version: number;
  findings: BaselineEntry[];
}

/** The most entries a baseline may hold (a bound on what reading one may cost). */
export const MAX_BASELINE_ENTRIES = 200_000;

/** 64-bit FNV-1a of a string, as 16 hex digits (stable across platforms and versions; not a security hash). */
function fnv64(s: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0xcbf29ce4;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ (c + i), 0x01000193) >>> 0;
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}

/** Where in the file a finding is, as a path that does not depend on line numbers. */
function anchors(kind: LintResult['kind'], file: string, text: string, cache?: ParseCache): (offset: number) => string {
  if (kind === 'compose') {
    const doc = (cache ? cache.get(file, text) : parseYaml(file, text)).doc;
    return (offset) => {
      const keys: string[] = [];
      let node: Node | null | undefined = doc.contents;
      for (let depth = 0; node && depth < 64; depth++) {
        if (isMap(node)) {
          const pair = node.items.find((p) => {
            const k = p.key as Node | null;
            const v = p.value as Node | null;
            const start = k?.range?.[0] ?? v?.range?.[0] ?? -1;
            const end = v?.range?.[1] ?? k?.range?.[1] ?? -1;
            return start <= offset && offset <= end;
          });
          if (!pair || !isPair(pair)) break;
          keys.push(isScalar(pair.key) ? String(pair.key.value) : '?');
          node = pair.value as Node | null;
        } else if (isSeq(node)) {
          const item: Node | undefined = (node.items as Node[]).find(
            (i) => !!i?.range && i.range[0] <= offset && offset <= i.range[1],
          );
          if (!item) break;
          keys.push('[]');
          node = item;
        } else break;
      }
      return keys.join('.');
    };
  }
  if (kind === 'dockerfile') {
    const m = parseDockerfile(file, text);
    return (offset) => {
      const i = m.instructions.find((x) => x.start <= offset && offset <= x.end);
      if (!i) return '';
      return `${i.stage.name ?? `stage${i.stage.index}`}.${i.keyword}`;
    };
  }
  if (kind === 'devcontainer' || (kind === 'daemon' && file.endsWith('.json'))) {
    const root = parseJsonc(file, text).root;
    return (offset) => {
      const n = root && findNodeAtOffset(root, offset);
      return n
        ? getNodePath(n)
            .map((k) => (typeof k === 'number' ? '[]' : k))
            .join('.')
        : '';
    };
  }
  return () => '';
}

/**
 * One fingerprint per finding of `result` (same order). `file` is the path the baseline records (relative to it);
 * `text` the file's text the result was computed on; `cache`: the parse cache the lint used (the editor's), so that
 * the Compose file is not parsed a second time.
 */
export function fingerprints(result: LintResult, text: string, file: string, cache?: ParseCache): string[] {
  if (!result.findings.length) return [];
  let where: (offset: number) => string;
  try {
    where = anchors(result.kind, result.file, text, cache);
  } catch {
    where = () => ''; // a file that does not parse: the snippet alone
  }
  const seen = new Map<string, number>();
  return result.findings.map((f: Finding) => {
    const snippet = text
      .slice(f.start, Math.min(f.end, f.start + 500))
      .replace(/\s+/g, ' ')
      .trim();
    const base = `${f.ruleId}\u0000${file}\u0000${where(f.start)}\u0000${snippet}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return fnv64(`${base}\u0000${n}`);
  });
}

/** A baseline file's text from entries (sorted, so that it diffs well). */
export function renderBaseline(entries: BaselineEntry[]): string {
  const sorted = [...entries].sort(
    (a, b) =>
      a.file.localeCompare(b.file) || a.ruleId.localeCompare(b.ruleId) || a.fingerprint.localeCompare(b.fingerprint),
  );
  const out: BaselineFile = { version: BASELINE_VERSION, findings: sorted };
  return JSON.stringify(out, null, 2) + '\n';
}

/** A baseline larger than this is refused rather than read. */
export const MAX_BASELINE_BYTES = 64 * 1024 * 1024;

/** The set of `file\0fingerprint` keys a baseline holds, or an error that says what is wrong with it. */
export function parseBaseline(text: string): { keys: Set<string> } | { error: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { error: 'not valid JSON' };
  }
  const d = data as Partial<BaselineFile> | null;
  if (!d || typeof d !== 'object' || d.version !== BASELINE_VERSION || !Array.isArray(d.findings))
    return { error: `not a version ${BASELINE_VERSION} baseline (expected { "version": 1, "findings": [...] })` };
  if (d.findings.length > MAX_BASELINE_ENTRIES) return { error: `more than ${MAX_BASELINE_ENTRIES} findings; refused` };
  const keys = new Set<string>();
  for (const e of d.findings as unknown[]) {
    const x = e as Partial<BaselineEntry> | null;
    if (!x || typeof x.file !== 'string' || typeof x.fingerprint !== 'string')
      return { error: 'an entry without file and fingerprint' };
    keys.add(baselineKey(x.file, x.fingerprint));
  }
  return { keys };
}

/** The path a baseline records for `file`: relative to the baseline's folder, `/`-separated. */
export function baselineRelative(baseline: string, file: string): string {
  return relativeSlashed(path.dirname(baseline), file);
}

export function baselineKey(file: string, fingerprint: string): string {
  return `${file}\u0000${fingerprint}`;
}
