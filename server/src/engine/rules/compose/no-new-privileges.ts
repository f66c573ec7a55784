import type { ComposeRule } from '../rule';
import { securityOpts } from './_views';
import { replaceScalarEdits } from '../composeContext';
import { noNewPrivilegesFix } from './_advice';
import { rawText } from '../../model/compose/effective';

export const rule: ComposeRule = {
  meta: {
    id: 'compose/no-new-privileges',
    kind: 'compose',
    title: 'no-new-privileges not set',
    severity: 'warning',
    quadrant: 'configuration-profile',
    group: 'compose/hardening',
    description:
      'Flags a service whose `security_opt` has no `no-new-privileges` (bare, `:true` or `=true`), or sets it to ' +
      'false.',
    why:
      'Without no-new-privileges a process in the container can gain privileges through setuid/setgid binaries or ' +
      'file capabilities, which turns many local bugs into root.',
    howToFix: 'Add `no-new-privileges:true` to `security_opt`.',
    fixes: {
      safe:
        "Adds `no-new-privileges:true` to the service's `security_opt` (block or flow style, same quoting), or " +
        'creates the key.',
    },
    cis: ['5.26'],
    cwe: ['CWE-269'],
    references: ['https://docs.docker.com/reference/cli/docker/container/run/#security-opt'],
    examples: {
      bad: [
        'services:\n  app:\n    image: alpine:3.20\n',
        'services:\n  app:\n    image: alpine:3.20\n    security_opt:\n      - no-new-privileges:false\n',
      ],
      good: [
        'services:\n  app:\n    image: alpine:3.20\n    security_opt:\n      - no-new-privileges:true\n',
        'services:\n  app:\n    image: alpine:3.20\n    security_opt: ["no-new-privileges"]\n',
      ],
    },
  },
  check(ctx) {
    for (const s of ctx.services) {
      const opts = securityOpts(s).filter((o) => o.name === 'no-new-privileges');
      if (opts.some((o) => o.value === undefined || o.value === 'true')) continue;
      const off = opts.find((o) => o.value === 'false');
      if (off) {
        ctx.report({
          at: off.item,
          message:
            `Service '${s.name}' turns no-new-privileges off: setuid binaries in it can gain privileges. Set ` +
            `no-new-privileges:true.`,
          fixes: () => [
            {
              title: 'Set no-new-privileges:true',
              applicability: 'safe',
              edits: replaceScalarEdits(ctx, off.item, (rawText(off.item) ?? '').replace(/false/i, 'true')),
            },
          ],
        });
        continue;
      }
      if (ctx.grouped) continue; // reported with the service's other hardening advice (compose/hardening)
      ctx.report({
        at: s.keyLoc,
        message:
          `Service '${s.name}' does not set no-new-privileges: setuid binaries in it can gain privileges. Add ` +
          `no-new-privileges:true to security_opt.`,
        fixes: () => noNewPrivilegesFix(ctx, s),
      });
    }
  },
};
