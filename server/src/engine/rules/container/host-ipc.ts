import type { ContainerRule } from '../rule';
import { checkHostNamespace } from './_shared';

export const rule: ContainerRule = {
  meta: {
    name: 'host-ipc',
    title: 'Service shares the host IPC namespace',
    severity: 'error',
    quadrant: 'namespaces-cgroups',
    description: 'Flags `ipc: host`.',
    why: 'The host IPC namespace exposes host shared memory segments, semaphores and message queues to the container.',
    howToFix:
      'Remove `ipc: host`. Share a namespace with another container (`ipc: "service:name"` or `container:name` ' +
      'where Compose allows it) rather than with the host when containers must cooperate.',
    fixes: { unsafe: 'Removes the `ipc` key (unsafe: the service may rely on the host namespace).' },
    cis: ['5.17'],
    cwe: ['CWE-668'],
    references: ['https://docs.docker.com/reference/compose-file/services/#ipc'],
    examples: {
      bad: [
        'services:\n  app:\n    image: alpine:3.20\n    ipc: host\n',
        'services:\n  app:\n    image: alpine:3.20\n    ipc: "host"\n',
      ],
      good: ['services:\n  app:\n    image: alpine:3.20\n'],
    },
    sources: {
      devcontainer: {
        description: 'Flags `--ipc=host` (or `--ipc host`) in `runArgs`.',
        howToFix: 'Remove `--ipc=host` from `runArgs`.',
        fixes: { unsafe: 'Removes the flag (and its value) from `runArgs`.' },
        examples: {
          bad: [
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "runArgs": ["--ipc=host"]\n}\n',
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "runArgs": ["--init", "--ipc", "host"]\n}\n',
          ],
          good: ['{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "runArgs": ["--init"]\n}\n'],
        },
      },
      run: {
        description: "Flags `--ipc=host` (or `--ipc host`) on a command line or in a workflow container's `options`.",
        howToFix: 'Remove `--ipc=host`.',
        fixes: { unsafe: 'Removes the flag and its value.' },
        examples: {
          bad: ['docker run --rm --ipc=host alpine:3.20 true\n', 'docker run --rm --ipc host alpine:3.20 true\n'],
          good: ['docker run --rm alpine:3.20 true\n'],
        },
      },
    },
  },
  check(ctx) {
    checkHostNamespace(ctx, 'ipc', 'IPC', 'it can read and write host shared memory.');
  },
};
