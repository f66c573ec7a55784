import { text } from '../../model/compose/effective';
import type { ComposeRule } from '../rule';
import { isRootUser } from '../../vocabulary/users';
import { replaceScalarEdits } from '../composeContext';

export const rule: ComposeRule = {
  meta: {
    id: 'compose/user-root',
    kind: 'compose',
    title: 'Service runs as root',
    severity: 'warning',
    quadrant: 'configuration-profile',
    description: 'Flags `user: root`, `user: 0`, `0:0`, `root:<group>`.',
    why:
      "Root in a container is root on the host kernel's view of many resources; any escape or mis-mounted path " +
      'becomes a host compromise.',
    howToFix: 'Run as an unprivileged user (`user: "10001:10001"`) that owns only what the service writes.',
    fixes: {
      unsafe:
        'Replaces the value with the configured non-root user (`10001:10001` unless `fixes.user` says otherwise).',
    },
    cis: ['4.1'],
    cwe: ['CWE-250'],
    references: ['https://docs.docker.com/reference/compose-file/services/#user'],
    examples: {
      bad: [
        'services:\n  app:\n    image: alpine:3.20\n    user: root\n',
        'services:\n  app:\n    image: alpine:3.20\n    user: "0:0"\n',
      ],
      good: ['services:\n  app:\n    image: alpine:3.20\n    user: "10001:10001"\n'],
    },
  },
  check(ctx) {
    for (const s of ctx.services) {
      const e = s.config.entries?.get('user');
      const u = e && text(e.value);
      if (!e || u === undefined || !isRootUser(u)) continue;
      ctx.report({
        at: e,
        message: `Service '${s.name}' runs as root (user: ${u}). Run it as an unprivileged user.`,
        fixes: () => [
          {
            title: `Run as ${ctx.fixDefaults.user}`,
            applicability: 'unsafe',
            edits: replaceScalarEdits(ctx, e.value, ctx.fixDefaults.user),
          },
        ],
      });
    }
  },
};
