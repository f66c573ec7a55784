import { dockerfileRule } from '../rule';
import { shellOf } from '../../sources/dockerfile/model';
import { isInstall, packageCommands } from '../../sources/dockerfile/packages';

export const rule = dockerfileRule({
  meta: {
    id: 'dockerfile/update-without-install',
    kind: 'dockerfile',
    title: 'Package index updated in a RUN of its own',
    severity: 'info',
    profiles: { recommended: 'off' },
    advice: true,
    quadrant: 'supply-chain',
    description:
      'In the `strict` profile: `apt-get update`, `apt update` or `apk update` in a RUN that installs nothing with ' +
      'the same manager.',
    why:
      'The build cache keeps that layer: later builds reuse the old package index and install the versions it ' +
      'lists, missing security updates published since, until something above it changes.',
    howToFix:
      'Update and install in the same RUN: `RUN apt-get update && apt-get install -y --no-install-recommends pkg && ' +
      'rm -rf /var/lib/apt/lists/*` (on Alpine, `apk add --no-cache pkg` needs no update at all).',
    cis: ['4.7'],
    cwe: ['CWE-1104'],
    references: ['https://docs.docker.com/build/building/best-practices/#apt-get'],
    examples: {
      bad: ['FROM debian:12\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl\nUSER 10001\n'],
      good: ['FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nUSER 10001\n'],
    },
  },
  check(ctx) {
    const m = ctx.model;
    for (const i of m.instructions) {
      if (i.keyword !== 'RUN') continue;
      const pkgs = packageCommands(shellOf(m, i));
      for (const p of pkgs) {
        if (p.verb !== 'update' || (p.manager !== 'apt' && p.manager !== 'apk')) continue;
        if (pkgs.some((q) => q.manager === p.manager && isInstall(q))) continue;
        const words = p.command.words;
        ctx.report({
          start: words[0].start,
          end: p.verbWord.end,
          message:
            `RUN updates the package index without installing in the same RUN: the build cache keeps this layer, ` +
            `and later installs use a stale index. Update and install in one RUN.`,
        });
      }
    }
  },
});
