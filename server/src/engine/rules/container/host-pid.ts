import type { ContainerRule } from '../rule';
import { checkHostNamespace } from './_shared';

export const rule: ContainerRule = {
  meta: {
    name: 'host-pid',
    title: 'Service shares the host PID namespace',
    severity: 'error',
    quadrant: 'namespaces-cgroups',
    description: 'Flags `pid: host`.',
    why:
      'A container in the host PID namespace sees and can signal every process on the host, read their environment ' +
      'and, with ptrace, inject code into them.',
    howToFix:
      'Remove `pid: host`. Share a namespace with another container (`pid: "service:name"` or `container:name` ' +
      'where Compose allows it) rather than with the host when containers must cooperate.',
    fixes: { unsafe: 'Removes the `pid` key (unsafe: the service may rely on the host namespace).' },
    cis: ['5.16'],
    cwe: ['CWE-668'],
    references: ['https://docs.docker.com/reference/compose-file/services/#pid'],
    examples: {
      bad: [
        'services:\n  app:\n    image: alpine:3.20\n    pid: host\n',
        'services:\n  app:\n    image: alpine:3.20\n    pid: "host"\n',
      ],
      good: ['services:\n  app:\n    image: alpine:3.20\n'],
    },
    sources: {
      devcontainer: {
        description: 'Flags `--pid=host` (or `--pid host`) in `runArgs`.',
        howToFix: 'Remove `--pid=host` from `runArgs`.',
        fixes: { unsafe: 'Removes the flag (and its value) from `runArgs`.' },
        examples: {
          bad: [
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "runArgs": ["--pid=host"]\n}\n',
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "runArgs": ["--init", "--pid", "host"]\n}\n',
          ],
          good: ['{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "runArgs": ["--init"]\n}\n'],
        },
      },
      run: {
        description: "Flags `--pid=host` (or `--pid host`) on a command line or in a workflow container's `options`.",
        howToFix: 'Remove `--pid=host`.',
        fixes: { unsafe: 'Removes the flag and its value.' },
        examples: {
          bad: ['docker run --rm --pid=host alpine:3.20 true\n', 'docker run --rm --pid host alpine:3.20 true\n'],
          good: ['docker run --rm alpine:3.20 true\n'],
        },
      },
    },
  },
  check(ctx) {
    checkHostNamespace(ctx, 'pid', 'PID', 'it can see and signal every host process.');
  },
};
