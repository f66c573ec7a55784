import type { ComposeRule } from '../rule';
import { checkSecurityOpt } from './_fixes';

export const rule: ComposeRule = {
  meta: {
    id: 'compose/selinux-disabled',
    kind: 'compose',
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
  },
  check(ctx) {
    checkSecurityOpt(
      ctx,
      'label',
      'disable',
      (svc) =>
        `Service '${svc}' disables SELinux labelling (label:disable): the container is not confined by SELinux. ` +
        `Remove the entry.`,
    );
  },
};
