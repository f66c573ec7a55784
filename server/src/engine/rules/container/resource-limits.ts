import type { ContainerRule } from '../rule';
import type { LimitKey } from '../../model/container';
import { lacking, lacksLimit } from './_shared';

const ITEMS: readonly { rule: string; key: LimitKey; what: string; harm: string }[] = [
  { rule: 'memory-limit', key: 'memory', what: 'memory', harm: 'memory' },
  { rule: 'cpu-limit', key: 'cpus', what: 'CPU', harm: 'CPUs' },
  { rule: 'pids-limit', key: 'pids', what: 'PID', harm: 'process table (a fork bomb)' },
];

export const rule: ContainerRule = {
  meta: {
    name: 'resource-limits',
    title: 'Service has no resource limits',
    severity: 'warning',
    profiles: { strict: 'off' },
    advice: true,
    quadrant: 'namespaces-cgroups',
    description:
      'In the `recommended` profile, one finding per service for the memory, CPU and PID limits it does not set ' +
      '(what compose/memory-limit, compose/cpu-limit and compose/pids-limit report one by one in `strict`). A ' +
      'limit the config configures itself (`compose/pids-limit: off`, or any severity) is left to that rule. A ' +
      'limit of 0 or -1 is still reported by its own rule, in every profile.',
    why:
      'Without cgroup limits one container can starve the host and every other container of memory, CPU or ' +
      'process slots; a fork bomb or a leak becomes a host outage.',
    howToFix:
      'Set `deploy.resources.limits` (`memory`, `cpus`, `pids`), or `mem_limit`, `cpus`, `pids_limit` in files ' +
      'that use those keys, to what the service needs.',
    fixes: {
      unsafe:
        'Adds exactly the missing limits with the configured values (`fixes.memory`, `fixes.cpus`, `fixes.pids`), ' +
        'under `deploy.resources.limits` or as service keys when the file already writes limits that way.',
    },
    cis: ['5.11', '5.12', '5.29'],
    cwe: ['CWE-770'],
    references: [
      'https://docs.docker.com/reference/compose-file/deploy/#resources',
      'https://docs.docker.com/engine/containers/resource_constraints/',
    ],
    examples: {
      bad: ['services:\n  app:\n    image: alpine:3.20\n'],
      good: [
        'services:\n  app:\n    image: alpine:3.20\n    deploy:\n      resources:\n        limits:\n          ' +
          'memory: 256M\n          cpus: "0.5"\n          pids: 128\n',
      ],
    },
    // hardening advice: Compose services only (see Container.hardening)
    sources: {},
  },
  check(ctx) {
    for (const { c, h, missing } of lacking(ctx, ITEMS, (i, _c, h) => lacksLimit(h, i.key))) {
      ctx.report({
        at: c,
        message: message(c.subject, missing, h.terms.limits),
        fixes: () => h.add.limits(missing.map((m) => m.key)),
      });
    }
  },
};

function message(subject: string, missing: typeof ITEMS, limits: string): string {
  const what = list(
    missing.map((m) => m.what),
    'or',
  );
  const harm = list(
    missing.map((m) => m.harm),
    'and',
  );
  const keys = missing.map((m) => m.key).join(', ');
  return `${subject} has no ${what} limit: it can exhaust the host's ${harm}. Set ${limits} (${keys}).`;
}

function list(xs: string[], and: string): string {
  return xs.length < 2 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} ${and} ${xs[xs.length - 1]}`;
}
