import { dockerfileRule } from '../rule';
import { finalStage, stageChain } from '../../sources/dockerfile/model';

export const rule = dockerfileRule({
  meta: {
    id: 'dockerfile/healthcheck-missing',
    kind: 'dockerfile',
    title: 'Image without a HEALTHCHECK',
    severity: 'info',
    profiles: { recommended: 'off' },
    advice: true,
    quadrant: 'configuration-profile',
    description:
      'In the `strict` profile: the final stage (with the stages it is built on) has no `HEALTHCHECK`. ' +
      '`HEALTHCHECK NONE` says on purpose that there is none (a one-shot command) and is not flagged.',
    why:
      'Without a health check the engine and orchestrators only know whether the process exists: a service that ' +
      'hangs, or was made to hang, keeps receiving traffic and is never restarted.',
    howToFix:
      'Add `HEALTHCHECK CMD <a cheap check of the service>` (or `HEALTHCHECK NONE` for an image that runs a command ' +
      'and exits), or define `healthcheck:` where the container is run.',
    cis: ['4.6'],
    cwe: ['CWE-754'],
    references: ['https://docs.docker.com/reference/dockerfile/#healthcheck'],
    examples: {
      bad: ['FROM nginx:1.27\nUSER nginx\n'],
      good: ['FROM nginx:1.27\nHEALTHCHECK CMD curl -fs http://localhost/ || exit 1\nUSER nginx\n'],
    },
  },
  check(ctx) {
    const last = finalStage(ctx.model);
    if (!last) return;
    if (stageChain(last).some((s) => s.instructions.some((i) => i.keyword === 'HEALTHCHECK'))) return;
    const a = last.from.args[0];
    ctx.report({
      start: a?.start ?? last.from.start,
      end: a?.end ?? last.from.end,
      message:
        `The final stage (FROM ${last.imageRaw}) defines no HEALTHCHECK: a hung service looks alive. Add one, or ` +
        `HEALTHCHECK NONE for a one-shot command.`,
    });
  },
});
