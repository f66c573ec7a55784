import type { ComposeRule } from '../rule';
import { checkSecurityOpt } from './_fixes';

export const rule: ComposeRule = {
  meta: {
    id: 'compose/systempaths-unconfined',
    kind: 'compose',
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
  },
  check(ctx) {
    checkSecurityOpt(
      ctx,
      'systempaths',
      'unconfined',
      (svc) =>
        `Service '${svc}' unmasks /proc and /sys paths (systempaths=unconfined): the container can read kernel ` +
        `memory and trigger host actions. Remove the entry.`,
    );
  },
};
