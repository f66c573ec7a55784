import type { ContainerRule } from '../rule';
import { reportUnlimited } from './_limits';

export const rule: ContainerRule = {
  meta: {
    name: 'cpu-limit',
    title: 'Service has no CPU limit',
    severity: 'warning',
    advice: true,
    quadrant: 'namespaces-cgroups',
    group: 'resource-limits',
    description:
      'Flags a service with none of `cpus`, `cpu_quota` or `deploy.resources.limits.cpus`, and one whose limit is ' +
      'no limit (`0`, `-1`, or a variable whose default is one of those). A `cpu_shares` weight is not a limit.',
    why:
      'Without a CPU quota a busy or compromised container can take every core and starve the host and its ' +
      'neighbours.',
    howToFix: 'Set `deploy.resources.limits.cpus` (or `cpus`).',
    fixes: {
      unsafe:
        "Inserts `deploy.resources.limits.cpus` with the configured default (`'1.0'` unless `fixes.cpus` says " +
        'otherwise).',
    },
    cis: ['5.12'],
    cwe: ['CWE-770'],
    references: ['https://docs.docker.com/reference/compose-file/deploy/#resources'],
    examples: {
      bad: ['services:\n  app:\n    image: alpine:3.20\n    cpu_shares: 512\n'],
      good: [
        'services:\n  app:\n    image: alpine:3.20\n    cpus: 0.5\n',
        'services:\n  app:\n    image: alpine:3.20\n    deploy:\n      resources:\n        limits:\n          ' +
          'cpus: "0.50"\n',
      ],
    },
    // hardening advice: Compose services only (see Container.hardening)
    sources: {},
  },
  check(ctx) {
    for (const c of ctx.containers) {
      const h = c.hardening;
      if (!h) continue;
      if (h.limits.cpus.length || h.cpuQuota.length) {
        const harm = 'it can take every core of the host.';
        reportUnlimited(ctx, c, h.limits.cpus, 'CPU', harm, ctx.fixDefaults.cpus);
        // cpu_quota is in microseconds per 100 ms period: the same share of one CPU as the cpus default
        const perPeriod = String(Math.round(Number(ctx.fixDefaults.cpus) * 100_000));
        reportUnlimited(ctx, c, h.cpuQuota, 'CPU quota', harm, perPeriod);
        continue;
      }
      if (ctx.grouped) continue; // reported with the container's other missing limits (resource-limits)
      ctx.report({
        at: c,
        message: `${c.subject} has no CPU limit: it can take every core of the host. Set ${h.terms.limits}.cpus.`,
        fixes: () => h.add.limits(['cpus']),
      });
    }
  },
};
