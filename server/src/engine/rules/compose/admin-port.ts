import type { ComposeRule } from '../rule';
import { ports } from './_views';

/** Ports whose service administers the host or a cluster when published (2375 is compose/docker-daemon-tcp's). */
const ADMIN_PORTS: Record<string, string> = {
  '22': 'SSH',
  '2376': 'the Docker API (TLS)',
  '2379': 'etcd',
  '2380': 'etcd peers',
  '6443': 'the Kubernetes API',
  '10250': 'the kubelet API',
  '10255': 'the kubelet read-only API',
};

export const rule: ComposeRule = {
  meta: {
    id: 'compose/admin-port',
    kind: 'compose',
    title: 'Administration port published',
    severity: 'warning',
    quadrant: 'daemon',
    description:
      'Flags a published port (short or long syntax, any host address) whose container port is SSH (22) or an ' +
      'administration API: Docker over TLS (2376), etcd (2379, 2380), the Kubernetes API (6443), the kubelet ' +
      '(10250, 10255), as a warning; SSH at info, since it is often the service itself (Git over SSH, SFTP). Port ' +
      '2375 is compose/docker-daemon-tcp.',
    why:
      'These ports administer the container, the host or a cluster: published, they are a way in for anyone who ' +
      'can reach the host, past the isolation the rest of the file sets up.',
    howToFix: 'Do not publish them; reach them through `docker exec`, an SSH bastion or a private network.',
    cis: ['5.7'],
    cwe: ['CWE-284'],
    references: ['https://docs.docker.com/reference/compose-file/services/#ports'],
    examples: {
      bad: ['services:\n  box:\n    image: debian:12\n    ports: ["2222:22"]\n'],
      good: ['services:\n  box:\n    image: debian:12\n    expose: ["22"]\n'],
    },
  },
  check(ctx) {
    for (const s of ctx.services) {
      for (const p of ports(s)?.list ?? []) {
        const target = p.target?.replace(/\/(tcp|udp)$/i, '');
        const what = target !== undefined ? ADMIN_PORTS[target] : undefined;
        if (!what) continue;
        // SSH is often the service itself (Git over SSH in a forge, SFTP): info, and said so
        const ssh = target === '22';
        ctx.report({
          at: p.item,
          severity: ssh ? 'info' : undefined,
          message: ssh
            ? `Service '${s.name}' publishes port 22 (SSH) on the host. If it is a shell into the container, remove ` +
              `it and use docker exec; a Git or SFTP service that serves SSH on purpose can suppress this.`
            : `Service '${s.name}' publishes port ${target} (${what}) on the host: anyone who reaches it gets an ` +
              `administration entry point. Do not publish it.`,
        });
      }
    }
  },
};
