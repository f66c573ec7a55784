import type { ContainerRule } from '../rule';

export const rule: ContainerRule = {
  meta: {
    name: 'no-new-privileges',
    title: 'no-new-privileges not set',
    severity: 'warning',
    advice: true,
    quadrant: 'configuration-profile',
    group: 'hardening',
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
    // hardening advice: Compose services only (see Container.hardening)
    sources: {},
  },
  check(ctx) {
    for (const c of ctx.containers) {
      const h = c.hardening;
      if (!h) continue;
      const opts = c.securityOpts.filter((o) => o.value.name === 'no-new-privileges');
      if (opts.some((o) => o.value.value === undefined || o.value.value === 'true')) continue;
      const off = opts.find((o) => o.value.value === 'false');
      if (off) {
        ctx.report({
          at: off,
          message:
            `${c.subject} turns no-new-privileges off: setuid binaries in it can gain privileges. Set ` +
            `no-new-privileges:true.`,
          fixes: () => [
            {
              title: 'Set no-new-privileges:true',
              applicability: 'safe',
              edits: off.replace?.(off.raw.replace(/false/i, 'true')) ?? [],
            },
          ],
        });
        continue;
      }
      if (ctx.grouped) continue; // reported with the container's other hardening advice (hardening)
      ctx.report({
        at: c,
        message:
          `${c.subject} does not set no-new-privileges: setuid binaries in it can gain privileges. Add ` +
          `${h.terms.noNewPrivileges}.`,
        fixes: () => h.add.noNewPrivileges(),
      });
    }
  },
};
