import type { DaemonRule } from '../rule';

/** A host the daemon listens on only for this machine (local users and containers can still reach it). */
function isLoopback(url: string): boolean {
  return /^tcp:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:|\/|$)/i.test(url.trim());
}

export const rule: DaemonRule = {
  meta: {
    id: 'daemon/tcp-without-tls',
    kind: 'daemon',
    title: 'Docker daemon listens on TCP without client certificates',
    severity: 'error',
    quadrant: 'daemon',
    description:
      'Flags a `tcp://` address in `hosts` of a daemon.json (or `-H`/`--host` in the `ExecStart` of a systemd ' +
      'drop-in for docker.service, or on a `dockerd` command line in a script, a Makefile recipe or a CI step) when the daemon does not verify client certificates (`tlsverify` not true). ' +
      '`tls: true` alone encrypts the connection but lets any client in. A loopback address is a warning: every ' +
      'local user and every container that can reach the host loopback still gets the API.',
    why:
      'The Docker API gives whoever reaches it root on the host: it starts privileged containers that mount `/`. ' +
      'Without mutual TLS the only thing between the network and that API is the network itself.',
    howToFix:
      'Use the Unix socket (and SSH, `docker -H ssh://host`, for remote access), or set `tlsverify: true` with ' +
      '`tlscacert`, `tlscert` and `tlskey` and listen on 2376.',
    cis: ['2.6'],
    cwe: ['CWE-306', 'CWE-319'],
    references: [
      'https://docs.docker.com/engine/security/protect-access/',
      'https://docs.docker.com/reference/cli/dockerd/#daemon-configuration-file',
    ],
    examples: {
      bad: [
        '{\n  "hosts": ["unix:///var/run/docker.sock", "tcp://0.0.0.0:2375"]\n}\n',
        '{\n  "hosts": ["tcp://0.0.0.0:2376"],\n  "tls": true\n}\n',
      ],
      good: [
        '{\n  "hosts": ["unix:///var/run/docker.sock", "tcp://0.0.0.0:2376"],\n  "tlsverify": true,\n' +
          '  "tlscacert": "/etc/docker/ca.pem",\n  "tlscert": "/etc/docker/server.pem",\n' +
          '  "tlskey": "/etc/docker/server-key.pem"\n}\n',
      ],
    },
  },
  check(ctx) {
    const { settings, hosts } = ctx.config;
    if (settings.get('tlsverify')?.value === true) return;
    const tls = settings.get('tls')?.value === true;
    for (const h of hosts) {
      const url = typeof h.value === 'string' ? h.value : '';
      if (!/^tcp:\/\//i.test(url.trim())) continue;
      const local = isLoopback(url);
      ctx.report({
        at: h,
        severity: local ? 'warning' : undefined,
        message:
          `The Docker daemon listens on ${url.trim()} ${tls ? 'with TLS but without client verification' : 'without TLS'}: ` +
          `${local ? 'every local user and container that reaches it' : 'anyone who reaches it'} is root on the host. ` +
          `Set tlsverify with client certificates, or use the Unix socket and SSH.`,
      });
    }
  },
};
