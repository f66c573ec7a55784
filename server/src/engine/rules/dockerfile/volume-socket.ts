import type { DockerfileRule } from '../rule';
import { isEngineSocket } from '../../vocabulary/daemon';
import { removeInstructionEdit, removeWordEdit } from './_shared';

export const rule: DockerfileRule = {
  meta: {
    id: 'dockerfile/volume-socket',
    kind: 'dockerfile',
    title: 'VOLUME for the container engine socket',
    severity: 'warning',
    quadrant: 'daemon',
    description:
      'Flags `VOLUME` of a container engine socket (`/var/run/docker.sock`, containerd, Podman, CRI-O; any path ' +
      'whose file name is such a socket), in shell or JSON form.',
    why:
      'The image declares that it expects the Docker API socket to be mounted: whoever runs it is led to bind the ' +
      "host's socket, and whoever reaches that socket owns the host.",
    howToFix:
      'Remove the socket from VOLUME. If the image needs the Docker API, give it a filtering socket proxy, and ' +
      'document the grant where the container is run, not in the image.',
    fixes: { unsafe: 'Removes the socket path from VOLUME (the instruction when it was the only path).' },
    cis: ['5.31'],
    cwe: ['CWE-250'],
    references: [
      'https://docs.docker.com/reference/dockerfile/#volume',
      'https://docs.docker.com/engine/security/#docker-daemon-attack-surface',
    ],
    examples: {
      bad: ['FROM alpine:3.20\nVOLUME /var/run/docker.sock\nUSER 10001\n'],
      good: ['FROM alpine:3.20\nVOLUME /data\nUSER 10001\n'],
    },
  },
  check(ctx) {
    const m = ctx.model;
    for (const i of m.instructions) {
      if (i.keyword !== 'VOLUME') continue;
      const json = i.args.length === 1 && i.args[0].value.trim().startsWith('[');
      for (const a of i.args) {
        // the JSON form (`VOLUME ["/data", "/var/run/docker.sock"]`) is one argument: judge its strings
        const paths = json
          ? [...a.value.matchAll(/"([^"]*)"/g)].map((x) => x[1])
          : [a.value.replace(/^["']|["']$/g, '')];
        const socket = paths.find((p) => isEngineSocket(p));
        if (!socket) continue;
        ctx.report({
          start: a.start,
          end: a.end,
          message:
            `VOLUME ${socket} asks for the container engine's socket: whoever runs the image is led to mount the ` +
            `host's Docker API, which owns the host. Remove it; use a filtering socket proxy if the API is needed.`,
          fixes: json
            ? undefined
            : () => [
                {
                  title: `Remove ${socket} from VOLUME`,
                  applicability: 'unsafe',
                  edits: [i.args.length === 1 ? removeInstructionEdit(m, i) : removeWordEdit(m, a)],
                },
              ],
        });
      }
    }
  },
};
