import { finalStage, shellOf, stageChain, type Inst } from '../../sources/dockerfile/model';
import { baseName, program } from '../../sources/dockerfile/shell';
import type { Command, Word } from '../../model/shell/parse';
import type { DockerfileRule } from '../rule';
import { CREDENTIAL_FILE_VARIABLES, isSecretName, looksLikeSecretValue } from '../../vocabulary/secrets';
import { envAndArgs } from '../../sources/dockerfile/props';

/**
 * A RUN that leaves credentials in the image: a tool that stores what it is given (`aws configure set`, `docker
 * login`, `npm config set ..._authToken`, `gcloud auth activate-service-account`, `az login`, a `git clone` of a URL
 * with credentials), a password written in the Dockerfile (`echo root:pw | chpasswd`, a URL with a literal
 * password), and ENV credential-file variables that point at a file the Dockerfile copies in.
 *
 * What is stored in a layer stays in the image even if a later instruction removes it; a step that removes it in
 * the same RUN (`docker logout`, `rm ~/.npmrc`...) leaves nothing. Stored credentials are reported in the stages
 * the final image is built on; a literal password anywhere (it is in the Dockerfile itself).
 */
export const rule: DockerfileRule = {
  meta: {
    id: 'dockerfile/secret-in-run',
    kind: 'dockerfile',
    title: 'Credentials stored by RUN',
    severity: 'warning',
    quadrant: 'configuration-profile',
    description:
      'Flags RUN steps that store credentials in the image (`aws configure set aws_secret_access_key`, `docker ' +
      'login -p`/`--password-stdin`, `npm`/`yarn config set` of an auth token or an `.npmrc` written with one, ' +
      '`gcloud auth activate-service-account`, `az login -p`, `git clone` of a URL with credentials) unless the same ' +
      'RUN removes them; passwords written in the Dockerfile (`echo user:pw | chpasswd`, `useradd -p`, a URL with a ' +
      'literal password or token); and `ENV GOOGLE_APPLICATION_CREDENTIALS`, `AWS_SHARED_CREDENTIALS_FILE` or ' +
      '`KUBECONFIG` pointing at a file the Dockerfile copies in.',
    why:
      'Each layer is a file system anyone who pulls the image can read: `~/.aws/credentials`, `~/.docker/config.json`, ' +
      '`~/.npmrc`, `.git/config` and a copied key file stay there even if a later step deletes them. A password ' +
      'written in the Dockerfile is readable by everyone who reads the repository, and a login with it works on ' +
      'every container of the image.',
    howToFix:
      'Mount the credential for the one step that needs it: `RUN --mount=type=secret,id=npmrc,target=/root/.npmrc ' +
      'npm ci` (BuildKit; `docker build --secret id=npmrc,src=$HOME/.npmrc`), or log in, use and log out in the ' +
      'same RUN. At run time, mount key files as secrets instead of copying them. Do not set passwords in images: ' +
      'use keys, or set the password when the container starts.',
    cwe: ['CWE-798', 'CWE-522', 'CWE-538'],
    cis: ['4.10'],
    references: [
      'https://docs.docker.com/build/building/secrets/',
      'https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/',
    ],
    examples: {
      bad: [
        'FROM node:20-alpine\nARG NPM_TOKEN\nRUN npm config set //registry.npmjs.org/:_authToken $NPM_TOKEN \\\n' +
          ' && npm ci\nUSER node\n',
        'FROM debian:12\nRUN echo "root:root" | chpasswd\nUSER 10001\n',
        'FROM google/cloud-sdk:480.0.0\nCOPY key.json /secrets/key.json\nENV GOOGLE_APPLICATION_CREDENTIALS=' +
          '/secrets/key.json\nUSER 10001\n',
      ],
      good: [
        'FROM node:20-alpine\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\nUSER node\n',
        'FROM docker:27-cli\nRUN --mount=type=secret,id=token cat /run/secrets/token \\\n' +
          ' | docker login -u ci --password-stdin registry.example.com \\\n && docker pull registry.example.com/x:1 ' +
          '&& docker logout registry.example.com\nUSER 10001\n',
      ],
    },
  },
  check(ctx) {
    const m = ctx.model;
    // the stages whose layers the final image holds
    const shipped = new Set(stageChain(finalStage(m)));
    for (const inst of m.instructions) {
      if (inst.keyword !== 'RUN') continue;
      const cmds = shellOf(m, inst);
      const inImage = shipped.has(inst.stage);
      const undo = undoings(cmds);
      for (let k = 0; k < cmds.length; k++) {
        for (const f of storedCredentials(cmds[k], k, undo)) {
          if (!inImage && !f.literal) continue;
          ctx.report({ start: f.from.start, end: f.to.end, message: f.message });
        }
      }
    }
    // ENV GOOGLE_APPLICATION_CREDENTIALS=/app/key.json with the key copied in
    for (const p of envAndArgs(m)) {
      if (p.inst.keyword !== 'ENV' || !p.value || !CREDENTIAL_FILE_VARIABLES.has(p.name)) continue;
      if (!shipped.has(p.inst.stage)) continue;
      const copy = copiedTo(p.inst, p.value.trim());
      if (!copy) continue;
      ctx.report({
        start: p.start,
        end: p.end,
        message:
          `ENV ${p.name} points at ${p.value.trim()}, a file ${copy.keyword} puts into the image: anyone who pulls ` +
          `the image gets the credential. Mount it at run time (a secret or a read-only volume) instead.`,
        related: [{ file: m.path, range: m.index.range(copy.start, copy.end), message: 'the file is copied in here' }],
      });
    }
  },
};

