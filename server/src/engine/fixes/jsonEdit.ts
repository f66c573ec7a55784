// Minimal edits of JSON with comments: remove properties or array items with the comma that goes with them,
// replace a value. Everything else (comments, indentation, the other items) is left as it is. (jsonc-parser's
// `modify` reformats the span around the change and moves comments, so the edits are computed here.)
import type { Node } from 'jsonc-parser';
import type { TextEdit } from '../types';

const end = (n: Node) => n.offset + n.length;

/**
 * Removes consecutive children `first..last` of an object (property nodes) or array. A child that has its lines
 * to itself goes with its lines (and a comment at their end); otherwise it goes with the comma that separates it
 * from the next child (or from the previous one when it is the last).
 */
export function removeChildren(text: string, parent: Node, first: Node, last: Node = first): TextEdit[] {
  const kids = parent.children ?? [];
  const i = kids.indexOf(first),
    j = kids.indexOf(last);
  if (i < 0 || j < i) return [];
  const prev = kids[i - 1],
    next = kids[j + 1];
  const lineStart = text.lastIndexOf('\n', first.offset - 1) + 1;
  const ownLineBefore = /^[ \t]*$/.test(text.slice(lineStart, first.offset));
  const after = ownLineBefore ? restOfLine(text, end(last)) : undefined;
  if (after !== undefined) {
    const edits: TextEdit[] = [{ start: lineStart, end: after, newText: '' }];
    // the last child leaves its predecessor's comma behind: remove it too (trailing commas parse, but are noise)
    if (!next && prev) {
      const comma = commaAfter(text, prev);
      if (comma !== undefined) edits.unshift({ start: comma, end: comma + 1, newText: '' });
    }
    return edits;
  }
  if (next) return [{ start: first.offset, end: next.offset, newText: '' }];
  if (prev) return [{ start: end(prev), end: end(last), newText: '' }];
  return [{ start: first.offset, end: end(last), newText: '' }];
}

/**
 * When only blanks, a comma and a line comment follow `from` on its line: the offset after the line break (a
 * hand-written scan: regular expressions for it backtrack).
 */
function restOfLine(text: string, from: number): number | undefined {
  let k = from;
  const blanks = () => {
    while (text[k] === ' ' || text[k] === '\t') k++;
  };
  blanks();
  if (text[k] === ',') k++;
  blanks();
  if (text.startsWith('//', k)) {
    const nl = text.indexOf('\n', k);
    return nl < 0 ? undefined : nl + 1;
  }
  if (text[k] === '\r') k++;
  return text[k] === '\n' ? k + 1 : undefined;
}

/** The offset of the comma after a node (skipping spaces and comments), if any. */
function commaAfter(text: string, n: Node): number | undefined {
  let k = end(n);
  while (k < text.length) {
    const c = text[k];
    if (c === ',') return k;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') k++;
    else if (text.startsWith('//', k)) k = text.indexOf('\n', k) < 0 ? text.length : text.indexOf('\n', k);
    else if (text.startsWith('/*', k)) k = text.indexOf('*/', k) < 0 ? text.length : text.indexOf('*/', k) + 2;
    else return undefined;
  }
  return undefined;
}

/** Removes a property (its whole `"key": value` pair). */
export function removeProperty(text: string, pair: Node): TextEdit[] {
  return pair.parent ? removeChildren(text, pair.parent, pair) : [];
}

/** Replaces a value with a JSON string. */
export function replaceWithString(n: Node, value: string): TextEdit[] {
  return [{ start: n.offset, end: end(n), newText: JSON.stringify(value) }];
}
