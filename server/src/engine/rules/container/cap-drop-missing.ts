import type { ContainerRule } from '../rule';
import { keepsDefaultCapabilities } from './_shared';

export const rule: ContainerRule = {
  meta: {
    name: 'cap-drop-missing',
    title: 'Capabilities not dropped',
    severity: 'info',
    advice: true,
    quadrant: 'capabilities',
    group: 'hardening',
    description: 'Flags a service whose `cap_drop` does not contain ALL.',
    why:
      "Docker's default set still holds capabilities most services never use (NET_RAW for spoofing, MKNOD, " +
      'SETUID/SETGID, DAC_OVERRIDE). Dropping all and adding back what is needed shrinks what an attacker inherits.',
    howToFix: 'Add `cap_drop: [ALL]` and `cap_add` only what the service needs (often nothing, or NET_BIND_SERVICE).',
    fixes: { unsafe: 'Adds `cap_drop: [ALL]` (or ALL to an existing cap_drop list).' },
    cis: ['5.3'],
    cwe: ['CWE-250'],
    references: ['https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities'],
    examples: {
      bad: [
        'services:\n  app:\n    image: alpine:3.20\n',
        'services:\n  app:\n    image: alpine:3.20\n    cap_drop:\n      - NET_RAW\n',
      ],
      good: ['services:\n  app:\n    image: alpine:3.20\n    cap_drop:\n      - ALL\n'],
    },
    // hardening advice: Compose services only (see Container.hardening)
    sources: {},
  },
  check(ctx) {
    if (ctx.grouped) return; // reported with the container's other hardening advice (hardening)
    for (const c of ctx.containers) {
      const h = c.hardening;
      if (!h || !keepsDefaultCapabilities(h)) continue;
      ctx.report({
        at: c,
        message: `${c.subject} keeps Docker's default capabilities. Add ${h.terms.capDropAll} and add back only what it needs.`,
        fixes: () => h.add.capDropAll(),
      });
    }
  },
};
