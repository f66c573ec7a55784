import type { ContainerRule } from '../rule';
import { checkSecurityOpt } from './_shared';

export const rule: ContainerRule = {
  meta: {
    name: 'systempaths-unconfined',
    title: 'Masked system paths unmasked',
    severity: 'error',
    quadrant: 'configuration-profile',
    description: 'Flags `security_opt` entries `systempaths:unconfined` and `systempaths=unconfined`.',
    why:
      'Docker masks and makes read-only parts of /proc and /sys (such as /proc/kcore, /proc/sysrq-trigger); ' +
      'systempaths=unconfined exposes them.',
    howToFix:
      'Remove the entry to get the default profile, or write a custom profile that allows only what the service needs.',
    fixes: { unsafe: 'Removes the entry (and `security_opt` when it becomes empty).' },
    cis: [],
    cwe: ['CWE-693'],
    references: [
      'https://docs.docker.com/reference/compose-file/services/#security_opt',
      'https://docs.docker.com/reference/cli/docker/container/run/#security-opt',
    ],
    examples: {
      bad: [
        'services:\n  app:\n    image: alpine:3.20\n    security_opt:\n      - systempaths:unconfined\n',
        'services:\n  app:\n    image: alpine:3.20\n    security_opt: ["systempaths=unconfined"]\n',
      ],
      good: ['services:\n  app:\n    image: alpine:3.20\n    security_opt:\n      - no-new-privileges:true\n'],
    },
    sources: {
      devcontainer: {
        description:
          'Flags `systempaths=unconfined` (or `systempaths:unconfined`) in `securityOpt` or in a `--security-opt` flag of `runArgs`.',
        howToFix: 'Remove `systempaths=unconfined`.',
        fixes: { unsafe: 'Removes the entry from `securityOpt` (or the flag and its value from `runArgs`).' },
        examples: {
          bad: [
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "securityOpt": ["systempaths=unconfined"]\n}\n',
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "runArgs": ["--security-opt", "systempaths=unconfined"]\n}\n',
          ],
          good: [
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "securityOpt": ["no-new-privileges"]\n}\n',
          ],
        },
      },
      run: {
        description: 'Flags `--security-opt systempaths=unconfined`.',
        howToFix: 'Remove the option.',
        fixes: { unsafe: 'Removes the flag and its value.' },
        examples: {
          bad: ['docker run --rm --security-opt systempaths=unconfined alpine:3.20 true\n'],
          good: ['docker run --rm --security-opt no-new-privileges alpine:3.20 true\n'],
        },
      },
    },
  },
  check(ctx) {
    checkSecurityOpt(
      ctx,
      'systempaths',
      'unconfined',
      (subject) =>
        `${subject} unmasks /proc and /sys paths (systempaths=unconfined): the container can read kernel ` +
        `memory and trigger host actions. Remove the entry.`,
    );
  },
};
