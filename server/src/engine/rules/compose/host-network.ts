import { isHostMode, namespaceEntry } from './_views';
import type { ComposeRule } from '../rule';

export const rule: ComposeRule = {
  meta: {
    id: 'compose/host-network',
    kind: 'compose',
    title: 'Service shares the host network namespace',
    severity: 'error',
    quadrant: 'namespaces-cgroups',
    description: 'Flags `network_mode: host` (and `net: host`, its spelling in legacy version 1 files).',
    why:
      'With the host network namespace the container sees every host interface, can bind any host port and reach ' +
      "services that listen only on the host's loopback (metadata endpoints, local databases, the Docker API on " +
      'localhost).',
    howToFix:
      'Remove `network_mode: host`, put the service on a user-defined network and publish only the ports it needs ' +
      '(bound to 127.0.0.1 where possible). There is no automatic fix: what to publish is your choice.',
    cis: ['5.9'],
    cwe: ['CWE-668'],
    references: [
      'https://docs.docker.com/reference/compose-file/services/#network_mode',
      'https://docs.docker.com/engine/network/drivers/host/',
    ],
    examples: {
      bad: ['services:\n  web:\n    image: nginx:1.27\n    network_mode: host\n'],
      good: ['services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:8080:80"\n'],
    },
  },
  check(ctx) {
    for (const s of ctx.services) {
      const e = namespaceEntry(s, 'network_mode');
      if (!e || !isHostMode(e)) continue;
      const key = e.key;
      ctx.report({
        at: e,
        message:
          `Service '${s.name}' shares the host's network namespace (${key}: host): it can reach every host ` +
          `interface and loopback-only service. Use a user-defined network and publish only the ports it needs.`,
      });
    }
  },
};
