import type { ContainerRule } from '../rule';
import { checkHostNamespace } from './_shared';

export const rule: ContainerRule = {
  meta: {
    name: 'host-userns',
    title: 'Service shares the host user namespace',
    severity: 'error',
    quadrant: 'namespaces-cgroups',
    description: 'Flags `userns_mode: host`.',
    why:
      '`userns_mode: host` turns off user-namespace remapping for the container, so root in the container is root on ' +
      'the host.',
    howToFix:
      'Remove `userns_mode: host`. Share a namespace with another container (`userns_mode: "service:name"` or ' +
      '`container:name` where Compose allows it) rather than with the host when containers must cooperate.',
    fixes: { unsafe: 'Removes the `userns_mode` key (unsafe: the service may rely on the host namespace).' },
    cis: ['5.31'],
    cwe: ['CWE-668'],
    references: ['https://docs.docker.com/reference/compose-file/services/#userns_mode'],
    examples: {
      bad: [
        'services:\n  app:\n    image: alpine:3.20\n    userns_mode: host\n',
        'services:\n  app:\n    image: alpine:3.20\n    userns_mode: "host"\n',
      ],
      good: ['services:\n  app:\n    image: alpine:3.20\n'],
    },
    sources: {
      devcontainer: {
        description: 'Flags `--userns=host` (or `--userns host`) in `runArgs`.',
        howToFix: 'Remove `--userns=host` from `runArgs`.',
        fixes: { unsafe: 'Removes the flag (and its value) from `runArgs`.' },
        examples: {
          bad: [
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "runArgs": ["--userns=host"]\n}\n',
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "runArgs": ["--init", "--userns", "host"]\n}\n',
          ],
          good: ['{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "runArgs": ["--init"]\n}\n'],
        },
      },
      run: {
        description:
          "Flags `--userns=host` (or `--userns host`) on a command line or in a workflow container's `options`.",
        howToFix: 'Remove `--userns=host`.',
        fixes: { unsafe: 'Removes the flag and its value.' },
        examples: {
          bad: ['docker run --rm --userns=host alpine:3.20 true\n', 'docker run --rm --userns host alpine:3.20 true\n'],
          good: ['docker run --rm alpine:3.20 true\n'],
        },
      },
    },
  },
  check(ctx) {
    checkHostNamespace(ctx, 'userns', 'user', 'root in the container is root on the host.');
  },
};
