import type { ComposeRule } from '../rule';
import { reportUnlimited } from './_fixes';
import { limitsFix, limitValues } from './_advice';

export const rule: ComposeRule = {
  meta: {
    id: 'compose/memory-limit',
    kind: 'compose',
    title: 'Service has no memory limit',
    severity: 'warning',
    quadrant: 'namespaces-cgroups',
    group: 'compose/resource-limits',
    description:
      'Flags a service with neither `mem_limit` nor `deploy.resources.limits.memory` (after merge keys, `extends` ' +
      'and override files), and one whose limit is no limit (`0`, `"0"`, `0m`, `-1`, or a variable whose ' +
      'default is one of those).',
    why:
      'Without a memory cgroup limit one container can use all host memory and push the kernel into killing other ' +
      'containers or host processes.',
    howToFix: 'Set `deploy.resources.limits.memory` (or `mem_limit`) to what the service needs.',
    fixes: {
      unsafe:
        'Inserts `deploy.resources.limits.memory` with the configured default (512M unless `fixes.memory` says ' +
        'otherwise), merged into an existing `deploy`/`resources`/`limits` mapping.',
    },
    cis: ['5.11'],
    cwe: ['CWE-770'],
    references: [
      'https://docs.docker.com/reference/compose-file/deploy/#resources',
      'https://docs.docker.com/engine/containers/resource_constraints/',
    ],
    examples: {
      bad: ['services:\n  app:\n    image: alpine:3.20\n'],
      good: [
        'services:\n  app:\n    image: alpine:3.20\n    deploy:\n      resources:\n        limits:\n          ' +
          'memory: 256M\n',
        'services:\n  app:\n    image: alpine:3.20\n    mem_limit: 256m\n',
      ],
    },
  },
  check(ctx) {
    for (const s of ctx.services) {
      const values = limitValues(s, 'memory');
      if (values.length) {
        reportUnlimited(ctx, s, values, 'memory', "it can exhaust the host's memory.", ctx.fixDefaults.memory);
        continue;
      }
      if (ctx.grouped) continue; // reported with the service's other missing limits (compose/resource-limits)
      ctx.report({
        at: s.keyLoc,
        message:
          `Service '${s.name}' has no memory limit: it can exhaust the host's memory. Set ` +
          `deploy.resources.limits.memory.`,
        fixes: () => limitsFix(ctx, s, ['memory']),
      });
    }
  },
};
