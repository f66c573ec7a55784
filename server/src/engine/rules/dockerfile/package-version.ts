import { dockerfileRule } from '../rule';
import { shellOf } from '../../sources/dockerfile/model';
import { isInstall, packageCommands, type PackageCommand } from '../../sources/dockerfile/packages';
import type { Word } from '../../model/shell/parse';

export const rule = dockerfileRule({
  meta: {
    id: 'dockerfile/package-version',
    kind: 'dockerfile',
    title: 'Packages installed without a version',
    severity: 'info',
    profiles: { recommended: 'off' },
    advice: true,
    quadrant: 'supply-chain',
    description:
      'In the `strict` profile: packages named without a version by `apt-get install` (`pkg=1.2-3`), `apk add` ' +
      '(`pkg=1.2.3-r0`), `pip install` (`pkg==1.2.3`), `npm install` (`pkg@1.2.3`) and `gem install` (`-v`). Files, ' +
      'URLs, requirement files and variables are not judged; nor are yum/dnf/zypper names, whose versions cannot be ' +
      'told from the name. One finding per command.',
    why:
      'Each build installs whatever version is current: the image changes without a change to the Dockerfile, and a ' +
      'compromised or broken release reaches it unreviewed. (Pinning has a cost too: pinned versions must be ' +
      'updated to get security fixes, which is why this is in `strict` only.)',
    howToFix:
      'Pin versions (`apt-get install -y curl=7.88.1-10+deb12u8`, `pip install requests==2.32.3`), or install from ' +
      'a lock file (`pip install -r requirements.txt` with hashes, `npm ci`).',
    cwe: ['CWE-1357'],
    references: ['https://docs.docker.com/build/building/best-practices/#apt-get'],
    examples: {
      bad: ['FROM python:3.12-slim\nRUN pip install requests flask\nUSER 10001\n'],
      good: ['FROM python:3.12-slim\nRUN pip install requests==2.32.3 flask==3.0.3\nUSER 10001\n'],
    },
  },
  check(ctx) {
    const m = ctx.model;
    for (const i of m.instructions) {
      if (i.keyword !== 'RUN') continue;
      for (const p of packageCommands(shellOf(m, i))) {
        if (!isInstall(p)) continue;
        const loose = unpinned(p);
        if (!loose.length) continue;
        const names = loose.slice(0, 4).map((w) => w.text);
        const more = loose.length > 4 ? ` and ${loose.length - 4} more` : '';
        ctx.report({
          start: loose[0].start,
          end: loose[loose.length - 1].end,
          message: `RUN installs ${names.join(', ')}${more} without a version: each build takes whatever is current. Pin the versions (or install from a lock file).`,
        });
      }
    }
  },
});

/** A file, a URL or an unknown word: not a package name to judge. */
const NOT_A_NAME = /^(\.|\/|~|[a-z][a-z0-9+.-]*:\/\/|git\+)|\.(deb|apk|rpm|whl|tar\.gz|tgz|zip|gem)$|\$/i;

function unpinned(p: PackageCommand): Word[] {
  const names = p.operands.filter((w) => w.known && !NOT_A_NAME.test(w.text));
  switch (p.manager) {
    case 'apt':
      return names.filter((w) => !w.text.includes('='));
    case 'apk':
      return names.filter((w) => !/[=~<>]/.test(w.text));
    case 'pip':
      return names.filter((w) => !/(===?|~=|@)/.test(w.text));
    case 'npm':
      // `npm install` alone installs the lock file; `-g`, `--save` name packages: pkg@1.2.3, @scope/pkg@1.2.3
      return names.filter((w) => !/.@[^/]/.test(w.text));
    case 'gem':
      return p.options.some((o) => o.text === '-v' || o.text === '--version' || o.text.startsWith('--version='))
        ? []
        : names.filter((w) => !w.text.includes(':'));
    default:
      return [];
  }
}
