import { finalStage, lastUser } from '../../model/dockerfile/model';
import type { DockerfileRule } from '../rule';

export const rule: DockerfileRule = {
  meta: {
    id: 'dockerfile/missing-user',
    kind: 'dockerfile',
    title: 'No USER in the final stage',
    severity: 'warning',
    quadrant: 'configuration-profile',
    description:
      'Flags a final stage with no `USER` instruction (following `FROM <earlier stage>` chains), reported on its ' +
      '`FROM` line. The base image might set a non-root user itself; this rule cannot see it.',
    why: 'Without USER the container runs as whatever the base image says, which is root for most images.',
    howToFix: 'Add `USER <non-root user>` before `CMD`/`ENTRYPOINT` in the final stage.',
    fixes: {
      unsafe: "Inserts `USER <configured user>` before the final stage's first CMD/ENTRYPOINT (or at its end).",
    },
    cis: ['4.1'],
    cwe: ['CWE-250'],
    references: ['https://docs.docker.com/reference/dockerfile/#user'],
    examples: {
      bad: ['FROM node:22-alpine\nCOPY . /app\nCMD ["node", "/app/index.js"]\n'],
      good: ['FROM node:22-alpine\nCOPY . /app\nUSER node\nCMD ["node", "/app/index.js"]\n'],
    },
  },
  check(ctx) {
    const m = ctx.model;
    const stage = finalStage(m);
    if (!stage || lastUser(stage)) return;
    ctx.report({
      start: stage.from.start,
      end: stage.from.end,
      message:
        `The final stage (FROM ${stage.imageRaw}) sets no USER: the container runs as the base image's user, root ` +
        `for most images. Add an unprivileged USER (unless the base image already sets one).`,
      fixes: () => {
        const before = stage.instructions.find((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
        const eol = m.index.eol();
        const line = `USER ${ctx.fixDefaults.user}`;
        if (before) {
          const at = m.index.starts[before.firstLine];
          return [
            { title: `Add ${line}`, applicability: 'unsafe', edits: [{ start: at, end: at, newText: line + eol }] },
          ];
        }
        const last = stage.instructions[stage.instructions.length - 1];
        const at = m.index.lineEnd(last.lastLine);
        return [
          { title: `Add ${line}`, applicability: 'unsafe', edits: [{ start: at, end: at, newText: eol + line }] },
        ];
      },
    });
  },
};
