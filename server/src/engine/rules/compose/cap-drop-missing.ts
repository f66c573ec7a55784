import type { ComposeRule } from '../rule';
import { capDropAllFix, keepsDefaultCapabilities } from './_advice';

export const rule: ComposeRule = {
  meta: {
    id: 'compose/cap-drop-missing',
    kind: 'compose',
    title: 'Capabilities not dropped',
    severity: 'info',
    quadrant: 'capabilities',
    group: 'compose/hardening',
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
  },
  check(ctx) {
    if (ctx.grouped) return; // reported with the service's other hardening advice (compose/hardening)
    for (const s of ctx.services) {
      if (!keepsDefaultCapabilities(s)) continue;
      ctx.report({
        at: s.keyLoc,
        message:
          `Service '${s.name}' keeps Docker's default capabilities. Add cap_drop: [ALL] and add back only what it ` +
          `needs.`,
        fixes: () => capDropAllFix(ctx, s),
      });
    }
  },
};
