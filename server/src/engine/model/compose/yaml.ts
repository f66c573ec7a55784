// Parsing a YAML file with every node's range, and reporting its syntax problems.
import { parseDocument, isAlias, isMap, isSeq, isScalar, isPair, visit, type Document, type Node } from 'yaml';
import { LineIndex } from '../../text';
import type { ParseProblem } from '../../types';

export interface ParsedYaml {
  path: string;
  text: string;
  doc: Document.Parsed;
  index: LineIndex;
  problems: ParseProblem[];
  /** How many aliases point at each anchored node (to know whether an anchor has one user). */
  aliasUsers: Map<Node, number>;
}

/** Tags Compose defines for override files; they are not errors. */
const COMPOSE_TAGS = new Set(['!reset', '!override']);

export function parseYaml(path: string, text: string): ParsedYaml {
  const index = new LineIndex(text);
  const doc = parseDocument(text, {
    uniqueKeys: false, // Compose tolerates duplicate keys (last wins); we report, never stop
    strict: false,
    prettyErrors: false,
    keepSourceTokens: false,
    // toJS (where the library's maxAliasCount applies) is never called on linted files: our own alias
    // expansion is budgeted instead (ExpansionBudget in effective.ts), which bounds alias bombs.
  });
  const problems: ParseProblem[] = [];
  for (const e of doc.errors) {
    problems.push({ file: path, message: `YAML syntax error: ${firstLine(e.message)}`, range: index.range(e.pos[0], Math.max(e.pos[1], e.pos[0])), severity: 'error' });
  }
  for (const w of doc.warnings) {
    if (w.code === 'TAG_RESOLVE_FAILED' && [...COMPOSE_TAGS].some((t) => w.message.includes(t))) continue;
    problems.push({ file: path, message: `YAML: ${firstLine(w.message)}`, range: index.range(w.pos[0], Math.max(w.pos[1], w.pos[0])), severity: 'warning' });
  }
  const aliasUsers = new Map<Node, number>();
  if (text.includes('*')) {
    visit(doc, {
      Alias(_k, a) {
        const target = a.resolve(doc);
        if (target) aliasUsers.set(target, (aliasUsers.get(target) ?? 0) + 1);
      },
    });
  }
  return { path, text, doc, index, problems, aliasUsers };
}

function firstLine(s: string): string { return s.split('\n')[0].trim(); }

export { isAlias, isMap, isSeq, isScalar, isPair };
