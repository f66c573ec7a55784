import { get, text, type Val } from '../../model/compose/effective';
import type { ComposeRule } from '../rule';
import { limitsFix } from './_advice';
import { replaceScalarEdits } from '../composeContext';

export const rule: ComposeRule = {
  meta: {
    id: 'compose/pids-limit',
    kind: 'compose',
    title: 'Service has no PID limit',
    severity: 'warning',
    quadrant: 'namespaces-cgroups',
    group: 'compose/resource-limits',
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
  },
  check(ctx) {
    for (const s of ctx.services) {
      const values: Val[] = [];
      const a = s.config.entries?.get('pids_limit')?.value;
      const b = get(s.config, 'deploy', 'resources', 'limits', 'pids');
      if (a) values.push(a);
      if (b) values.push(b);
      if (!values.length) {
        if (ctx.grouped) continue; // reported with the service's other missing limits (compose/resource-limits)
        ctx.report({
          at: s.keyLoc,
          message:
            `Service '${s.name}' has no PID limit: a fork bomb in it can exhaust the host's process table. Set ` +
            `deploy.resources.limits.pids.`,
          fixes: () => limitsFix(ctx, s, ['pids']),
        });
        continue;
      }
      for (const v of values) {
        const t = text(v)?.trim();
        if (t === undefined || !/^(-1|0)$/.test(t)) continue;
        ctx.report({
          at: v,
          message:
            `Service '${s.name}' sets an unlimited PID limit (${t}): a fork bomb in it can exhaust the host's ` +
            `process table. Use a positive bound.`,
          fixes: () => [
            {
              title: `Set the PID limit to ${ctx.fixDefaults.pids}`,
              applicability: 'unsafe',
              edits: replaceScalarEdits(ctx, v, String(ctx.fixDefaults.pids)),
            },
          ],
        });
      }
    }
  },
};
