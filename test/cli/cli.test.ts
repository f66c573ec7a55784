import { lineHashes } from '../../server/src/cli/lineHash';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { cliJs, makeTree as tmpdir, root, runInProcess as cli } from '../hostile/harness';
import { projectFiles } from '../../server/src/engine/sources/compose/project';

const PRIV = 'services:\n  a:\n    image: x:1\n    privileged: true\n';
const CLEAN =
  'services:\n  a:\n    image: x:1\n    user: "1000"\n    read_only: true\n    cap_drop: [ALL]\n    security_opt: ' +
  '[no-new-privileges:true]\n    mem_limit: 1g\n    cpus: 1\n    pids_limit: 10\n';

describe('CLI', () => {
  it('JSON: related locations name their file as the finding does (relative to the current folder)', () => {
    const dir = tmpdir({
      'svc/compose.yaml': 'services:\n  a:\n    extends: { file: base.yaml, service: b }\n    image: x:1\n',
      'svc/base.yaml': 'services:\n  b:\n    privileged: true\n',
    });
    const j = JSON.parse(cli(['--format', 'json', 'svc/compose.yaml'], dir).out);
    const f = j.findings.find((x: { ruleId: string }) => x.ruleId === 'compose/privileged');
    assert.equal(f.file, 'svc/compose.yaml');
    assert.equal(f.related[0].file, path.join('svc', 'base.yaml'));
  });

  it('text output: file:line:col severity rule message, grouped by file, exit 1 on errors', () => {
    const dir = tmpdir({ 'compose.yaml': PRIV });
    const r = cli(['.'], dir);
    assert.equal(r.code, 1);
    assert.match(r.out, /^compose\.yaml\ncompose\.yaml:2:3 /);
    assert.match(r.out, /^compose\.yaml:4:5 error compose\/privileged Service 'a' runs privileged/m);
    assert.match(r.out, /findings \(1 error, .* in 1 file; 1 file checked/);
    assert.doesNotMatch(r.out, /\x1b\[/, 'no colour when not a TTY');
  });

  it('exit 0 when nothing reaches --fail-on; --fail-on warning and none', () => {
    const dir = tmpdir({ 'compose.yaml': CLEAN, Dockerfile: 'FROM alpine:3.20\nEXPOSE 22\nUSER 1000\n' });
    assert.equal(cli(['.'], dir).code, 0);
    assert.equal(cli(['--fail-on', 'warning', '.'], dir).code, 1);
    assert.equal(cli(['--fail-on=none', '.'], dir).code, 0);
  });

  it('JSON: the documented, stable shape with 1-based positions', () => {
    const dir = tmpdir({ 'sub/docker-compose.yml': PRIV });
    const r = cli(['--format', 'json', 'sub'], dir);
    const j = JSON.parse(r.out);
    assert.equal(j.version, 1);
    assert.deepEqual(Object.keys(j.tool), ['name', 'version']);
    assert.deepEqual(j.files, [
      { path: path.join('sub', 'docker-compose.yml'), kind: 'compose', context: 'deployment', errors: [] },
    ]);
    const f = j.findings.find((x: { ruleId: string }) => x.ruleId === 'compose/privileged');
    assert.deepEqual(f, {
      ruleId: 'compose/privileged',
      severity: 'error',
      message: f.message,
      file: path.join('sub', 'docker-compose.yml'),
      line: 4,
      column: 5,
      endLine: 4,
      endColumn: 21,
      fixes: [{ title: 'Remove privileged: true', safe: false }],
    });
  });

  it('SARIF validates against the SARIF 2.1.0 schema, with rules, regions, fingerprints and safe fixes', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Ajv = require('ajv-draft-04');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const addFormats = require('ajv-formats');
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false, logger: false });
    addFormats(ajv);
    const validate = ajv.compile(
      JSON.parse(fs.readFileSync(path.join(root, 'test/fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8')),
    );
    const dir = tmpdir({ 'compose.yaml': PRIV, Dockerfile: 'FROM a:1\nADD x.py /\n' });
    const sarif = JSON.parse(cli(['--format', 'sarif', '.'], dir).out);
    assert.ok(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3)));
    const run0 = sarif.runs[0];
    assert.ok(run0.tool.driver.rules.length >= 43);
    const rule = run0.tool.driver.rules.find((r: { id: string }) => r.id === 'compose/privileged');
    assert.match(rule.helpUri, /docs\/rules\/compose\/privileged\.md$/);
    assert.ok(rule.properties.tags.includes('security') && rule.properties.tags.includes('configuration-profile'));
    const res = run0.results.find((r: { ruleId: string }) => r.ruleId === 'compose/privileged');
    assert.deepEqual(res.locations[0].physicalLocation.region, {
      startLine: 4,
      startColumn: 5,
      endLine: 4,
      endColumn: 21,
    });
    assert.match(res.partialFingerprints['dockerSecurityLint/v1'], /^[0-9a-f]{32}$/);
    // GitHub's line hash of line 4 of the file (checked against GitHub's published vectors in lineHash.test.ts)
    assert.equal(res.partialFingerprints.primaryLocationLineHash, lineHashes(PRIV)[3]);
    const add = run0.results.find((r: { ruleId: string }) => r.ruleId === 'dockerfile/add-instead-of-copy');
    assert.equal(add.fixes[0].artifactChanges[0].replacements[0].insertedContent.text, 'COPY');
    // a corrupted document fails validation: the check can fail
    const broken = structuredClone(sarif);
    broken.runs[0].results[0].level = 'fatal';
    assert.equal(validate(broken), false);
  });

  it('SARIF fingerprints survive unrelated edits above the finding', () => {
    const a = tmpdir({ 'compose.yaml': PRIV });
    const b = tmpdir({ 'compose.yaml': `# a comment\n\n${PRIV}` });
    const fp = (dir: string) =>
      JSON.parse(cli(['--format', 'sarif', '.'], dir).out).runs[0].results.find(
        (r: { ruleId: string }) => r.ruleId === 'compose/privileged',
      ).partialFingerprints;
    assert.equal(fp(a)['dockerSecurityLint/v1'], fp(b)['dockerSecurityLint/v1']);
    // GitHub's hash reads the 100 characters from the line on: unchanged too when the edit is above
    assert.equal(fp(a).primaryLocationLineHash, fp(b).primaryLocationLineHash);
  });

  it('walks directories (skipping .git and node_modules) and lints explicit files whatever their name', () => {
    const FLOW = 'services: {a: {image: "x:1", privileged: true}}\n';
    const dir = tmpdir({
      'a/compose.prod.yaml': PRIV,
      'node_modules/x/compose.yaml': PRIV,
      '.git/compose.yaml': PRIV,
      'b/Containerfile': 'FROM x\n',
      'c/app.Dockerfile': 'FROM x\n',
      // named otherwise: a Compose project by its content is walked; a flow-style one only when named
      'infra.yml': PRIV,
      'flow.yml': FLOW,
      'ci.yml': `stages: [test]\n${PRIV}`,
      'notes.txt': 'hello',
    });
    const j = JSON.parse(cli(['--format', 'json', '.'], dir).out);
    assert.deepEqual(j.files.map((f: { path: string }) => f.path).sort(), [
      path.join('a', 'compose.prod.yaml'),
      path.join('b', 'Containerfile'),
      path.join('c', 'app.Dockerfile'),
      'infra.yml',
    ]);
    const k = JSON.parse(cli(['--format', 'json', 'flow.yml'], dir).out);
    assert.equal(k.files[0].kind, 'compose');
    assert.ok(k.findings.some((f: { ruleId: string }) => f.ruleId === 'compose/privileged'));
  });

  it('takes hundreds of paths at once', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 300; i++) files[`p${i}/compose.yaml`] = PRIV;
    const dir = tmpdir(files);
    const j = JSON.parse(cli(['--format', 'json', ...Object.keys(files)], dir).out);
    assert.equal(j.files.length, 300);
    assert.equal(j.findings.filter((f: { ruleId: string }) => f.ruleId === 'compose/privileged').length, 300);
  });

  it('bad input never crashes: binary, invalid UTF-8, unreadable, missing, broken symlink', () => {
    const dir = tmpdir({
      'bin/compose.yaml': Buffer.from([0, 1, 2, 3]),
      'utf/compose.yaml': Buffer.concat([
        Buffer.from('services:\n  a:\n    image: x:1 # '),
        Buffer.from([0xff, 0xfe]),
        Buffer.from('\n    privileged: true\n'),
      ]),
      'ok/compose.yaml': PRIV,
    });
    fs.symlinkSync(path.join(dir, 'nowhere'), path.join(dir, 'ok', 'Dockerfile'));
    const r = cli(['--format', 'json', '.'], dir);
    const j = JSON.parse(r.out);
    const skipped = j.files
      .filter((f: { kind: string }) => f.kind === 'skipped')
      .map((f: { errors: { message: string }[] }) => f.errors[0].message)
      .join('\n');
    assert.match(skipped, /broken symlink/);
    const utf = j.files.find((f: { path: string }) => f.path === path.join('utf', 'compose.yaml'));
    assert.equal(utf.kind, 'compose', 'invalid UTF-8 is linted, not skipped');
    assert.match(utf.errors[0].message, /not valid UTF-8/);
    assert.ok(
      j.findings.some(
        (f: { file: string; ruleId: string }) =>
          f.file === path.join('utf', 'compose.yaml') && f.ruleId === 'compose/privileged',
      ),
    );
    assert.equal(
      j.files.find((f: { path: string }) => f.path === path.join('bin', 'compose.yaml')).kind,
      'compose',
      'binary content is linted too',
    );
    assert.equal(r.code, 1, 'the readable file is still linted');
    const missing = cli(['nope.yaml'], dir);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /nope\.yaml: no such file or directory/);
  });

  it('a link to a folder of the tree (a loop too) is not followed: its files are linted once, where they are', () => {
    const dir = tmpdir({ 'a/compose.yaml': PRIV, 'releases/v2/compose.yaml': PRIV });
    fs.symlinkSync(path.join(dir, 'a'), path.join(dir, 'a', 'loop'));
    // `current` sorts before `releases`: the real folder must not be called a repeated one
    fs.symlinkSync(path.join(dir, 'releases', 'v2'), path.join(dir, 'current'));
    const j = JSON.parse(cli(['--format', 'json', '.'], dir).out);
    assert.deepEqual(
      j.findings
        .filter((f: { ruleId: string }) => f.ruleId === 'compose/privileged')
        .map((f: { file: string }) => f.file)
        .sort(),
      [path.join('a', 'compose.yaml'), path.join('releases', 'v2', 'compose.yaml')],
    );
    assert.deepEqual(
      j.files.filter((f: { kind: string }) => f.kind === 'skipped'),
      [],
    );
  });

  it('usage errors exit 2 with a one-line reason', () => {
    const dir = tmpdir({});
    for (const args of [
      ['--format', 'xml'],
      ['--bogus'],
      ['--fail-on', 'loud'],
      ['--fix', '--fix-dry-run'],
      ['--format'],
    ]) {
      const r = cli(args, dir);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.err.trim().split('\n').length, 1);
    }
    assert.equal(cli(['--help'], dir).code, 0);
  });

  it('an invalid config is exit 2 naming the file, line and key', () => {
    const dir = tmpdir({ '.docker-security-lint.yaml': 'rules:\n  compose/privileged: loud\n', 'compose.yaml': PRIV });
    const r = cli(['.'], dir);
    assert.equal(r.code, 2);
    assert.match(r.err, /\.docker-security-lint\.yaml:2: rules\.compose\/privileged: severity must be one of/);
  });

  it('nearest config wins; --config overrides; exclude globs apply', () => {
    const dir = tmpdir({
      '.docker-security-lint.yaml': 'rules:\n  compose/privileged: warning\nexclude: ["legacy/**"]\n',
      'svc/.docker-security-lint.yml': 'rules:\n  compose/privileged: off\n',
      'compose.yaml': PRIV,
      'svc/compose.yaml': PRIV,
      'legacy/compose.yaml': PRIV,
      'other.yaml': 'rules:\n  compose/privileged: error\n',
    });
    const j = JSON.parse(cli(['--format', 'json', '.'], dir).out);
    const priv = j.findings.filter((f: { ruleId: string }) => f.ruleId === 'compose/privileged');
    assert.deepEqual(
      priv.map((f: { file: string; severity: string }) => `${f.file} ${f.severity}`),
      ['compose.yaml warning'],
    );
    const k = JSON.parse(cli(['--format', 'json', '--config', 'other.yaml', 'svc/compose.yaml'], dir).out);
    assert.equal(k.findings.find((f: { ruleId: string }) => f.ruleId === 'compose/privileged').severity, 'error');
  });

  it('--fix applies safe fixes atomically and reports what remains; --fix-dry-run prints a diff and changes nothing', () => {
    const text = 'services:\n  a:\n    image: x:1\n    oom_kill_disable: true\n    privileged: true\n';
    const dir = tmpdir({ 'compose.yaml': text, Dockerfile: 'FROM a:1\nADD app.py /app/\nUSER root\nRUN sudo id\n' });
    // strict: a privileged service still gets the no-new-privileges advice (and its safe fix) on its own
    const dry = cli(['--profile', 'strict', '--fix-dry-run', '.'], dir);
    assert.match(dry.out, /--- a\/compose\.yaml\n\+\+\+ b\/compose\.yaml\n@@ .* @@\n/);
    assert.match(dry.out, /^-    oom_kill_disable: true$/m);
    assert.match(dry.out, /^\+    security_opt:$/m);
    assert.match(dry.out, /^-ADD app\.py \/app\/$/m);
    assert.equal(fs.readFileSync(path.join(dir, 'compose.yaml'), 'utf8'), text);
    const r = cli(['--profile', 'strict', '--fix', '--format', 'json', '.'], dir);
    const fixed = fs.readFileSync(path.join(dir, 'compose.yaml'), 'utf8');
    assert.equal(
      fixed,
      'services:\n  a:\n    image: x:1\n    privileged: true\n    security_opt:\n      - no-new-privileges:true\n',
    );
    assert.equal(
      fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'),
      'FROM a:1\nCOPY app.py /app/\nUSER root\nRUN id\n',
    );
    const remaining = JSON.parse(r.out).findings.map((f: { ruleId: string }) => f.ruleId);
    assert.ok(remaining.includes('compose/privileged') && !remaining.includes('compose/oom-kill-disable'));
    assert.deepEqual(
      fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')),
      [],
      'no temporary file left',
    );
    const again = cli(['--profile', 'strict', '--fix', '.'], dir);
    assert.equal(fs.readFileSync(path.join(dir, 'compose.yaml'), 'utf8'), fixed, 'a second --fix changes nothing');
    assert.equal(again.code, 1);
  });

  it('--fix never writes a file it cannot re-parse', () => {
    const text = 'services:\n  a:\n    image: [x\n    oom_kill_disable: true\n';
    const dir = tmpdir({ 'compose.yaml': text });
    cli(['--fix', '.'], dir);
    assert.equal(fs.readFileSync(path.join(dir, 'compose.yaml'), 'utf8').includes('image: [x'), true);
  });

  it('the bundled CLI: exit codes and no stack trace on bad input', function () {
    if (!fs.existsSync(cliJs)) this.skip();
    const dir = tmpdir({ 'compose.yaml': 'services: [\n', Dockerfile: Buffer.from([0xff, 0, 0xfe]) });
    const r = spawnSync(process.execPath, [cliJs, '.'], { cwd: dir, encoding: 'utf8' });
    // a file that could not be read completely fails the gate as a skipped file does (config `skipped`)
    assert.equal(r.status, 1);
    assert.doesNotMatch(r.stdout + r.stderr, /\n\s+at /);
    assert.match(r.stdout, /YAML syntax error/);
    assert.match(r.stdout, /1 file was not read completely/);
    // the summary counts the syntax error as the editor's Problems panel does: an error
    assert.match(r.stdout, /; 1 parse error, 2 parse warnings\n/);
    fs.writeFileSync(path.join(dir, '.docker-security-lint.yaml'), 'skipped: warn\n');
    assert.equal(spawnSync(process.execPath, [cliJs, '.'], { cwd: dir, encoding: 'utf8' }).status, 0);
    const w = spawnSync(process.execPath, [cliJs, '--fail-on', 'warning', '.'], { cwd: dir, encoding: 'utf8' });
    assert.equal(w.status, 1);
    const u = spawnSync(process.execPath, [cliJs, '--nope'], { cwd: dir, encoding: 'utf8' });
    assert.equal(u.status, 2);
  });
});

