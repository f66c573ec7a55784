import type { ContainerRule } from '../rule';
import { checkSecurityOpt } from './_shared';

export const rule: ContainerRule = {
  meta: {
    name: 'apparmor-unconfined',
    title: 'AppArmor disabled',
    severity: 'error',
    quadrant: 'configuration-profile',
    description:
      'Flags `security_opt` entries `apparmor:unconfined` and `apparmor=unconfined`. In `recommended`, not reported for a privileged container: its privileged finding names it.',
    why: 'The default AppArmor profile stops writes to /proc and /sys and mounts; unconfined removes that layer.',
    howToFix:
      'Remove the entry to get the default profile, or write a custom profile that allows only what the service needs.',
    fixes: { unsafe: 'Removes the entry (and `security_opt` when it becomes empty).' },
    cis: ['5.1'],
    cwe: ['CWE-693'],
    references: [
      'https://docs.docker.com/reference/compose-file/services/#security_opt',
      'https://docs.docker.com/engine/security/apparmor/',
    ],
    examples: {
      bad: [
        'services:\n  app:\n    image: alpine:3.20\n    security_opt:\n      - apparmor:unconfined\n',
        'services:\n  app:\n    image: alpine:3.20\n    security_opt: ["apparmor=unconfined"]\n',
      ],
      good: ['services:\n  app:\n    image: alpine:3.20\n    security_opt:\n      - no-new-privileges:true\n'],
    },
    sources: {
      devcontainer: {
        description:
          'Flags `apparmor=unconfined` (or `apparmor:unconfined`) in `securityOpt` or in a `--security-opt` flag of `runArgs`.',
        howToFix: 'Remove `apparmor=unconfined`.',
        fixes: { unsafe: 'Removes the entry from `securityOpt` (or the flag and its value from `runArgs`).' },
        examples: {
          bad: [
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "securityOpt": ["apparmor=unconfined"]\n}\n',
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "runArgs": ["--security-opt", "apparmor=unconfined"]\n}\n',
          ],
          good: [
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "securityOpt": ["no-new-privileges"]\n}\n',
          ],
        },
      },
      run: {
        description: 'Flags `--security-opt apparmor=unconfined` (or `apparmor:unconfined`).',
        howToFix: 'Remove the option.',
        fixes: { unsafe: 'Removes the flag and its value.' },
        examples: {
          bad: ['docker run --rm --security-opt apparmor=unconfined alpine:3.20 true\n'],
          good: ['docker run --rm --security-opt no-new-privileges alpine:3.20 true\n'],
        },
      },
    },
  },
  check(ctx) {
    checkSecurityOpt(
      ctx,
      'apparmor',
      'unconfined',
      (subject) =>
        `${subject} runs without AppArmor (apparmor:unconfined): nothing stops writes to /proc, /sys or ` +
        `mounts. Remove the entry.`,
    );
  },
};
