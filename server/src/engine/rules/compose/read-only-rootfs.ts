import type { ComposeRule } from '../rule';
import { readOnlyFix, writableRoot } from './_advice';

export const rule: ComposeRule = {
  meta: {
    id: 'compose/read-only-rootfs',
    kind: 'compose',
    title: 'Root filesystem is writable',
    severity: 'info',
    quadrant: 'configuration-profile',
    group: 'compose/hardening',
    description: 'Flags a service without `read_only: true`.',
    why:
      'A read-only root filesystem stops an attacker from dropping tools or changing binaries and configuration ' +
      'inside the container.',
    howToFix: 'Set `read_only: true` and give writable paths explicitly with `tmpfs` or volumes.',
    fixes: { unsafe: 'Sets `read_only: true` (unsafe: the service may write to its filesystem).' },
    cis: ['5.13'],
    cwe: ['CWE-732'],
    references: ['https://docs.docker.com/reference/compose-file/services/#read_only'],
    examples: {
      bad: ['services:\n  app:\n    image: alpine:3.20\n'],
      good: ['services:\n  app:\n    image: alpine:3.20\n    read_only: true\n    tmpfs:\n      - /tmp\n'],
    },
  },
  check(ctx) {
    if (ctx.grouped) return; // reported with the service's other hardening advice (compose/hardening)
    for (const s of ctx.services) {
      if (!writableRoot(s)) continue;
      ctx.report({
        at: s.config.entries?.get('read_only') ?? s.keyLoc,
        message:
          `Service '${s.name}' has a writable root filesystem. Set read_only: true and mount tmpfs where it must ` +
          `write.`,
        fixes: () => readOnlyFix(ctx, s),
      });
    }
  },
};