describe('CLI: Compose files as Compose reads them, with the .env and Dockerfiles beside them', () => {
  it('a v1 file, a standalone and an overlay beside a base, a .env default, a build with USER, a leaking context', () => {
    const dir = tmpdir({
      '.git/HEAD': 'ref: refs/heads/main\n',
      'legacy/docker-compose.yml': 'web:\n  image: nginx:1.27\n  privileged: true\n',
      'compose.yaml':
        'services:\n  web:\n    image: nginx:1.27\n    network_mode: ${NET:-bridge}\n  api:\n    build: ./api\n',
      '.env': 'NET=host\n',
      'compose.prod.yaml': 'services:\n  web:\n    cap_add: [SYS_ADMIN]\n',
      'docker-compose.images.yml': 'services:\n  web:\n    image: nginx\n',
      'docker-compose-dev.yml': 'services:\n  web:\n    image: nginx:1.27\n    pid: host\n',
      'api/Dockerfile': 'FROM node:22\nCOPY . /app\nUSER node\n',
      'api/.env': 'SECRET=1\n',
    });
    const j = JSON.parse(cli(['--format', 'json', '.'], dir).out);
    const got = (file: string) =>
      j.findings
        .filter((f: { file: string }) => f.file === file)
        .map((f: { ruleId: string }) => f.ruleId)
        .filter((id: string) => !/limit|rootfs|cap-drop|no-new|hardening/.test(id));
    assert.deepEqual(got(path.join('legacy', 'docker-compose.yml')), ['compose/privileged']);
    const base = j.findings.find((f: { ruleId: string }) => f.ruleId === 'compose/host-network');
    assert.equal(base?.file, 'compose.yaml', 'the .env value is judged');
    assert.equal(base?.related?.[0]?.file, '.env');
    assert.deepEqual(got('compose.prod.yaml'), ['compose/cap-add'], 'an overlay: merged, judged on what it writes');
    assert.deepEqual(got('docker-compose.images.yml'), ['compose/image-tag'], 'a standalone file: its own images');
    assert.deepEqual(got('docker-compose-dev.yml'), ['compose/host-pid']);
    // the image sets a non-root USER: no user finding on either side; COPY . leaks the context's .env
    assert.deepEqual(got(path.join('api', 'Dockerfile')), ['dockerfile/context-leak']);
    const leak = j.findings.find((f: { ruleId: string }) => f.ruleId === 'dockerfile/context-leak');
    assert.match(leak.message, /no \.dockerignore to keep out \.env \(environment file\)\./);
    assert.deepEqual(leak.fixes, [{ title: 'Add **/.env to .dockerignore', safe: false }]);
    // --fix never applies it (unsafe, and it edits another file)
    cli(['--fix', '.'], dir);
    assert.ok(!fs.existsSync(path.join(dir, 'api', '.dockerignore')));
  });
});

