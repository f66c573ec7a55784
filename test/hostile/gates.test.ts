// Hostile repositories, part 4: what a repository can make the tools say or skip. Config files from outside
// the tree, secrets quoted in messages, CI gates passed by a skipped file, a rule that fails, a deep extends
// chain, and a config that asks for unbounded work.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isRoot, makeTree, root, runCli, runInProcess } from './harness';
import { dockerfileRules } from '../../server/src/engine/rules/index';

const PRIV = 'services:\n  a:\n    image: x:1\n    privileged: true\n';
const SHADOW = 'root:$6$saltsalt$0123456789abcdefhashhashhash:20228:0:99999:7:::\ndaemon:*:20228:0:99999:7:::\n';
const OFF = 'rules:\n  compose/privileged: off\n';

describe('hostile repositories: leaks and gates', function () {
  this.timeout(120_000);

  it('a config file linked to a file outside the tree is not read, and nothing of it is quoted', () => {
    const outside = makeTree({ shadow: SHADOW });
    const repo = makeTree({
      '.git/HEAD': 'x',
      'compose.yaml': PRIV,
      '.docker-security-lint.yaml': { link: path.join(outside, 'shadow') },
    });
    const r = runCli(['--format', 'json', '.'], repo);
    assert.equal(r.code, 2);
    assert.match(r.err, /link to a file outside/);
    for (const piece of ['root', 'saltsalt', '20228', 'daemon', '99999'])
      assert.ok(!(r.err + r.out).includes(piece), `'${piece}' leaked`);
  });

  it('an invalid config inside the tree quotes at most a short key-like excerpt', () => {
    const repo = makeTree({ '.git/HEAD': 'x', 'compose.yaml': PRIV, '.docker-security-lint.yaml': SHADOW });
    const r = runCli(['.'], repo);
    assert.equal(r.code, 2);
    assert.match(r.err, /not shown/);
    for (const piece of ['saltsalt', '20228', '99999']) assert.ok(!r.err.includes(piece), `'${piece}' leaked`);
    const named = makeTree({ '.git/HEAD': 'x', 'compose.yaml': PRIV, '.docker-security-lint.yaml': 'rulez: {}\n' });
    assert.match(runCli(['.'], named).err, /unknown key 'rulez'/);
  });

  it('the config search stops at the git root: a config in a parent folder cannot turn rules off', () => {
    const parent = makeTree({
      '.docker-security-lint.yaml': OFF,
      'repo/.git/HEAD': 'x',
      'repo/svc/compose.yaml': PRIV,
    });
    const r = runCli(['--format', 'json', '.'], path.join(parent, 'repo', 'svc'));
    assert.ok(JSON.parse(r.out).findings.some((f: { ruleId: string }) => f.ruleId === 'compose/privileged'));
    const inside = makeTree({ '.git/HEAD': 'x', '.docker-security-lint.yaml': OFF, 'svc/compose.yaml': PRIV });
    const r2 = runCli(['--format', 'json', 'svc'], inside);
    assert.ok(
      !JSON.parse(r2.out).findings.some((f: { ruleId: string }) => f.ruleId === 'compose/privileged'),
      'the repository root config applies',
    );
  });

  it("another user's config in a world-writable folder is not read", function () {
    if (!isRoot()) this.skip(); // needs chown to another user
    const dir = makeTree({ 'shared/compose.yaml': PRIV, 'shared/.docker-security-lint.yaml': OFF });
    fs.chmodSync(path.join(dir, 'shared'), 0o1777);
    fs.chownSync(path.join(dir, 'shared', '.docker-security-lint.yaml'), 65534, 65534);
    const r = runCli(['.'], path.join(dir, 'shared'));
    assert.equal(r.code, 2);
    assert.match(r.err, /belongs to another user/);
  });

  it('config bounds: 200,000 allow-list entries and maxFileSize 1e300 are refused at once', () => {
    const big = makeTree({
      '.git/HEAD': 'x',
      'compose.yaml': PRIV,
      '.docker-security-lint.yaml': `rules:\n  compose/sensitive-host-mount:\n    allow:\n${'      - /x\n'.repeat(200_000)}`,
    });
    const r1 = runCli(['.'], big);
    assert.equal(r1.code, 2);
    assert.ok(r1.ms < 10_000, `${r1.ms} ms`);
    const huge = makeTree({
      '.git/HEAD': 'x',
      'compose.yaml': PRIV,
      '.docker-security-lint.yaml': 'maxFileSize: 1e300\n',
    });
    assert.match(runCli(['.'], huge).err, /maxFileSize/);
    const list = makeTree({
      '.git/HEAD': 'x',
      'compose.yaml': PRIV,
      '.docker-security-lint.yaml': `rules:\n  compose/cap-add:\n    allow: [${Array.from({ length: 1001 }, () => 'X').join(', ')}]\n`,
    });
    assert.match(runCli(['.'], list).err, /at most 1000/);
  });

  it('fix values from the config are validated: nothing but a size, a number or a user is written', () => {
    const dir = makeTree({
      '.git/HEAD': 'x',
      Dockerfile: 'FROM a:1\n',
      '.docker-security-lint.yaml': 'fixes:\n  user: "10001\\nRUN curl http://x | sh"\n',
    });
    const r = runCli(['.'], dir);
    assert.equal(r.code, 2);
    assert.match(r.err, /fixes\.user: invalid value/);
  });

  it('a NUL byte or invalid UTF-8 does not skip a file; padding past maxFileSize fails the gate unless the config says so', () => {
    const dir = makeTree({
      '.git/HEAD': 'x',
      'a/Dockerfile': 'FROM a:1\nUSER 1000\nRUN curl http://x | sh\n\u0000\n',
      'b/Dockerfile': Buffer.concat([
        Buffer.from('FROM a:1\nUSER 1000\n\u00ff'),
        Buffer.from([0xff]),
        Buffer.from('\nRUN curl http://x | sh\n'),
      ]),
    });
    const r = runCli(['--format', 'json', '--fail-on', 'warning', '.'], dir);
    assert.equal(r.code, 1);
    const files = new Set(
      JSON.parse(r.out)
        .findings.filter((f: { ruleId: string }) => f.ruleId === 'dockerfile/curl-pipe-shell')
        .map((f: { file: string }) => f.file),
    );
    assert.equal(files.size, 2, 'both files are linted');
    const pad = makeTree({ '.git/HEAD': 'x', Dockerfile: `FROM a:1\nUSER 1000\n${' '.repeat(2.1 * 1024 * 1024)}\n` });
    const p1 = runCli(['--format', 'sarif', '.'], pad);
    assert.equal(p1.code, 1, 'a skipped file fails the gate');
    const sarif = JSON.parse(p1.out);
    assert.match(sarif.runs[0].invocations[0].toolExecutionNotifications[0].message.text, /larger than/);
    assert.equal(sarif.runs[0].invocations[0].toolExecutionNotifications[0].level, 'error');
    assert.match(runCli(['.'], pad).out, /Dockerfile: skipped larger than/);
    fs.writeFileSync(path.join(pad, '.docker-security-lint.yaml'), 'skipped: ignore\n');
    assert.equal(runCli(['.'], pad).code, 0);
    fs.writeFileSync(path.join(pad, '.docker-security-lint.yaml'), 'skipped: warn\n');
    assert.equal(runCli(['.'], pad).code, 0);
    assert.equal(runCli(['--fail-on', 'warning', '.'], pad).code, 1);
  });

  it('a 150,000-line heredoc before curl|sh, chmod 777 and --trusted-host: every finding, no internal error', () => {
    const dir = makeTree({
      Dockerfile:
        `FROM a:1\nUSER 1000\nRUN <<EOF\n${'echo hi\n'.repeat(150_000)}EOF\nRUN curl http://x | sh && chmod 777 /x ` +
        `&& pip install --trusted-host x y\n`,
    });
    const r = runCli(['--format', 'json', '--fail-on', 'warning', '.'], dir);
    assert.equal(r.code, 1);
    const ids = new Set(JSON.parse(r.out).findings.map((f: { ruleId: string }) => f.ruleId));
    for (const id of ['dockerfile/curl-pipe-shell', 'dockerfile/world-writable', 'dockerfile/verification-disabled'])
      assert.ok(ids.has(id), id);
    assert.doesNotMatch(r.out, /Internal error/);
  });

  it('a 4,000-step extends chain is cut with a problem; the run goes on and its exit code stands', () => {
    const chain = Array.from({ length: 4000 }, (_, i) => `  s${i}:\n    image: a:1\n    extends: s${i + 1}`).join('\n');
    const dir = makeTree({ 'compose.yaml': `services:\n${chain}\n  s4000:\n    image: a:1\n    privileged: true\n` });
    const r = runCli(['--format', 'sarif', '.'], dir);
    assert.equal(r.code, 1, r.err);
    const sarif = JSON.parse(r.out);
    assert.ok(sarif.runs[0].results.some((x: { ruleId: string }) => x.ruleId === 'compose/privileged'));
    const j = JSON.parse(runCli(['--format', 'json', '.'], dir).out);
    assert.match(
      j.files[0].errors.map((e: { message: string }) => e.message).join('\n'),
      /extends chain is longer than 64/,
    );
  });

  it('a rule that throws makes the run exit 2 (not trustworthy) unless --fail-on none; the error is in the report', () => {
    const dir = makeTree({ Dockerfile: 'FROM a:1\nUSER 1000\n' });
    const rule = dockerfileRules.find((x) => x.meta.id === 'dockerfile/sudo')!;
    const orig = rule.check;
    rule.check = () => {
      throw new RangeError('Maximum call stack size exceeded');
    };
    try {
      const r = runInProcess(['--format', 'json', '.'], dir);
      assert.equal(r.code, 2);
      assert.match(r.err, /internal error/);
      assert.equal(JSON.parse(r.out).files[0].errors[0].severity, 'error');
      assert.equal(runInProcess(['--fail-on', 'none', '.'], dir).code, 0);
    } finally {
      rule.check = orig;
    }
  });

  it('the extension declares every setting that changes rules, files or fix text restricted in untrusted workspaces', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const trust = pkg.capabilities.untrustedWorkspaces;
    assert.equal(trust.supported, 'limited');
    const harmless = new Set(['docker-security-lint.debounceMs', 'docker-security-lint.trace.server']);
    const sections = pkg.contributes.configuration as { properties: Record<string, unknown> }[];
    const settings = sections.flatMap((c) => Object.keys(c.properties)).filter((k) => !harmless.has(k));
    assert.ok(settings.length >= 8);
    assert.deepEqual([...trust.restrictedConfigurations].sort(), settings.sort());
  });
});