interface Stored {
  from: Word;
  to: Word;
  message: string;
  /** The credential is written in the Dockerfile (reported in every stage). */
  literal: boolean;
}

/** Written out in the Dockerfile: no expansion left to read (`'$6$salt$hash'` is literal, `$TOKEN` is not). */
const LITERAL = (w: Word | undefined) => !!w && w.known;
const AWS_SECRET_KEY = /^((default|profile\.[^.\s]+)\.)?(aws_secret_access_key|aws_session_token)$/i;
const NPM_AUTH_KEY = /(^|:)(_authToken|_auth|_password)$|^npmAuthToken$|^npmAuthIdent$/;
const REGISTRY_LOGIN = /^(docker|podman|buildah|skopeo|nerdctl|helm)$/;

/** What removes a stored credential: `rm` of its file, or the tool's own undoing (`docker logout`...). */
const REMOVED_FILES: Record<string, RegExp> = {
  aws: /\.aws(\/|$)/,
  docker: /\.docker(\/|$)|config\.json$/,
  npmrc: /\.npmrc$|\.yarnrc(\.yml)?$/,
  gcloud: /\.config\/gcloud/,
  azure: /\.azure(\/|$)/,
  git: /(^|\/)\.git(\/|$)/,
};
/** What undoes a stored credential: its kind, the words after the program that undo it, and the programs. */
const UNDOING_COMMANDS: [string, RegExp, string[]][] = [
  ['docker', /^logout\b/, ['docker', 'podman', 'buildah', 'skopeo', 'nerdctl']],
  ['docker', /^registry logout\b/, ['helm']],
  ['npmrc', /^config delete\b/, ['npm', 'yarn', 'pnpm']],
  ['gcloud', /^auth revoke\b/, ['gcloud']],
  ['azure', /^logout\b/, ['az']],
];
/** The same by program. */
const UNDOINGS = new Map(
  UNDOING_COMMANDS.flatMap(([kind, re, programs]) => programs.map((p): [string, [string, RegExp]] => [p, [kind, re]])),
);

/**
 * For each kind of stored credential, the index of the last command of the RUN that removes it (-1: none). One
 * pass over the commands: a RUN of any length is read in linear time.
 */
