// The generated page that maps other linters' check ids to our rules (docs/rules/peers.md), from
// vocabulary/peers.ts: the same table the hadolint and dclint ignore comments are read with.
import { allMeta } from './rules/index';
import { PEERS } from './vocabulary/peers';

export function renderPeersPage(): string {
  const known = new Set(allMeta.map((m) => m.id));
  const out = [
    '<!-- Generated from server/src/engine/vocabulary/peers.ts by `npm run docs`. -->',
    '# Other linters’ ids and ours',
    '',
    'Where another tool’s check finds what one of our rules finds. A check of theirs not listed here has no',
    'counterpart (style, ordering, what we judge differently); a rule of ours not listed is not in their sets.',
    '',
    '**Their ignore comments** are read in the files they apply to, mapped through this table: `# hadolint',
    'ignore=DL3002,DL3006` above an instruction, `# hadolint global ignore=...` anywhere in a Dockerfile, `# dclint',
    'disable-line [rules]` on a line or the line above it, and `# dclint disable [rules]` / `# dclint disable-file` in',
    'a Compose file’s leading comments. Such a comment suppresses only our rules that match the checks it names (a',
    'dclint comment without names: the two dclint checks below), never the others; one that suppresses nothing while',
    'the rule runs is reported by `meta/unused-ignore`, and with `--require-ignore-reason` one that suppresses',
    'something is reported for having no reason.',
    '',
  ];
  for (const p of PEERS) {
    out.push(`## ${p.name}`, '', p.note, '', '| Their check | About | Our rules |', '| --- | --- | --- |');
    for (const c of p.checks) {
      for (const id of c.ours) if (!known.has(id)) throw new Error(`peers.ts: ${p.name} ${c.id} maps to ${id}`);
      out.push(`| \`${c.id}\` | ${c.about} | ${c.ours.map((id) => `[${id}](${id}.md)`).join(', ')} |`);
    }
    out.push('');
  }
  return out.join('\n');
}
