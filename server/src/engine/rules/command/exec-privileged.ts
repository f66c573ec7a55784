import type { CommandRule } from '../rule';

export const rule: CommandRule = {
  meta: {
    id: 'run/exec-privileged',
    kind: 'run',
    title: 'Command run privileged in a running container',
    severity: 'error',
    quadrant: 'configuration-profile',
    description:
      '`docker exec --privileged` (also `docker container exec`, `podman exec`): the command runs in the container ' +
      'with every capability and no confinement, whatever the container itself was started with.',
    why:
      'A privileged exec gives the process all capabilities, the host devices the container can see and no ' +
      'seccomp, AppArmor or SELinux confinement: from there, a compromised or malicious command reaches the host ' +
      '(kernel modules, raw devices, mounts), even in a container that was started unprivileged.',
    howToFix:
      'Remove `--privileged`. If the command needs one capability, start the container with that capability ' +
      '(`--cap-add`) instead, so that it is declared and reviewed once.',
    fixes: { unsafe: 'Removes `--privileged` from the command.' },
    cwe: ['CWE-250'],
    cis: ['5.23'],
    references: ['https://docs.docker.com/reference/cli/docker/container/exec/'],
    examples: {
      bad: ['docker exec --privileged -it app sh\n'],
      good: ['docker exec -it app sh\n'],
    },
  },
  check(ctx) {
    for (const c of ctx.commands) {
      if (c.kind !== 'exec') continue;
      for (const f of c.flags) {
        if (f.name !== 'privileged' || /^(false|0)$/i.test(f.value ?? '')) continue;
        ctx.report({
          at: f,
          message:
            `\`${c.verb}\` (line ${c.line}) runs its command privileged: every capability and no confinement, ` +
            `whatever the container was started with. Remove ${f.written}.`,
          fixes: () => [{ title: `Remove ${f.written}`, applicability: 'unsafe', edits: f.remove() }],
        });
      }
    }
  },
};
