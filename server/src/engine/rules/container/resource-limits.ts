import type { ContainerRule } from '../rule';
import type { LimitKey } from '../../model/container';
import type { Fix, TextEdit } from '../../types';
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
      '(what compose/memory-limit, compose/cpu-limit and compose/pids-limit report one by one in `strict`); from ' +
      'three such services in one file, one finding for the file, at the first, with the others as related ' +
      'information and one fix for all. A ' +
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
    const all = [...lacking(ctx, ITEMS, (i, _c, h) => lacksLimit(h, i.key))];
    if (all.length < ONCE_FROM) {
      for (const { c, h, missing } of all)
        ctx.report({
          at: c,
          message: message(c.subject, missing, h.terms.limits),
          fixes: () => h.add.limits(missing.map((m) => m.key)),
        });
      return;
    }
    // many services without limits: one finding, at the first, with the others as related information
    const [first, ...rest] = all;
    const missing = ITEMS.filter((i) => all.some((x) => x.missing.includes(i)));
    const names = all.map((x) => x.c.name);
    const shown =
      names.length > 6 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : list(names, 'and');
    ctx.report({
      at: first.c,
      message:
        `${all.length} services of this file have no ${list(
          missing.map((m) => m.what),
          'or',
        )} limit (${shown}): each can exhaust the host's ${list(
          missing.map((m) => m.harm),
          'and',
        )}. Set ${first.h.terms.limits} on each (an extension field with the limits, merged into every service, ` +
        `writes them once).`,
      alsoAt: rest.map((x) => ({
        at: x.c,
        message: `${x.c.subject} has no ${list(
          x.missing.map((m) => m.what),
          'or',
        )} limit either`,
      })),
      fixes: () =>
        combined(
          all.map((x) => x.h.add.limits(x.missing.map((m) => m.key))),
          all.length,
        ),
    });
  },
};

/** From this many services without limits in one file, they are reported together (once, not one per service). */
const ONCE_FROM = 3;

/**
 * One fix that adds the limits to every service: each service's own fix, their edits together (edits that would
 * touch the same text differently mean no combined fix is offered).
 */
function combined(each: Fix[][], n: number): Fix[] {
  const fixes = each.map((f) => f[0]);
  if (fixes.some((f) => !f)) return [];
  const edits = fixes.flatMap((f) => f.edits).sort((a, b) => a.start - b.start || a.end - b.end);
  const kept: TextEdit[] = [];
  for (const e of edits) {
    const last = kept[kept.length - 1];
    if (last && last.start === e.start && last.end === e.end && last.newText === e.newText) continue;
    if (last && e.start < last.end) return [];
    if (last && e.start === last.start && e.end === last.end && e.start === e.end) return [];
    kept.push(e);
  }
  return [{ title: `Add the missing limits to the ${n} services`, applicability: 'unsafe', edits: kept }];
}

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
