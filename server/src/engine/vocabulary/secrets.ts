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
  'backends',
  'plugin',
  'plugins',
  'providers',
  'methods',
  'mechanism',
  'mechanisms',
  'module',
  'modules',
  'rounds',
  'hash',
  'location',
  'env',
  'key_id',
  'count',
  'size',
  'public',
  'server',
  'servers',
  'keyserver',
  'fingerprint',
  'keyring',
  'scheme',
  'schemes',
  'hasher',
  'exp',
  'aud',
  'role',
  'roles',
  'domain',
  'secure',
  'insecure',
  'samesite',
  'access',
  'users',
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
  // a switch that says how the secret is made (MYSQL_RANDOM_ROOT_PASSWORD, MARIADB_ALLOW_EMPTY_ROOT_PASSWORD)
  if (parts.some((p) => SWITCH_WORDS.has(p))) return false;
  return parts.some(
    (p, i) =>
      SECRET_PARTS.has(p) ||
      p.endsWith('password') ||
      p.endsWith('secret') ||
      p.endsWith('token') ||
      JOINED_PASS.test(p) ||
      (p === 'key' && i > 0 && KEY_QUALIFIERS.has(parts[i - 1])),
  );
}

/** `rootpass`, `adminpassword`, `dbpwd`... written as one word (LDAP_ROOTPASS), but not `bypass` or `compass`. */
const JOINED_PASS = /^(root|admin|db|user|mail|smtp|ldap|app|master|super|bind|redis|mysql|pg)(pass|passwd|pwd)$/;

/** Words that make a following `key` a secret (ENCRYPTION_KEY, SSH_KEY), unlike CACHE_KEY or SORT_KEY. */
const KEY_QUALIFIERS = new Set([
  'encryption',
  'encrypt',
  'crypt',
  'cipher',
  'aes',
  'signing',
  'sign',
  'hmac',
  'ssh',
  'master',
  'session',
  'cookie',
  'app',
  'jwt',
  'license',
  'licence',
  'client',
  'server',
  'service',
  'account',
  'storage',
  'stripe',
  'deploy',
]);

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
/** Words that make a name a switch about a secret wherever they stand (the official database images' switches). */
const SWITCH_WORDS = new Set(['random', 'generate', 'empty', 'allow']);

/** A URL's literal `[user]:password@` part; the password is the first group. */
const URL_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:([^\s@/]+)@/i;

/**
 * A connection URL with a literal password (`postgres://user:pw@db`, `redis://:pw@cache`). `loose` is the value
 * with each unknown variable written as `unknown`: a variable in the user part does not hide the password, and a
 * password that is a variable is not a literal.
 */
export function urlWithLiteralPassword(loose: string, unknown: string): boolean {
  const m = URL_PASSWORD.exec(loose);
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
  URL_PASSWORD, // URL with [user]:password@ (see urlWithLiteralPassword)
];

export function looksLikeSecretValue(v: string): boolean {
  return SECRET_VALUE.some((r) => r.test(v));
}

/**
 * A literal worth reporting under a secret's name: not empty, a placeholder or sentinel (`invalid`, `disabled`: the
 * feature off until one is set), a boolean or flag, a reference to a variable (`${DB_PASSWORD}`), a path (a file
 * that holds the secret), a duration or size (`30m`, `512MB`), a method name (`REGISTRY_AUTH=htpasswd`) or a dotted
 * module/class name (`airflow.api.auth.backend.basic_auth`).
 */
export function isLiteralSecret(v: string | undefined, name?: string): boolean {
  if (v === undefined) return false;
  const t = v.trim();
  if (!t || /^(true|false|yes|no|on|off|0|1|null|none|invalid|disabled|unset|changeme-in-prod|<.*>)$/i.test(t))
    return false;
  // a DSN names where a service is (`tcp://clickhouse:9000`): a secret only with credentials in it (checked apart)
  if (name && onlySecretWord(name, 'dsn')) return false;
  if (/^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/.test(t)) return false;
  if (/^(\/|\.\.?\/|~\/)[^\s]*$/.test(t)) return false;
  if (/^\d+(\.\d+)?\s*(ms|s|sec|m|min|h|d|w|[kmgt]i?b?)$/i.test(t)) return false;
  if (name && onlySecretWord(name, 'auth') && AUTH_METHODS.has(t.toLowerCase())) return false;
  if (/^[a-z_][a-z0-9_]*(\.[a-z_][A-Za-z0-9_]*){2,}$/.test(t)) return false;
  return true;
}

/**
 * A name whose only secret word is `word`: `dsn` (SENTRY_DSN, CLICKHOUSE_DSN: a URL, judged by the password in it),
 * `auth` (REGISTRY_AUTH, AUTH_BACKEND: its value may name a method).
 */
function onlySecretWord(name: string, word: string): boolean {
  const parts = nameParts(name);
  return (
    parts.includes(word) && !parts.some((p) => p !== word && (SECRET_PARTS.has(p) || /password|token|secret/.test(p)))
  );
}

/** Values that name how to authenticate, not a credential (`REGISTRY_AUTH=htpasswd`, `AUTH_TYPE=basic`). */
const AUTH_METHODS = new Set([
  'htpasswd',
  'basic',
  'bearer',
  'token',
  'jwt',
  'oauth',
  'oauth2',
  'oidc',
  'ldap',
  'saml',
  'kerberos',
  'md5',
  'scram-sha-256',
  'trust',
  'password',
  'native',
  'internal',
  'external',
  'database',
  'db',
  'file',
  'env',
  'local',
]);

/** Well-known default passwords: a literal one is worth a stronger message (anyone can guess it). */
const WEAK = new Set([
  'changeme',
  'change_me',
  'change-me',
  'password',
  'passw0rd',
  'admin',
  'administrator',
  'secret',
  'root',
  'toor',
  'default',
  'example',
  'test',
  'guest',
  'letmein',
  'qwerty',
  '123456',
  '12345678',
  '1234',
  'pass',
  'postgres',
  'mysql',
  'changeit',
]);

/** Is this literal a well-known default password? */
export function isWeakDefault(v: string): boolean {
  return WEAK.has(v.trim().toLowerCase());
}

/**
 * A literal a person made up for a local setup rather than a credential someone generated: a well-known default, or
 * a short word with few digits (`mariadb`, `P@ssw0rd`, `devpass123`); for a URL, its password. A cloud key, a token
 * or anything long or random-looking is not.
 */
export function looksMadeUp(v: string): boolean {
  const url = URL_PASSWORD.exec(v.trim());
  const t = url ? url[1] : v.trim();
  if (looksLikeSecretValue(t)) return false;
  if (isWeakDefault(t)) return true;
  let digits = 0;
  for (const ch of t) if (ch >= '0' && ch <= '9') digits++;
  return t.length <= 16 && digits <= 4 && !/\s/.test(t);
}

/** Environment variables that name a file holding credentials (a key file, a kubeconfig). */
export const CREDENTIAL_FILE_VARIABLES: ReadonlySet<string> = new Set([
  'GOOGLE_APPLICATION_CREDENTIALS',
  'AWS_SHARED_CREDENTIALS_FILE',
  'KUBECONFIG',
  'AZURE_CLIENT_CERTIFICATE_PATH',
]);
