// Parsing a YAML file with every node's range, and reporting its syntax problems.
import {
  parseAllDocuments,
  parseDocument,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  isPair,
  Scalar,
  type Alias,
  type Document,
  type Node,
} from 'yaml';
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
  /**
   * The documents after the first, when the file is a stream of several (`---`): Compose merges them in order, as
   * it merges override files; other readers read each. Their syntax problems are the first document's `problems`.
   */
  readonly more: readonly ParsedYaml[];
}

interface AnchorIndex {
  targets: Map<Alias, Node>;
  users: Map<Node, number>;
  unresolved: Alias[];
  /** The pair of each alias that is a key. */
  keyOf: Map<Alias, { key: unknown }>;
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
  const keyOf = new Map<Alias, { key: unknown }>();
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const n = stack.pop();
    if (!n || typeof n !== 'object') continue;
    if (isPair(n)) {
      if (isAlias(n.key)) keyOf.set(n.key, n);
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
  return { targets, users, unresolved, keyOf };
}

/** Tags Compose defines for override files; they are not errors. */
export const COMPOSE_TAGS: ReadonlySet<string> = new Set(['!reset', '!override']);
/** GitLab CI's own tag: `!reference [.job, script]` reuses another job's lines. */
export const GITLAB_TAGS: ReadonlySet<string> = new Set(['!reference']);

/**
 * Parses a YAML file. With `incremental`, a Compose file is parsed by parts and `prev` (the last parse of the same
 * file) gives the parts that did not change (see incremental.ts); the result is the same tree.
 */
export function parseYaml(
  path: string,
  text: string,
  prev?: ParsedYaml,
  incremental = false,
  tags: ReadonlySet<string> = COMPOSE_TAGS,
): ParsedYaml {
  const index = new LineIndex(text);
  // toJS (where the library's maxAliasCount applies) is never called on linted files: our own alias expansion is
  // budgeted instead (ExpansionBudget in effective.ts), which bounds alias bombs.
  // A stream of several documents is parsed whole (the incremental parse reads one document).
  const stream = DOCUMENT_MARKER.test(text) ? parseAllDocuments(text, PARSE_OPTIONS) : undefined;
  const docs = Array.isArray(stream) && stream.length > 1 ? stream : undefined;
  const inc = incremental && !docs ? tryIncremental(text, prev?.incremental) : undefined;
  const doc = docs?.[0] ?? inc?.doc ?? parseDocument(text, PARSE_OPTIONS);
  const problems: ParseProblem[] = [];
  for (const d of docs ?? [doc]) {
    for (const e of d.errors) {
      problems.push({
        file: path,
        message: `YAML syntax error: ${firstLine(e.message)}`,
        range: index.range(e.pos[0], Math.max(e.pos[1], e.pos[0])),
        severity: 'error',
      });
    }
    for (const w of inc?.doc ? inc.warnings : d.warnings) {
      if (w.code === 'TAG_RESOLVE_FAILED' && [...tags].some((t) => w.message.includes(t))) continue;
      problems.push({
        file: path,
        message: `YAML: ${firstLine(w.message)}`,
        range: index.range(w.pos[0], Math.max(w.pos[1], w.pos[0])),
        severity: 'warning',
      });
    }
  }
  const more = (docs ?? []).slice(1).map((d) => new Parsed(path, text, d, index, [], undefined, []));
  return new Parsed(
    path,
    text,
    doc,
    index,
    problems,
    incremental ? (inc?.state ?? prev?.incremental) : undefined,
    more,
  );
}

/** A line that starts or ends a document (`---`, `...`): the text may be a stream of several. */
const DOCUMENT_MARKER = /^(---|\.\.\.)(?=[ \t\r\n]|$)/m;

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
    readonly more: readonly ParsedYaml[],
  ) {
    if (text.includes('*')) resolveAliasKeys(this.lazy());
  }
  private lazy(): AnchorIndex {
    return (this.anchors ??= this.text.includes('*')
      ? indexAnchors(this.doc)
      : { targets: new Map(), users: new Map(), unresolved: [], keyOf: new Map() });
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

/**
 * A key written as an alias (`*name : true`) is the anchored scalar's value, as YAML (and Compose, GitLab and
 * GitHub) read it: each such key becomes a copy of that scalar, at the alias's place, so that every reader of keys
 * sees it. An alias to a collection stays (no reader takes such a key).
 */
function resolveAliasKeys(anchors: AnchorIndex): void {
  for (const [alias, target] of anchors.targets) {
    const pair = anchors.keyOf.get(alias);
    if (!pair || !isScalar(target)) continue;
    const key = new Scalar(target.value);
    key.range = alias.range;
    key.type = target.type;
    pair.key = key;
  }
}

function firstLine(s: string): string {
  return s.split('\n')[0].trim();
}

export { isAlias, isMap, isSeq, isScalar, isPair };

/** An error on each alias that refers to no anchor before it (in every document): what it stands for is unknown. */
export function aliasProblems(file: ParsedYaml, reader: string): ParseProblem[] {
  return [file, ...file.more].flatMap((parsed) =>
    parsed.unresolvedAliases().map((a) => {
      const [start, end] = a.range ?? [0, 0];
      return {
        file: file.path,
        message: `YAML alias *${a.source} refers to no anchor defined before it: ${reader} rejects the file, and values through it are not analysed`,
        range: parsed.index.range(start, end),
        severity: 'error' as const,
      };
    }),
  );
}
