import type { ComposeRule } from '../rule';
import { mounts } from './_views';

export const rule: ComposeRule = {
  meta: {
    id: 'compose/mount-propagation',
    kind: 'compose',
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
  },
  check(ctx) {
    for (const s of ctx.services) {
      for (const m of mounts(s)) {
        const p = m.propagation?.toLowerCase();
        if (!p || !/^r?(shared|slave)$/.test(p)) continue;
        ctx.report({
          at: m.item,
          message:
            `Service '${s.name}' mounts ${m.source ?? 'a path'} with ${p} propagation: mounts cross between the ` +
            `container and the host. Use the default rprivate propagation.`,
        });
      }
    }
  },
};
