// Incremental parsing of Compose files for the editor: a keystroke changes one service, so only that service's
// text is parsed again. The file is cut into a skeleton (everything outside the `services:` block) and one chunk
// per service; each part is parsed on its own and cached by its text, and the parts are assembled into the same
// tree a whole-file parse gives (same node types, values, ranges and errors; test/engine/incremental.test.ts
// checks this against `parseDocument` on every fixture, on hand-written traps and on random edit sequences).
//
// The cut is only made where it cannot change the meaning: a chunk starts at a line indented exactly like the
// first service, under a `services:` line with nothing else on it. Inside a services block that parses cleanly, a
// line at that indentation starts a new service key (block scalars and plain multi-line scalars need more
// indentation; an unterminated quote or flow collection is a parse error), with one exception in yaml, see
// `Cut.odd`. A chunk with a parse error (or odd) is parsed again between its clean neighbours and accepted only
// when the parser is provably back in step (parseGroup). Anything else the cut does not handle (tabs or odd
// indentation in the block, directives, several documents, a skeleton whose `services` key is not where the cut
// put it, an error the parser does not recover from by the next service) makes the caller parse the whole file.
import {
  Alias,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  Pair,
  parseDocument,
  Scalar,
  YAMLMap,
  YAMLSeq,
  type Document,
  type Node,
  type YAMLError,
} from 'yaml';
import { pushAll } from '../../text';

export const PARSE_OPTIONS = {
  uniqueKeys: false, // Compose tolerates duplicate keys (last wins); we report, never stop
  strict: false,
  prettyErrors: false,
  keepSourceTokens: false,
} as const;

type Range3 = [number, number, number];

interface Part {
  /** The node(s), with ranges valid for a part starting at `start`. */
  start: number;
  warnings: readonly YAMLError[];
}
interface ChunkPart extends Part {
  pair: Pair;
  mapRange: Range3;
}
interface GroupPart extends Part {
  pairs: Pair[];
  errors: readonly YAMLError[];
}
interface SkeletonPart extends Part {
  doc: Document.Parsed;
  headerLen: number;
  gap: number;
}

/** What one parse leaves for the next parse of the same file. */
export interface IncrementalState {
  chunks: Map<string, ChunkPart>;
  /** Services parsed with their neighbours (a syntax error, or odd), by the text parsed; null when that failed. */
  groups: Map<string, GroupPart | null>;
  skeleton?: { key: string; part: SkeletonPart };
}

export interface IncrementalResult {
  /** Undefined when the services could be parsed but not assembled (an error the parser does not recover from by
   * the next service): the caller parses the whole file, and keeps `state` for the next keystroke. */
  doc?: Document.Parsed;
  warnings: YAMLError[];
  state: IncrementalState;
  /** Characters parsed for this result (for tests and benchmarks). */
  parsedChars: number;
}

interface Cut {
  headerEnd: number;
  servicesLine: number;
  chunks: number[];
  trailerStart: number;
  indent: number;
  /**
   * Chunks with a comment line indented no deeper than the services, followed by more of the service: yaml then
   * lets a plain scalar after the comment run on over the next, less indented lines (even the next service), so
   * such a chunk is always parsed with its neighbours and checked like a chunk with a syntax error.
   */
  odd: boolean[];
}

const CR = 13,
  SPACE = 32,
  TAB = 9,
  HASH = 35;

