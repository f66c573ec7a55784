import type { ContainerRule } from '../rule';

export const rule: ContainerRule = {
  meta: {
    name: 'read-only-rootfs',
    title: 'Root filesystem is writable',
    severity: 'info',
    advice: true,
    quadrant: 'configuration-profile',
    group: 'hardening',
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
    // hardening advice: Compose services only (see Container.hardening)
    sources: {},
  },
  check(ctx) {
    if (ctx.grouped) return; // reported with the container's other hardening advice (hardening)
    for (const c of ctx.containers) {
      const h = c.hardening;
      if (!h || h.readOnlyRoot?.value) continue;
      ctx.report({
        at: h.readOnlyRoot ?? c,
        message: `${c.subject} has a writable root filesystem. Set ${h.terms.readOnlyRoot} and mount tmpfs where it must write.`,
        fixes: () => h.add.readOnlyRoot(),
      });
    }
  },
};
