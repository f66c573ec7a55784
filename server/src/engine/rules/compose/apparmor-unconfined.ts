import type { ComposeRule } from '../rule';
import { checkSecurityOpt } from './_fixes';

export const rule: ComposeRule = {
  meta: {
    id: 'compose/apparmor-unconfined',
    kind: 'compose',
    title: 'AppArmor disabled',
    severity: 'error',
    quadrant: 'configuration-profile',
    description: 'Flags `security_opt` entries `apparmor:unconfined` and `apparmor=unconfined`.',
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
  },
  check(ctx) {
    checkSecurityOpt(
      ctx,
      'apparmor',
      'unconfined',
      (svc) =>
        `Service '${svc}' runs without AppArmor (apparmor:unconfined): nothing stops writes to /proc, /sys or ` +
        `mounts. Remove the entry.`,
    );
  },
};
