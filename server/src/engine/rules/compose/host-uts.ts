import type { ComposeRule } from '../rule';
import { checkHostNamespace } from './_namespace';

export const rule: ComposeRule = {
  meta: {
    id: 'compose/host-uts',
    kind: 'compose',
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
  },
  check(ctx) {
    checkHostNamespace(ctx, 'uts', 'UTS', "it can change the host's hostname.");
  },
};
