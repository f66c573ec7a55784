import type { ContainerRule } from '../rule';
import { engineSocketOf, withPurpose } from './_shared';

export const rule: ContainerRule = {
  meta: {
    name: 'docker-socket',
    title: 'Container engine API socket mounted',
    severity: 'error',
    quadrant: 'daemon',
    description:
      'Flags `use_api_socket: true` (Compose mounts the Docker API socket itself) and a bind mount of the ' +
      'Docker, containerd, CRI-O or Podman API socket (`/var/run/docker.sock`, `/run/docker.sock`, ' +
      '`~/.docker/run/docker.sock`, `/run/containerd/containerd.sock`, `/run/podman/podman.sock`, ' +
      '`${XDG_RUNTIME_DIR}/docker.sock`, any file named `docker.sock`, `containerd.sock`, `podman.sock`...), in ' +
      'short or long syntax. `:ro` does not make it safe: read-only applies to the socket file, not to the API ' +
      'behind it.',
    why:
      "Whoever can talk to the engine API can start a privileged container that mounts the host's root filesystem: " +
      'mounting the socket hands the container root on the host.',
    howToFix:
      'Remove the mount. If the service must watch containers, put a filtering proxy (such as a ' +
      'docker-socket-proxy that allows only read-only endpoints) between it and the socket, or use rootless Docker.',
    fixes: { unsafe: 'Removes the volume entry or `use_api_socket` (unsafe: the service loses the API it was given).' },
    cis: ['5.32'],
    cwe: ['CWE-250'],
    references: [
      'https://docs.docker.com/engine/security/#docker-daemon-attack-surface',
      'https://docs.docker.com/engine/security/protect-access/',
    ],
    examples: {
      bad: [
        'services:\n  agent:\n    image: portainer/agent:2.21.0\n    volumes:\n      - ' +
          '/var/run/docker.sock:/var/run/docker.sock:ro\n',
        'services:\n  agent:\n    image: traefik:v3.1\n    volumes:\n      - type: bind\n        source: ' +
          '/run/docker.sock\n        target: /var/run/docker.sock\n',
      ],
      good: ['services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - ./html:/usr/share/nginx/html:ro\n'],
    },
    sources: {
      devcontainer: {
        description:
          "Flags a bind mount of the Docker (or Podman, containerd) socket in `mounts` or in `-v`/`--mount` flags of `runArgs`, and the features that mount the host's socket: `docker-outside-of-docker` and its older name `docker-from-docker`.",
        howToFix:
          'Remove the mount or the feature. When the dev container must drive Docker, give it a filtering socket proxy that allows only the API calls it needs.',
        fixes: { unsafe: 'Removes the mount, the flag, or the feature.' },
        examples: {
          bad: [
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "mounts": ["source=/var/run/docker.sock,target=/var/run/docker.sock,type=bind"]\n}\n',
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "features": {\n    "ghcr.io/devcontainers/features/docker-outside-of-docker:1": {}\n  }\n}\n',
          ],
          good: [
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "mounts": ["source=node_modules,target=/workspace/node_modules,type=volume"]\n}\n',
          ],
        },
      },
      run: {
        description:
          "Flags a bind mount of the Docker (or Podman, containerd) socket with `-v`/`--volume` or `--mount`, and in a workflow container's `volumes`.",
        howToFix:
          'Remove the mount. When the container must drive Docker, give it a filtering socket proxy that allows only the API calls it needs.',
        fixes: { unsafe: 'Removes the flag and its value (or the list item).' },
        examples: {
          bad: [
            'docker run --rm -v /var/run/docker.sock:/var/run/docker.sock docker:27-cli docker ps\n',
            'jobs:\n  build:\n    runs-on: ubuntu-24.04\n    services:\n      dind:\n        image: docker:27-cli\n        volumes:\n          - /var/run/docker.sock:/var/run/docker.sock\n    steps:\n      - run: make\n',
          ],
          good: ['docker run --rm -v "$(pwd)":/src alpine:3.20 ls /src\n'],
        },
      },
    },
  },
  check(ctx) {
    for (const c of ctx.containers) {
      for (const api of c.apiSocket) {
        ctx.report(
          withPurpose(
            c,
            'docker-socket',
            {
              at: api,
              message:
                `${c.subject} sets ${api.shown}: Compose mounts the Docker API socket into the ` +
                `container, and whoever reaches it owns the host. Remove it or use a filtering socket proxy.`,
              fixes: () => [{ title: `Remove ${api.shown}`, applicability: 'unsafe', edits: api.remove() }],
            },
            'error',
          ),
        );
      }
      for (const m of c.mounts) {
        const source = engineSocketOf(m.value);
        if (!source) continue;
        ctx.report(
          withPurpose(
            c,
            'docker-socket',
            {
              at: m,
              message:
                `${c.subject} mounts the container engine socket ` +
                `${source}${m.via ? ` (${m.via})` : ''}${m.value.readOnly ? ' (read-only does not restrict the API)' : ''}: ` +
                `whoever reaches it owns the host. Remove the mount or use a filtering socket proxy.`,
              fixes: () => [{ title: `Remove the ${source} mount`, applicability: 'unsafe', edits: m.remove() }],
            },
            'error',
          ),
        );
      }
    }
  },
};