/** Where the file can be cut, or undefined when it cannot be cut safely. */
export function cutServices(text: string): Cut | undefined {
  if (text.includes('\r') && /\r(?!\n)/.test(text)) return undefined; // lone CR line breaks
  let servicesLine = -1;
  let trailerStart = -1;
  let indent = -1;
  const chunks: number[] = [];
  const odd: boolean[] = [];
  let lowComment = false;
  const len = text.length;
  let pos = 0;
  while (pos < len) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = len;
    let end = eol;
    if (end > pos && text.charCodeAt(end - 1) === CR) end--;
    let i = pos;
    while (i < end && text.charCodeAt(i) === SPACE) i++;
    const c = i < end ? text.charCodeAt(i) : -1;
    if (c === TAB) return undefined;
    const inBlock = servicesLine >= 0 && trailerStart < 0 && chunks.length > 0;
    if (c === HASH && inBlock && i - pos <= indent) lowComment = true;
    if (c !== -1 && c !== HASH) {
      const col = i - pos;
      if (col === 0) {
        if (c === 37 /* % */) return undefined;
        const marker = text.startsWith('---', pos) || text.startsWith('...', pos);
        if (marker ? pos > 0 : !startsKey(c)) return undefined; // several documents, or not a plain top-level key
        if (servicesLine >= 0 && trailerStart < 0) trailerStart = pos;
        if (isServicesLine(text, pos, end)) {
          if (servicesLine >= 0) return undefined; // a second `services:` key
          servicesLine = pos;
        }
      } else if (servicesLine >= 0 && trailerStart < 0) {
        if (indent < 0) indent = col;
        if (col < indent) return undefined;
        if (col === indent) {
          if (!startsKey(c)) return undefined;
          chunks.push(pos);
          odd.push(false);
          lowComment = false;
        } else if (lowComment && chunks.length) {
          odd[odd.length - 1] = true;
        }
      }
    }
    pos = eol + 1;
  }
  if (servicesLine < 0 || !chunks.length) return undefined;
  if (trailerStart < 0) trailerStart = len;
  return { headerEnd: chunks[0], servicesLine, chunks, trailerStart, indent, odd };
}

function isServicesLine(text: string, pos: number, end: number): boolean {
  if (!text.startsWith('services:', pos)) return false;
  let i = pos + 9;
  while (i < end && text.charCodeAt(i) === SPACE) i++;
  return i === end || (text.charCodeAt(i) === HASH && i > pos + 9);
}

/** Characters a block mapping key may start with here (not indicators: `- ? : , [ ] { } # & * ! | > % @ \``). */
function startsKey(c: number): boolean {
  return !(
    c === 45 ||
    c === 63 ||
    c === 58 ||
    c === 44 ||
    c === 91 ||
    c === 93 ||
    c === 123 ||
    c === 125 ||
    c === 35 ||
    c === 38 ||
    c === 42 ||
    c === 33 ||
    c === 124 ||
    c === 62 ||
    c === 37 ||
    c === 64 ||
    c === 96
  );
}

/**
 * Parses `text` reusing the parts of `prev` whose text did not change. Returns undefined when the file cannot be
 * cut, and no `doc` when a parse error cannot be confined to the services around it: the caller parses the whole
 * file then.
 */
