import { get, text } from '../../model/compose/effective';
import type { ComposeRule } from '../rule';

export const rule: ComposeRule = {
  meta: {
    id: 'compose/logging-disabled',
    kind: 'compose',
    title: 'Service logging disabled',
    severity: 'info',
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
  },
  check(ctx) {
    for (const s of ctx.services) {
      const driver = get(s.config, 'logging', 'driver');
      if (text(driver)?.trim().toLowerCase() !== 'none') continue;
      ctx.report({
        at: driver!,
        message:
          `Service '${s.name}' discards its logs (logging driver none): nothing is left to investigate an incident ` +
          `with. Use the local or json-file driver with rotation, or a collector.`,
      });
    }
  },
};
