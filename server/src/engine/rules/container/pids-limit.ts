import type { ContainerRule } from '../rule';

export const rule: ContainerRule = {
  meta: {
    name: 'pids-limit',
    title: 'Service has no PID limit',
    severity: 'warning',
    advice: true,
    quadrant: 'namespaces-cgroups',
    group: 'resource-limits',
    description:
      'Flags a service with no `pids_limit` / `deploy.resources.limits.pids`, or with an unlimited value (`-1`, `0`).',
    why:
      "Without a PID limit a fork bomb in one container exhausts the host's process table and takes every other " +
      'workload down.',
    howToFix: 'Set `deploy.resources.limits.pids` (or `pids_limit`) to a bound that fits the service, such as 256.',
    fixes: {
      unsafe:
        'Inserts `deploy.resources.limits.pids` with the configured default (256 unless `fixes.pids` says ' +
        'otherwise), or replaces an unlimited value.',
    },
    cis: ['5.29'],
    cwe: ['CWE-770'],
    references: ['https://docs.docker.com/reference/compose-file/services/#pids_limit'],
    examples: {
      bad: [
        'services:\n  app:\n    image: alpine:3.20\n',
        'services:\n  app:\n    image: alpine:3.20\n    pids_limit: -1\n',
      ],
      good: [
        'services:\n  app:\n    image: alpine:3.20\n    pids_limit: 200\n',
        'services:\n  app:\n    image: alpine:3.20\n    deploy:\n      resources:\n        limits:\n          ' +
          'pids: 100\n',
      ],
    },
    // hardening advice: Compose services only (see Container.hardening)
    sources: {},
  },
  check(ctx) {
    for (const c of ctx.containers) {
      const h = c.hardening;
      if (!h) continue;
      const values = h.limits.pids;
      if (!values.length) {
        if (ctx.grouped) continue; // reported with the container's other missing limits (resource-limits)
        ctx.report({
          at: c,
          message:
            `${c.subject} has no PID limit: a fork bomb in it can exhaust the host's process table. Set ` +
            `${h.terms.limits}.pids.`,
          fixes: () => h.add.limits(['pids']),
        });
        continue;
      }
      for (const v of values) {
        if (!/^(-1|0)$/.test(v.value)) continue;
        ctx.report({
          at: v,
          message:
            `${c.subject} sets an unlimited PID limit (${v.value}): a fork bomb in it can exhaust the host's ` +
            `process table. Use a positive bound.`,
          fixes: () => [
            {
              title: `Set the PID limit to ${ctx.fixDefaults.pids}`,
              applicability: 'unsafe',
              edits: v.replace?.(String(ctx.fixDefaults.pids)) ?? [],
            },
          ],
        });
      }
    }
  },
};
