import type { ContainerRule } from '../rule';
import { checkSecurityOpt } from './_shared';

export const rule: ContainerRule = {
  meta: {
    name: 'selinux-disabled',
    title: 'SELinux labelling disabled',
    severity: 'error',
    quadrant: 'configuration-profile',
    description: 'Flags `security_opt` entries `label:disable` and `label=disable`.',
    why:
      'With labelling disabled the container process is not confined by SELinux, which on SELinux hosts is the main ' +
      'barrier between containers and host files.',
    howToFix:
      'Remove the entry to get the default profile, or write a custom profile that allows only what the service needs.',
    fixes: { unsafe: 'Removes the entry (and `security_opt` when it becomes empty).' },
    cis: ['5.2'],
    cwe: ['CWE-693'],
    references: [
      'https://docs.docker.com/reference/compose-file/services/#security_opt',
      'https://docs.docker.com/engine/security/#other-kernel-security-features',
    ],
    examples: {
      bad: [
        'services:\n  app:\n    image: alpine:3.20\n    security_opt:\n      - label:disable\n',
        'services:\n  app:\n    image: alpine:3.20\n    security_opt: ["label=disable"]\n',
      ],
      good: ['services:\n  app:\n    image: alpine:3.20\n    security_opt:\n      - no-new-privileges:true\n'],
    },
    sources: {
      devcontainer: {
        description:
          'Flags `label=disable` (or `label:disable`) in `securityOpt` or in a `--security-opt` flag of `runArgs`.',
        howToFix: 'Remove `label=disable`.',
        fixes: { unsafe: 'Removes the entry from `securityOpt` (or the flag and its value from `runArgs`).' },
        examples: {
          bad: [
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "securityOpt": ["label=disable"]\n}\n',
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "runArgs": ["--security-opt", "label=disable"]\n}\n',
          ],
          good: [
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "securityOpt": ["no-new-privileges"]\n}\n',
          ],
        },
      },
      run: {
        description: 'Flags `--security-opt label=disable` (or `label:disable`).',
        howToFix: 'Remove the option; relabel the mounts that need it with `:z` or `:Z`.',
        fixes: { unsafe: 'Removes the flag and its value.' },
        examples: {
          bad: ['docker run --rm --security-opt label=disable alpine:3.20 true\n'],
          good: ['docker run --rm --security-opt no-new-privileges alpine:3.20 true\n'],
        },
      },
    },
  },
  check(ctx) {
    checkSecurityOpt(
      ctx,
      'label',
      'disable',
      (subject) =>
        `${subject} disables SELinux labelling (label:disable): the container is not confined by SELinux. ` +
        `Remove the entry.`,
    );
  },
};
