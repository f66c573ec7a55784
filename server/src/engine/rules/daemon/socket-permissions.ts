import { othersMayWrite } from '../../sources/daemon/config';
import type { DaemonRule } from '../rule';

export const rule: DaemonRule = {
  meta: {
    id: 'daemon/socket-permissions',
    kind: 'daemon',
    title: "The engine's socket made writable by every user",
    severity: 'error',
    quadrant: 'daemon',
    description:
      'Flags a `chmod` in a script, a Makefile recipe or a CI step that lets every user write to a container ' +
      "engine's API socket (`/var/run/docker.sock`, any `docker.sock`, `containerd.sock`, `podman.sock`): an octal " +
      'mode with the write bit for others (`666`, `777`) or a symbolic one that adds it (`o+w`, `a+rw`). A ' +
      "Dockerfile's `RUN chmod` is left to `dockerfile/world-writable` (the socket is not there at build time).",
    why:
      'Connecting to the socket takes write permission on it, and whoever connects drives the daemon: a ' +
      'privileged container that mounts `/` is one command away. Mode 666 hands root on the host to every local ' +
      'user and to every process any of them runs (a compromised CI job, a web application, a container that ' +
      'mounts the socket under another user).',
    howToFix:
      'Leave the socket as the daemon creates it (`root:docker`, 660) and add the users who need Docker to the ' +
      '`docker` group (which is root-equivalent too: only those you would give root), or use rootless Docker.',
    cis: ['3.16'],
    cwe: ['CWE-732'],
    references: [
      'https://docs.docker.com/engine/install/linux-postinstall/',
      'https://docs.docker.com/engine/security/#docker-daemon-attack-surface',
    ],
    examples: {
      bad: ['#!/bin/sh\nsudo chmod 666 /var/run/docker.sock\n', '#!/bin/sh\nsudo chmod o+rw /var/run/docker.sock\n'],
      good: ['#!/bin/sh\nsudo chmod 660 /var/run/docker.sock\nsudo chgrp docker /var/run/docker.sock\n'],
    },
  },
  check(ctx) {
    for (const m of ctx.config.socketModes ?? []) {
      if (!othersMayWrite(m.mode)) continue;
      ctx.report({
        at: m,
        message:
          `chmod ${m.mode} lets every user write to the engine's socket ${m.socket}: each of them, and every ` +
          'process they run, controls the daemon, which is root on the host. Keep it root:docker with mode 660.',
      });
    }
  },
};
