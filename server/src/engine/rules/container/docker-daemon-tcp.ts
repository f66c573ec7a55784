import type { ContainerRule } from '../rule';
import type { Container } from '../../model/container';
import { daemonOnPlainTcp, plainTcpHost, tcpHostName } from '../../vocabulary/daemon';
import { engineSocketOf } from './_shared';

/**
 * Is this peer a socket proxy: a container of the same project that mounts the engine socket and does not publish
 * port 2375 to the host? Pointing DOCKER_HOST at one is the recommended way to give a container a filtered Docker
 * API; the proxy's own socket mount is reported by docker-socket.
 */
function isSocketProxy(proxy: Container | undefined): boolean {
  if (!proxy) return false;
  const mountsSocket = proxy.mounts.some((m) => engineSocketOf(m.value) !== undefined);
  const published = proxy.ports.some((p) => p.value.target === '2375' || p.value.published === '2375');
  return mountsSocket && !published;
}

export const rule: ContainerRule = {
  meta: {
    name: 'docker-daemon-tcp',
    title: 'Docker daemon reachable over plain TCP',
    severity: 'error',
    quadrant: 'daemon',
    description:
      'Flags `DOCKER_HOST=tcp://...:2375` (or tcp:// with no port) in `environment`, `dockerd -H tcp://...` ' +
      'without `--tlsverify` in `command`/`entrypoint`, and publishing container port 2375.',
    why:
      'The Docker API on plain TCP has no authentication and no encryption: anyone who reaches the port runs ' +
      'containers as root on the host.',
    howToFix:
      'Reach the daemon through its Unix socket, an SSH URL (`ssh://user@host`), or TCP with mutual TLS on port ' +
      '2376 (`--tlsverify`).',
    cis: ['2.6'],
    cwe: ['CWE-319', 'CWE-306'],
    references: ['https://docs.docker.com/engine/security/protect-access/'],
    examples: {
      bad: [
        'services:\n  ci:\n    image: docker:27-cli\n    environment:\n      DOCKER_HOST: tcp://dind:2375\n',
        'services:\n  dind:\n    image: docker:27-dind\n    command: ["dockerd", "-H", "tcp://0.0.0.0:2375"]\n',
        'services:\n  dind:\n    image: docker:27-dind\n    ports:\n      - "2375:2375"\n',
      ],
      good: [
        'services:\n  ci:\n    image: docker:27-cli\n    environment:\n      DOCKER_HOST: tcp://dind:2376\n      ' +
          'DOCKER_TLS_VERIFY: "1"\n',
      ],
    },
    sources: {
      devcontainer: {
        description:
          'Flags `DOCKER_HOST=tcp://...:2375` (or tcp:// with no port) in `containerEnv`, `remoteEnv` or `-e` flags ' +
          "of `runArgs` (a dev container that reaches the host's daemon over plain TCP), `dockerd -H tcp://...` " +
          'without `--tlsverify` in a lifecycle command (`postCreateCommand`, `postStartCommand`...), and ' +
          '`-p` publishing port 2375.',
        examples: {
          bad: [
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n' +
              '  "containerEnv": { "DOCKER_HOST": "tcp://host.docker.internal:2375" }\n}\n',
          ],
          good: [
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n' +
              '  "containerEnv": { "DOCKER_HOST": "ssh://dev@build-host" }\n}\n',
          ],
        },
      },
      run: {
        description:
          'Flags `-e DOCKER_HOST=tcp://...` without TLS (a container that reaches a daemon over plain TCP) and `-p` of port 2375.',
        examples: {
          bad: ['docker run --rm -e DOCKER_HOST=tcp://10.0.0.5:2375 docker:27-cli docker ps\n'],
          good: ['docker run --rm -e DOCKER_HOST=ssh://dev@build-host docker:27-cli docker ps\n'],
        },
      },
    },
  },
  check(ctx) {
    for (const c of ctx.containers) {
      for (const e of c.env) {
        const v = e.value;
        if (v.buildArg || v.name !== 'DOCKER_HOST' || !v.value || !plainTcpHost(v.value)) continue;
        const host = tcpHostName(v.value);
        if (host && isSocketProxy(ctx.peer(host))) continue;
        ctx.report({
          at: e,
          message:
            `${c.subject} talks to the Docker daemon over plain TCP (${v.value}): the API is ` +
            `unauthenticated and unencrypted. Use TLS on 2376, SSH or the Unix socket.`,
        });
      }
      for (const cmd of c.commands) {
        if (!daemonOnPlainTcp(cmd.value)) continue;
        ctx.report({
          at: cmd,
          message:
            `${c.subject} starts the Docker daemon on plain TCP without --tlsverify: anyone who reaches it ` +
            `is root on the host. Enable mutual TLS or use the Unix socket.`,
        });
      }
      for (const p of c.ports) {
        if (p.value.target !== '2375') continue;
        ctx.report({
          at: p,
          message:
            `${c.subject} publishes port 2375, the Docker API without TLS: anyone who reaches it is root on ` +
            `the host. Do not publish the daemon; use TLS on 2376 if you must.`,
        });
      }
    }
  },
};
