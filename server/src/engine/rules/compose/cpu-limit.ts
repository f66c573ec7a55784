import { get } from '../../model/compose/effective';
import type { ComposeRule } from '../rule';
import { limitFix } from './_fixes';

export const rule: ComposeRule = {
  meta: {
    id: 'compose/cpu-limit',
    kind: 'compose',
    title: 'Service has no CPU limit',
    severity: 'warning',
    quadrant: 'namespaces-cgroups',
    description:
      'Flags a service with none of `cpus`, `cpu_quota` or `deploy.resources.limits.cpus`. A `cpu_shares` weight ' +
      'is not a limit.',
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
      if (c?.has('cpus') || c?.has('cpu_quota') || get(s.config, 'deploy', 'resources', 'limits', 'cpus')) continue;
      ctx.report({
        at: s.keyLoc,
        message:
          `Service '${s.name}' has no CPU limit: it can take every core of the host. Set ` +
          `deploy.resources.limits.cpus.`,
        fixes: () => limitFix(ctx, s, 'cpus', `'${ctx.fixDefaults.cpus}'`),
      });
    }
  },
};
