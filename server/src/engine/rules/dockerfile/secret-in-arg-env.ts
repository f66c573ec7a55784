import type { DockerfileRule } from '../rule';
import { envAndArgs } from '../../sources/dockerfile/props';
import { buildArgNames } from '../../model/builds';
import { isLiteralSecret, isSecretName, isWeakDefault, looksLikeSecretValue } from '../../vocabulary/secrets';

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
    cis: ['4.10'],
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
    let passed: Set<string> | undefined;
    const passedByCompose = () =>
      (passed ??= new Set(ctx.composeUsers().flatMap((u) => [...buildArgNames(u.service)])));
    const declared = new Set<string>();
    for (const p of envAndArgs(ctx.model)) {
      if (p.inst.keyword === 'ARG') declared.add(p.name);
      // ENV X=${Y}: baked into the image only when Y is a build argument; an undeclared Y is empty
      const ref =
        p.inst.keyword === 'ENV' && p.value !== undefined
          ? /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(p.value.trim())
          : null;
      if (ref && !declared.has(ref[1])) continue;
      // an ARG without a value (or an empty one) is filled at build time; an ENV is judged on its value (a path, an
      // empty value, a duration, a method name are not secrets), or a declared ARG it takes
      const isArg = p.inst.keyword === 'ARG';
      const value = p.value?.trim();
      const valued = isArg ? !value || isLiteralSecret(value, p.name) : !!ref || isLiteralSecret(value, p.name);
      const byName = isSecretName(p.name) && valued;
      const byValue = p.value !== undefined && looksLikeSecretValue(p.value);
      if (!byName && !byValue) continue;
      // a Compose service passes it in build.args: reported once, there (compose/secret-in-environment)
      if (p.inst.keyword === 'ARG' && !byValue && passedByCompose().has(p.name)) continue;
      ctx.report({
        start: p.start,
        end: p.end,
        message:
          byName && value && !ref && isWeakDefault(value)
            ? `${p.inst.keyword} ${p.name} is set to '${value}', a well-known default password: anyone can guess ` +
              `it, and it is stored in the image history. Pass a real secret with RUN --mount=type=secret.`
            : byName
              ? `${p.inst.keyword} ${p.name} looks like a secret: ${p.inst.keyword} values are stored in the image ` +
                `history. Use RUN --mount=type=secret instead.`
              : `${p.inst.keyword} ${p.name} holds a value that looks like a credential: it is stored in the image ` +
                `history. Use RUN --mount=type=secret instead.`,
      });
    }
  },
};
