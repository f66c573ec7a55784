import { get, interpolate, UNKNOWN } from '../../model/compose/effective';
import { declaredArgs } from '../../model/builds';
import type { RelatedInfo } from '../../types';
import { composeRule } from '../rule';
import { envVars } from './_views';
import {
  isLiteralSecret,
  isWeakDefault,
  isSecretName,
  looksLikeSecretValue,
  urlWithLiteralPassword,
} from '../../vocabulary/secrets';

export const rule = composeRule({
  meta: {
    id: 'compose/secret-in-environment',
    kind: 'compose',
    title: 'Secret in plain environment',
    severity: 'warning',
    quadrant: 'configuration-profile',
    description:
      'Flags a secret-looking variable (password, passwd, secret, token, api key, private key, credentials, access ' +
      'key, auth...) with a literal value in `environment` or `build.args`, and any value that looks like a known ' +
      'credential (cloud keys, tokens, private keys, URLs with a password). `${VAR}` references and `*_FILE` paths ' +
      'are fine; a default (`${VAR:-value}`) is a literal.',
    why:
      'Environment variables are visible to anyone who can inspect the container (`docker inspect`), to every ' +
      'process in it, in logs and crash reports; build args are stored in the image history. A secret in the Compose ' +
      'file is also a secret in version control.',
    howToFix:
      'Use Compose `secrets` (mounted as files under /run/secrets, read through a `*_FILE` variable), or pass the ' +
      'value from the environment with `${VAR}` and keep it out of the file.',
    options: {
      allowNames: {
        type: 'string[]',
        description: 'Variable names that are not secrets even though they look like one.',
      },
    },
    cwe: ['CWE-798', 'CWE-526'],
    references: [
      'https://docs.docker.com/compose/how-tos/use-secrets/',
      'https://docs.docker.com/reference/compose-file/services/#environment',
    ],
    examples: {
      bad: [
        'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: hunter2\n',
        'services:\n  app:\n    image: alpine:3.20\n    environment:\n      - API_TOKEN=abc123def456\n',
      ],
      good: [
        'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ' +
          '${POSTGRES_PASSWORD}\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n',
      ],
    },
  },
  check(ctx) {
    const allow = ctx.options.allowNames ?? [];
    for (const s of ctx.services) {
      const sources: [string, ReturnType<typeof envVars>][] = [
        ['environment', envVars(get(s.config, 'environment'))],
        ['build.args', envVars(get(s.config, 'build', 'args'))],
      ];
      for (const [where, vars] of sources) {
        for (const v of vars) {
          // judged on what the Compose file itself writes (defaults count): a value kept in `.env` is the
          // recommended place for it, not a secret in the Compose file
          const written = v.raw !== undefined ? interpolate(v.raw) : undefined;
          const byName =
            isSecretName(v.name, allow) &&
            isLiteralSecret(written, v.name) &&
            !(v.raw ?? '').match(/^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/);
          const loose = written === undefined && v.raw !== undefined ? interpolate(v.raw, 0, UNKNOWN) : undefined;
          const byValue =
            !allow.includes(v.name) &&
            ((written !== undefined && looksLikeSecretValue(written)) ||
              (loose !== undefined && urlWithLiteralPassword(loose, UNKNOWN)));
          // a build argument that feeds an ARG named like a secret: its value stays in the image's history
          const built = where === 'build.args' ? ctx.dockerfileOf(s) : undefined;
          const arg = built && isSecretName(v.name) ? declaredArgs(built.model).get(v.name) : undefined;
          if (!byName && !byValue && !arg) continue;
          const related: RelatedInfo[] = [];
          if (built && arg)
            related.push({
              file: built.build.dockerfile,
              range: built.model.index.range(arg.start, arg.end),
              message: `the Dockerfile declares ARG ${v.name} here`,
            });
          ctx.report({
            at: v.at,
            related,
            message:
              byName && written !== undefined && isWeakDefault(written)
                ? `Service '${s.name}' sets ${v.name} to '${written.trim()}', a well-known default password: anyone ` +
                  `can guess it, and it is visible to docker inspect and version control. Generate a secret and ` +
                  `pass it with Compose secrets (a *_FILE variable) or \${${v.name}} from the environment.`
                : byName || byValue
                  ? `Service '${s.name}' sets ${v.name} to a literal secret in ${where}: it is visible to docker ` +
                    `inspect, logs and version control. Use Compose secrets (a *_FILE variable) or \${${v.name}} ` +
                    `from the environment.`
                  : `Service '${s.name}' passes ${v.name} to its build as a build argument: the Dockerfile's ARG ` +
                    `${v.name} keeps the value in the image's history and metadata. Pass it as a build secret ` +
                    `(build.secrets, and RUN --mount=type=secret in the Dockerfile).`,
          });
        }
      }
    }
  },
});
