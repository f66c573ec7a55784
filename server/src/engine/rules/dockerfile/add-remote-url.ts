import type { DockerfileRule } from '../rule';
import { isRemote } from '../../vocabulary/sources';

function pinnedGit(src: string): boolean {
  return /#[0-9a-f]{40}\b/i.test(src) || /[?&]checksum=/.test(src);
}

export const rule: DockerfileRule = {
  meta: {
    id: 'dockerfile/add-remote-url',
    kind: 'dockerfile',
    title: 'ADD of a remote URL without checksum',
    severity: 'warning',
    advice: true,
    quadrant: 'supply-chain',
    description: 'Flags `ADD` of an http(s) URL without `--checksum`, and of a Git URL not pinned to a commit.',
    why:
      'Whatever the server returns at build time goes into the image unverified: a compromised or changed download ' +
      'becomes part of your image.',
    howToFix:
      'Add `--checksum=sha256:...` to the ADD, pin Git sources to a commit, or download in RUN and verify the ' +
      'checksum there.',
    cis: ['4.9'],
    cwe: ['CWE-494'],
    references: ['https://docs.docker.com/reference/dockerfile/#add---checksum'],
    examples: {
      bad: ['FROM alpine:3.20\nADD https://example.com/tool.tar.gz /opt/\nUSER 10001\n'],
      good: [
        'FROM alpine:3.20\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d ' +
          'https://example.com/tool.tar.gz /opt/\nUSER 10001\n',
      ],
    },
  },
  check(ctx) {
    for (const i of ctx.model.instructions) {
      if (i.keyword !== 'ADD' || i.flags.some((f) => f.name === 'checksum')) continue;
      const srcs = i.args.slice(0, -1);
      for (const a of srcs) {
        if (!isRemote(a.value)) continue;
        if (/^(git|ssh):|^git@|\.git\b/i.test(a.value) && pinnedGit(a.value)) continue;
        ctx.report({
          start: a.start,
          end: a.end,
          message: `ADD downloads ${a.value} without verifying it: pin it with --checksum=sha256:... (or a commit for Git).`,
        });
      }
    }
  },
};
