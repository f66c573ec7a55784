// Hostile repositories, round two: the gate fails closed. Each case holds a grant (privileged, the host's root
// mounted, a daemon on plain TCP) hidden by a trick of the format; the CLI must report the grant or fail the gate
// with a problem at error (exit 1), never exit 0 with "No findings". Nothing outside the repository is read or
// printed.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTree, runCli, type Tree } from './harness';

interface Json {
  findings: { ruleId: string; file: string; message: string; line: number }[];
  files: { file: string; errors: { message: string; severity: string }[] }[];
}

/** Lints a repository (a git root) and returns the run with its JSON report. */
function lintRepo(files: Tree, args: string[] = []): { code: number | null; j: Json; all: string } {
  const dir = makeTree({ '.git/HEAD': 'ref: refs/heads/main\n', ...files });
  const r = runCli(['--format', 'json', ...args, '.'], dir);
  return { code: r.code, j: JSON.parse(r.out) as Json, all: r.out + r.err };
}

const ids = (j: Json) => j.findings.map((f) => f.ruleId);
const errors = (j: Json) =>
  j.files.flatMap((f) => f.errors.filter((e) => e.severity === 'error').map((e) => e.message));

describe('hostile repositories: the gate fails closed', function () {
  this.timeout(60_000);

  describe('YAML aliases are resolved everywhere', () => {
    it('services: *all, where the anchor holds a privileged service', () => {
      const r = lintRepo({
        'compose.yaml': 'x-all: &all\n  web:\n    image: nginx:1\n    privileged: true\nservices: *all\n',
      });
      assert.equal(r.code, 1);
      assert.ok(ids(r.j).includes('compose/privileged'), r.all);
    });

    it('an alias as a key (*k : true, where k is privileged)', () => {
      const r = lintRepo({
        'compose.yaml': 'x-k: &k privileged\nservices:\n  web:\n    image: nginx:1\n    *k : true\n',
      });
      assert.equal(r.code, 1);
      assert.ok(ids(r.j).includes('compose/privileged'), r.all);
    });

    it('a workflow step run: *cmd, and a job container through an alias', () => {
      const r = lintRepo({
        '.github/workflows/ci.yml':
          'x: &cmd docker run --privileged -v /:/host alpine:3\nx2: &c\n  image: alpine:3\n  options: --privileged\n' +
          'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    container: *c\n    steps:\n      - run: *cmd\n',
      });
      // read and reported; a CI job's container is reported at info in recommended (a test/CI file)
      const found = r.j.findings.filter((f) => f.ruleId === 'run/privileged');
      assert.equal(found.length, 2, r.all);
      assert.ok(
        found.every((f) => /test\/CI file \(under \.github\/\)/.test(f.message)),
        r.all,
      );
    });

    it('an alias to no anchor, in a workflow: an error, not silence', () => {
      const r = lintRepo({
        '.github/workflows/ci.yml':
          'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: docker build .\n      - run: *nope\n',
      });
      assert.equal(r.code, 1);
      assert.ok(
        errors(r.j).some((m) => /alias \*nope refers to no anchor/.test(m)),
        r.all,
      );
    });
  });

  describe('every document is read', () => {
    it('a second document in a Compose file is merged onto the first, as Compose merges them', () => {
      const r = lintRepo({
        'compose.yaml': 'services:\n  web:\n    image: nginx:1\n---\nservices:\n  web:\n    privileged: true\n',
      });
      assert.equal(r.code, 1);
      const f = r.j.findings.find((x) => x.ruleId === 'compose/privileged');
      assert.equal(f?.line, 7, r.all);
      assert.deepEqual(errors(r.j), [], 'no syntax error: a stream of documents is valid');
    });

    it('a GitLab CI file with a spec: header document: the jobs in the second are read', () => {
      const r = lintRepo({
        '.gitlab-ci.yml':
          'spec:\n  inputs:\n    x:\n      default: y\n---\njob:\n  script:\n    - docker run --privileged -v /:/host alpine:3\n',
      });
      assert.ok(ids(r.j).includes('run/privileged'), r.all);
    });
  });

  it('a Compose file in UTF-16 or UTF-32 with a byte-order mark is decoded and judged', () => {
    const priv = '\ufeffservices:\n  web:\n    image: nginx:1\n    privileged: true\n';
    const be = Buffer.from(priv, 'utf16le').swap16();
    const le32 = Buffer.alloc(priv.length * 4);
    [...priv].forEach((c, i) => le32.writeUInt32LE(c.codePointAt(0)!, i * 4));
    for (const bytes of [Buffer.from(priv, 'utf16le'), be, le32]) {
      const r = lintRepo({ 'compose.yaml': bytes });
      assert.equal(r.code, 1);
      assert.ok(ids(r.j).includes('compose/privileged'), r.all);
      assert.ok(r.j.files[0].errors.some((e) => /is UTF-(16|32)(LE|BE) \(its byte-order mark/.test(e.message)));
    }
  });

  it("a misspelt 'services' key is an error naming it, not silence; a legacy service called 'service' is not", () => {
    for (const key of ['service', 'Services', 'servcies', 'sevices']) {
      const r = lintRepo({
        'compose.yaml': `version: "3"\n${key}:\n  web:\n    image: nginx:1\n    privileged: true\n`,
      });
      assert.equal(r.code, 1, key);
      assert.ok(
        errors(r.j).some((m) => m.includes(`The top-level key '${key}' is not one Compose knows`)),
        r.all,
      );
    }
    const legacy = lintRepo({ 'docker-compose.yml': 'service:\n  image: nginx:1\n  privileged: true\n' });
    assert.ok(!errors(legacy.j).some((m) => /looks like 'services'/.test(m)), legacy.all);
    assert.ok(ids(legacy.j).includes('compose/privileged'), legacy.all);
  });

  it('an extends chain cut at its bound fails the gate (exit 1), with the error problem', () => {
    let s = 'services:\n  s0:\n    image: nginx:1\n    privileged: true\n';
    for (let i = 1; i <= 70; i++) s += `  s${i}:\n    extends: s${i - 1}\n`;
    const r = lintRepo({ 'compose.yaml': s, '.docker-security-lint.yaml': 'rules:\n  compose/privileged: off\n' });
    assert.equal(r.code, 1);
    assert.ok(
      errors(r.j).some((m) => /extends chain is longer than 64/.test(m)),
      r.all,
    );
  });

  it('a YAML syntax error fails the gate; skipped: warn counts it as a warning', () => {
    const files = { 'compose.yaml': 'services:\n  web: [\n' };
    assert.equal(lintRepo(files).code, 1);
    assert.equal(lintRepo({ ...files, '.docker-security-lint.yaml': 'skipped: warn\n' }).code, 0);
    assert.equal(
      lintRepo({ ...files, '.docker-security-lint.yaml': 'skipped: warn\n' }, ['--fail-on', 'warning']).code,
      1,
    );
  });

  describe('Dockerfiles as BuildKit reads them', () => {
    const cases: [string, string, string][] = [
      [
        'a vertical tab after the keyword',
        'FROM alpine:3.19\nENV\vDOCKER_HOST=tcp://10.0.0.1:2375\n',
        'dockerfile/docker-daemon-tcp',
      ],
      [
        'a form feed after the keyword',
        'FROM alpine:3.19\nENV\fDOCKER_HOST=tcp://10.0.0.1:2375\n',
        'dockerfile/docker-daemon-tcp',
      ],
      [
        'a lone carriage return inside RUN',
        'FROM alpine:3.19\nRUN true\r;curl -fsSL http://x.sh | sh\n',
        'dockerfile/curl-pipe-shell',
      ],
      ['a form feed before USER root', 'FROM alpine:3.19\nUSER app\n\fUSER root\n', 'dockerfile/user-root'],
      ['a no-break space before USER root', 'FROM alpine:3.19\nUSER app\n\u00a0USER root\n', 'dockerfile/user-root'],
      ['a vertical tab before USER root', 'FROM alpine:3.19\nUSER app\n\vUSER root\n', 'dockerfile/user-root'],
    ];
    for (const [name, text, rule] of cases)
      it(`${name}: ${rule} is found, with a warning on the whitespace`, () => {
        const r = lintRepo({ Dockerfile: text }, ['--fail-on', 'warning']);
        assert.equal(r.code, 1);
        assert.ok(ids(r.j).includes(rule), r.all);
        assert.ok(
          r.j.files[0].errors.some((e) => /Unusual whitespace/.test(e.message)),
          r.all,
        );
      });
  });

  describe('shell scripts as the shell reads them', () => {
    it('(( m = 1 << 4 )) and $[ 1 << 2 ] are arithmetic, not here-documents', () => {
      const r = lintRepo({
        'run.sh':
          '#!/bin/bash\n(( m = 1 << 4 ))\necho $[ 1 << 2 ]\nfor ((i=0; i<<2; i++)); do :; done\ndocker run --privileged -v /:/host alpine:3\n',
      });
      assert.equal(r.code, 1);
      assert.ok(ids(r.j).includes('run/privileged'), r.all);
      assert.ok(ids(r.j).includes('run/sensitive-host-mount'), r.all);
    });

    it('a here-document never closed that hides a container command fails the gate', () => {
      const r = lintRepo({ 'run.sh': '#!/bin/sh\ncat <<EOF\nhello\ndocker run --privileged alpine:3\n' });
      assert.equal(r.code, 1);
      assert.ok(
        errors(r.j).some((m) => /here-document that begins on this line is never closed/.test(m)),
        r.all,
      );
      const closed = lintRepo({ 'run.sh': '#!/bin/sh\ncat <<EOF\ndocker run --privileged alpine:3\nEOF\n' });
      assert.equal(closed.code, 0, 'a closed here-document is text, and nothing fails');
    });
  });

  describe('systemd units as systemd reads them', () => {
    const units: [string, string][] = [
      ['an ExecStart= continued with a backslash', 'ExecStart=/usr/bin/dockerd \\\n  -H tcp://0.0.0.0:2375\n'],
      ['a comment line inside the continuation', 'ExecStart=/usr/bin/dockerd \\\n# note\n  -H tcp://0.0.0.0:2375\n'],
      [
        "$OPTS from the unit's Environment=",
        'Environment="OPTS=-H tcp://0.0.0.0:2375"\nExecStart=/usr/bin/dockerd $OPTS\n',
      ],
      ['${HOSTS} from Environment=', 'Environment=HOSTS=tcp://0.0.0.0:2375\nExecStart=/usr/bin/dockerd -H ${HOSTS}\n'],
      ['quoted words', 'ExecStart=/usr/bin/dockerd "-H" "tcp://0.0.0.0:2375"\n'],
      ['-Hvalue, and a prefixed program', 'ExecStart=\nExecStart=-/usr/bin/dockerd -Htcp://0.0.0.0:2375\n'],
    ];
    for (const [name, service] of units)
      it(`${name}: a daemon on plain TCP is found`, () => {
        const r = lintRepo({ 'docker.service.d/override.conf': `[Service]\n${service}` });
        assert.equal(r.code, 1, r.all);
        assert.ok(ids(r.j).includes('daemon/tcp-without-tls'), r.all);
      });

    it('a variable set elsewhere (EnvironmentFile=) stays unknown: not judged', () => {
      const r = lintRepo({
        'docker.service.d/override.conf':
          '[Service]\nEnvironmentFile=-/etc/sysconfig/docker\nExecStart=/usr/bin/dockerd -H $HOSTS\n',
      });
      assert.ok(!ids(r.j).includes('daemon/tcp-without-tls'), r.all);
    });
  });

  describe('bounds', () => {
    it('a self-doubling .env: a bounded report and memory, an error problem, the other findings kept', () => {
      const lines = ['A0=xxxxxxxxxxxxxxxx'];
      for (let i = 1; i < 40; i++) lines.push(`A${i}=\${A${i - 1}}\${A${i - 1}}`);
      const dir = makeTree({
        '.git/HEAD': 'x',
        '.env': lines.join('\n') + '\n',
        'compose.yaml': 'services:\n  web:\n    image: nginx:1\n    hostname: ${A39}\n    privileged: true\n',
      });
      const r = runCli(['--format', 'json', '.'], dir);
      assert.equal(r.code, 1);
      assert.ok(r.out.length < 100_000, `a report of ${r.out.length} characters`);
      assert.ok(r.rssMb < 300, `${r.rssMb} MB`);
      const j = JSON.parse(r.out) as Json;
      assert.ok(ids(j).includes('compose/privileged'));
      assert.ok(
        errors(j).some((m) => /the value of A\d+ expands beyond 65536 characters/.test(m)),
        r.out,
      );
    });

    it('a .dockerignore of 20,000 lines: linear, and the patterns past the bound are an error problem', () => {
      const lines: string[] = [];
      for (let i = 0; i < 20_000; i++) lines.push(`dir${i}/file${i}.txt`);
      const files: Tree = { '.dockerignore': lines.join('\n'), Dockerfile: 'FROM alpine:3\nCOPY . /app\n' };
      for (let d = 0; d < 100; d++) for (let f = 0; f < 20; f++) files[`d${d}/f${f}`] = '';
      const dir = makeTree({ '.git/HEAD': 'x', ...files });
      const r = runCli(['--format', 'json', '.'], dir);
      assert.ok(r.ms < 10_000, `${r.ms} ms`);
      assert.equal(r.code, 1);
      assert.ok(
        errors(JSON.parse(r.out) as Json).some((m) => /holds more than 2000 patterns/.test(m)),
        r.out,
      );
    });

    it('hostile wildcard .dockerignore patterns stop at the matching bound, with an error problem', () => {
      const lines: string[] = [];
      for (let i = 0; i < 2000; i++) lines.push('*a'.repeat(100) + String(i));
      const files: Tree = { '.dockerignore': lines.join('\n'), Dockerfile: 'FROM alpine:3\nCOPY . /app\n' };
      for (let d = 0; d < 1500; d++) files[`${'a'.repeat(30)}${d}/x/y`] = '';
      const dir = makeTree({ '.git/HEAD': 'x', ...files });
      const r = runCli(['--format', 'json', '.'], dir);
      assert.ok(r.ms < 15_000, `${r.ms} ms`);
      assert.equal(r.code, 1);
      assert.ok(
        errors(JSON.parse(r.out) as Json).some((m) => /took more than the analysis allows/.test(m)),
        r.out,
      );
    });

    it('exclude patterns are bounded in total: 250 KB of them is a config error at once', () => {
      const pats = Array.from({ length: 250 }, (_, i) => JSON.stringify('*a'.repeat(490) + `b${i}`));
      const dir = makeTree({
        '.git/HEAD': 'x',
        '.docker-security-lint.yaml': `exclude: [${pats.join(', ')}]\n`,
        'compose.yaml': 'services:\n  a:\n    image: x:1\n',
      });
      const r = runCli(['.'], dir);
      assert.equal(r.code, 2);
      assert.ok(r.ms < 5000, `${r.ms} ms`);
      assert.match(r.err, /'exclude' patterns total \d+ characters; at most 16384 are allowed/);
    });

    it('a config baseline: value with a control character is refused', () => {
      const dir = makeTree({
        '.git/HEAD': 'x',
        '.docker-security-lint.yaml': 'baseline: "b.json\\n::error::forged"\n',
        'compose.yaml': 'services:\n  a:\n    image: x:1\n',
      });
      const r = runCli(['.'], dir);
      assert.equal(r.code, 2);
      assert.match(r.err, /'baseline' must be the path of a baseline file/);
      assert.doesNotMatch(r.out + r.err, /^::error/m);
    });
  });

  describe('what the repository names reaches the outputs inert', () => {
    it('the text output and stderr: escape codes and line breaks written as escapes, a :: path shown as ./', () => {
      const evil = 'a\n::stop-commands::x\u001b[31mred\u202eevil';
      const dir = makeTree({
        '.git/HEAD': 'x',
        'compose.yaml': `services:\n  ${JSON.stringify(evil)}:\n    image: x:1\n    privileged: true\n`,
        '::error title=forged::x/compose.yaml': 'services:\n  b:\n    image: x:1\n    privileged: true\n',
      });
      const r = runCli(['--no-color', '.'], dir);
      assert.equal(r.code, 1);
      for (const line of (r.out + r.err).split('\n')) {
        assert.ok(!/^(::|##\[)/.test(line), `a line a CI log reads as a command: ${line}`);
        assert.ok(!/[\u001b\u202e\r]/.test(line), `an unprintable character: ${JSON.stringify(line)}`);
      }
      assert.match(r.out, /Service 'a\\n::stop-commands::x\\x1b\[31mred\\u202eevil' runs privileged/);
      assert.match(r.out, /^\.\/::error title=forged::x\/compose\.yaml:4:5 error compose\/privileged/m);
      // JSON escapes them its own way, and is still the same data
      const j = JSON.parse(runCli(['--format', 'json', '.'], dir).out) as Json;
      assert.ok(j.findings.some((f) => f.message.includes('a\\n::stop-commands::x\\x1b[31mred')));
    });
  });

  describe('nothing outside the repository is read or printed', () => {
    it('a .env linked to /proc/self/environ: not read, an error, and no value of the environment printed', () => {
      const dir = makeTree({
        '.git/HEAD': 'x',
        'compose.yaml':
          'services:\n  web:\n    image: nginx:1\n    network_mode: ${NET:-bridge}\n    hostname: ${LEAK_ME:-h}\n',
        '.env': { link: '/proc/self/environ' },
      });
      const r = runCliEnv(dir, { LEAK_ME: 'ghp_S3CRET_TOKEN_VALUE' });
      assert.equal(r.code, 1);
      assert.doesNotMatch(r.out + r.err, /S3CRET/);
      assert.match(r.out, /\.env: a link to a file outside the repository; not read/);
    });

    it('a Compose file, a Dockerfile or a YAML file linked to a file outside the tree: neither read nor linted', () => {
      const outside = makeTree({
        'config.json': '{"auths":{"ghcr.io":{"auth":"S3CRET_AUTH"}}}\n',
        'env.yml': 'services:\n  a:\n    image: x:1\n    hostname: S3CRET_HOST\n    privileged: true\n',
      });
      const dir = makeTree({
        '.git/HEAD': 'x',
        'compose.yaml': { link: path.join(outside, 'env.yml') },
        Dockerfile: { link: path.join(outside, 'config.json') },
        'deploy.yml': { link: path.join(outside, 'env.yml') },
      });
      const r = runCli(['--format', 'json', '.'], dir);
      assert.doesNotMatch(r.out + r.err, /S3CRET/);
      const j = JSON.parse(r.out) as { files: { path: string; kind: string; errors: { message: string }[] }[] } & {
        findings: unknown[];
      };
      assert.deepEqual(
        j.files.map((f) => [f.path, f.kind, f.errors.map((e) => e.message).join()]),
        [
          ['Dockerfile', 'skipped', 'symlink to a file outside the tree; not linted'],
          ['compose.yaml', 'skipped', 'symlink to a file outside the tree; not linted'],
        ],
        'the YAML file named otherwise is not even read to tell what it is',
      );
      assert.deepEqual(j.findings, []);
      assert.equal(r.code, 1, 'two lintable files not analysed: the gate fails, as for any skipped file');
      // named on the command line, a file is linted wherever it leads (the user asked for it)
      const named = JSON.parse(runCli(['--format', 'json', 'compose.yaml'], dir).out) as Json;
      assert.ok(named.findings.some((f) => f.ruleId === 'compose/privileged'));
    });

    it('extends.file, env_file-like reads and include outside the repository: not read, an error naming the path', () => {
      const priv = 'services:\n  b:\n    image: x:1\n    privileged: true\n';
      const outside = makeTree({ 'base.yaml': priv, 'inc.yaml': priv });
      const r = lintRepo({
        'compose.yaml': `include:\n  - ${path.join(outside, 'inc.yaml')}\nservices:\n  web:\n    extends:\n      file: ${path.join(outside, 'base.yaml')}\n      service: b\n`,
      });
      assert.equal(r.code, 1);
      assert.ok(
        errors(r.j).some((m) => /base\.yaml: outside the repository; not read/.test(m)),
        r.all,
      );
      assert.ok(
        errors(r.j).some((m) => /inc\.yaml: outside the repository; not linted/.test(m)),
        r.all,
      );
      assert.ok(!r.j.files.some((f) => /base|inc/.test(f.file)), 'the file outside is not linted');
    });

    it('build.context: / lists nothing outside the repository', () => {
      const dir = makeTree({ '.git/HEAD': 'x', 'b/Dockerfile': 'FROM alpine:3\nCOPY . /x\n' });
      fs.writeFileSync(
        path.join(dir, 'compose.yaml'),
        `services:\n  b:\n    build:\n      context: /\n      dockerfile: ${path.join(dir, 'b', 'Dockerfile')}\n`,
      );
      const r = runCli(['--profile', 'strict', '.'], dir);
      assert.equal(r.code, 1);
      assert.doesNotMatch(r.out, /etc\/|\.pem|passwd|ssh/);
      assert.match(r.out, /outside the repository; not listed/);
    });
  });
});

/** Runs the built CLI with extra environment variables. */
function runCliEnv(cwd: string, env: Record<string, string>) {
  const saved: Record<string, string | undefined> = {};
  for (const k of Object.keys(env)) {
    saved[k] = process.env[k];
    process.env[k] = env[k];
  }
  try {
    return runCli(['.'], cwd);
  } finally {
    for (const k of Object.keys(env)) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  }
}
