import type { ContainerRule } from '../rule';

export const rule: ContainerRule = {
  meta: {
    name: 'cgroup-parent',
    title: 'Custom cgroup parent',
    severity: 'info',
    advice: true,
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
    sources: {
      devcontainer: {
        description: 'Flags `--cgroup-parent` in `runArgs`.',
        examples: {
          bad: [
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "runArgs": ["--cgroup-parent=/custom"]\n}\n',
          ],
          good: ['{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "runArgs": ["--init"]\n}\n'],
        },
      },
      run: {
        description: 'Flags `--cgroup-parent`.',
        examples: {
          bad: ['docker run --rm --cgroup-parent /system.slice alpine:3.20 true\n'],
          good: ['docker run --rm alpine:3.20 true\n'],
        },
      },
    },
  },
  check(ctx) {
    for (const c of ctx.containers) {
      for (const e of c.cgroupParent) {
        ctx.report({
          at: e,
          message:
            `${c.subject} runs under the custom cgroup parent ${e.value}: its resource limits are those of that ` +
            `cgroup. Check that it is meant to be there.`,
        });
      }
    }
  },
};
