import type { DockerfileRule } from '../rule';
import { exposes } from './_expose';
import { removeInstructionEdit, removeWordEdit } from './_shared';

export const rule: DockerfileRule = {
  meta: {
    id: 'dockerfile/expose-ssh',
    kind: 'dockerfile',
    title: 'SSH port exposed',
    severity: 'warning',
    quadrant: 'configuration-profile',
    description: 'Flags `EXPOSE 22` in any form (`22/tcp`, in a list, in a range).',
    why:
      'An SSH server in a container is a second way in with its own keys and passwords to manage; `docker exec` ' +
      'already gives administrators a shell.',
    howToFix: 'Remove the SSH server and the EXPOSE; use `docker exec` for access.',
    fixes: {
      safe:
        'Removes 22 from EXPOSE (the instruction when it was the only port). EXPOSE only documents ports, so nothing ' +
        'else changes.',
    },
    cis: ['5.7'],
    cwe: ['CWE-284'],
    references: ['https://docs.docker.com/reference/dockerfile/#expose'],
    examples: {
      bad: ['FROM debian:12\nEXPOSE 22/tcp 80\nUSER 10001\n'],
      good: ['FROM debian:12\nEXPOSE 80 443\nUSER 10001\n'],
    },
  },
  check(ctx) {
    const m = ctx.model;
    for (const i of m.instructions) {
      if (i.keyword !== 'EXPOSE') continue;
      for (const a of exposes(m, i, 22)) {
        const single = /^22(\/\w+)?$/.test(a.value.trim());
        ctx.report({
          start: a.start,
          end: a.end,
          message:
            `EXPOSE ${a.value} advertises SSH: an SSH server in a container is another way in. Remove it and use ` +
            `docker exec.`,
          fixes: single
            ? () => [
                {
                  title: 'Remove port 22 from EXPOSE',
                  applicability: 'safe',
                  edits: [i.args.length === 1 ? removeInstructionEdit(m, i) : removeWordEdit(m, a)],
                },
              ]
            : undefined,
        });
      }
    }
  },
};
