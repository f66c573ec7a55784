// meta/ignore-without-reason: with --require-ignore-reason, a suppression comment that gives no reason.
import type { MetaRule } from '../rule';

export const rule: MetaRule = {
  meta: {
    id: 'meta/ignore-without-reason',
    kind: 'compose',
    title: 'Suppression comment without a reason',
    severity: 'warning',
    quadrant: 'configuration-profile',
    description:
      'Flags a suppression comment whose reason is still the placeholder the quick fix wrote ' +
      '(`<why this is acceptable>`, or any `<...>`), always; with `--require-ignore-reason`, also one that gives no ' +
      'reason after `--`.',
    why: 'A suppression without a reason cannot be reviewed: nobody knows later whether it still holds.',
    howToFix:
      'Write why after `--`: `# docker-security-lint ignore=compose/privileged -- needs /dev/kvm for the emulator`.',
    references: [],
    examples: { bad: [], good: [] },
  },
  check(ctx) {
    for (const d of ctx.directives) {
      if (d.placeholder)
        ctx.report(d, 'This suppression still has the placeholder reason: write why it is acceptable after `--`.');
      else if (ctx.requireReason && !d.reason)
        ctx.report(
          d,
          d.peer
            ? `This ${d.peer} comment suppresses ${d.ids.join(', ')} without a reason: write a ` +
                '`# docker-security-lint ignore=... -- reason` where this must stay suppressed.'
            : 'This suppression gives no reason: add one after `--` so it can be reviewed.',
        );
    }
  },
};
