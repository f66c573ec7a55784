import { shellOf } from '../../sources/dockerfile/model';
import { baseName } from '../../sources/dockerfile/shell';
import type { DockerfileRule } from '../rule';

/** Package managers' install commands: the word after which package names follow. */
const INSTALL = new Map<string, string[]>([
  ['apt-get', ['install']],
  ['apt', ['install']],
  ['apk', ['add']],
  ['yum', ['install']],
  ['dnf', ['install']],
  ['microdnf', ['install']],
  ['zypper', ['install', 'in']],
]);
/** Packages that are an SSH server (`openssh` on Alpine pulls the server in). */
const SERVERS = /^(openssh-server|openssh|dropbear|dropbear-server)([=:<>~].*)?$/;

export const rule: DockerfileRule = {
  meta: {
    id: 'dockerfile/sshd',
    kind: 'dockerfile',
    title: 'SSH server in the image',
    severity: 'warning',
    quadrant: 'configuration-profile',
    description:
      'Flags an SSH server installed by a package manager (`openssh-server`, Alpine `openssh`, `dropbear`) and a ' +
      '`CMD`/`ENTRYPOINT` that starts `sshd` (dockerfile/expose-ssh covers `EXPOSE 22`).',
    why:
      'An SSH server is a second way into the container with its own keys and passwords to manage, and usually ' +
      'runs as root; `docker exec` already gives administrators a shell.',
    howToFix: 'Remove the SSH server; use `docker exec` (or a bastion outside the container) for access.',
    cis: ['4.3', '5.7'],
    cwe: ['CWE-284'],
    references: ['https://docs.docker.com/build/building/best-practices/#dont-install-unnecessary-packages'],
    examples: {
      bad: [
        'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends openssh-server\n' +
          'CMD ["/usr/sbin/sshd", "-D"]\n',
      ],
      good: [
        'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends openssh-client\nUSER 10001\n',
      ],
    },
  },
  check(ctx) {
    const m = ctx.model;
    for (const i of m.instructions) {
      if (i.keyword === 'RUN') {
        for (const c of shellOf(m, i)) {
          // `<manager> [options] <install verb> packages...` (`apk --no-cache add openssh`)
          const words = c.words;
          const k = words.findIndex((w) => INSTALL.has(baseName(w.text)));
          if (k < 0) continue;
          let v = k + 1;
          while (v < words.length && words[v].text.startsWith('-')) v++;
          if (!INSTALL.get(baseName(words[k].text))!.includes(words[v]?.text ?? '')) continue;
          for (const w of c.words.slice(v + 1)) {
            if (!SERVERS.test(w.text)) continue;
            ctx.report({
              start: w.start,
              end: w.end,
              message:
                `RUN installs the SSH server ${w.text}: another way into the container, with keys to manage. ` +
                `Remove it and use docker exec.`,
            });
          }
        }
      } else if (i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT') {
        const starts = i.args.some((a) => /(^|[\s"'[/])sshd(["'\s,\]]|$)/.test(a.value));
        if (!starts) continue;
        ctx.report({
          start: i.start,
          end: i.end,
          message: `${i.keyword} starts sshd: the container runs an SSH server. Remove it and use docker exec.`,
        });
      }
    }
  },
};
