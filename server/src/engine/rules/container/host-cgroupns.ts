import type { ContainerRule } from '../rule';
import { checkHostNamespace } from './_shared';

export const rule: ContainerRule = {
  meta: {
    name: 'host-cgroupns',
    title: 'Service shares the host cgroup namespace',
    severity: 'warning',
    quadrant: 'namespaces-cgroups',
    description: 'Flags `cgroup: host`.',
    why:
      "The host cgroup namespace shows the container the host's whole cgroup hierarchy, which helps escapes that " +
      'write to cgroup files.',
    howToFix:
      'Remove `cgroup: host`. Share a namespace with another container (`cgroup: "service:name"` or ' +
      '`container:name` where Compose allows it) rather than with the host when containers must cooperate.',
    fixes: { unsafe: 'Removes the `cgroup` key (unsafe: the service may rely on the host namespace).' },
    cis: [],
    cwe: ['CWE-668'],
    references: ['https://docs.docker.com/reference/compose-file/services/#cgroup'],
    examples: {
      bad: [
        'services:\n  app:\n    image: alpine:3.20\n    cgroup: host\n',
        'services:\n  app:\n    image: alpine:3.20\n    cgroup: "host"\n',
      ],
      good: ['services:\n  app:\n    image: alpine:3.20\n'],
    },
    sources: {
      devcontainer: {
        description: 'Flags `--cgroupns=host` (or `--cgroupns host`) in `runArgs`.',
        howToFix: 'Remove `--cgroupns=host` from `runArgs`.',
        fixes: { unsafe: 'Removes the flag (and its value) from `runArgs`.' },
        examples: {
          bad: [
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "runArgs": ["--cgroupns=host"]\n}\n',
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "runArgs": ["--init", "--cgroupns", "host"]\n}\n',
          ],
          good: ['{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "runArgs": ["--init"]\n}\n'],
        },
      },
      run: {
        description:
          "Flags `--cgroupns=host` (or `--cgroupns host`) on a command line or in a workflow container's `options`.",
        howToFix: 'Remove `--cgroupns=host`.',
        fixes: { unsafe: 'Removes the flag and its value.' },
        examples: {
          bad: [
            'docker run --rm --cgroupns=host alpine:3.20 true\n',
            'docker run --rm --cgroupns host alpine:3.20 true\n',
          ],
          good: ['docker run --rm alpine:3.20 true\n'],
        },
      },
    },
  },
  check(ctx) {
    checkHostNamespace(ctx, 'cgroup', 'cgroup', "it sees the host's whole cgroup tree.");
  },
};