export function parseIncremental(text: string, prev: IncrementalState | undefined): IncrementalResult | undefined {
  const cut = cutServices(text);
  if (!cut) return undefined;
  let parsedChars = 0;
  const state: IncrementalState = { chunks: new Map(), groups: new Map() };

  // skeleton: header (up to the first service) + trailer (from the first top-level line after the block)
  const header = text.slice(0, cut.headerEnd);
  const trailer = text.slice(cut.trailerStart);
  const key = header + '\u0000' + trailer;
  const gap = cut.trailerStart - cut.headerEnd;
  let sk: SkeletonPart | undefined;
  const prevSk = prev?.skeleton;
  if (prevSk && prevSk.key === key) {
    sk = prevSk.part.gap === gap ? prevSk.part : shiftSkeleton(prevSk.part, gap);
  } else {
    parsedChars += header.length + trailer.length;
    const doc = parseDocument(header + trailer, PARSE_OPTIONS);
    if (doc.errors.length) return undefined;
    sk = shiftSkeleton({ doc, headerLen: header.length, gap: 0, start: 0, warnings: doc.warnings }, gap);
  }
  state.skeleton = { key, part: sk };
  const top = sk.doc.contents;
  if (!top || !isMap(top)) return undefined;
  const servicesPair = top.items.find((p) => isScalar(p.key) && p.key.range?.[0] === cut.servicesLine);
  if (!servicesPair || !isScalar(servicesPair.key) || servicesPair.key.value !== 'services') return undefined;
  if (!isScalar(servicesPair.value) || servicesPair.value.value !== null || servicesPair.value.source !== '')
    return undefined;

  // one chunk per service; a chunk with a parse error (or an odd one, see Cut) is parsed with its neighbours below
  const n = cut.chunks.length;
  const parts = new Array<ChunkPart | undefined>(n);
  for (let k = 0; k < n; k++) {
    if (cut.odd[k]) continue;
    const start = cut.chunks[k];
    const t = text.slice(start, chunkEnd(cut, k));
    let part = state.chunks.get(t) ? undefined : prev?.chunks.get(t); // identical chunks in one file: parse each
    if (part && part.start !== start) part = shiftChunk(part, start);
    if (!part) {
      parsedChars += t.length;
      part = parseChunk(t, start);
    }
    if (part) state.chunks.set(t, part);
    parts[k] = part;
  }
  const pairs: Pair[] = [];
  const warnings: YAMLError[] = [...sk.warnings];
  const errors: YAMLError[] = [];
  for (let k = 0; k < n;) {
    const part = parts[k];
    if (part) {
      pairs.push(part.pair);
      pushAll(warnings, part.warnings);
      k++;
      continue;
    }
    let j = k;
    while (j < n && !parts[j]) j++;
    // the services parsed so far stay useful for the next keystroke, which may well fix this one
    const unassembled = { warnings: [], state, parsedChars };
    if (j === n) return unassembled; // no clean service after the broken ones to check the parser is back in step
    // a group's result depends only on its text (its clean neighbours included): reuse it while typing elsewhere
    const start = cut.chunks[k > 0 ? k - 1 : k];
    const body = text.slice(start, chunkEnd(cut, j));
    const key = (k > 0 ? 'after a service\n' : 'first\n') + body;
    let group = state.groups.has(key) ? undefined : prev?.groups.get(key);
    if (group === undefined) {
      parsedChars += body.length;
      group = parseGroup(body, start, cut, parts, k, j) ?? null;
    } else if (group && group.start !== start) {
      group = shiftGroup(group, start);
    }
    state.groups.set(key, group);
    if (!group) return unassembled;
    pushAll(pairs, group.pairs);
    pushAll(warnings, group.warnings);
    pushAll(errors, group.errors);
    k = j;
  }
  const last = parts[n - 1]!;
  const first = pairs[0];
  const services = new YAMLMap(sk.doc.schema);
  services.items = pairs;
  services.range = [(first.key as Node).range![0], last.mapRange[1], last.mapRange[2]];
  const doc = sk.doc.clone() as Document.Parsed; // the cached skeleton is never modified: the last result may still use it
  doc.errors = errors;
  const newTop = doc.contents as YAMLMap;
  for (const p of newTop.items) if (isScalar(p.key) && p.key.range?.[0] === cut.servicesLine) p.value = services;
  // a block map ends where its last entry ends: after the services block when nothing follows it
  if (newTop.range && newTop.range[1] <= cut.headerEnd)
    newTop.range = [newTop.range[0], services.range[2], services.range[2]];
  return { doc, warnings, state, parsedChars };
}

/**
 * Where chunk k ends: after the next service's indentation, or where the block ends. A block mapping followed by
 * comment lines ends, for the parser, after the indentation of the line that closes it, so a chunk must hold that
 * indentation to end where the whole-file parse ends it.
 */
function chunkEnd(cut: Cut, k: number): number {
  return k + 1 < cut.chunks.length ? cut.chunks[k + 1] + cut.indent : cut.trailerStart;
}

const PREFIX = 'services:\n';

/**
 * Services k..j-1 do not parse on their own (a syntax error). `body` is the text from the clean service before
 * them (or service k when it is the first) to the end of service j, at offset `start`. They are parsed as the
 * whole-file parse sees them:
 * after the clean service before them (the parser is then in the same state as in the whole file: inside the
 * services mapping, at a new entry) and up to the clean service j after them. When service j comes out of that
 * parse exactly as it does on its own, the parser is back in step, and the broken services' nodes and errors are
 * the whole-file parse's. Otherwise (an unterminated quote or bracket that runs on, errors outside the broken
 * services) the caller parses the whole file.
 */
