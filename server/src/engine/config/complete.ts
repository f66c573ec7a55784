// Completion in `.docker-security-lint.yaml`, from the line being typed and the keys above it: top-level keys,
// rule ids under `rules:`, severities, profiles, fix keys. Line-based on purpose: it must work on a half-written
// file that does not parse.
import { allMeta, knownRuleOptions } from '../rules/index';
import { PROFILES } from '../types';
import { SEVERITIES } from './config';
import type { LineIndex } from '../text';

export interface ConfigCompletion {
  label: string;
  kind: 'key' | 'value';
  detail?: string;
}

const TOP: Record<string, string> = {
  profile: 'recommended | strict: which findings are reported',
  rules: 'severity (and options) per rule id',
  exclude: 'glob patterns of files not to lint, relative to this file',
  fixes: 'the values fixes write: memory, cpus, pids, user',
  maxFileSize: 'files larger than this many bytes are skipped',
  skipped: 'how a skipped file counts in the exit code: error | warn | ignore',
  compose: 'files: the sets of Compose files your deployment merges',
  baseline: 'a baseline file written by --write-baseline',
};
const FIX_KEYS: Record<string, string> = {
  memory: 'a size such as 512M',
  cpus: 'a number such as 1.0',
  pids: 'a positive whole number',
  user: 'a non-root user[:group]',
};

const indentOf = (s: string) => /^ */.exec(s)![0].length;

/** The key of the mapping the line at `line` (with `indent`) belongs to, or '' at the top. */
function parentKey(index: LineIndex, line: number, indent: number): string {
  for (let l = line - 1; l >= 0; l--) {
    const t = index.lineText(l);
    if (!t.trim() || t.trim().startsWith('#')) continue;
    const ind = indentOf(t);
    if (ind < indent) return /^\s*([^\s:#]+)\s*:/.exec(t)?.[1] ?? '';
    if (ind === 0 && indent === 0) return '';
  }
  return '';
}

export function configCompletions(index: LineIndex, line: number, character: number): ConfigCompletion[] {
  const before = index.lineText(line).slice(0, character);
  const indent = indentOf(before);
  const parent = indent ? parentKey(index, line, indent) : '';
  const value = /^\s*([^\s:#]+)\s*:\s*[\w-]*$/.exec(before);
  if (value) {
    const key = value[1];
    if (key === 'profile') return PROFILES.map((p) => ({ label: p, kind: 'value' }));
    if (key === 'skipped') return ['error', 'warn', 'ignore'].map((p) => ({ label: p, kind: 'value' }));
    if (key === 'severity' || parent === 'rules') return SEVERITIES.map((s) => ({ label: s, kind: 'value' }));
    return [];
  }
  if (!/^\s*[\w./-]*$/.test(before)) return [];
  if (!indent) return Object.entries(TOP).map(([label, detail]) => ({ label, kind: 'key', detail }));
  if (parent === 'rules')
    return allMeta.map((m) => ({ label: m.id, kind: 'key', detail: `${m.severity}: ${m.title}` }));
  if (parent === 'fixes') return Object.entries(FIX_KEYS).map(([label, detail]) => ({ label, kind: 'key', detail }));
  const opts = knownRuleOptions().get(parent);
  if (opts) return ['severity', ...opts].map((label) => ({ label, kind: 'key' }));
  return [];
}
