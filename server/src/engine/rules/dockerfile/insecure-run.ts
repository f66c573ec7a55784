import type { DockerfileRule } from '../rule';
import { checkRunFlag } from './_shared';

export const rule: DockerfileRule = {
  meta: {
    id: 'dockerfile/insecure-run',
    kind: 'dockerfile',
    title: 'RUN --security=insecure',
    severity: 'error',
    quadrant: 'configuration-profile',
    description: 'Flags `RUN --security=insecure`.',
    why:
      'An insecure RUN step runs without the build sandbox, with the privileges of a privileged container on the ' +
      'builder host.',
    howToFix: 'Remove the flag. Steps that need devices or mounts should be redesigned or run outside the build.',
    fixes: { unsafe: 'Removes the flag (unsafe: the step may need it to work).' },
    cwe: ['CWE-250'],
    references: ['https://docs.docker.com/reference/dockerfile/#run---security'],
    examples: {
      bad: ['FROM alpine:3.20\nRUN --security=insecure mount -t tmpfs none /mnt\nUSER 10001\n'],
      good: ['FROM alpine:3.20\nRUN --security=sandbox echo ok\nUSER 10001\n'],
    },
  },
  check(ctx) {
    checkRunFlag(
      ctx,
      'security',
      'insecure',
      'RUN --security=insecure runs the step without the build sandbox, with root on the builder host. Remove the ' +
        'flag.',
    );
  },
};
