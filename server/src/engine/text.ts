import type { Position, Range } from './types';

/** Maps UTF-16 offsets to zero-based line/character and back. Built once per text. */
export class LineIndex {
  readonly starts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) this.starts.push(i + 1);
    }
  }
  get lineCount(): number {
    return this.starts.length;
  }
  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0,
      hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }
  offset(p: Position): number {
    if (p.line >= this.starts.length) return this.text.length;
    const start = this.starts[Math.max(0, p.line)];
    return Math.min(start + Math.max(0, p.character), this.lineEnd(p.line));
  }
  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }
  /** Offset of the end of the line's content (before its line break). */
  lineEnd(line: number): number {
    const next = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    let e = next;
    if (e > this.starts[line] && this.text.charCodeAt(e - 1) === 10) e--;
    if (e > this.starts[line] && this.text.charCodeAt(e - 1) === 13) e--;
    return e;
  }
  lineText(line: number): string {
    return this.text.slice(this.starts[line], this.lineEnd(line));
  }
  /** The file's line break: CRLF when the first break is CRLF. */
  eol(): string {
    const i = this.text.indexOf('\n');
    return i > 0 && this.text[i - 1] === '\r' ? '\r\n' : '\n';
  }
}

/**
 * The last line of the file's leading comment block (comments, blank lines between them, and for YAML `---`),
 * or -1 when the file does not start with a comment. Where `ignore-file` directives are read and written.
 */
export function leadingCommentEnd(index: LineIndex, yamlDocStart: boolean, marker = '#'): number {
  let end = -1;
  for (let l = 0; l < index.lineCount; l++) {
    const t = index.lineText(l).trim();
    if (t.startsWith(marker) || (yamlDocStart && t === '---')) end = l;
    else if (t !== '') break;
  }
  return end;
}

export function applyEdits(text: string, edits: readonly { start: number; end: number; newText: string }[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  // from the end: an edit that overlaps one after it is skipped (the caller re-runs); insertions at one offset end
  // up in the reverse of their order here
  const kept: { start: number; end: number; newText: string }[] = [];
  let lastStart = Infinity;
  for (const e of sorted) {
    if (e.end > lastStart) continue;
    kept.push(e);
    lastStart = e.start;
  }
  // then the text once, front to back (splicing each edit into the whole text was quadratic: thousands of fixes
  // in one large file took seconds)
  const parts: string[] = [];
  let pos = 0;
  for (let i = kept.length - 1; i >= 0; i--) {
    parts.push(text.slice(pos, kept[i].start), kept[i].newText);
    pos = kept[i].end;
  }
  parts.push(text.slice(pos));
  return parts.join('');
}

/** Appends every item of `src` to `out` without spreading them into call arguments (which overflows the stack
 * for arrays of a few hundred thousand items, a size that input controls). */
export function pushAll<T>(out: T[], src: readonly T[]): T[] {
  for (let i = 0; i < src.length; i++) out.push(src[i]);
  return out;
}

/**
 * Control characters (C0 but for the tab, DEL, C1), line and paragraph separators and bidirectional controls:
 * what could start a new line in a log (and with it a GitHub workflow command), drive a terminal (escape codes) or
 * reorder what a reader sees. Every message and file name that reaches an output goes through `printable`.
 */
const UNPRINTABLE = /[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** Text with every unprintable character written as an escape (`\n`, `\x1b`, `\u202e`): one line, inert. */
export function printable(s: string): string {
  UNPRINTABLE.lastIndex = 0;
  if (!UNPRINTABLE.test(s)) return s;
  return s.replace(UNPRINTABLE, (c) => {
    const code = c.charCodeAt(0);
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