function undoings(cmds: Command[]): Map<string, number> {
  const last = new Map<string, number>();
  cmds.forEach((x, k) => {
    const xp = program(x);
    if (!xp) return;
    const prog = baseName(xp.word.text);
    const rest = x.words.slice(xp.index + 1);
    if (prog === 'rm') {
      for (const [kind, re] of Object.entries(REMOVED_FILES)) if (rest.some((w) => re.test(w.text))) last.set(kind, k);
      return;
    }
    const undoing = UNDOINGS.get(prog);
    if (!undoing) return;
    const [kind, re] = undoing;
    const after = rest.slice(0, 3).map((w) => w.text);
    if (re.test(after.join(' '))) last.set(kind, k);
  });
  return last;
}

/** A command of a RUN, read for the credentials it stores (see storedCredentials). */
interface Call {
  c: Command;
  p: { word: Word; index: number };
  name: string;
  args: Word[];
  sub: (i: number) => string | undefined;
  /** A later command of the same RUN removes what this kind of login stored. */
  removed: (kind: string) => boolean;
  out: Stored[];
}

function storedCredentials(c: Command, at: number, undo: Map<string, number>): Stored[] {
  const p = program(c);
  if (!p) return [];
  const args = c.words.slice(p.index + 1);
  const x: Call = {
    c,
    p,
    name: baseName(p.word.text),
    args,
    sub: (i) => args[i]?.text,
    removed: (kind) => (undo.get(kind) ?? -1) > at,
    out: [],
  };
  for (const read of [cloudCredentials, registryLogin, npmTokens, passwords, urlCredentials]) read(x);
  return x.out;
}

/** AWS, gcloud and Azure credentials a CLI keeps in the home folder. */
function cloudCredentials(x: Call): void {
  const { p, name, args, sub, removed, out } = x;
  // aws configure set aws_secret_access_key VALUE
  if (name === 'aws' && sub(0) === 'configure' && sub(1) === 'set' && args[2] && AWS_SECRET_KEY.test(args[2].text)) {
    const value = args[3];
    if (!removed('aws'))
      out.push({
        from: p.word,
        to: value ?? args[2],
        literal: LITERAL(value),
        message:
          `RUN stores an AWS secret key in the image (~/.aws/credentials): anyone who pulls it can use the ` +
          `account. Mount it for the step with RUN --mount=type=secret.`,
      });
  }

  // gcloud auth activate-service-account --key-file=F
  if (name === 'gcloud' && sub(0) === 'auth' && sub(1) === 'activate-service-account') {
    const undone = removed('gcloud');
    if (!undone)
      out.push({
        from: p.word,
        to: args[args.length - 1],
        literal: false,
        message:
          `RUN activates a service account: gcloud keeps its credentials in the image (~/.config/gcloud). Revoke ` +
          `them in the same RUN (gcloud auth revoke), or authenticate when the container runs.`,
      });
  }

  // az login --service-principal -p SECRET
  if (name === 'az' && sub(0) === 'login') {
    const i = args.findIndex((w) => w.text === '-p' || w.text === '--password' || w.text.startsWith('--password='));
    if (i >= 0 && !removed('azure')) {
      const pw = args[i].text.startsWith('--password=') ? args[i] : args[i + 1];
      out.push({
        from: p.word,
        to: pw ?? args[i],
        literal: LITERAL(pw),
        message:
          `RUN logs in to Azure with a secret: the tokens stay in the image (~/.azure). Log out in the same RUN ` +
          `(az logout), or authenticate when the container runs.`,
      });
    }
  }
}

