import { dockerfileRule } from '../rule';
import { shellOf } from '../../sources/dockerfile/model';
import { packageCommands } from '../../sources/dockerfile/packages';

export const rule = dockerfileRule({
  meta: {
    id: 'dockerfile/install-recommends',
    kind: 'dockerfile',
    title: 'apt installs recommended packages',
    severity: 'info',
    profiles: { recommended: 'off' },
    advice: true,
    quadrant: 'supply-chain',
    description:
      'In the `strict` profile: `apt-get install` / `apt install` without `--no-install-recommends` (nor ' +
      '`-o APT::Install-Recommends=false`).',
    why:
      'Recommended packages are installed although nothing asked for them: more code in the image, more ' +
      'vulnerabilities to patch, sometimes services and setuid binaries nobody uses.',
    howToFix: 'Add `--no-install-recommends` and name what the image really needs.',
    fixes: { unsafe: 'Adds `--no-install-recommends` after `install` (a package the image relied on may go).' },
    cis: ['4.3'],
    cwe: ['CWE-1104'],
    references: ['https://docs.docker.com/build/building/best-practices/#apt-get'],
    examples: {
      bad: ['FROM debian:12\nRUN apt-get update && apt-get install -y curl\nUSER 10001\n'],
      good: ['FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nUSER 10001\n'],
    },
  },
  check(ctx) {
    const m = ctx.model;
    for (const i of m.instructions) {
      if (i.keyword !== 'RUN') continue;
      for (const p of packageCommands(shellOf(m, i))) {
        if (p.manager !== 'apt' || p.verb !== 'install') continue;
        const texts = p.command.words.map((w) => w.text);
        if (texts.includes('--no-install-recommends') || texts.some((t) => /Install-Recommends=(false|0)/i.test(t)))
          continue;
        const at = p.verbWord;
        ctx.report({
          start: p.command.words[0].start,
          end: at.end,
          message:
            `RUN installs with apt's recommended packages as well: more code in the image than it needs. Add ` +
            `--no-install-recommends.`,
          fixes: at.approximate
            ? undefined
            : () => [
                {
                  title: 'Add --no-install-recommends',
                  applicability: 'unsafe',
                  edits: [{ start: at.end, end: at.end, newText: ' --no-install-recommends' }],
                },
              ],
        });
      }
    }
  },
});