describe('CLI and Compose include', () => {
  it('finds the Compose file names people write, and lints hyphenated ones on their own (not merged onto a base)', () => {
    const dir = tmpdir({
      'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n',
      'docker-compose-dev.yml': 'services:\n  web:\n    image: nginx\n    privileged: true\n',
      'ops/compose-prod.yaml': PRIV,
      'ops/app.compose.yaml': PRIV,
      'ops/app-compose.yml': PRIV,
    });
    // strict: a development file's routine advice (image-tag) is reported there too
    const j = JSON.parse(cli(['--format', 'json', '--profile', 'strict', '.'], dir).out);
    const files = new Set(
      j.findings
        .filter((f: { ruleId: string }) => f.ruleId === 'compose/privileged')
        .map((f: { file: string }) => f.file),
    );
    assert.deepEqual(
      [...files].sort(),
      [
        'docker-compose-dev.yml',
        path.join('ops', 'app-compose.yml'),
        path.join('ops', 'app.compose.yaml'),
        path.join('ops', 'compose-prod.yaml'),
      ].sort(),
    );
    // standalone: not merged onto the base beside it (a dotted compose.<x>.yaml is a candidate overlay)
    const host = { readFile: (p: string) => (p.endsWith('compose.yaml') ? 'services: {}\n' : undefined) };
    assert.deepEqual(projectFiles('/p/docker-compose-dev.yml', host).files, ['/p/docker-compose-dev.yml']);
    assert.deepEqual(projectFiles('/p/compose.prod.yaml', host), {
      files: ['/p/compose.yaml', '/p/compose.prod.yaml'],
      overlay: true,
    });
    assert.ok(
      j.findings.some(
        (f: { ruleId: string; file: string }) =>
          f.ruleId === 'compose/image-tag' && f.file === 'docker-compose-dev.yml',
      ),
    );
  });

  it('lints files named by include as Compose files, whatever their names', () => {
    const dir = tmpdir({
      'compose.yaml': 'include:\n  - infra/db.yml\nservices:\n  a:\n    image: x:1\n',
      'infra/db.yml': 'services:\n  db:\n    image: postgres:16\n    privileged: true\n',
    });
    const j = JSON.parse(cli(['--format', 'json', '.'], dir).out);
    assert.ok(
      j.findings.some(
        (f: { ruleId: string; file: string }) =>
          f.ruleId === 'compose/privileged' && f.file === path.join('infra', 'db.yml'),
      ),
    );
  });
});

