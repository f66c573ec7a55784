// Hover over a finding: the rule's title, why it matters, how to fix it and a link to its page, for every editor
// (VS Code's client turns the link into the docs shipped with the extension). Only for a document whose findings
// are those of its current text; several findings at one place are shown one after another (at most five).
import type { Hover, Position } from 'vscode-languageserver';
import { allMeta, type Finding } from '../engine';
import { docsUrl } from '../shared/protocol';
import type { Diagnostics } from './diagnostics';
import type { Workspace } from './workspace';

const META = new Map(allMeta.map((m) => [m.id, m]));
const MAX_SHOWN = 5;

const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
const covers = (f: Finding, p: Position) => before(f.range.start, p) && before(p, f.range.end);

export async function hoverAt(
  ws: Workspace,
  diagnostics: Diagnostics,
  uri: string,
  position: Position,
): Promise<Hover | null> {
  const doc = ws.documents.get(uri);
  const entry = await diagnostics.current(uri);
  if (!doc || !entry || entry.text !== doc.getText()) return null;
  const here = entry.result.findings.filter((f) => covers(f, position)).slice(0, MAX_SHOWN);
  if (!here.length) return null;
  const parts = here.map((f) => {
    const m = META.get(f.ruleId);
    if (!m) return `**${f.ruleId}**: ${f.message}`;
    return [
      `**${m.title}** (\`${m.id}\`, ${f.severity})`,
      m.why,
      `**How to fix:** ${m.howToFix}`,
      `[Documentation of ${m.id}](${docsUrl(m.id)})`,
    ].join('\n\n');
  });
  return { contents: { kind: 'markdown', value: parts.join('\n\n---\n\n') }, range: here[0].range };
}