function parseGroup(
  body: string,
  start: number,
  cut: Cut,
  parts: (ChunkPart | undefined)[],
  k: number,
  j: number,
): GroupPart | undefined {
  const d = start - PREFIX.length;
  const doc = parseDocument(PREFIX + body, PARSE_OPTIONS);
  const top = doc.contents;
  if (!top || !isMap(top) || top.items.length !== 1) return undefined;
  const svc = top.items[0].value;
  if (!isMap(svc) || svc.flow) return undefined;
  const items = svc.items;
  const before = k > 0 ? parts[k - 1]! : undefined;
  const after = parts[j]!;
  if (items.length < (before ? 2 : 1)) return undefined;
  if (before && !sameTree(before.pair, items[0], -d)) return undefined;
  if (!sameTree(after.pair, items[items.length - 1], -d)) return undefined;
  const lo = cut.chunks[k],
    hi = cut.chunks[j];
  const inside = (e: YAMLError) => e.pos[0] + d >= lo && e.pos[1] + d <= hi;
  if (!doc.errors.every(inside)) return undefined;
  const move = by(d);
  const pairs = items.slice(before ? 1 : 0, items.length - 1);
  for (const p of pairs) shiftNode(p, move);
  return {
    start,
    pairs,
    errors: doc.errors.map((e) => shiftError(e, move)),
    warnings: doc.warnings.filter(inside).map((e) => shiftError(e, move)),
  };
}

function shiftGroup(g: GroupPart, start: number): GroupPart {
  const move = by(start - g.start);
  return {
    start,
    pairs: g.pairs.map((p) => copyMoved(p, move) as Pair),
    errors: g.errors.map((e) => shiftError(e, move)),
    warnings: g.warnings.map((e) => shiftError(e, move)),
  };
}

/** Are `b`'s nodes `a`'s, `d` characters further on? */
function sameTree(a: unknown, b: unknown, d: number): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return a === b;
  if (isPair(a)) return isPair(b) && sameTree(a.key, b.key, d) && sameTree(a.value, b.value, d);
  const x = a as Node & { source?: unknown; value?: unknown; flow?: boolean; type?: string; items?: unknown[] };
  const y = b as typeof x;
  if (isPair(b) || !x.range !== !y.range) return false;
  if (x.range && (x.range[0] + d !== y.range![0] || x.range[1] + d !== y.range![1] || x.range[2] + d !== y.range![2]))
    return false;
  if (x.tag !== y.tag || x.anchor !== y.anchor || x.type !== y.type || !!x.flow !== !!y.flow) return false;
  if (isAlias(a)) return isAlias(b) && a.source === b.source;
  if (isScalar(a)) return isScalar(b) && Object.is(a.value, b.value) && a.source === b.source;
  if (isMap(a) !== isMap(b) || isSeq(a) !== isSeq(b)) return false;
  const ai = x.items ?? [],
    bi = y.items ?? [];
  if (ai.length !== bi.length) return false;
  for (let i = 0; i < ai.length; i++) if (!sameTree(ai[i], bi[i], d)) return false;
  return true;
}

function parseChunk(t: string, start: number): ChunkPart | undefined {
  const doc = parseDocument(t, PARSE_OPTIONS);
  if (doc.errors.length) return undefined;
  const root = doc.contents;
  if (!root || !isMap(root) || root.items.length !== 1 || !root.range) return undefined;
  const pair = root.items[0];
  if (!isPair(pair) || !isScalar(pair.key) || pair.key.range?.[0] !== leadingSpaces(t)) return undefined;
  if (emptyValueAtEnd(pair, t)) return undefined;
  // a fresh parse belongs to nobody yet: moved in place (shiftChunk copies a cached chunk another result may hold)
  const move = by(start);
  shiftNode(pair, move);
  return { start, pair, mapRange: move(root.range) as Range3, warnings: doc.warnings.map((w) => shiftError(w, move)) };
}

