// Parsing a YAML file with every node's range, and reporting its syntax problems.
import { parseDocument, isAlias, isMap, isScalar, isSeq, isPair, type Alias, type Document, type Node } from 'yaml';
import { LineIndex } from '../../text';
import type { ParseProblem } from '../../types';
import { parseIncremental, PARSE_OPTIONS, type IncrementalState } from './incremental';

export interface ParsedYaml {
  path: string;
  text: string;
  doc: Document.Parsed;
  index: LineIndex;
  problems: ParseProblem[];
  /** How many aliases point at each anchored node (to know whether an anchor has one user). Computed on first use. */
  readonly aliasUsers: Map<Node, number>;
  /** Parts kept for the next incremental parse of this file. */
  readonly incremental?: IncrementalState;
  /** The node an alias refers to. */
  resolveAlias(a: Alias): Node | undefined;
  /** Aliases that refer to no anchor defined before them (Compose rejects such a file). */
  unresolvedAliases(): Alias[];
}

interface AnchorIndex {
  targets: Map<Alias, Node>;
  users: Map<Node, number>;
  unresolved: Alias[];
}

/**
 * One walk in document order: each alias refers to the latest anchor of that name defined before it (anchors may
 * be redefined). yaml's Alias.resolve() searches the whole document on every call, which is quadratic for files
 * with many `<<: *defaults`; this index makes resolution O(1).
 */
function indexAnchors(doc: Document.Parsed): AnchorIndex {
  const anchors = new Map<string, Node>();
  const targets = new Map<Alias, Node>();
  const users = new Map<Node, number>();
  const unresolved: Alias[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const n = stack.pop();
    if (!n || typeof n !== 'object') continue;
    if (isPair(n)) {
      stack.push(n.value, n.key);
      continue;
    }
    if (isAlias(n)) {
      const t = anchors.get(n.source);
      if (t) {
        targets.set(n, t);
        users.set(t, (users.get(t) ?? 0) + 1);
      } else unresolved.push(n);
      continue;
    }
    const node = n as Node & { anchor?: string };
    if (node.anchor) anchors.set(node.anchor, node);
    if (isMap(node) || isSeq(node)) for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
  }
  return { targets, users, unresolved };
}

/** Tags Compose defines for override files; they are not errors. */
const COMPOSE_TAGS = new Set(['!reset', '!override']);

/**
 * Parses a YAML file. With `incremental`, a Compose file is parsed by parts and `prev` (the last parse of the same
 * file) gives the parts that did not change (see incremental.ts); the result is the same tree.
 */
export function parseYaml(path: string, text: string, prev?: ParsedYaml, incremental = false): ParsedYaml {
  const index = new LineIndex(text);
  // toJS (where the library's maxAliasCount applies) is never called on linted files: our own alias expansion is
  // budgeted instead (ExpansionBudget in effective.ts), which bounds alias bombs.
  const inc = incremental ? tryIncremental(text, prev?.incremental) : undefined;
  const doc = inc?.doc ?? parseDocument(text, PARSE_OPTIONS);
  const problems: ParseProblem[] = [];
  for (const e of doc.errors) {
    problems.push({
      file: path,
      message: `YAML syntax error: ${firstLine(e.message)}`,
      range: index.range(e.pos[0], Math.max(e.pos[1], e.pos[0])),
      severity: 'error',
    });
  }
  for (const w of inc?.doc ? inc.warnings : doc.warnings) {
    if (w.code === 'TAG_RESOLVE_FAILED' && [...COMPOSE_TAGS].some((t) => w.message.includes(t))) continue;
    problems.push({
      file: path,
      message: `YAML: ${firstLine(w.message)}`,
      range: index.range(w.pos[0], Math.max(w.pos[1], w.pos[0])),
      severity: 'warning',
    });
  }
  return new Parsed(path, text, doc, index, problems, incremental ? (inc?.state ?? prev?.incremental) : undefined);
}

/** The incremental parse is an optimisation: should it ever throw, the whole file is parsed instead. */
function tryIncremental(text: string, prev: IncrementalState | undefined): ReturnType<typeof parseIncremental> {
  try {
    return parseIncremental(text, prev);
  } catch {
    return undefined;
  }
}

/** A class rather than an object literal with closures: a closure holding the document made every parse
 * measurably slower (more garbage-collection work; see the scan benchmark). */
class Parsed implements ParsedYaml {
  private anchors: AnchorIndex | undefined;
  constructor(
    readonly path: string,
    readonly text: string,
    readonly doc: Document.Parsed,
    readonly index: LineIndex,
    readonly problems: ParseProblem[],
    // after a full parse (a syntax error, or a file that cannot be cut), the parts of the last parse stay useful
    readonly incremental: IncrementalState | undefined,
  ) {}
  private lazy(): AnchorIndex {
    return (this.anchors ??= this.text.includes('*')
      ? indexAnchors(this.doc)
      : { targets: new Map(), users: new Map(), unresolved: [] });
  }
  get aliasUsers(): Map<Node, number> {
    return this.lazy().users;
  }
  unresolvedAliases(): Alias[] {
    return this.text.includes('*') ? this.lazy().unresolved : [];
  }
  resolveAlias(a: Alias): Node | undefined {
    return this.lazy().targets.get(a);
  }
}

function firstLine(s: string): string {
  return s.split('\n')[0].trim();
}

export { isAlias, isMap, isSeq, isScalar, isPair };
