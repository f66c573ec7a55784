import { text, type Val } from '../../model/compose/effective';
import type { ComposeRule } from '../rule';

/** Resources whose unlimited value lets one container exhaust the host. */
const GUARDED = new Set(['nproc', 'nofile', 'memlock', 'as', 'rss', 'sigpending', 'msgqueue', 'locks']);

export const rule: ComposeRule = {
  meta: {
    id: 'compose/ulimits-unlimited',
    kind: 'compose',
    title: 'Resource limit (ulimit) raised to unlimited',
    severity: 'warning',
    quadrant: 'namespaces-cgroups',
    description:
      'Flags `ulimits` of `nproc`, `nofile`, `memlock` and the other host-exhausting resources set to `-1` or ' +
      '`unlimited` (as one value, or as `soft`/`hard`).',
    why:
      "Ulimits bound what one container's processes may take of the host's process table, file descriptors and " +
      'locked memory; unlimited removes the bound the daemon gives by default.',
    howToFix: 'Set a finite value that fits the service (for instance `nofile: { soft: 65536, hard: 65536 }`).',
    cis: ['5.18'],
    cwe: ['CWE-770'],
    references: ['https://docs.docker.com/reference/compose-file/services/#ulimits'],
    examples: {
      bad: ['services:\n  app:\n    image: alpine:3.20\n    ulimits:\n      nproc: -1\n'],
      good: ['services:\n  app:\n    image: alpine:3.20\n    ulimits:\n      nofile: { soft: 65536, hard: 65536 }\n'],
    },
  },
  check(ctx) {
    for (const s of ctx.services) {
      const ulimits = s.config.entries?.get('ulimits')?.value;
      for (const [name, e] of ulimits?.entries ?? []) {
        if (!GUARDED.has(name.toLowerCase())) continue;
        const values: Val[] = e.value.entries
          ? [e.value.entries.get('soft')?.value, e.value.entries.get('hard')?.value].filter((v): v is Val => !!v)
          : [e.value];
        const bad = values.find((v) => /^(-1|unlimited|infinity)$/i.test(text(v)?.trim() ?? ''));
        if (!bad) continue;
        ctx.report({
          at: bad,
          message:
            `Service '${s.name}' sets the ${name} ulimit to ${text(bad)?.trim()}: its processes can exhaust that ` +
            `resource for the whole host. Set a finite value.`,
        });
      }
    }
  },
};
