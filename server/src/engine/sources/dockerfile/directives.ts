// Suppression comments in a Dockerfile: comment lines outside here-documents, each covering the instruction below.
import { collectDirectives, type CommentLine, type Directive } from '../../config/suppress';
import { instructionSpan, type DockerfileModel } from './model';

/** Directives in a Dockerfile's comment lines. */
export function dockerfileDirectives(m: DockerfileModel): Directive[] {
  if (!m.text.includes('docker-security-lint') && !m.text.includes('hadolint')) return [];
  const comments: CommentLine[] = [];
  for (let l = 0; l < m.index.lineCount; l++) {
    if (m.heredocLines.has(l)) continue;
    const t = m.index.lineText(l);
    const i = t.search(/\S/);
    if (i < 0 || t[i] !== '#') continue;
    comments.push({ line: l, start: m.index.starts[l] + i, end: m.index.lineEnd(l), whole: true });
  }
  return collectDirectives(m.index, comments, (l) => instructionSpan(m, l), m.leadingEnd);
}
