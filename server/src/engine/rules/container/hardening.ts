import type { ContainerRule } from '../rule';
import type { Container, Hardening } from '../../model/container';
import type { Fix } from '../../types';
import { keepsDefaultCapabilities, lacking, lacksNoNewPrivileges } from './_shared';

const ITEMS: readonly {
  rule: string;
  what: (h: Hardening) => string;
  missing: (c: Container, h: Hardening) => boolean;
  fix: (h: Hardening) => Fix[];
}[] = [
  {
    rule: 'no-new-privileges',
    what: () => 'no-new-privileges:true',
    missing: (c) => lacksNoNewPrivileges(c),
    fix: (h) => h.add.noNewPrivileges(),
  },
  {
    rule: 'cap-drop-missing',
    what: (h) => h.terms.capDropAll,
    missing: (_c, h) => keepsDefaultCapabilities(h),
    fix: (h) => h.add.capDropAll(),
  },
  {
    rule: 'read-only-rootfs',
    what: (h) => h.terms.readOnlyRoot,
    missing: (_c, h) => !h.readOnlyRoot?.value,
    fix: (h) => h.add.readOnlyRoot(),
  },
];

export const rule: ContainerRule = {
  meta: {
    name: 'hardening',
    title: 'Service could be hardened',
    severity: 'hint',
    profiles: { strict: 'off' },
    advice: true,
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
    // hardening advice: Compose services only (see Container.hardening)
    sources: {},
  },
  check(ctx) {
    // privileged already overrides this hardening, and the privileged rule reports it
    const privileged = (c: Container) => c.privileged.length > 0;
    for (const { c, h, missing } of lacking(ctx, ITEMS, (i, c, h) => i.missing(c, h), privileged)) {
      ctx.report({
        at: c,
        message: `${c.subject} could be hardened: add ${missing.map((m) => m.what(h)).join(', ')}.`,
        fixes: () => missing.flatMap((m) => m.fix(h)),
      });
    }
  },
};
