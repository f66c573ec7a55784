import type { ContainerRule } from '../rule';
import { isHostMode, withPurpose } from './_shared';

export const rule: ContainerRule = {
  meta: {
    name: 'host-network',
    title: 'Service shares the host network namespace',
    severity: 'error',
    quadrant: 'namespaces-cgroups',
    description: 'Flags `network_mode: host` (and `net: host`, its spelling in legacy version 1 files).',
    why:
      'With the host network namespace the container sees every host interface, can bind any host port and reach ' +
      "services that listen only on the host's loopback (metadata endpoints, local databases, the Docker API on " +
      'localhost).',
    howToFix:
      'Remove `network_mode: host`, put the service on a user-defined network and publish only the ports it needs ' +
      '(bound to 127.0.0.1 where possible). There is no automatic fix: what to publish is your choice.',
    cis: ['5.9'],
    cwe: ['CWE-668'],
    references: [
      'https://docs.docker.com/reference/compose-file/services/#network_mode',
      'https://docs.docker.com/engine/network/drivers/host/',
    ],
    examples: {
      bad: ['services:\n  web:\n    image: nginx:1.27\n    network_mode: host\n'],
      good: ['services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:8080:80"\n'],
    },
    sources: {
      devcontainer: {
        description: 'Flags `--network=host` (also `--net host`) in `runArgs`.',
        howToFix: 'Remove `--network=host`; forward the ports the dev container serves with `forwardPorts`.',
        examples: {
          bad: [
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "runArgs": ["--network=host"]\n}\n',
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "runArgs": ["--net", "host"]\n}\n',
          ],
          good: [
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "runArgs": ["--network=bridge"]\n}\n',
          ],
        },
      },
      run: {
        description:
          "Flags `--network=host` (or `--network host`) (also `--net host`) on a command line or in a workflow container's `options`.",
        howToFix: 'Remove `--network=host`. Publish the ports the container serves with `-p 127.0.0.1:PORT:PORT`.',
        examples: {
          bad: [
            'docker run --rm --network=host alpine:3.20 true\n',
            'docker run --rm --network host alpine:3.20 true\n',
          ],
          good: ['docker run --rm alpine:3.20 true\n'],
        },
      },
    },
  },
  check(ctx) {
    for (const c of ctx.containers) {
      const e = c.namespaces.network;
      if (!e || !isHostMode(e.value)) continue;
      ctx.report(
        withPurpose(
          c,
          'host-network',
          {
            at: e,
            message:
              `${c.subject} shares the host's network namespace (${e.shown}): it can reach every host ` +
              `interface and loopback-only service. Use a user-defined network and publish only the ports it needs.`,
          },
          'error',
        ),
      );
    }
  },
};