/**
 * Does the chunk end with an empty value (`key:` with nothing after it but comments or blank lines)? Where such a
 * value ends depends on what follows the chunk (the parser stretches it over part of the next line), so the chunk
 * is parsed with its neighbours instead.
 */
function emptyValueAtEnd(pair: Pair, t: string): boolean {
  let last = t.length;
  while (last > 0 && /\s/.test(t[last - 1])) last--;
  const stack: unknown[] = [pair];
  while (stack.length) {
    const x = stack.pop();
    if (isPair(x)) {
      stack.push(x.key, x.value);
      continue;
    }
    if (isScalar(x)) {
      if (x.value === null && x.source === '' && x.range && x.range[2] >= last) return true;
      continue;
    }
    if (isMap(x) || isSeq(x)) for (const it of x.items) stack.push(it);
  }
  return false;
}

function leadingSpaces(t: string): number {
  let i = 0;
  while (t.charCodeAt(i) === SPACE) i++;
  return i;
}

/** A copy of the chunk moved so that it starts at `start` (the cached one may still be in use by the last result). */
function shiftChunk(part: ChunkPart, start: number): ChunkPart {
  const d = start - part.start;
  const move = by(d);
  const pair = copyMoved(part.pair, move) as Pair;
  return {
    start,
    pair,
    mapRange: move(part.mapRange) as Range3,
    warnings: part.warnings.map((w) => shiftError(w, move)),
  };
}

/** A copy of the skeleton with the trailer moved `gap` characters after the header's end. */
function shiftSkeleton(part: SkeletonPart, gap: number): SkeletonPart {
  const h = part.headerLen;
  const d = gap - part.gap;
  // a node that starts at the header's end or later is in the trailer; one that starts before it is in the header
  // and may end in the trailer (the top-level mapping)
  const move = (r: readonly number[]): number[] => r.map((o, i) => (r[0] >= h || (i > 0 && o > h) ? o + d : o));
  const doc = part.doc.clone() as Document.Parsed;
  shiftNode(doc.contents, move);
  return { doc, headerLen: h, gap, start: 0, warnings: part.warnings.map((w) => shiftError(w, move)) };
}

/** Moves a range ([start, end] or [start, valueEnd, nodeEnd]). */
type Move = (r: readonly number[]) => number[];
const by =
  (d: number): Move =>
  (r) =>
    r.map((o) => o + d);

function shiftError(e: YAMLError, move: Move): YAMLError {
  const c = Object.create(Object.getPrototypeOf(e) as object | null, Object.getOwnPropertyDescriptors(e)) as YAMLError;
  c.pos = move(e.pos) as [number, number];
  return c;
}

/**
 * A copy of a node tree with every range moved. yaml's own clone() copies property descriptors, which costs more
 * than parsing the service again; this builds each node with its constructor and copies its fields.
 */
function copyMoved(x: unknown, move: Move): unknown {
  let c: Record<string, unknown>;
  if (isScalar(x)) c = new Scalar(x.value) as unknown as Record<string, unknown>;
  else if (isMap(x)) c = new YAMLMap(x.schema) as unknown as Record<string, unknown>;
  else if (isSeq(x)) c = new YAMLSeq(x.schema) as unknown as Record<string, unknown>;
  else if (isAlias(x)) c = new Alias(x.source) as unknown as Record<string, unknown>;
  else if (isPair(x)) return new Pair(copyMoved(x.key, move), copyMoved(x.value, move));
  else return x;
  const src = x as unknown as Record<string, unknown>;
  for (const k in src) c[k] = src[k];
  if (src.range) c.range = move(src.range as number[]);
  if (src.items) c.items = (src.items as unknown[]).map((it) => copyMoved(it, move));
  return c;
}

function shiftNode(n: unknown, move: Move): void {
  const stack: unknown[] = [n];
  while (stack.length) {
    const x = stack.pop() as { range?: number[]; items?: unknown[]; key?: unknown; value?: unknown } | null;
    if (!x || typeof x !== 'object') continue;
    if (x.range) x.range = move(x.range);
    if (x.items) for (const it of x.items) stack.push(it);
    if (isPair(x)) {
      stack.push(x.key, x.value);
    }
  }
}
