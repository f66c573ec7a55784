import { get, rawText, text } from '../../model/compose/effective';
import type { ComposeRule } from '../rule';
import { engineSocketOf, envVars, mounts, ports } from './_views';
import { daemonOnPlainTcp, plainTcpHost, tcpHostName } from '../../vocabulary/daemon';
import type { ComposeProject, Service } from '../../model/compose/project';

/**
 * Is `host` a socket proxy of the same project: a service of that name (or `container_name`) that mounts the
 * engine socket and does not publish port 2375 to the host? Pointing DOCKER_HOST at one is the recommended way
 * to give a service a filtered Docker API; the proxy's own socket mount is reported by compose/docker-socket.
 */
function isSocketProxy(project: ComposeProject, host: string): boolean {
  const proxy = project.services.find(
    (s: Service) => s.name === host || text(s.config.entries?.get('container_name')?.value) === host,
  );
  if (!proxy) return false;
  const mountsSocket = mounts(proxy).some((m) => engineSocketOf(m) !== undefined);
  const published = (ports(proxy)?.list ?? []).some((p) => p.target === '2375' || p.published === '2375');
  return mountsSocket && !published;
}

export const rule: ComposeRule = {
  meta: {
    id: 'compose/docker-daemon-tcp',
    kind: 'compose',
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
  },
  check(ctx) {
    for (const s of ctx.services) {
      for (const v of envVars(get(s.config, 'environment'))) {
        if (v.name === 'DOCKER_HOST' && v.value && plainTcpHost(v.value)) {
          const host = tcpHostName(v.value);
          if (host && isSocketProxy(ctx.project, host)) continue;
          ctx.report({
            at: v.at,
            message:
              `Service '${s.name}' talks to the Docker daemon over plain TCP (${v.value}): the API is ` +
              `unauthenticated and unencrypted. Use TLS on 2376, SSH or the Unix socket.`,
          });
        }
      }
      for (const key of ['command', 'entrypoint']) {
        const e = s.config.entries?.get(key);
        if (!e) continue;
        const cmd = e.value.items ? e.value.items.map((i) => rawText(i) ?? '').join(' ') : text(e.value);
        if (cmd && daemonOnPlainTcp(cmd)) {
          ctx.report({
            at: e,
            message:
              `Service '${s.name}' starts the Docker daemon on plain TCP without --tlsverify: anyone who reaches it ` +
              `is root on the host. Enable mutual TLS or use the Unix socket.`,
          });
        }
      }
      for (const p of ports(s)?.list ?? []) {
        if (p.target === '2375') {
          ctx.report({
            at: p.item,
            message:
              `Service '${s.name}' publishes port 2375, the Docker API without TLS: anyone who reaches it is root on ` +
              `the host. Do not publish the daemon; use TLS on 2376 if you must.`,
          });
        }
      }
    }
  },
};
