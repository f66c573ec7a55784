import { logicalArgs } from '../../sources/dockerfile/model';
import type { DockerfileRule } from '../rule';
import { exposes } from './_expose';
import { envAndArgs } from '../../sources/dockerfile/props';
import { daemonOnPlainTcp, plainTcpHost } from '../../vocabulary/daemon';

export const rule: DockerfileRule = {
  meta: {
    id: 'dockerfile/docker-daemon-tcp',
    kind: 'dockerfile',
    title: 'Docker daemon on plain TCP',
    severity: 'error',
    quadrant: 'daemon',
    description:
      'Flags `EXPOSE 2375`, `ENV DOCKER_HOST=tcp://...:2375` (or no port), and `dockerd -H tcp://...` without ' +
      '`--tlsverify` in RUN/CMD/ENTRYPOINT.',
    why:
      'The Docker API on plain TCP has no authentication and no encryption: anyone who reaches it runs containers as ' +
      'root on the host.',
    howToFix: 'Use the Unix socket, SSH, or mutual TLS on port 2376 (`--tlsverify`).',
    cis: ['2.6'],
    cwe: ['CWE-319', 'CWE-306'],
    references: ['https://docs.docker.com/engine/security/protect-access/'],
    examples: {
      bad: [
        'FROM docker:27-dind\nEXPOSE 2375\nUSER 10001\n',
        'FROM docker:27-cli\nENV DOCKER_HOST=tcp://docker:2375\nUSER 10001\n',
      ],
      good: ['FROM docker:27-cli\nENV DOCKER_HOST=tcp://docker:2376 DOCKER_TLS_VERIFY=1\nUSER 10001\n'],
    },
  },
  check(ctx) {
    const m = ctx.model;
    for (const i of m.instructions) {
      if (i.keyword === 'EXPOSE')
        for (const a of exposes(m, i, 2375))
          ctx.report({
            start: a.start,
            end: a.end,
            message:
              `EXPOSE ${a.value} advertises the Docker API without TLS: anyone who reaches it is root on the host. ` +
              `Use TLS on 2376.`,
          });
      // only where a tcp:// address is written (daemonOnPlainTcp needs one; the logical text costs an offset per
      // character to build)
      if (['RUN', 'CMD', 'ENTRYPOINT'].includes(i.keyword) && m.text.slice(i.argsStart, i.end).includes('tcp:')) {
        for (const lt of logicalArgs(m, i)) {
          const flat = lt.text.replace(/"\s*,\s*"/g, ' ').replace(/[[\]"]/g, ' ');
          if (daemonOnPlainTcp(flat))
            ctx.report({
              start: i.start,
              end: i.end,
              message:
                `${i.keyword} starts dockerd on plain TCP without --tlsverify: anyone who reaches it is root on the ` +
                `host. Enable mutual TLS.`,
            });
        }
      }
    }
    for (const p of envAndArgs(m)) {
      if (p.name === 'DOCKER_HOST' && p.value && plainTcpHost(p.value))
        ctx.report({
          start: p.start,
          end: p.end,
          message:
            `${p.inst.keyword} DOCKER_HOST=${p.value} talks to the daemon over plain TCP: unauthenticated and ` +
            `unencrypted. Use TLS on 2376, SSH or the Unix socket.`,
        });
    }
  },
};
