import type { DockerfileRule } from '../rule';
import { isRemote } from '../../vocabulary/sources';

const ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tzst|tar\.lz|tar\.lzma|tlz|gz|bz2|xz)$/i;

export const rule: DockerfileRule = {
  meta: {
    id: 'dockerfile/add-instead-of-copy',
    kind: 'dockerfile',
    title: 'ADD used to copy local files',
    severity: 'info',
    advice: true,
    quadrant: 'supply-chain',
    description:
      'Flags `ADD` of local files that are not archives to extract (remote URLs are left to ' +
      'dockerfile/add-remote-url).',
    why:
      'ADD has implicit behaviour (it extracts archives, fetches URLs); COPY does only what it says, so a later ' +
      'change of the source cannot make the build download or unpack something unexpected.',
    howToFix: 'Use `COPY` for local files and directories.',
    fixes: { safe: 'Replaces ADD with COPY (flags such as --chown, --chmod and --link are kept).' },
    cis: ['4.9'],
    cwe: ['CWE-1357'],
    references: ['https://docs.docker.com/build/building/best-practices/#add-or-copy'],
    examples: {
      bad: ['FROM alpine:3.20\nADD app.py /app/\nUSER 10001\n'],
      good: ['FROM alpine:3.20\nCOPY app.py /app/\nADD rootfs.tar.gz /\nUSER 10001\n'],
    },
  },
  check(ctx) {
    for (const i of ctx.model.instructions) {
      if (i.keyword !== 'ADD' || i.args.length < 2 || i.heredocs.length) continue;
      const srcs = i.args.slice(0, -1);
      const unq = (v: string) => v.replace(/^(["'])(.*)\1$/, '$2');
      if (srcs.some((a) => isRemote(unq(a.value)) || ARCHIVE.test(unq(a.value)) || a.value.includes('$'))) continue;
      if (i.flags.some((f) => f.name === 'checksum' || f.name === 'keep-git-dir' || f.name === 'unpack')) continue;
      const kwEnd = i.start + 3;
      ctx.report({
        start: i.start,
        end: i.end,
        message:
          `ADD copies local files (${srcs.map((a) => a.value).join(', ')}): use COPY, which does not fetch URLs or ` +
          `extract archives.`,
        fixes: [
          {
            title: 'Replace ADD with COPY',
            applicability: 'safe',
            edits: [
              { start: i.start, end: kwEnd, newText: ctx.model.text.slice(i.start, kwEnd) === 'add' ? 'copy' : 'COPY' },
            ],
          },
        ],
      });
    }
  },
};
