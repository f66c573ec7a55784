import type { ContainerRule } from '../rule';

export const rule: ContainerRule = {
  meta: {
    name: 'healthcheck-missing',
    title: 'Service without a health check',
    severity: 'info',
    profiles: { recommended: 'off' },
    advice: true,
    quadrant: 'configuration-profile',
    description:
      'In the `strict` profile: a service that runs an `image` and declares no `healthcheck` (`disable: true` is a ' +
      'declaration). Services that `build` are skipped: dockerfile/healthcheck-missing judges their Dockerfile.',
    why:
      'Without a health check, Compose and orchestrators only know whether the process exists: a service that hangs, ' +
      'or was made to hang, keeps receiving traffic and dependants start against it.',
    howToFix:
      'Add `healthcheck: { test: ["CMD", "<a cheap check>"], interval: 30s }` (or keep the image’s own HEALTHCHECK ' +
      'and say so with a suppression comment).',
    cis: ['5.27'],
    cwe: ['CWE-754'],
    references: ['https://docs.docker.com/reference/compose-file/services/#healthcheck'],
    examples: {
      bad: ['services:\n  db:\n    image: postgres:17\n'],
      good: [
        'services:\n  db:\n    image: postgres:17\n    healthcheck:\n      test: ["CMD", "pg_isready", "-U", "postgres"]\n',
      ],
    },
    // a Compose service definition only
    sources: {},
  },
  check(ctx) {
    for (const c of ctx.containers) {
      if (!c.image || c.healthcheck) continue;
      ctx.report({
        at: c,
        message: `${c.subject} declares no healthcheck: a hung service looks alive to Compose and to the services that depend on it. Add one.`,
      });
    }
  },
};
