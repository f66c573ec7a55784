// devcontainer.json as VS Code reads it: JSON with comments and trailing commas, parsed with jsonc-parser (the
// parser VS Code itself uses). Syntax errors are problems on the file; what parses is still analysed.
import { createScanner, parseTree, printParseErrorCode, SyntaxKind, type Node, type ParseError } from 'jsonc-parser';
import { LineIndex } from '../../text';
import type { ParseProblem } from '../../types';

export interface ParsedJsonc {
  file: string;
  text: string;
  index: LineIndex;
  /** The top-level value (an object for a devcontainer.json); undefined when nothing parses. */
  root: Node | undefined;
  problems: ParseProblem[];
  /** Comments (line and block comments), in order. */
  comments: { start: number; end: number }[];
}

/** Nesting deeper than this is not a devcontainer.json: the file is reported and not analysed. */
const MAX_DEPTH = 64;

export function parseJsonc(file: string, text: string): ParsedJsonc {
  const index = new LineIndex(text);
  const errors: ParseError[] = [];
  const problems: ParseProblem[] = [];
  let root: Node | undefined;
  if (nestingDepth(text) > MAX_DEPTH) {
    problems.push({
      file,
      message: `JSON nested deeper than ${MAX_DEPTH} levels: not analysed`,
      range: index.range(0, 0),
      severity: 'error',
    });
  } else {
    root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  }
  for (const e of errors.slice(0, 20)) {
    problems.push({
      file,
      message: `JSON syntax error: ${printParseErrorCode(e.error)}`,
      range: index.range(e.offset, e.offset + e.length),
      severity: 'error',
    });
  }
  const comments: { start: number; end: number }[] = [];
  if (text.includes('/')) {
    const scanner = createScanner(text, false);
    for (let k = scanner.scan(); k !== SyntaxKind.EOF; k = scanner.scan()) {
      if (k === SyntaxKind.LineCommentTrivia || k === SyntaxKind.BlockCommentTrivia)
        comments.push({ start: scanner.getTokenOffset(), end: scanner.getTokenOffset() + scanner.getTokenLength() });
    }
  }
  return { file, text, index, root, problems, comments };
}

/**
 * Commas before a closing `}` or `]` (comments and white space between them allowed): JSON with comments reads
 * them, strict JSON (dockerd's daemon.json) refuses them. Offsets of the commas.
 */
export function trailingCommas(text: string): number[] {
  const out: number[] = [];
  if (!text.includes(',')) return out;
  const scanner = createScanner(text, true);
  let comma = -1;
  for (let k = scanner.scan(); k !== SyntaxKind.EOF; k = scanner.scan()) {
    if (k === SyntaxKind.LineCommentTrivia || k === SyntaxKind.BlockCommentTrivia) continue;
    if ((k === SyntaxKind.CloseBraceToken || k === SyntaxKind.CloseBracketToken) && comma >= 0) out.push(comma);
    comma = k === SyntaxKind.CommaToken ? scanner.getTokenOffset() : -1;
  }
  return out;
}

/** The deepest nesting of `[` and `{` outside strings (a linear scan; jsonc-parser's tree is built recursively). */
function nestingDepth(text: string): number {
  let depth = 0,
    max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '/' && text[i + 1] === '/') {
      const e = text.indexOf('\n', i);
      i = e < 0 ? text.length : e;
    } else if (c === '/' && text[i + 1] === '*') {
      const e = text.indexOf('*/', i + 2);
      i = e < 0 ? text.length : e + 1;
    } else if (c === '[' || c === '{') max = Math.max(max, ++depth);
    else if (c === ']' || c === '}') depth--;
  }
  return max;
}

/** A property's value in an object node. */
export function prop(obj: Node | undefined, key: string): Node | undefined {
  if (obj?.type !== 'object') return undefined;
  let found: Node | undefined;
  // the last one wins, as in JSON.parse
  for (const p of obj.children ?? []) if (p.children?.[0]?.value === key) found = p.children[1];
  return found;
}

/** The property nodes of an object, with their keys. */
export function props(obj: Node | undefined): { key: string; keyNode: Node; value: Node | undefined; pair: Node }[] {
  if (obj?.type !== 'object') return [];
  return (obj.children ?? []).flatMap((p) =>
    typeof p.children?.[0]?.value === 'string'
      ? [{ key: p.children[0].value, keyNode: p.children[0], value: p.children[1], pair: p }]
      : [],
  );
}

/** A string node's value, or undefined. */
export function str(n: Node | undefined): string | undefined {
  return n?.type === 'string' ? (n.value as string) : undefined;
}
