import type { ContainerRule } from '../rule';
import { reportUnlimited } from './_limits';

export const rule: ContainerRule = {
  meta: {
    name: 'memory-limit',
    title: 'Service has no memory limit',
    severity: 'warning',
    advice: true,
    quadrant: 'namespaces-cgroups',
    group: 'resource-limits',
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
    // hardening advice: Compose services only (see Container.hardening)
    sources: {},
  },
  check(ctx) {
    for (const c of ctx.containers) {
      const h = c.hardening;
      if (!h) continue;
      if (h.limits.memory.length) {
        reportUnlimited(ctx, c, h.limits.memory, 'memory', "it can exhaust the host's memory.", ctx.fixDefaults.memory);
        continue;
      }
      if (ctx.grouped) continue; // reported with the container's other missing limits (resource-limits)
      ctx.report({
        at: c,
        message: `${c.subject} has no memory limit: it can exhaust the host's memory. Set ${h.terms.limits}.memory.`,
        fixes: () => h.add.limits(['memory']),
      });
    }
  },
};
