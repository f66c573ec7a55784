import type { CommandRule } from '../rule';

export const rule: CommandRule = {
  meta: {
    id: 'run/plugin-all-permissions',
    kind: 'run',
    title: 'Plugin installed with every permission it asks for',
    severity: 'warning',
    quadrant: 'daemon',
    description:
      '`docker plugin install --grant-all-permissions`: the plugin gets every privilege it requests (host ' +
      'network, devices, mounts, capabilities) without anyone seeing the list.',
    why:
      'A managed plugin runs next to the daemon with what it asks for: `CAP_SYS_ADMIN`, host mounts, the host ' +
      'network. Granting all of them unread is installing root code on the host from a registry.',
    howToFix:
      'Install without `--grant-all-permissions` once, interactively, to read the privileges it asks for; pin the ' +
      'plugin by digest; then automate with the privileges you reviewed.',
    fixes: { unsafe: 'Removes `--grant-all-permissions` (docker then asks before granting).' },
    cwe: ['CWE-250'],
    references: ['https://docs.docker.com/reference/cli/docker/plugin/install/'],
    examples: {
      bad: ['docker plugin install --grant-all-permissions vieux/sshfs:latest\n'],
      good: ['docker plugin install vieux/sshfs:latest\n'],
    },
  },
  check(ctx) {
    for (const c of ctx.commands) {
      if (c.kind !== 'plugin-install') continue;
      for (const f of c.flags) {
        if (f.name !== 'grant-all-permissions') continue;
        ctx.report({
          at: f,
          message:
            `\`${c.verb}\` (line ${c.line}) grants the plugin every privilege it asks for, unread ` +
            `(${f.written}). Review its privileges once and grant those.`,
          fixes: () => [{ title: `Remove ${f.written}`, applicability: 'unsafe', edits: f.remove() }],
        });
      }
    }
  },
};
