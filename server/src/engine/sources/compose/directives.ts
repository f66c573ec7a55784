// Suppression comments in a YAML file: comments outside scalars (one scan, linear time; see collectDirectives for
// what a comment covers).
import { collectDirectives, type CommentLine, type Directive } from '../../config/suppress';
import type { ParsedYaml } from './yaml';
import { leadingCommentEnd } from '../../text';

/** Our marker, and dclint's (its `# dclint disable...` comments are read too: config/suppress.ts). */
const MARKERS = ['docker-security-lint', 'dclint'];

/**
 * The comments that may hold a directive with this marker: each line that holds the marker is looked at once,
 * from its first `#` that can start a comment (a linear scan; block and quoted scalars that mention the marker are
 * not comments, checked against the scalars' ranges by the caller).
 */
function commentsWith(f: ParsedYaml, marker: string, out: { line: number; start: number }[]): void {
  const idx = f.index;
  for (let at = f.text.indexOf(marker); at >= 0;) {
    const line = idx.position(at).line;
    const ls = idx.starts[line];
    const le = idx.lineEnd(line);
    const lastAt = f.text.lastIndexOf(marker, le - 1);
    for (let i = ls; i < lastAt; i++) {
      if (f.text[i] === '#' && (i === ls || f.text[i - 1] === ' ' || f.text[i - 1] === '\t')) {
        out.push({ line, start: i });
        break;
      }
    }
    at = f.text.indexOf(marker, le);
  }
}

/** Directives in a YAML file's comments (a `#` inside a scalar is text). */
export function yamlDirectives(f: ParsedYaml): Directive[] {
  let candidates: { line: number; start: number }[] = [];
  for (const marker of MARKERS) if (f.text.includes(marker)) commentsWith(f, marker, candidates);
  if (!candidates.length) return [];
  // a line that holds both markers is looked at once
  candidates.sort((a, b) => a.line - b.line || a.start - b.start);
  candidates = candidates.filter((c, i) => i === 0 || candidates[i - 1].line !== c.line);
  const comments: CommentLine[] = [];
  const idx = f.index;
  const inScalar = scalarSpans(f);
  for (const { line, start } of candidates) {
    if (inScalar(start)) continue;
    const whole = /^\s*$/.test(f.text.slice(idx.starts[line], start));
    comments.push({ line, start, end: idx.lineEnd(line), whole });
  }
  return collectDirectives(idx, comments, (l) => [l, l], leadingCommentEnd(idx, true));
}

/**
 * Is an offset inside a multi-line or quoted scalar (where '#' is text, not a comment)? The scalars' ranges are
 * collected once (without recursion: nesting depth is input) and looked up by binary search, so that one
 * directive per service does not walk the whole document once per directive.
 */
function scalarSpans(f: ParsedYaml): (offset: number) => boolean {
  const spans: { start: number; end: number; plain: boolean }[] = [];
  const stack: unknown[] = [f.doc.contents];
  while (stack.length) {
    const n = stack.pop();
    if (!n || typeof n !== 'object') continue;
    const node = n as {
      range?: [number, number, number];
      items?: unknown[];
      key?: unknown;
      value?: unknown;
      type?: string;
    };
    if (node.items) {
      for (const it of node.items) stack.push(it);
      continue;
    }
    if ('key' in node && 'value' in node && !node.range) {
      stack.push(node.key, node.value);
      continue;
    }
    if (node.range && node.type) spans.push({ start: node.range[0], end: node.range[1], plain: node.type === 'PLAIN' });
  }
  spans.sort((a, b) => a.start - b.start);
  return (offset) => {
    let lo = 0,
      hi = spans.length - 1,
      found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (spans[mid].start <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    // scalars do not overlap, but a plain scalar that starts at the offset does not contain it: look one back too
    for (let k = found; k >= 0 && k >= found - 1; k--) {
      const sp = spans[k];
      if (sp.plain ? offset > sp.start && offset < sp.end : offset >= sp.start && offset < sp.end) return true;
    }
    return false;
  };
}