describe('CLI: profiles and baselines', () => {
  const FOUR =
    'services:\n  web:\n    image: nginx:1.25\n    ports: ["8080:80", "8443:443"]\n  db:\n    image: postgres:16\n' +
    '    privileged: true\n';
  it('--profile: recommended groups advice (hints in JSON and SARIF), strict reports every rule; the config sets it', () => {
    const dir = tmpdir({ 'compose.yaml': FOUR });
    const rec = JSON.parse(cli(['--format', 'json', '.'], dir).out);
    const ids = (j: { findings: { ruleId: string; severity: string }[] }) =>
      j.findings.map((f) => `${f.ruleId}:${f.severity}`).sort();
    assert.deepEqual(ids(rec), [
      'compose/hardening:hint',
      'compose/port-all-interfaces:warning',
      'compose/privileged:error',
      'compose/resource-limits:warning',
      'compose/resource-limits:warning',
    ]);
    const strict = JSON.parse(cli(['--format', 'json', '--profile', 'strict', '.'], dir).out);
    assert.equal(strict.findings.filter((f: { ruleId: string }) => f.ruleId === 'compose/memory-limit').length, 2);
    assert.equal(
      strict.findings.filter((f: { ruleId: string }) => f.ruleId === 'compose/port-all-interfaces').length,
      2,
    );
    assert.ok(!strict.findings.some((f: { ruleId: string }) => /hardening|resource-limits/.test(f.ruleId)));
    const sarif = JSON.parse(cli(['--format', 'sarif', '.'], dir).out);
    const hint = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'compose/hardening');
    assert.equal(hint.level, 'note');
    assert.equal(hint.properties.severity, 'hint');
    // the config's profile, and --profile over it; a bad value is a usage error
    fs.writeFileSync(path.join(dir, '.docker-security-lint.yaml'), 'profile: strict\n');
    assert.ok(
      JSON.parse(cli(['--format', 'json', '.'], dir).out).findings.some(
        (f: { ruleId: string }) => f.ruleId === 'compose/cpu-limit',
      ),
    );
    assert.ok(
      !JSON.parse(cli(['--format', 'json', '--profile', 'recommended', '.'], dir).out).findings.some(
        (f: { ruleId: string }) => f.ruleId === 'compose/cpu-limit',
      ),
    );
    assert.equal(cli(['--profile', 'lax', '.'], dir).code, 2);
    // --fail-on hint counts hints; the default (error) does not
    fs.writeFileSync(
      path.join(dir, 'compose.yaml'),
      'services:\n  a:\n    image: x:1\n    mem_limit: 1g\n    cpus: 1\n    pids_limit: 9\n',
    );
    fs.rmSync(path.join(dir, '.docker-security-lint.yaml'));
    assert.equal(cli(['--fail-on', 'info', '.'], dir).code, 0);
    assert.equal(cli(['--fail-on', 'hint', '.'], dir).code, 1);
  });

  it('--write-baseline records; --baseline reports and fails only on what is new, after unrelated edits too', () => {
    const dir = tmpdir({ 'compose.yaml': FOUR, Dockerfile: 'FROM alpine:3.20\nRUN sudo id\n' });
    const w = cli(['--write-baseline', 'baseline.json', '.'], dir);
    assert.equal(w.code, 0);
    assert.match(w.err, /wrote \d+ findings to baseline\.json/);
    const b = JSON.parse(fs.readFileSync(path.join(dir, 'baseline.json'), 'utf8'));
    assert.equal(b.version, 1);
    assert.ok(b.findings.every((e: { fingerprint: string; file: string }) => /^[0-9a-f]{16}$/.test(e.fingerprint)));
    const same = cli(['--format', 'json', '--baseline', 'baseline.json', '.'], dir);
    assert.equal(same.code, 0);
    assert.deepEqual(JSON.parse(same.out).findings, []);
    assert.equal(JSON.parse(same.out).baselined, b.findings.length);
    // unrelated edits: a comment, a new service above, blank lines; one new grant
    fs.writeFileSync(
      path.join(dir, 'compose.yaml'),
      '# edited\nservices:\n  cache:\n    image: redis:7\n    mem_limit: 1g\n    cpus: 1\n    pids_limit: 9\n' +
        FOUR.slice('services:\n'.length).replace('    privileged: true\n', '\n    privileged: true\n    pid: host\n'),
    );
    fs.writeFileSync(path.join(dir, 'Dockerfile'), '# comment\nFROM alpine:3.20\nRUN echo\nRUN sudo id\n');
    const after = cli(['--format', 'json', '--baseline', 'baseline.json', '.'], dir);
    assert.deepEqual(
      JSON.parse(after.out)
        .findings.map((f: { ruleId: string }) => f.ruleId)
        .sort(),
      ['compose/hardening', 'compose/host-pid'],
    );
    assert.equal(after.code, 1, 'the new error fails');
    const sarif = JSON.parse(cli(['--format', 'sarif', '--baseline', 'baseline.json', '.'], dir).out);
    const states = sarif.runs[0].results.map(
      (x: { ruleId: string; baselineState: string }) => `${x.ruleId}:${x.baselineState}`,
    );
    assert.ok(states.includes('compose/host-pid:new') && states.includes('compose/privileged:unchanged'));
    // the config names the baseline; a bad baseline is a clear error (exit 2)
    fs.writeFileSync(path.join(dir, '.docker-security-lint.yaml'), 'baseline: baseline.json\n');
    assert.ok(
      !JSON.parse(cli(['--format', 'json', '.'], dir).out).findings.some(
        (f: { ruleId: string }) => f.ruleId === 'compose/privileged',
      ),
    );
    fs.writeFileSync(path.join(dir, 'bad.json'), '{"version": 7}');
    const bad = cli(['--baseline', 'bad.json', '.'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /baseline bad\.json: not a version 1 baseline/);
  });
});

