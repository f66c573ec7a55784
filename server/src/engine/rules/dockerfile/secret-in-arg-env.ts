import type { DockerfileRule } from '../rule';
import { envAndArgs } from './_props';
import { looksLikeSecretValue, nameParts } from '../../vocabulary/secrets';

const SECRET = new Set([
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
const NOT_SECRET = new Set([
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

export function isSecretArgName(name: string): boolean {
  const parts = nameParts(name);
  if (!parts.some((p) => SECRET.has(p))) return false;
  return !parts.some((p) => NOT_SECRET.has(p));
}

export const rule: DockerfileRule = {
  meta: {
    id: 'dockerfile/secret-in-arg-env',
    kind: 'dockerfile',
    title: 'Secret in ARG or ENV',
    severity: 'warning',
    quadrant: 'configuration-profile',
    description:
      'Flags `ARG`/`ENV` names that look like secrets (password, passwd, secret, token, apikey, auth, credential, ' +
      'key as a name part; not `*_FILE`, public, version, GPG key ids), and literal values that look like known ' +
      'credentials.',
    why:
      'ARG and ENV values are stored in the image metadata and history: anyone who can pull the image can read them, ' +
      'for ever.',
    howToFix:
      'Pass secrets with `RUN --mount=type=secret,id=...` (BuildKit) so they exist only for the step that needs ' +
      'them; at run time, use Compose or orchestrator secrets.',
    cwe: ['CWE-798', 'CWE-538'],
    references: [
      'https://docs.docker.com/build/building/secrets/',
      'https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/',
    ],
    examples: {
      bad: ['FROM alpine:3.20\nARG GITHUB_TOKEN\nENV DB_PASSWORD=hunter2\nUSER 10001\n'],
      good: [
        'FROM alpine:3.20\nARG APP_VERSION=1.2.3\nENV GPG_KEY=0D96DF4D4110E5C43FBFB17F2D347EA6AA65421D\nRUN ' +
          '--mount=type=secret,id=token cat /run/secrets/token >/dev/null\nUSER 10001\n',
      ],
    },
  },
  check(ctx) {
    const declared = new Set<string>();
    for (const p of envAndArgs(ctx.model)) {
      if (p.inst.keyword === 'ARG') declared.add(p.name);
      // ENV X=${Y}: baked into the image only when Y is a build argument; an undeclared Y is empty
      const ref =
        p.inst.keyword === 'ENV' && p.value !== undefined
          ? /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(p.value.trim())
          : null;
      if (ref && !declared.has(ref[1])) continue;
      const byName = isSecretArgName(p.name);
      const byValue = p.value !== undefined && looksLikeSecretValue(p.value);
      if (!byName && !byValue) continue;
      ctx.report({
        start: p.start,
        end: p.end,
        message: byName
          ? `${p.inst.keyword} ${p.name} looks like a secret: ${p.inst.keyword} values are stored in the image ` +
            `history. Use RUN --mount=type=secret instead.`
          : `${p.inst.keyword} ${p.name} holds a value that looks like a credential: it is stored in the image ` +
            `history. Use RUN --mount=type=secret instead.`,
      });
    }
  },
};
