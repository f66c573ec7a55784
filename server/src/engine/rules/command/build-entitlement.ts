import type { CommandRule } from '../rule';
import { lookupTable } from '../../vocabulary/lookup';

/** What each entitlement gives a build's `RUN` steps, and how severe that is. */
const ENTITLEMENTS: Record<string, { what: string; severity: 'error' | 'warning' }> = lookupTable({
  'security.insecure': {
    what: 'run without a sandbox, with every capability (RUN --security=insecure)',
    severity: 'error',
  },
  'network.host': {
    what: "use the host's network (RUN --network=host): its loopback services and cloud metadata endpoint",
    severity: 'warning',
  },
});

export const rule: CommandRule = {
  meta: {
    id: 'run/build-entitlement',
    kind: 'run',
    title: 'Build allowed to leave its sandbox',
    severity: 'error',
    quadrant: 'configuration-profile',
    description:
      'A build given an entitlement: `docker buildx build --allow security.insecure` (error) or `--allow ' +
      'network.host` (warning), `buildkitd --allow-insecure-entitlement ...` (the daemon that grants them), and ' +
      "`docker build --network host` (warning): the build's `RUN` steps run unsandboxed or on the host's network.",
    why:
      "A Dockerfile's `RUN` steps run code from the Dockerfile and from whatever it downloads. BuildKit sandboxes " +
      'them; `security.insecure` lets a step run as if privileged (a step can then take the builder host), ' +
      "`network.host` puts it on the host's network (services bound to localhost, the cloud metadata endpoint and " +
      'its credentials). Allowed once on a builder, any Dockerfile it builds can ask for it.',
    howToFix:
      'Remove the entitlement and the `RUN --security=insecure` / `--network=host` steps that need it; build what ' +
      'needs privileges in a dedicated, disposable builder.',
    fixes: { unsafe: 'Removes the flag from the command.' },
    cwe: ['CWE-250'],
    references: [
      'https://docs.docker.com/reference/cli/docker/buildx/build/#allow',
      'https://docs.docker.com/reference/dockerfile/#run---security',
    ],
    examples: {
      bad: [
        'docker buildx build --allow security.insecure -t app .\n',
        'buildkitd --allow-insecure-entitlement network.host &\n',
        'docker build --network host -t app .\n',
      ],
      good: ['docker buildx build -t app .\n', 'docker build --network=none -t app .\n'],
    },
  },
  check(ctx) {
    for (const c of ctx.commands) {
      if (c.kind !== 'build' && c.kind !== 'buildkitd') continue;
      for (const f of c.flags) {
        if (f.value === undefined) continue;
        const fixes = () => [{ title: `Remove ${f.written}`, applicability: 'unsafe' as const, edits: f.remove() }];
        if (f.name === 'network') {
          if (f.value.trim().toLowerCase() !== 'host') continue;
          ctx.report({
            at: f,
            severity: 'warning',
            message:
              `\`${c.verb}\` (line ${c.line}) runs its RUN steps on the host's network (${f.written}): they reach ` +
              `services bound to the host's loopback and the cloud metadata endpoint. Remove it.`,
            fixes,
          });
          continue;
        }
        for (const name of f.value.split(',').map((x) => x.trim())) {
          const e = ENTITLEMENTS[name];
          if (!e) continue;
          ctx.report({
            at: f,
            severity: e.severity,
            message:
              `\`${c.verb}\` (line ${c.line}) ${c.kind === 'buildkitd' ? 'lets builds' : 'lets the build'} ` +
              `${e.what} (${f.written}). Remove it, with the steps that ask for it.`,
            fixes,
          });
        }
      }
    }
  },
};
