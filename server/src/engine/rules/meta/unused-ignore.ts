// meta/unused-ignore: a suppression comment (or one of its ids) that suppressed nothing.
import type { LineIndex } from '../../text';
import type { Directive } from '../../config/suppress';
import type { TextEdit } from '../../types';
import type { MetaRule } from '../rule';

export const rule: MetaRule = {
  meta: {
    id: 'meta/unused-ignore',
    kind: 'compose',
    title: 'Suppression comment suppresses nothing',
    severity: 'info',
    quadrant: 'configuration-profile',
    description:
      'Flags a `# docker-security-lint ignore=...` or `ignore-file=...` comment (or one of its rule ids) that ' +
      'suppressed no finding, so stale suppressions do not pile up; and a hadolint or dclint ignore comment that ' +
      'maps to a rule of ours which runs and found nothing there. Works in every kind of file.',
    why: 'A stale suppression hides the next real finding of that rule on that line.',
    howToFix: 'Remove the comment, or the rule id that no longer applies.',
    references: [],
    examples: {
      bad: [
        'services:\n  app:\n    image: alpine:3.20\n    # docker-security-lint ignore=compose/privileged -- ' +
          'legacy\n    read_only: true\n',
      ],
      good: [
        'services:\n  app:\n    image: alpine:3.20\n    # docker-security-lint ignore=compose/privileged -- needs ' +
          '/dev access for the USB bridge\n    privileged: true\n',
      ],
    },
  },
  check(ctx) {
    if (!ctx.reportUnused) return;
    for (const d of ctx.directives) {
      // another linter's comment: only for our rules that run (its other ids are that linter's business)
      const unused = d.ids.filter((id) => !d.used.has(id) && (!d.peer || ctx.active(id)));
      if (!unused.length) continue;
      ctx.report(
        d,
        d.peer
          ? `This ${d.peer} comment, read as a suppression of ${unused.join(', ')}, suppresses nothing here: ` +
              `remove it if ${d.peer} does not need it either.`
          : `This suppression of ${unused.join(', ')} suppresses nothing: remove it so it cannot hide a future finding.`,
        [{ title: 'Remove the unused suppression', applicability: 'unsafe', edits: [removeComment(ctx.index, d)] }],
      );
    }
  },
};

/** Removes the comment: its whole line when it stands alone, else the comment and the spaces before it. */
function removeComment(index: LineIndex, d: Directive): TextEdit {
  const line = index.position(d.start).line;
  const before = index.text.slice(index.starts[line], d.start);
  if (/^\s*$/.test(before)) {
    const end = line + 1 < index.lineCount ? index.starts[line + 1] : index.text.length;
    return { start: index.starts[line], end, newText: '' };
  }
  let s = d.start;
  while (s > index.starts[line] && /\s/.test(index.text[s - 1])) s--;
  return { start: s, end: d.end, newText: '' };
}
