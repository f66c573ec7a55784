import { get, type Val } from '../../model/compose/effective';
import type { ComposeRule } from '../rule';
import { reportUnlimited } from './_fixes';
import { limitsFix } from './_advice';

export const rule: ComposeRule = {
  meta: {
    id: 'compose/cpu-limit',
    kind: 'compose',
    title: 'Service has no CPU limit',
    severity: 'warning',
    quadrant: 'namespaces-cgroups',
    group: 'compose/resource-limits',
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
  },
  check(ctx) {
    for (const s of ctx.services) {
      const c = s.config.entries;
      const cpus = [c?.get('cpus')?.value, get(s.config, 'deploy', 'resources', 'limits', 'cpus')].filter(
        (v): v is Val => v !== undefined,
      );
      const quota = c?.get('cpu_quota')?.value;
      if (cpus.length || quota) {
        const harm = 'it can take every core of the host.';
        reportUnlimited(ctx, s, cpus, 'CPU', harm, ctx.fixDefaults.cpus);
        // cpu_quota is in microseconds per 100 ms period: the same share of one CPU as the cpus default
        const perPeriod = String(Math.round(Number(ctx.fixDefaults.cpus) * 100_000));
        if (quota) reportUnlimited(ctx, s, [quota], 'CPU quota', harm, perPeriod);
        continue;
      }
      if (ctx.grouped) continue; // reported with the service's other missing limits (compose/resource-limits)
      ctx.report({
        at: s.keyLoc,
        message:
          `Service '${s.name}' has no CPU limit: it can take every core of the host. Set ` +
          `deploy.resources.limits.cpus.`,
        fixes: () => limitsFix(ctx, s, ['cpus']),
      });
    }
  },
};
