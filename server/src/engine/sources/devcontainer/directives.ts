// Suppression comments in devcontainer.json (JSON with comments).
import { collectDirectives, type CommentLine, type Directive } from '../../config/suppress';
import { leadingCommentEnd } from '../../text';
import type { ParsedJsonc } from './parse';

/** Directives in the comments of a JSON file with comments (`// docker-security-lint ignore=...`). */
export function jsoncDirectives(f: ParsedJsonc): Directive[] {
  if (!f.text.includes('docker-security-lint')) return [];
  const comments: CommentLine[] = [];
  for (const c of f.comments) {
    if (!f.text.slice(c.start, c.end).includes('docker-security-lint')) continue;
    const { line } = f.index.position(c.start);
    const whole = /^\s*$/.test(f.text.slice(f.index.starts[line], c.start));
    comments.push({ line, start: c.start, end: Math.min(c.end, f.index.lineEnd(line)), whole });
  }
  return collectDirectives(f.index, comments, (l) => [l, l], leadingCommentEnd(f.index, false, '//'));
}
