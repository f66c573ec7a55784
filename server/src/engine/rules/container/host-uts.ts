import type { ContainerRule } from '../rule';
import { checkHostNamespace } from './_shared';

export const rule: ContainerRule = {
  meta: {
    name: 'host-uts',
    title: 'Service shares the host UTS namespace',
    severity: 'warning',
    quadrant: 'namespaces-cgroups',
    description: 'Flags `uts: host`.',
    why: "The host UTS namespace lets the container change the host's hostname and domain name.",
    howToFix:
      'Remove `uts: host`. Share a namespace with another container (`uts: "service:name"` or `container:name` ' +
      'where Compose allows it) rather than with the host when containers must cooperate.',
    fixes: { unsafe: 'Removes the `uts` key (unsafe: the service may rely on the host namespace).' },
    cis: ['5.21'],
    cwe: ['CWE-668'],
    references: ['https://docs.docker.com/reference/compose-file/services/#uts'],
    examples: {
      bad: [
        'services:\n  app:\n    image: alpine:3.20\n    uts: host\n',
        'services:\n  app:\n    image: alpine:3.20\n    uts: "host"\n',
      ],
      good: ['services:\n  app:\n    image: alpine:3.20\n'],
    },
    sources: {
      devcontainer: {
        description: 'Flags `--uts=host` (or `--uts host`) in `runArgs`.',
        howToFix: 'Remove `--uts=host` from `runArgs`.',
        fixes: { unsafe: 'Removes the flag (and its value) from `runArgs`.' },
        examples: {
          bad: [
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "runArgs": ["--uts=host"]\n}\n',
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "runArgs": ["--init", "--uts", "host"]\n}\n',
          ],
          good: ['{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "runArgs": ["--init"]\n}\n'],
        },
      },
      run: {
        description: "Flags `--uts=host` (or `--uts host`) on a command line or in a workflow container's `options`.",
        howToFix: 'Remove `--uts=host`.',
        fixes: { unsafe: 'Removes the flag and its value.' },
        examples: {
          bad: ['docker run --rm --uts=host alpine:3.20 true\n', 'docker run --rm --uts host alpine:3.20 true\n'],
          good: ['docker run --rm alpine:3.20 true\n'],
        },
      },
    },
  },
  check(ctx) {
    checkHostNamespace(ctx, 'uts', 'UTS', "it can change the host's hostname.");
  },
};
