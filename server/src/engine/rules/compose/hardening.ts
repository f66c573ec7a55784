import type { Service } from '../../model/compose/project';
import type { ComposeContext } from '../composeContext';
import type { ComposeRule } from '../rule';
import type { Fix } from '../../types';
import {
  capDropAllFix,
  keepsDefaultCapabilities,
  lacksNoNewPrivileges,
  noNewPrivilegesFix,
  readOnlyFix,
  writableRoot,
} from './_advice';
import { isPrivileged } from './_views';

const ITEMS: readonly {
  rule: string;
  what: string;
  missing: (s: Service) => boolean;
  fix: (ctx: ComposeContext, s: Service) => Fix[];
}[] = [
  {
    rule: 'compose/no-new-privileges',
    what: 'no-new-privileges:true',
    missing: lacksNoNewPrivileges,
    fix: noNewPrivilegesFix,
  },
  { rule: 'compose/cap-drop-missing', what: 'cap_drop: [ALL]', missing: keepsDefaultCapabilities, fix: capDropAllFix },
  { rule: 'compose/read-only-rootfs', what: 'read_only: true', missing: writableRoot, fix: readOnlyFix },
];

export const rule: ComposeRule = {
  meta: {
    id: 'compose/hardening',
    kind: 'compose',
    title: 'Service could be hardened',
    severity: 'hint',
    profiles: { strict: 'off' },
    quadrant: 'configuration-profile',
    description:
      'In the `recommended` profile, one hint per service listing the hardening it does not set: ' +
      '`no-new-privileges:true`, `cap_drop: [ALL]`, `read_only: true` (what compose/no-new-privileges, ' +
      'compose/cap-drop-missing and compose/read-only-rootfs report one by one in `strict`). A hint is shown in ' +
      'the editor, not in the Problems panel. A privileged service gets no hint: privileged already overrides ' +
      'this hardening, and compose/privileged reports it. An item the config configures itself is left to its ' +
      'rule; `no-new-privileges:false` is always reported by compose/no-new-privileges.',
    why:
      'Each item closes a path an attacker inside the container would take: setuid escalation, the default ' +
      'capabilities (NET_RAW, CHOWN, SETUID...), and a writable filesystem to drop tools in. None is an active ' +
      'grant of host access, hence advice rather than a warning.',
    howToFix: 'Add what the hint lists where the service can live with it.',
    fixes: {
      safe: 'Adds `no-new-privileges:true` to `security_opt`.',
      unsafe: 'Adds `cap_drop: [ALL]` or `read_only: true` (the service may need a capability or to write).',
    },
    cis: ['5.3', '5.12', '5.25'],
    cwe: ['CWE-250', 'CWE-269'],
    references: [
      'https://docs.docker.com/reference/compose-file/services/#security_opt',
      'https://docs.docker.com/reference/compose-file/services/#cap_add',
      'https://docs.docker.com/reference/compose-file/services/#read_only',
    ],
    examples: {
      bad: ['services:\n  app:\n    image: alpine:3.20\n'],
      good: [
        'services:\n  app:\n    image: alpine:3.20\n    read_only: true\n    cap_drop: [ALL]\n    security_opt:\n' +
          '      - no-new-privileges:true\n',
        'services:\n  app:\n    image: alpine:3.20\n    privileged: true\n',
      ],
    },
  },
  check(ctx) {
    const items = ITEMS.filter((i) => ctx.groupItems.has(i.rule));
    if (!items.length) return;
    for (const s of ctx.services) {
      if (isPrivileged(s)) continue;
      const missing = items.filter((i) => i.missing(s) && !ctx.suppressed(i.rule, s.keyLoc));
      if (!missing.length) continue;
      ctx.report({
        at: s.keyLoc,
        message: `Service '${s.name}' could be hardened: add ${missing.map((m) => m.what).join(', ')}.`,
        fixes: () => missing.flatMap((m) => m.fix(ctx, s)),
      });
    }
  },
};
