import { containerRule } from '../rule';
import type { RelatedInfo } from '../../types';
import { UNKNOWN } from '../../model/container';
import {
  isLiteralSecret,
  isWeakDefault,
  isSecretName,
  looksLikeSecretValue,
  looksMadeUp,
  urlWithLiteralPassword,
} from '../../vocabulary/secrets';

export const rule = containerRule({
  meta: {
    name: 'secret-in-environment',
    title: 'Secret in plain environment',
    severity: 'warning',
    quadrant: 'configuration-profile',
    description:
      'Flags a secret-looking variable (password, passwd, secret, token, api key, private key, credentials, access ' +
      'key, auth...) with a literal value in `environment` or `build.args`, and any value that looks like a known ' +
      'credential (cloud keys, tokens, private keys, URLs with a password). `${VAR}` references and `*_FILE` paths ' +
      'are fine; a default (`${VAR:-value}`) is a literal. Also a database switch that lets anyone in without a ' +
      'password: `MYSQL_ALLOW_EMPTY_PASSWORD` / `MARIADB_ALLOW_EMPTY_ROOT_PASSWORD` set, `POSTGRES_HOST_AUTH_METHOD=trust`. ' +
      'In the `recommended` profile, a made-up password in a development or test/CI file (a well-known default, or ' +
      'a short word with few digits: `postgres`, `P@ssw0rd`) is not reported: a throwaway database guards nothing. ' +
      'A generated-looking value (long, or with many digits) and a known credential format are reported everywhere.',
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
    sources: {
      devcontainer: {
        description:
          'Flags a secret-looking variable with a literal value in `containerEnv`, `remoteEnv` and `-e`/`--env` flags of `runArgs`, and any value that looks like a known credential. `${localEnv:VAR}` and `${containerEnv:VAR}` references are fine.',
        howToFix:
          'Pass the value from the host with `${localEnv:VAR}`, or keep it in a file the dev container reads (a mounted secrets file, ignored by git).',
        examples: {
          bad: [
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "containerEnv": {\n    "API_TOKEN": "abc123def456"\n  }\n}\n',
          ],
          good: [
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "containerEnv": {\n    "API_TOKEN": "${localEnv:API_TOKEN}"\n  }\n}\n',
          ],
        },
      },
      run: {
        description:
          'Flags `-e NAME=value` where the name says secret and the value is written in the command line (a reference to a variable, `-e NAME` alone or `-e NAME="$NAME"`, is fine), and literal secrets in a workflow container\'s `env`.',
        howToFix:
          'Pass the value from the environment (`-e NAME` or `-e NAME="$NAME"`), from an `--env-file` kept out of version control, or as a secret.',
        examples: {
          bad: ['docker run --rm -e DB_PASSWORD=hunter2 postgres:17\n'],
          good: [
            'docker run --rm -e DB_PASSWORD="$DB_PASSWORD" postgres:17\n',
            'docker run --rm -e DB_PASSWORD postgres:17\n',
          ],
        },
      },
    },
  },
  check(ctx) {
    const allow = ctx.options.allowNames ?? [];
    for (const c of ctx.containers) {
      for (const e of c.env) {
        const v = e.value;
        const written = v.literal;
        const open = passwordless(v.name, written);
        if (open) {
          ctx.report({
            at: e,
            message:
              `${c.subject} sets ${v.name}=${written!.trim()}: ${open}. Set a generated password and pass it with ` +
              `${c.advice.secrets}.`,
          });
          continue;
        }
        const byName = isSecretName(v.name, allow) && isLiteralSecret(written, v.name) && !v.reference;
        const byValue =
          !allow.includes(v.name) &&
          ((written !== undefined && looksLikeSecretValue(written)) ||
            (v.loose !== undefined && urlWithLiteralPassword(v.loose, UNKNOWN)));
        if (!byName && !byValue && !v.feedsArg) continue;
        const related: RelatedInfo[] = v.feedsArg ? [v.feedsArg] : [];
        const ref = c.advice.reference(v.name);
        ctx.report({
          at: e,
          related,
          // a local database's `postgres`: nobody acts on it in a dev container or a CI job's service
          routine: (byName || byValue) && written !== undefined && looksMadeUp(written),
          message:
            byName && written !== undefined && isWeakDefault(written)
              ? `${c.subject} sets ${v.name} to '${written.trim()}', a well-known default password: anyone ` +
                `can guess it, and it is visible to docker inspect and version control. Generate a secret and ` +
                `pass it with ${c.advice.secrets} or ${ref} from the environment.`
              : byName || byValue
                ? `${c.subject} sets ${v.name} to a literal secret in ${v.where}: it is visible to docker ` +
                  `inspect, logs and version control. Use ${c.advice.secrets} or ${ref} ` +
                  `from the environment.`
                : `${c.subject} passes ${v.name} to its build as a build argument: the Dockerfile's ARG ` +
                  `${v.name} keeps the value in the image's history and metadata. Pass it as a build secret ` +
                  `(build.secrets, and RUN --mount=type=secret in the Dockerfile).`,
        });
      }
    }
  },
});

/**
 * Database images' switches that let anyone who reaches the server in without a password (`MYSQL_ALLOW_EMPTY_PASSWORD`,
 * `POSTGRES_HOST_AUTH_METHOD=trust`): what the setting does, or undefined.
 */
function passwordless(name: string, value: string | undefined): string | undefined {
  const v = value?.trim().toLowerCase();
  if (!v) return undefined;
  if (/^(MYSQL|MARIADB)_ALLOW_EMPTY_(ROOT_)?PASSWORD$/.test(name) && !/^(no|false|0)$/.test(v))
    return 'the database accepts root with an empty password, from anyone who reaches it';
  if (name === 'POSTGRES_HOST_AUTH_METHOD' && v === 'trust')
    return 'the database lets every client in as any user, without a password';
  return undefined;
}
