// meta/ignore-without-reason: with --require-ignore-reason, a suppression comment that gives no reason.
import type { MetaRule } from '../rule';

export const rule: MetaRule = {
  meta: {
    id: 'meta/ignore-without-reason',
    kind: 'compose',
    title: 'Suppression comment without a reason',
    severity: 'warning',
    quadrant: 'configuration-profile',
    description: 'With `--require-ignore-reason`, flags a suppression comment that gives no reason after `--`.',
    why: 'A suppression without a reason cannot be reviewed: nobody knows later whether it still holds.',
    howToFix:
      'Write why after `--`: `# docker-security-lint ignore=compose/privileged -- needs /dev/kvm for the emulator`.',
    references: [],
    examples: { bad: [], good: [] },
  },
  check(ctx) {
    if (!ctx.requireReason) return;
    for (const d of ctx.directives) {
      if (!d.reason) ctx.report(d, 'This suppression gives no reason: add one after `--` so it can be reviewed.');
    }
  },
};
