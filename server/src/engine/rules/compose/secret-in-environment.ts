import { get } from '../../model/compose/effective';
import type { ComposeRule } from '../rule';
import { envVars } from './_shared';

const SECRET_PARTS = new Set([
  'password',
  'passwd',
  'pwd',
  'pass',
  'secret',
  'token',
  'apikey',
  'credential',
  'credentials',
  'privatekey',
  'accesskey',
  'secretkey',
  'auth',
  'jwt',
  'bearer',
  'passphrase',
  'dsn',
]);
const SAFE_LAST = new Set([
  'file',
  'path',
  'dir',
  'url',
  'uri',
  'host',
  'port',
  'user',
  'username',
  'name',
  'id',
  'enabled',
  'enable',
  'disabled',
  'length',
  'len',
  'ttl',
  'expiry',
  'expires',
  'timeout',
  'type',
  'method',
  'mode',
  'algorithm',
  'header',
  'endpoint',
  'version',
  'policy',
  'prefix',
  'required',
  'cookie',
  'realm',
  'provider',
  'issuer',
  'audience',
  'scope',
  'scopes',
  'strategy',
  'source',
  'backend',
  'plugin',
  'rounds',
  'hash',
  'location',
  'env',
  'key_id',
  'count',
  'size',
  'public',
]);

/** Splits a name into lower-case words (snake, kebab, dotted and camel case), joining api+key style pairs. */
export function nameParts(name: string): string[] {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const pair = words[i] + (words[i + 1] ?? '');
    if (['apikey', 'privatekey', 'accesskey', 'secretkey', 'authtoken', 'clientsecret'].includes(pair)) {
      out.push(pair);
      i++;
      continue;
    }
    out.push(words[i]);
  }
  return out;
}

export function isSecretName(name: string, allow: string[] = []): boolean {
  if (allow.some((a) => a.toLowerCase() === name.toLowerCase())) return false;
  const parts = nameParts(name);
  if (!parts.length) return false;
  if (SAFE_LAST.has(parts[parts.length - 1]) || parts.includes('public')) return false;
  return parts.some(
    (p) => SECRET_PARTS.has(p) || p.endsWith('password') || p.endsWith('secret') || p.endsWith('token'),
  );
}

const SECRET_VALUE = [
  /\bAKIA[0-9A-Z]{16}\b/,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /\bgh[pousr]_[A-Za-z0-9]{36,}\b/,
  /\bglpat-[A-Za-z0-9_-]{20}/,
  /\bxox[abprs]-[A-Za-z0-9-]{10,}\b/,
  /\bsk_live_[A-Za-z0-9]{16,}\b/,
  /\bAIza[0-9A-Za-z_-]{35}\b/,
  /^[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:[^\s@/]+@/i, // URL with user:password@
];

export function looksLikeSecretValue(v: string): boolean {
  return SECRET_VALUE.some((r) => r.test(v));
}

/** A literal that is not a placeholder, boolean, number-like flag or empty. */
export function isLiteralSecret(v: string | undefined): boolean {
  if (v === undefined) return false;
  const t = v.trim();
  if (!t || /^(true|false|yes|no|on|off|null|none|changeme-in-prod|<.*>)$/i.test(t)) return false;
  if (/^\/(run|var\/run)\/secrets\//.test(t)) return false;
  return true;
}

export const rule: ComposeRule = {
  meta: {
    id: 'compose/secret-in-environment',
    kind: 'compose',
    title: 'Secret in plain environment',
    severity: 'warning',
    quadrant: 'configuration-profile',
    description:
      'Flags a secret-looking variable (password, passwd, secret, token, api key, private key, credentials, access key, auth...) with a literal value in `environment` or `build.args`, and any value that looks like a known credential (cloud keys, tokens, private keys, URLs with a password). `${VAR}` references and `*_FILE` paths are fine; a default (`${VAR:-value}`) is a literal.',
    why: 'Environment variables are visible to anyone who can inspect the container (`docker inspect`), to every process in it, in logs and crash reports; build args are stored in the image history. A secret in the Compose file is also a secret in version control.',
    howToFix:
      'Use Compose `secrets` (mounted as files under /run/secrets, read through a `*_FILE` variable), or pass the value from the environment with `${VAR}` and keep it out of the file.',
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
        'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n',
      ],
    },
  },
  check(ctx) {
    const allow = Array.isArray(ctx.options.allowNames) ? (ctx.options.allowNames as string[]) : [];
    for (const s of ctx.services) {
      const sources: [string, ReturnType<typeof envVars>][] = [
        ['environment', envVars(get(s.config, 'environment'))],
        ['build.args', envVars(get(s.config, 'build', 'args'))],
      ];
      for (const [where, vars] of sources) {
        for (const v of vars) {
          const byName =
            isSecretName(v.name, allow) &&
            isLiteralSecret(v.value) &&
            !(v.raw ?? '').match(/^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/);
          const byValue = !allow.includes(v.name) && v.value !== undefined && looksLikeSecretValue(v.value);
          if (!byName && !byValue) continue;
          ctx.report({
            at: v.at,
            message: `Service '${s.name}' sets ${v.name} to a literal secret in ${where}: it is visible to docker inspect, logs and version control. Use Compose secrets (a *_FILE variable) or \${${v.name}} from the environment.`,
          });
        }
      }
    }
  },
};
