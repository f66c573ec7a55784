import { lastUser, shellOf } from '../../sources/dockerfile/model';
import type { DockerfileRule } from '../rule';
import { removeWordEdit } from './_shared';
import { isRootUser } from '../../vocabulary/users';

export const rule: DockerfileRule = {
  meta: {
    id: 'dockerfile/sudo',
    kind: 'dockerfile',
    title: 'sudo in RUN',
    severity: 'warning',
    advice: true,
    quadrant: 'configuration-profile',
    description: 'Flags `sudo` commands in RUN (after `&&`, `;`, `|`, in `sh -c` and heredocs).',
    why:
      'Build steps already run as the current USER; sudo in an image means a sudo binary and sudoers rules ship with ' +
      'it, which gives any process in the container a path to root.',
    howToFix:
      'Switch with `USER root` for the steps that need it and back to the unprivileged user afterwards; do not ' +
      'install sudo in the image.',
    fixes: {
      safe: 'Removes `sudo ` when an explicit `USER root` is in force (no choice to make).',
      unsafe: 'Removes `sudo ` when no USER is set (assumes the base image runs as root).',
    },
    cis: ['4.8'],
    cwe: ['CWE-250'],
    references: ['https://docs.docker.com/build/building/best-practices/#user'],
    examples: {
      bad: ['FROM debian:12\nRUN sudo apt-get update\nUSER 10001\n'],
      good: ['FROM debian:12\nUSER root\nRUN apt-get update\nUSER 10001\n'],
    },
  },
  check(ctx) {
    const m = ctx.model;
    for (const i of m.instructions) {
      if (i.keyword !== 'RUN' || !i.stage) continue;
      for (const c of shellOf(m, i)) {
        const idx = c.words.findIndex((w) => w.text === 'sudo' || w.text.endsWith('/sudo'));
        if (idx < 0 || c.words.slice(0, idx).some((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w.text))) continue;
        const w = c.words[idx];
        const user = lastUser(i.stage, i);
        const spec = user?.args.map((a) => a.value).join(' ');
        const hasOptions = c.words[idx + 1]?.text.startsWith('-');
        ctx.report({
          start: w.start,
          end: w.end,
          message:
            'RUN uses sudo: build steps run as the current USER; use USER root for the steps that need it and do ' +
            'not ship sudo in the image.',
          fixes: () => {
            if (hasOptions || m.text.slice(w.start, w.end) !== w.text) return [];
            if (spec !== undefined && isRootUser(spec))
              return [{ title: 'Remove sudo (USER is root)', applicability: 'safe', edits: [removeWordEdit(m, w)] }];
            if (spec === undefined)
              return [
                {
                  title: 'Remove sudo (assumes the base image runs as root)',
                  applicability: 'unsafe',
                  edits: [removeWordEdit(m, w)],
                },
              ];
            return [];
          },
        });
      }
    }
  },
};
