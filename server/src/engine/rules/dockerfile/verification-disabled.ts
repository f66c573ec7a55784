import { shellOf, type DockerfileModel } from '../../sources/dockerfile/model';
import { baseName, program, type Command, type Word } from '../../sources/dockerfile/shell';
import type { DockerfileRule } from '../rule';
import type { Fix, TextEdit } from '../../types';
import { envAndArgs } from '../../sources/dockerfile/props';
import { removeWordEdit } from './_shared';
import { lookupTable } from '../../vocabulary/lookup';

/** Environment settings that turn verification off (value test per name). */
const ENV: Record<string, (v: string) => boolean> = lookupTable({
  PIP_TRUSTED_HOST: (v) => v.trim() !== '',
  PYTHONHTTPSVERIFY: (v) => v.trim() === '0',
  NODE_TLS_REJECT_UNAUTHORIZED: (v) => v.trim() === '0',
  NPM_CONFIG_STRICT_SSL: (v) => /^(false|0|no)$/i.test(v.trim()),
  YARN_STRICT_SSL: (v) => /^(false|0|no)$/i.test(v.trim()),
  GIT_SSL_NO_VERIFY: () => true,
  CURL_INSECURE: (v) => /^(1|true|yes)$/i.test(v.trim()),
});

const PKG_FLAGS: Record<string, string[]> = lookupTable({
  apk: ['--allow-untrusted'],
  'apt-get': ['--allow-unauthenticated', '--force-yes', '--allow-insecure-repositories', '--allow-downgrades-insecure'],
  apt: ['--allow-unauthenticated', '--force-yes', '--allow-insecure-repositories'],
  aptitude: ['--allow-untrusted'],
  yum: ['--nogpgcheck'],
  dnf: ['--nogpgcheck', '--no-gpgchecks'],
  microdnf: ['--nogpgcheck'],
  tdnf: ['--nogpgcheck'],
  zypper: ['--no-gpg-checks', '--gpg-auto-import-keys'],
  rpm: ['--nosignature', '--nodigest', '--nogpg'],
  wget: ['--no-check-certificate'],
  curl: ['--insecure', '--proxy-insecure'],
  pip: ['--trusted-host'],
  pip3: ['--trusted-host'],
  gem: ['--no-verify'],
  conda: ['--insecure'],
});

/** Programs whose arguments are read besides PKG_FLAGS (see commandHits). */
const ARGUMENT_CHECKED = new Set(['curl', 'git', 'npm', 'yarn', 'pnpm', 'apt-get', 'apt']);

interface Hit {
  word: Word;
  what: string;
  edit?: TextEdit[];
}