describe('CLI: third-party code is left out of a walk, and the summary says so', () => {
  const tree = () =>
    tmpdir({
      'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n',
      'vendor/github.com/x/compose.yaml': PRIV,
      'pkg/parser/testdata/Dockerfile': 'FROM alpine\nUSER root\n',
      'tests/compose.yaml': PRIV,
    });
  it('vendor/ and testdata/ are not walked; tests/ is, at its context', () => {
    const dir = tree();
    const j = JSON.parse(cli(['--format', 'json', '.'], dir).out);
    const files = j.files.map((f: { path: string }) => f.path).sort();
    assert.deepEqual(files, ['compose.yaml', path.join('tests', 'compose.yaml')]);
    assert.deepEqual(j.leftOut.map((l: { path: string }) => l.path).sort(), [
      path.join('pkg', 'parser', 'testdata'),
      'vendor',
    ]);
    const text = cli(['.'], dir).out;
    assert.match(text, /Left out 2 folders or files \(2 third-party code \(vendored, fixtures, test data\): /);
    assert.match(text, /the config's 'contexts' brings third-party code back/);
  });
  it("the config's contexts bring a vendored tree back; a file named on the command line is linted", () => {
    const dir = tree();
    fs.writeFileSync(path.join(dir, '.docker-security-lint.yaml'), 'contexts:\n  deployment: ["vendor/**"]\n');
    const j = JSON.parse(cli(['--format', 'json', '.'], dir).out);
    const priv = j.findings.filter((f: { ruleId: string }) => f.ruleId === 'compose/privileged');
    assert.deepEqual(priv.map((f: { file: string; severity: string }) => [f.file, f.severity]).sort(), [
      [path.join('tests', 'compose.yaml'), 'info'],
      [path.join('vendor', 'github.com', 'x', 'compose.yaml'), 'error'],
    ]);
    assert.deepEqual(
      j.leftOut.map((l: { path: string }) => l.path),
      [path.join('pkg', 'parser', 'testdata', 'Dockerfile')],
    );
    const named = JSON.parse(cli(['--format', 'json', 'pkg/parser/testdata/Dockerfile'], dir).out);
    assert.ok(named.findings.some((f: { ruleId: string }) => f.ruleId === 'dockerfile/user-root'));
  });
});

describe('SARIF for code scanning: relative, percent-encoded URIs under SRCROOT', () => {
  it('absolute and relative arguments alike; names with a space, #, % and non-ASCII are encoded; schema-valid', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Ajv = require('ajv-draft-04');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const addFormats = require('ajv-formats');
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false, logger: false });
    addFormats(ajv);
    const validate = ajv.compile(
      JSON.parse(fs.readFileSync(path.join(root, 'test/fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8')),
    );
    const dir = tmpdir({ 'my app/#1 %x é/compose.yaml': PRIV });
    fs.mkdirSync(path.join(dir, '.git'));
    for (const arg of ['.', path.join(dir, 'my app')]) {
      const sarif = JSON.parse(cli(['--format', 'sarif', arg], dir).out);
      assert.ok(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3)));
      const run0 = sarif.runs[0];
      assert.equal(run0.originalUriBaseIds.SRCROOT.uri, `${pathToFileURL(dir).href}/`);
      const loc = run0.results[0].locations[0].physicalLocation.artifactLocation;
      assert.deepEqual(loc, { uri: 'my%20app/%231%20%25x%20%C3%A9/compose.yaml', uriBaseId: 'SRCROOT' }, arg);
    }
  });
});
