// The CLI's commands besides linting: `--explain <rule-id>` (a rule's docs, offline: generated from the registry
// in the bundle), `--list-rules` (the rule table) and `--init` (a commented starter config, never overwriting).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allMeta, renderRuleDoc, type RuleMeta } from '../engine';

/** The rule's documentation page, or the ids it may mean (`privileged` -> compose/, devcontainer/, run/...). */
export function explain(id: string): { text: string } | { error: string } {
  const meta = allMeta.find((m) => m.id === id);
  // the page without its generated-file comment
  if (meta)
    return {
      text: `${renderRuleDoc(meta)
        .replace(/^<!--[^\n]*-->\n/, '')
        .trimEnd()}\n`,
    };
  const name = id.includes('/') ? id.slice(id.indexOf('/') + 1) : id;
  const near = allMeta.filter((m) => m.id.endsWith(`/${name}`)).map((m) => m.id);
  return {
    error:
      `no rule '${id}'` +
      (near.length ? `; did you mean ${near.join(', ')}?` : ' (docker-security-lint --list-rules lists them)'),
  };
}

const severityIn = (m: RuleMeta, profile: 'recommended' | 'strict') => m.profiles?.[profile] ?? m.severity;

/** The rule table: id, severity in each profile, quadrant, fix. As text columns or JSON. */
export function listRules(format: 'text' | 'json'): string {
  const rows = allMeta.map((m) => ({
    id: m.id,
    title: m.title,
    recommended:
      m.group && m.profiles?.recommended !== 'off' ? `${severityIn(m, 'recommended')}*` : severityIn(m, 'recommended'),
    strict: severityIn(m, 'strict'),
    quadrant: m.quadrant,
    fix: m.fixes?.safe ? 'safe' : m.fixes?.unsafe ? 'unsafe' : '-',
  }));
  if (format === 'json') return `${JSON.stringify({ version: 1, rules: rows }, null, 2)}\n`;
  const head = {
    id: 'RULE',
    title: '',
    recommended: 'RECOMMENDED',
    strict: 'STRICT',
    quadrant: 'QUADRANT',
    fix: 'FIX',
  };
  const cols = ['id', 'recommended', 'strict', 'quadrant', 'fix'] as const;
  const width = Object.fromEntries(cols.map((c) => [c, Math.max(...[head, ...rows].map((r) => r[c].length))]));
  const line = (r: typeof head) =>
    cols
      .map((c, i) => (i === cols.length - 1 ? r[c] : r[c].padEnd(width[c])))
      .join('  ')
      .trimEnd();
  return (
    [line(head), ...rows.map(line)].join('\n') +
    '\n\n* in recommended, its "missing setting" findings are reported together by its group rule\n'
  );
}

export const STARTER_NAME = '.docker-security-lint.yaml';

/** A commented starter config: the defaults, and the common changes commented out. */
export const STARTER = `# docker-security-lint configuration. Every key is optional; the values below are the defaults.
# Rule ids and their severities: docker-security-lint --list-rules; a rule's docs: --explain <rule-id>.

# recommended: what a reviewer acts on. strict: every finding on its own, hardening advice included.
profile: recommended

# A rule's severity (error, warning, info, hint, off) and its options, by id.
rules: {}
#  compose/port-all-interfaces: warning
#  run/privileged: off
#  devcontainer/cap-add: { allow: [SYS_PTRACE] }
# Images only from your registries (each rule takes its own list):
#  dockerfile/untrusted-registry: { trustedRegistries: [registry.example.com, docker.io/library] }
#  compose/untrusted-registry: { trustedRegistries: [registry.example.com, docker.io/library] }

# Paths not linted (globs, relative to this file).
exclude: []
#  - test/fixtures/**

# Findings recorded in a baseline are not reported (docker-security-lint --write-baseline FILE).
# baseline: .docker-security-lint.baseline.json

# What the fixes write.
# fixes:
#   user: "10001:10001"
`;

/** Writes the starter config in `dir`; never overwrites (an existing file, or a link, is an error). */
export function init(dir: string): { written: string } | { error: string } {
  const file = path.join(dir, STARTER_NAME);
  try {
    // 'wx': create only; fails on anything at that path, a dangling link included
    fs.writeFileSync(file, STARTER, { flag: 'wx', mode: 0o644 });
    return { written: file };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return {
      error: code === 'EEXIST' ? `${file} exists; it was not changed` : `cannot write ${file}: ${String(e)}`,
    };
  }
}