function commandHits(m: DockerfileModel, c: Command): Hit[] {
  const out: Hit[] = [];
  for (const w of c.words) {
    const eq = w.text.includes('=') ? /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(w.text) : null;
    if (eq && ENV[eq[1]]?.(eq[2])) out.push({ word: w, what: `${eq[1]}=${eq[2]}` });
  }
  const p = program(c);
  if (!p) return out;
  let name = baseName(p.word.text);
  let rest = c.words.slice(p.index + 1);
  if (/^python\d*(\.\d+)?$/.test(name) && rest[0]?.text === '-m' && /^pip3?$/.test(rest[1]?.text ?? '')) {
    name = 'pip';
    rest = rest.slice(2);
  }
  const flags = PKG_FLAGS[name] ?? [];
  // most programs have no flag this loop looks for (the checks after it still run)
  const scan = flags.length > 0 || ARGUMENT_CHECKED.has(name);
  for (let k = 0; scan && k < rest.length; k++) {
    const w = rest[k];
    const t = w.text;
    const bare = t.split('=')[0];
    if (flags.includes(bare)) {
      const edits: TextEdit[] = [removeWordEdit(m, w)];
      if (bare === '--trusted-host' && !t.includes('=') && rest[k + 1]) edits.push(removeWordEdit(m, rest[k + 1]));
      out.push({ word: w, what: `${name} ${bare}`, edit: m.text.slice(w.start, w.end) === t ? edits : undefined });
    } else if (name === 'curl' && /^-[a-zA-Z]+$/.test(t) && t.includes('k')) {
      const exact = m.text.slice(w.start, w.end) === t;
      const edit: TextEdit[] =
        t === '-k' ? [removeWordEdit(m, w)] : [{ start: w.start, end: w.end, newText: t.replace('k', '') }];
      out.push({ word: w, what: 'curl -k', edit: exact ? edit : undefined });
    } else if (name === 'git' && t === '-c' && /^http\.sslverify=(false|0|no)$/i.test(rest[k + 1]?.text ?? '')) {
      out.push({ word: rest[k + 1], what: `git -c ${rest[k + 1].text}` });
    } else if ((name === 'npm' || name === 'yarn' || name === 'pnpm') && /^--strict-ssl=false$/i.test(t)) {
      out.push({ word: w, what: `${name} ${t}`, edit: [removeWordEdit(m, w)] });
    } else if (name === 'apt-get' || name === 'apt') {
      if (
        t === '-o' &&
        /^(Acquire::AllowInsecureRepositories|APT::Get::AllowUnauthenticated|Acquire::https::Verify-Peer|Acquire::Check-Valid-Until)=(true|1|false|0)$/i.test(
          rest[k + 1]?.text ?? '',
        ) &&
        aptOptionDisablesChecks(rest[k + 1].text)
      ) {
        out.push({ word: rest[k + 1], what: `${name} -o ${rest[k + 1].text}` });
      }
    }
  }
  // npm config set strict-ssl false / git config http.sslVerify false
  const words = rest.map((w) => w.text);
  const cfg = words.indexOf('set') >= 0 ? words.indexOf('set') : -1;
  if (
    (name === 'npm' || name === 'yarn' || name === 'pnpm') &&
    words[0] === 'config' &&
    cfg >= 0 &&
    /^strict-ssl$/i.test(words[cfg + 1] ?? '') &&
    /^(false|0)$/i.test(words[cfg + 2] ?? '')
  ) {
    out.push({ word: rest[cfg + 1], what: `${name} config set strict-ssl false` });
  }
  if (
    (name === 'npm' || name === 'pnpm') &&
    words[0] === 'set' &&
    /^strict-ssl$/i.test(words[1] ?? '') &&
    /^(false|0)$/i.test(words[2] ?? '')
  )
    out.push({ word: rest[1], what: `${name} set strict-ssl false` });
  if (name === 'git' && words[0] === 'config') {
    const i = words.findIndex((x) => /^http(\..*)?\.sslverify$/i.test(x));
    if (i >= 0 && /^(false|0|no)$/i.test(words[i + 1] ?? ''))
      out.push({ word: rest[i], what: `git config ${words[i]} false` });
  }
  // sslverify=0 in yum/dnf options, or written into a repo/config file (echo ... > f, sed -i)
  const writes =
    !!c.redirects?.some((r) => r.op.startsWith('>')) || name === 'sed' || name === 'tee' || name === 'crudini';
  const pkgTool = /^(yum|dnf|microdnf|tdnf|yum-config-manager|dnf-config-manager|config-manager|zypper)$/.test(name);
  if (
    pkgTool ||
    ((name === 'echo' || name === 'printf') && writes) ||
    name === 'sed' ||
    name === 'tee' ||
    name === 'crudini'
  ) {
    const w = rest.find((x) => /(^|[.\s/=])sslverify\s*=\s*(0|false|no)\b/i.test(x.text));
    if (w) out.push({ word: w, what: sslverifySetting(w.text) });
  }
  if (name === 'pip' || name === 'pip3') {
    const i = words.findIndex((x) => x === 'config');
    if (i >= 0 && words.some((x) => /trusted-host/.test(x)))
      out.push({ word: rest[words.findIndex((x) => /trusted-host/.test(x))], what: 'pip config trusted-host' });
  }
  return out;
}

