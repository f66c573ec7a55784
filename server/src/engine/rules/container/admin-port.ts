import type { ContainerRule } from '../rule';
import { servesSsh } from '../../vocabulary/images';
import { lookupTable } from '../../vocabulary/lookup';

/** Ports whose service administers the host or a cluster when published (2375 is compose/docker-daemon-tcp's). */
const ADMIN_PORTS: Record<string, string> = lookupTable({
  '22': 'SSH',
  '2376': 'the Docker API (TLS)',
  '2379': 'etcd',
  '2380': 'etcd peers',
  '6443': 'the Kubernetes API',
  '10250': 'the kubelet API',
  '10255': 'the kubelet read-only API',
});

export const rule: ContainerRule = {
  meta: {
    name: 'admin-port',
    title: 'Administration port published',
    severity: 'warning',
    quadrant: 'daemon',
    description:
      'Flags a published port (short or long syntax, any host address) whose container port is SSH (22) or an ' +
      'administration API: Docker over TLS (2376), etcd (2379, 2380), the Kubernetes API (6443), the kubelet ' +
      '(10250, 10255), as a warning; SSH at info, since it is often the service itself (Git over SSH, SFTP), and ' +
      'not at all for the images whose service it is (Gitea, Gogs, GitLab, Forgejo, Soft Serve, Gerrit, SFTP and ' +
      'SSH server images). Port 2375 is compose/docker-daemon-tcp.',
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
    sources: {
      devcontainer: {
        description:
          'Flags `-p`/`--publish` flags of `runArgs` that publish an administration port (same list as for Compose). `forwardPorts` publishes nothing.',
        examples: {
          bad: [
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "runArgs": ["-p", "127.0.0.1:2376:2376"]\n}\n',
          ],
          good: ['{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "forwardPorts": [2376]\n}\n'],
        },
      },
      run: {
        description:
          "Flags `-p`/`--publish` of administration ports (the same list as for Compose: Docker 2375/2376, SSH, databases' admin ports...).",
        examples: {
          bad: ['docker run -d -p 2222:22 debian:12 sleep infinity\n'],
          good: ['docker run --rm -p 127.0.0.1:8080:80 nginx:1.27\n'],
        },
      },
    },
  },
  check(ctx) {
    for (const c of ctx.containers) {
      for (const p of c.ports) {
        const target = p.value.target?.replace(/\/(tcp|udp)$/i, '');
        const what = target !== undefined ? ADMIN_PORTS[target] : undefined;
        if (!what) continue;
        // SSH is often the service itself (Git over SSH in a forge, SFTP): not reported for the images whose service
        // it is; otherwise info, and said so
        const ssh = target === '22';
        if (ssh && c.image && servesSsh(c.image.value)) continue;
        ctx.report({
          at: p,
          severity: ssh ? 'info' : undefined,
          message: ssh
            ? `${c.subject} publishes port 22 (SSH) on the host. If it is a shell into the container, remove ` +
              `it and use docker exec; a Git or SFTP service that serves SSH on purpose can suppress this.`
            : `${c.subject} publishes port ${target} (${what}) on the host: anyone who reaches it gets an ` +
              `administration entry point. Do not publish it.`,
        });
      }
    }
  },
};
