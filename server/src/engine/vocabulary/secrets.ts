// What a secret looks like: names (password, token, api key... in any case style) and values (cloud keys,
// private keys, URLs with a password). One vocabulary for the Compose and Dockerfile rules.

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

export function isSecretName(name: string, allow: readonly string[] = []): boolean {
  if (allow.some((a) => a.toLowerCase() === name.toLowerCase())) return false;
  const parts = nameParts(name);
  if (!parts.length) return false;
  if (SAFE_LAST.has(parts[parts.length - 1]) || parts.includes('public')) return false;
  // a flag about a secret (ENABLE_TOKEN, REQUIRE_PASSWORD), not the secret
  if (parts.length > 1 && FLAG_FIRST.has(parts[0])) return false;
  return parts.some(
    (p) => SECRET_PARTS.has(p) || p.endsWith('password') || p.endsWith('secret') || p.endsWith('token'),
  );
}

/** Words that make a name a setting about a secret (how long it lives, how long it must be), not the secret. */
const SETTING_LAST = [
  'expire',
  'minutes',
  'seconds',
  'hours',
  'days',
  'lifetime',
  'max',
  'min',
  'limit',
  'interval',
  'duration',
  'age',
];
for (const w of SETTING_LAST) SAFE_LAST.add(w);
const FLAG_FIRST = new Set(['enable', 'disable', 'use', 'require', 'allow', 'skip', 'is', 'has']);

/**
 * A connection URL with a literal password (`postgres://user:pw@db`, `redis://:pw@cache`). `loose` is the value
 * with each unknown variable written as `unknown`: a variable in the user part does not hide the password, and a
 * password that is a variable is not a literal.
 */
export function urlWithLiteralPassword(loose: string, unknown: string): boolean {
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:([^\s@/]+)@/i.exec(loose);
  return !!m && !m[1].includes(unknown);
}

const SECRET_VALUE = [
  /\bAKIA[0-9A-Z]{16}\b/,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /\bgh[pousr]_[A-Za-z0-9]{36,}\b/,
  /\bglpat-[A-Za-z0-9_-]{20}/,
  /\bxox[abprs]-[A-Za-z0-9-]{10,}\b/,
  /\bsk_live_[A-Za-z0-9]{16,}\b/,
  /\bAIza[0-9A-Za-z_-]{35}\b/,
  /^[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:[^\s@/]+@/i, // URL with [user]:password@ (see urlWithLiteralPassword)
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

/** Name parts of a build argument or image ENV that holds a secret (a Dockerfile's vocabulary, stricter). */
const ARG_SECRET = new Set([
  'password',
  'passwd',
  'pword',
  'pwd',
  'secret',
  'token',
  'apikey',
  'auth',
  'credential',
  'credentials',
  'key',
  'privatekey',
  'accesskey',
  'secretkey',
  'passphrase',
  'authtoken',
  'clientsecret',
]);
/** Name parts that say the value is about a secret, not the secret itself (a path, a public key id...). */
const ARG_NOT_SECRET = new Set([
  'file',
  'path',
  'dir',
  'public',
  'version',
  'gpg',
  'pgp',
  'url',
  'uri',
  'id',
  'fingerprint',
  'server',
  'keyserver',
  'keyring',
  'name',
  'type',
  'host',
  'port',
  'user',
  'username',
  'enabled',
  'length',
  'mode',
  'method',
  'header',
  'endpoint',
  'policy',
  'algorithm',
  'size',
  'location',
]);

/** Is an ARG or ENV of a Dockerfile named like a secret? */
export function isSecretArgName(name: string): boolean {
  const parts = nameParts(name);
  if (!parts.some((p) => ARG_SECRET.has(p))) return false;
  return !parts.some((p) => ARG_NOT_SECRET.has(p));
}
