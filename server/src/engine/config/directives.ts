// Finding suppression comments in a file of `#` comments (scripts, Makefiles, workflows, Markdown shell blocks,
// systemd units); each source reads its own syntax (sources/<kind>/directives.ts) with collectDirectives.
import { collectDirectives, continuedCommand, type CommentLine, type Directive } from './suppress';
import { leadingCommentEnd, type LineIndex } from '../text';

/**
 * Directives in `#` comments of a file of command lines (a shell script, a Makefile, a workflow, a Markdown shell
 * block). A comment line covers the command on the next line with its continuation lines.
 */
export function hashDirectives(text: string, index: LineIndex): Directive[] {
  if (!text.includes('docker-security-lint')) return [];
  const comments: CommentLine[] = [];
  for (let at = text.indexOf('docker-security-lint'); at >= 0;) {
    const line = index.position(at).line;
    const ls = index.starts[line];
    const le = index.lineEnd(line);
    for (let i = ls; i < at; i++) {
      if (text[i] === '#' && (i === ls || text[i - 1] === ' ' || text[i - 1] === '\t')) {
        comments.push({ line, start: i, end: le, whole: /^\s*$/.test(text.slice(ls, i)) });
        break;
      }
    }
    at = text.indexOf('docker-security-lint', le);
  }
  return collectDirectives(index, comments, (l) => [l, continuedCommand(index, l)[1]], leadingCommentEnd(index, false));
}
