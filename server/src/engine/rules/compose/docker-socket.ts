import type { ComposeRule } from '../rule';
import { removeEntryEdits, removeItemEdits } from '../composeContext';
import { entry, isTrue } from '../../model/compose/effective';
import { engineSocketOf, mounts } from './_views';

export const rule: ComposeRule = {
  meta: {
    id: 'compose/docker-socket',
    kind: 'compose',
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
  },
  check(ctx) {
    for (const s of ctx.services) {
      const api = entry(s.config, 'use_api_socket');
      if (api && isTrue(api.value)) {
        ctx.report({
          at: api,
          message:
            `Service '${s.name}' sets use_api_socket: true: Compose mounts the Docker API socket into the ` +
            `container, and whoever reaches it owns the host. Remove it or use a filtering socket proxy.`,
          fixes: () => [
            { title: 'Remove use_api_socket: true', applicability: 'unsafe', edits: removeEntryEdits(ctx, api) },
          ],
        });
      }
      for (const m of mounts(s)) {
        const source = engineSocketOf(m);
        if (!source) continue;
        ctx.report({
          at: m.item,
          message:
            `Service '${s.name}' mounts the container engine socket ` +
            `${source}${m.readOnly ? ' (read-only does not restrict the API)' : ''}: whoever reaches it owns the ` +
            `host. Remove the mount or use a filtering socket proxy.`,
          fixes: () => [
            {
              title: `Remove the ${source} mount`,
              applicability: 'unsafe',
              edits: removeItemEdits(ctx, m.owner, m.item),
            },
          ],
        });
      }
    }
  },
};
