import { isTrue } from '../../model/compose/effective';
import type { ComposeRule } from '../rule';
import { removeEntryEdits } from '../composeContext';

export const rule: ComposeRule = {
  meta: {
    id: 'compose/privileged',
    kind: 'compose',
    title: 'Privileged container',
    severity: 'error',
    quadrant: 'configuration-profile',
    description: 'Flags `privileged: true` (also `"true"`, and a `${VAR:-true}` default).',
    why:
      'A privileged container gets every capability, all host devices, and no seccomp, AppArmor or SELinux ' +
      'confinement: escaping to the host is trivial.',
    howToFix:
      'Remove `privileged`. Grant only the capabilities (`cap_add`) or devices (`devices`) the service really needs.',
    fixes: {
      unsafe:
        'Removes the key where the service writes it or where an anchor used by this service alone defines it; ' +
        'otherwise sets `privileged: false` in the service.',
    },
    cis: ['5.4'],
    cwe: ['CWE-250'],
    references: [
      'https://docs.docker.com/reference/compose-file/services/#privileged',
      'https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities',
    ],
    examples: {
      bad: [
        'services:\n  app:\n    image: alpine:3.20\n    privileged: true\n',
        'services:\n  app:\n    image: alpine:3.20\n    privileged: "${PRIV:-true}"\n',
      ],
      good: [
        'services:\n  app:\n    image: alpine:3.20\n    privileged: false\n',
        'services:\n  app:\n    image: alpine:3.20\n    privileged: ${PRIV:-false}\n',
      ],
    },
  },
  check(ctx) {
    for (const s of ctx.services) {
      const e = s.config.entries?.get('privileged');
      if (!e || !isTrue(e.value)) continue;
      ctx.report({
        at: e,
        message:
          `Service '${s.name}' runs privileged: it gets every capability and host device, with no confinement. ` +
          `Remove privileged and add only the capabilities it needs.`,
        fixes: () => {
          const rm = removeEntryEdits(ctx, e);
          if (rm.length) return [{ title: 'Remove privileged: true', applicability: 'unsafe', edits: rm }];
          const map = ctx.ownMap(s);
          if (!map || e.at?.file !== ctx.file) return [];
          return [
            {
              title: 'Override with privileged: false',
              applicability: 'unsafe',
              edits: [ctx.edit.insertPair(map, 'privileged', 'false')],
            },
          ];
        },
      });
    }
  },
};
