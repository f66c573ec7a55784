import type { ContainerRule } from '../rule';

export const rule: ContainerRule = {
  meta: {
    name: 'privileged-port',
    title: 'Privileged host port published',
    severity: 'info',
    profiles: { recommended: 'off' },
    advice: true,
    quadrant: 'namespaces-cgroups',
    description:
      'In the `strict` profile: a published host port below 1024 (`80:8080`, `published: 443`), short or long ' +
      'syntax; a range is judged by its first port. An interpolated port is judged by its default.',
    why:
      'Ports below 1024 are reserved for services the host administrator runs: Docker binds them for any container ' +
      'that asks, so a service can take a port clients trust as the host’s own (SSH, DNS, HTTP). CIS 5.8 asks for ' +
      'none, or for each to be documented.',
    howToFix:
      'Publish on a port from 1024 up and let a reverse proxy or load balancer own 80 and 443; or keep it, and ' +
      'turn the rule off for this service with a reason.',
    cis: ['5.8'],
    cwe: ['CWE-250'],
    references: ['https://docs.docker.com/reference/compose-file/services/#ports'],
    examples: {
      bad: ['services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:80:8080"\n'],
      good: ['services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:8080:8080"\n'],
    },
    // a Compose service definition only: a script's docker run -p 80:80 is not a deployment
    sources: {},
  },
  check(ctx) {
    for (const c of ctx.containers) {
      for (const p of c.ports) {
        // the model reads `${PORT:-80}` as its default; an unknown variable is not a number, and not judged
        const first = /^\d+/.exec(p.value.published ?? '');
        if (!first) continue;
        const port = Number(first[0]);
        if (port < 1 || port >= 1024) continue;
        ctx.report({
          at: p,
          message: `${c.subject} publishes the privileged host port ${port}: any container can take a port clients trust as the host's own. Publish on 1024 or above behind a proxy, or document it.`,
        });
      }
    }
  },
};
