import type { ContainerRule } from '../rule';

export const rule: ContainerRule = {
  meta: {
    name: 'logging-disabled',
    title: 'Service logging disabled',
    severity: 'info',
    advice: true,
    quadrant: 'configuration-profile',
    description: "Flags `logging: { driver: none }` (the service's output is thrown away).",
    why:
      'Without logs there is no trail of what the container did: an intrusion, a crash loop or a leaked secret ' +
      'leaves nothing to investigate.',
    howToFix: 'Use the default driver (`json-file` or `local`) with rotation, or ship the logs to a collector.',
    cis: ['2.13'],
    cwe: ['CWE-778'],
    references: ['https://docs.docker.com/reference/compose-file/services/#logging'],
    examples: {
      bad: ['services:\n  app:\n    image: alpine:3.20\n    logging:\n      driver: none\n'],
      good: [
        'services:\n  app:\n    image: alpine:3.20\n    logging:\n      driver: local\n      options: { max-size: 10m }\n',
      ],
    },
    sources: {
      devcontainer: {
        description: 'Flags `--log-driver none` in `runArgs`.',
        examples: {
          bad: [
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "runArgs": ["--log-driver=none"]\n}\n',
          ],
          good: [
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "runArgs": ["--log-driver=local"]\n}\n',
          ],
        },
      },
      run: {
        description: 'Flags `--log-driver none`.',
        howToFix: 'Remove `--log-driver none`.',
        examples: {
          bad: ['docker run --rm --log-driver none alpine:3.20 true\n'],
          good: ['docker run --rm --log-driver json-file alpine:3.20 true\n'],
        },
      },
    },
  },
  check(ctx) {
    for (const c of ctx.containers) {
      for (const d of c.logDriver) {
        if (d.value.toLowerCase() !== 'none') continue;
        ctx.report({
          at: d,
          message:
            `${c.subject} discards its logs (logging driver none): nothing is left to investigate an incident ` +
            `with. Use the local or json-file driver with rotation, or a collector.`,
        });
      }
    }
  },
};
