import type { DockerfileRule } from '../rule';
import { checkRunFlag } from './_shared';

export const rule: DockerfileRule = {
  meta: {
    id: 'dockerfile/host-network',
    kind: 'dockerfile',
    title: 'RUN on the host network',
    severity: 'warning',
    quadrant: 'namespaces-cgroups',
    description: 'Flags `RUN --network=host`.',
    why:
      "The step shares the builder host's network namespace: it can reach services bound to the host's loopback and " +
      'any network the host is on.',
    howToFix: 'Remove the flag; use the default build network, or `--network=none` for steps that need no network.',
    fixes: { unsafe: 'Removes the flag (unsafe: the step may need host networking).' },
    cwe: ['CWE-668'],
    references: ['https://docs.docker.com/reference/dockerfile/#run---network'],
    examples: {
      bad: ['FROM alpine:3.20\nRUN --network=host apk add curl\nUSER 10001\n'],
      good: ['FROM alpine:3.20\nRUN --network=none echo ok\nUSER 10001\n'],
    },
  },
  check(ctx) {
    checkRunFlag(
      ctx,
      'network',
      'host',
      "RUN --network=host shares the builder host's network namespace with this step. Remove the flag.",
    );
  },
};