/** A registry login that leaves its credential in ~/.docker/config.json (or a password in the file). */
function registryLogin(x: Call): void {
  const { p, name, args, sub, removed, out } = x;
  // docker login -p X / --password X / --password-stdin (config.json keeps the credential)
  const loginAt = REGISTRY_LOGIN.test(name)
    ? args.findIndex((w, i) => w.text === 'login' && (name !== 'helm' || sub(i - 1) === 'registry'))
    : -1;
  if (loginAt >= 0) {
    let password: Word | undefined;
    let stdin: Word | undefined;
    for (let i = loginAt + 1; i < args.length; i++) {
      const t = args[i].text;
      if (t === '-p' || t === '--password') password = args[++i];
      else if (t.startsWith('--password=')) password = args[i];
      else if (t === '--password-stdin') stdin = args[i];
    }
    const literalPassword = LITERAL(password);
    const undone = removed('docker');
    if ((password || stdin) && (!undone || literalPassword)) {
      const to = password ?? stdin!;
      out.push({
        from: p.word,
        to,
        literal: !!literalPassword,
        message: literalPassword
          ? `RUN logs in to a registry with a password written in the Dockerfile: it is in the image history and ` +
            `the repository. Pass it with RUN --mount=type=secret and --password-stdin, and log out in the same RUN.`
          : `RUN logs in to a registry and never logs out: the credential stays in the image ` +
            `(~/.docker/config.json). Log out in the same RUN, or mount the credential with RUN --mount=type=secret.`,
      });
    }
  }
}

/** Registry auth tokens written to ~/.npmrc or ~/.yarnrc. */
function npmTokens(x: Call): void {
  const { c, p, name, args, sub, removed, out } = x;
  // npm config set //registry/:_authToken X, yarn config set npmAuthToken X
  if ((name === 'npm' || name === 'yarn' || name === 'pnpm') && sub(0) === 'config' && sub(1) === 'set' && args[2]) {
    const key = args[2].text.split('=')[0];
    if (NPM_AUTH_KEY.test(key) && !removed('npmrc'))
      out.push({
        from: p.word,
        to: args[3] ?? args[2],
        literal: LITERAL(args[2].text.includes('=') ? args[2] : args[3]),
        message:
          `RUN stores a registry auth token in the image (${name} config writes it to ~/.${name === 'yarn' ? 'yarnrc' : 'npmrc'}). ` +
          `Mount the file for the step: RUN --mount=type=secret,id=npmrc,target=/root/.npmrc.`,
      });
  }
  // echo "//registry.npmjs.org/:_authToken=..." > .npmrc
  if ((name === 'echo' || name === 'printf') && args.some((w) => /_authToken=|_auth=|_password=/.test(w.text))) {
    const target = c.redirects?.find((r) => r.op === '>' || r.op === '>>')?.target;
    if (target && /\.npmrc$/.test(target) && !removed('npmrc'))
      out.push({
        from: p.word,
        to: args[args.length - 1],
        literal: args.some((w) => /_authToken=[^$\s]/.test(w.text)),
        message:
          `RUN writes a registry auth token to ${target}, which stays in the image. Mount the file for the step: ` +
          `RUN --mount=type=secret,id=npmrc,target=/root/.npmrc.`,
      });
  }
}

/** Passwords and password hashes written in the Dockerfile. */
function passwords(x: Call): void {
  const { c, p, name, args, out } = x;
  // echo "root:pw" | chpasswd; echo -e "pw\npw" | passwd user; useradd -p HASH
  if ((name === 'chpasswd' || name === 'passwd') && c.pipedFrom) {
    const src = program(c.pipedFrom);
    const srcArgs = src ? c.pipedFrom.words.slice(src.index + 1).filter((w) => !/^-[a-zA-Z]+$/.test(w.text)) : [];
    if (src && /^(echo|printf)$/.test(baseName(src.word.text)) && srcArgs.length && srcArgs.every(LITERAL)) {
      const text = srcArgs.map((w) => w.text).join(' ');
      const pw = name === 'chpasswd' ? text.slice(text.indexOf(':') + 1) : text;
      if (pw && (name === 'passwd' || text.includes(':')))
        out.push({
          from: src.word,
          to: c.words[c.words.length - 1],
          literal: true,
          message:
            `RUN sets a password written in the Dockerfile: anyone who reads the Dockerfile or the image history ` +
            `can log in to every container of this image. Do not set passwords in images.`,
        });
    }
  }
  if ((name === 'useradd' || name === 'usermod' || name === 'adduser') && args.length) {
    const i = args.findIndex((w) => w.text === '-p' || w.text === '--password');
    if (i >= 0 && LITERAL(args[i + 1]) && args[i + 1].text !== '' && args[i + 1].text !== '*')
      out.push({
        from: p.word,
        to: args[i + 1],
        literal: true,
        message:
          `RUN ${name} sets a password hash written in the Dockerfile: it can be cracked offline, and it logs in to ` +
          `every container of this image. Do not set passwords in images.`,
      });
  }
}