export const rule: DockerfileRule = {
  meta: {
    id: 'dockerfile/verification-disabled',
    kind: 'dockerfile',
    title: 'TLS or signature verification disabled',
    severity: 'warning',
    quadrant: 'supply-chain',
    description:
      'Flags switches that turn off TLS certificate or package signature checks: `curl -k/--insecure`, `wget ' +
      '--no-check-certificate`, `pip --trusted-host`, `PIP_TRUSTED_HOST`, `PYTHONHTTPSVERIFY=0`, ' +
      '`NODE_TLS_REJECT_UNAUTHORIZED=0`, `npm config set strict-ssl false`, `NPM_CONFIG_STRICT_SSL=false`, `git -c ' +
      'http.sslVerify=false`, `GIT_SSL_NO_VERIFY`, `apk --allow-untrusted`, `apt-get ' +
      '--allow-unauthenticated`/`--force-yes`, `yum/dnf --nogpgcheck`, `rpm --nosignature`, `sslverify=false`.',
    why:
      'Without verification anyone on the network path (or a compromised mirror) can swap the package or script your ' +
      'build installs.',
    howToFix:
      "Remove the switch. If a private registry uses its own CA, add the CA to the image's trust store instead.",
    fixes: {
      unsafe: 'Removes the command-line switch (unsafe: the download may fail until the CA or signing key is set up).',
    },
    cwe: ['CWE-295', 'CWE-347'],
    references: ['https://docs.docker.com/build/building/best-practices/'],
    examples: {
      bad: [
        'FROM alpine:3.20\nRUN curl -fsSLk https://example.com/x -o /x\nUSER 10001\n',
        'FROM python:3.12-slim\nENV PYTHONHTTPSVERIFY=0\nUSER 10001\n',
        'FROM centos:7\nRUN yum install -y --nogpgcheck httpd\nUSER 10001\n',
      ],
      good: ['FROM alpine:3.20\nRUN curl -fsSL https://example.com/x -o /x && apk add --no-cache git\nUSER 10001\n'],
    },
  },
  check(ctx) {
    const m = ctx.model;
    for (const i of m.instructions) {
      if (i.keyword !== 'RUN') continue;
      const covered: number[] = [];
      for (const c of shellOf(m, i)) {
        for (const h of commandHits(m, c)) {
          if (covered.includes(h.word.start)) continue;
          covered.push(h.word.start);
          const fixes: Fix[] | undefined = h.edit
            ? [{ title: `Remove ${m.text.slice(h.word.start, h.word.end)}`, applicability: 'unsafe', edits: h.edit }]
            : undefined;
          ctx.report({
            start: h.word.start,
            end: h.word.end,
            message:
              `RUN turns off verification (${h.what}): a network attacker or bad mirror can swap what gets ` +
              `installed. Remove it and trust the right CA or key instead.`,
            fixes,
          });
        }
      }
    }
    for (const p of envAndArgs(m)) {
      const test = ENV[p.name];
      if (!test || p.value === undefined || !test(p.value)) continue;
      ctx.report({
        start: p.start,
        end: p.end,
        message:
          `${p.inst.keyword} ${p.name}=${p.value} turns off verification for every later download. Remove it and ` +
          `trust the right CA instead.`,
      });
    }
  },
};

/** An apt option that turns signature or TLS checks off (`Acquire::AllowInsecureRepositories=true`...). */
function aptOptionDisablesChecks(opt: string): boolean {
  const i = opt.search(/AllowInsecure/i);
  if (i >= 0 && /=(true|1)/i.test(opt.slice(i))) return true;
  return /AllowUnauthenticated=(true|1)|Verify-Peer=(false|0)/i.test(opt);
}

/** The `...sslverify=value` part of a word, for the message (the word itself may hold more). */
function sslverifySetting(text: string): string {
  const m = /sslverify\s*=\s*\w+/i.exec(text);
  if (!m) return text;
  let s = m.index;
  while (s > 0 && !/\s/.test(text[s - 1])) s--;
  return text.slice(s, m.index + m[0].length);
}
