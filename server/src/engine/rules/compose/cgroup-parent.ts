import { text } from '../../model/compose/effective';
import type { ComposeRule } from '../rule';

export const rule: ComposeRule = {
  meta: {
    id: 'compose/cgroup-parent',
    kind: 'compose',
    title: 'Custom cgroup parent',
    severity: 'info',
    quadrant: 'namespaces-cgroups',
    description: 'Flags `cgroup_parent` set (CIS Docker Benchmark 5.25: confirm the cgroup is used as intended).',
    why:
      "The container's resources are accounted and limited under the parent cgroup it names: a parent without " +
      'limits, or one shared with host services, takes away the bounds the daemon would give it.',
    howToFix: 'Remove `cgroup_parent` unless a reviewed cgroup hierarchy needs it.',
    cis: ['5.25'],
    cwe: ['CWE-770'],
    references: ['https://docs.docker.com/reference/compose-file/services/#cgroup_parent'],
    examples: {
      bad: ['services:\n  app:\n    image: alpine:3.20\n    cgroup_parent: m-executor-abcd\n'],
      good: ['services:\n  app:\n    image: alpine:3.20\n'],
    },
  },
  check(ctx) {
    for (const s of ctx.services) {
      const e = s.config.entries?.get('cgroup_parent');
      const v = e && text(e.value)?.trim();
      if (!e || !v) continue;
      ctx.report({
        at: e,
        message:
          `Service '${s.name}' runs under the custom cgroup parent ${v}: its resource limits are those of that ` +
          `cgroup. Check that it is meant to be there.`,
      });
    }
  },
};