/** Credentials in a URL, and git remotes that keep them. */
function urlCredentials(x: Call): void {
  const { p, name, args, sub, removed, out } = x;
  // credentials in a URL: https://user:password@host, https://ghp_token@host, git clone https://$TOKEN@host
  const gitStores =
    name === 'git' && (sub(0) === 'clone' || (sub(0) === 'remote' && sub(1) === 'add') || sub(0) === 'submodule');
  for (const w of args) {
    const cred = urlCredential(w.text);
    if (!cred) continue;
    if (cred.literal) {
      out.push({
        from: w,
        to: w,
        literal: true,
        message:
          `RUN uses a URL with credentials written in the Dockerfile: they are in the repository and the image ` +
          `history${gitStores ? ', and git keeps them in .git/config' : ''}. Use RUN --mount=type=secret.`,
      });
    } else if (gitStores && cred.secretVariable && !removed('git')) {
      out.push({
        from: p.word,
        to: w,
        literal: false,
        message:
          `RUN clones with credentials in the URL: git keeps the URL, token included, in .git/config in the image. ` +
          `Use RUN --mount=type=secret with a credential helper, or remove .git in the same RUN.`,
      });
    }
  }
}

/**
 * The credentials of a URL's user part: `literal` when a password (or a token as the user) is written out,
 * `secretVariable` when it is a variable with a secret's name (`https://${GITHUB_TOKEN}@github.com`).
 */
function urlCredential(text: string): { literal: boolean; secretVariable: boolean } | undefined {
  const m = /^(?:git\+)?[a-z][a-z0-9+.-]*:\/\/([^\s/@]+)@[^\s/@]/i.exec(text);
  if (!m) return undefined;
  const user = m[1];
  const colon = user.indexOf(':');
  const secret = colon >= 0 ? user.slice(colon + 1) : user;
  if (!secret) return undefined;
  const variables = [...secret.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((v) => v[1]);
  if (variables.length || secret.includes('$(') || secret.includes('`'))
    return { literal: false, secretVariable: variables.some((v) => isSecretName(v)) || colon >= 0 };
  // a user alone (git@, oauth2@) is not a secret; a token as the user is
  if (colon < 0) return looksLikeSecretValue(secret) ? { literal: true, secretVariable: false } : undefined;
  return { literal: true, secretVariable: false };
}

/** The COPY/ADD (from the build context) of the same stage chain that puts a file at `target`. */
function copiedTo(env: Inst, target: string): Inst | undefined {
  for (const s of stageChain(env.stage)) {
    for (const i of s.instructions) {
      if ((i.keyword !== 'COPY' && i.keyword !== 'ADD') || i.start > env.start) continue;
      if (i.flags.some((f) => f.name === 'from')) continue;
      const words = i.args.map((a) => a.value);
      if (words.length < 2) continue;
      const dest = words[words.length - 1];
      const sources = words.slice(0, -1);
      const dir = dest.endsWith('/') || sources.length > 1 ? dest.replace(/\/?$/, '/') : undefined;
      if (!dir && dest === target) return i;
      if (dir && sources.some((src) => dir + src.split('/').pop() === target)) return i;
      // COPY key.json /secrets (a folder that exists in the image): the same file name under it
      if (!dir && sources.some((src) => `${dest}/${src.split('/').pop()}` === target)) return i;
    }
  }
  return undefined;
}
