import type { ContainerRule } from '../rule';

export const rule: ContainerRule = {
  meta: {
    name: 'mount-propagation',
    title: 'Shared mount propagation',
    severity: 'warning',
    quadrant: 'daemon',
    description:
      'Flags bind mounts with `shared`, `rshared`, `slave` or `rslave` propagation, in short (`:rshared`) or long ' +
      '(`bind.propagation`) syntax.',
    why:
      'With shared propagation, mounts made inside the container appear on the host (and the reverse for slave): the ' +
      'container can mount over host paths or see host mounts appear later.',
    howToFix: 'Use the default `rprivate` propagation unless the service is a storage driver that truly needs it.',
    cis: ['5.19'],
    cwe: ['CWE-668'],
    references: ['https://docs.docker.com/engine/storage/bind-mounts/#configure-bind-propagation'],
    examples: {
      bad: ['services:\n  app:\n    image: alpine:3.20\n    volumes:\n      - ./data:/data:rshared\n'],
      good: ['services:\n  app:\n    image: alpine:3.20\n    volumes:\n      - ./data:/data:rprivate\n'],
    },
    sources: {
      devcontainer: {
        description:
          'Flags `bind-propagation=shared`/`rshared`/`slave`/`rslave` in `mounts` and in `--mount` flags, and the ' +
          'same options of `-v` flags, in `runArgs`.',
        examples: {
          bad: [
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n' +
              '  "mounts": ["type=bind,source=/mnt/data,target=/data,bind-propagation=rshared"]\n}\n',
          ],
          good: [
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n' +
              '  "mounts": ["type=bind,source=/mnt/data,target=/data"]\n}\n',
          ],
        },
      },
      run: {
        description:
          'Flags `-v` and `--mount` binds with shared or slave propagation (`:rshared`, `bind-propagation=shared`).',
        howToFix: "Remove the propagation option (the default, private, keeps the container's mounts to itself).",
        examples: {
          bad: ['docker run --rm -v /mnt/data:/data:rshared alpine:3.20 true\n'],
          good: ['docker run --rm -v /mnt/data:/data:ro alpine:3.20 true\n'],
        },
      },
    },
  },
  check(ctx) {
    for (const c of ctx.containers) {
      for (const m of c.mounts) {
        const p = m.value.propagation?.toLowerCase();
        if (!p || !/^r?(shared|slave)$/.test(p)) continue;
        ctx.report({
          at: m,
          message:
            `${c.subject} mounts ${m.value.source ?? 'a path'} with ${p} propagation: mounts cross between the ` +
            `container and the host. Use the default rprivate propagation.`,
        });
      }
    }
  },
};
