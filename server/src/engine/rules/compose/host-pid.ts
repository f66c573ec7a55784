import type { ComposeRule } from '../rule';
import { checkHostNamespace } from './_namespace';

export const rule: ComposeRule = {
  meta: {
    id: 'compose/host-pid',
    kind: 'compose',
    title: 'Service shares the host PID namespace',
    severity: 'error',
    quadrant: 'namespaces-cgroups',
    description: 'Flags `pid: host`.',
    why:
      'A container in the host PID namespace sees and can signal every process on the host, read their environment ' +
      'and, with ptrace, inject code into them.',
    howToFix:
      'Remove `pid: host`. Share a namespace with another container (`pid: "service:name"` or `container:name` ' +
      'where Compose allows it) rather than with the host when containers must cooperate.',
    fixes: { unsafe: 'Removes the `pid` key (unsafe: the service may rely on the host namespace).' },
    cis: ['5.16'],
    cwe: ['CWE-668'],
    references: ['https://docs.docker.com/reference/compose-file/services/#pid'],
    examples: {
      bad: [
        'services:\n  app:\n    image: alpine:3.20\n    pid: host\n',
        'services:\n  app:\n    image: alpine:3.20\n    pid: "host"\n',
      ],
      good: ['services:\n  app:\n    image: alpine:3.20\n'],
    },
  },
  check(ctx) {
    checkHostNamespace(ctx, 'pid', 'PID', 'it can see and signal every host process.');
  },
};
