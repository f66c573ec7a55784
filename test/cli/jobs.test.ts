// The CLI on worker threads (issue 19): `--jobs 4` gives byte for byte the output and exit code of `--jobs 1`,
// on a tree made of every rule case of the tables (each in a folder of its own, with the files beside it) plus
// the examples; small runs and --fix stay on one thread. The built command is run, as users run it.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Cases } from '../rules/ruleTester';
import { composeCases } from '../rules/compose.cases';
import { daemonCases } from '../rules/daemon.cases';
import { devcontainerCases } from '../rules/devcontainer.cases';
import { dockerfileCases } from '../rules/dockerfile.cases';
import { runCases } from '../rules/run.cases';
import { cgroupCores, defaultJobs, MIN_FILES_FOR_WORKERS, usableCores } from '../../server/src/cli/main';

const root = path.resolve(__dirname, '..', '..', '..');
const cliJs = path.join(root, 'dist', 'cli.js');
const DEFAULT_FILE: Record<string, string> = {
  compose: '/work/p/compose.yaml',
  dockerfile: '/work/p/Dockerfile',
  devcontainer: '/work/p/.devcontainer/devcontainer.json',
  daemon: '/work/p/daemon.json',
  run: '/work/p/run.sh',
};

/** Every case of every table as a folder: its file at its path (under the folder), the files beside it. */
function caseTree(): { dir: string; files: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsl-jobs-'));
  let n = 0;
  let files = 0;
  const tables: [string, Record<string, Cases>][] = [
    ['compose', composeCases],
    ['dockerfile', dockerfileCases],
    ['devcontainer', devcontainerCases],
    ['daemon', daemonCases],
    ['run', runCases],
  ];
  for (const [kind, table] of tables)
    for (const cases of Object.values(table))
      for (const c of [...cases.valid, ...cases.invalid]) {
        const k = typeof c === 'string' ? { code: c } : c;
        const caseDir = path.join(dir, `case-${String(n++).padStart(4, '0')}`);
        const write = (abs: string, text: string) => {
          const p = path.join(caseDir, abs);
          fs.mkdirSync(path.dirname(p), { recursive: true });
          if (!p.endsWith(path.sep)) fs.writeFileSync(p, text);
        };
        for (const [f, text] of Object.entries('files' in k && k.files ? k.files : {})) write(f, text);
        write(('file' in k && k.file) || DEFAULT_FILE[kind], k.code);
        files++;
      }
  // a Compose include: the included file is linted in a later round, as it is on one thread
  fs.mkdirSync(path.join(dir, 'inc', 'sub'), { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'inc', 'compose.yaml'),
    'include:\n  - sub/extra.yml\nservices:\n  a:\n    image: a:1\n',
  );
  fs.writeFileSync(
    path.join(dir, 'inc', 'sub', 'extra.yml'),
    'services:\n  b:\n    image: b:1\n    privileged: true\n',
  );
  return { dir, files };
}

function cli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [cliJs, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('CLI on worker threads: --jobs', function () {
  this.timeout(120_000);
  let tree: { dir: string; files: number };
  before(() => {
    tree = caseTree();
  });
  after(() => fs.rmSync(tree.dir, { recursive: true, force: true }));

  it('has enough files for four workers to share (the threshold is lifted for these runs)', () => {
    assert.ok(tree.files > 400, `${tree.files} cases`);
    assert.ok(tree.files < MIN_FILES_FOR_WORKERS, 'so that the small-run test below sees one thread');
  });

  for (const format of ['json', 'sarif', 'text'])
    for (const profile of ['recommended', 'strict'])
      it(`--jobs 4 equals --jobs 1 (${format}, ${profile}), and 4 workers ran`, () => {
        const args = ['--format', format, '--profile', profile, '.'];
        const one = cli(['--jobs', '1', ...args], tree.dir, { DOCKER_SECURITY_LINT_DEBUG: 'workers' });
        const four = cli(['--jobs', '4', ...args], tree.dir, { DOCKER_SECURITY_LINT_DEBUG: 'workers,force-workers' });
        assert.doesNotMatch(one.err, /worker threads/);
        assert.match(four.err, /files on 4 worker threads/);
        assert.equal(four.code, one.code);
        assert.ok(one.out.length > 10_000, 'a real report');
        assert.ok(four.out === one.out, 'the same report, byte for byte');
        if (format === 'json') {
          const files = (JSON.parse(one.out) as { files: { path: string }[] }).files.map((f) => f.path);
          assert.ok(files.includes(path.join('inc', 'sub', 'extra.yml')), 'the included file was linted');
        }
      });

  it('a baseline, the examples beside the cases, exit codes: the same on four threads', () => {
    const baseline = path.join(tree.dir, 'base.json');
    assert.equal(cli(['--jobs', '4', '--write-baseline', baseline, '.'], tree.dir).code, 0);
    const args = ['--baseline', baseline, '--format', 'json', '.', path.join(root, 'examples')];
    const one = cli(['--jobs', '1', ...args], tree.dir);
    const four = cli(['--jobs', '4', ...args], tree.dir, { DOCKER_SECURITY_LINT_DEBUG: 'force-workers' });
    assert.equal(four.code, one.code);
    assert.ok(four.out === one.out);
    assert.ok((JSON.parse(one.out) as { findings: unknown[] }).findings.length > 0, 'the examples are not in it');
  });

  it('an invalid config stops both the same way (exit 2, the same message)', () => {
    const bad = path.join(tree.dir, 'case-0005', '.docker-security-lint.yaml');
    fs.writeFileSync(bad, 'profile: lax\n');
    try {
      const one = cli(['--jobs', '1', '.'], tree.dir);
      const four = cli(['--jobs', '4', '.'], tree.dir, { DOCKER_SECURITY_LINT_DEBUG: 'force-workers' });
      assert.equal(one.code, 2);
      assert.equal(four.code, 2);
      assert.equal(four.err, one.err);
      assert.equal(four.out, '');
    } finally {
      fs.rmSync(bad);
    }
  });

  it('the default: this thread only on 3 usable cores or fewer, the cgroup quota counted', () => {
    assert.deepEqual([1, 2, 3, 4, 8].map(defaultJobs), [1, 1, 1, 3, 7]);
    assert.equal(cgroupCores('max 100000'), undefined);
    assert.equal(cgroupCores('200000 100000'), 2);
    assert.equal(cgroupCores('50000 100000'), 1);
    assert.equal(cgroupCores(undefined, '-1', '100000'), undefined);
    assert.equal(cgroupCores(undefined, '400000', '100000'), 4);
    const files: Record<string, string> = { '/sys/fs/cgroup/cpu.max': '150000 100000\n' };
    assert.equal(
      usableCores((f) => files[f]),
      1,
    );
    assert.ok(usableCores(() => undefined) >= 1);
  });

  it('runs below the threshold and --fix stay on one thread; --jobs is validated', () => {
    const small = cli(['--jobs', '4', '.'], tree.dir, { DOCKER_SECURITY_LINT_DEBUG: 'workers' });
    assert.equal(small.code, 1);
    assert.doesNotMatch(small.err, /worker threads/);
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'dsl-jobs-fix-'));
    fs.cpSync(tree.dir, copy, { recursive: true });
    try {
      const fix = cli(['--jobs', '4', '--fix-dry-run', '.'], copy, {
        DOCKER_SECURITY_LINT_DEBUG: 'workers,force-workers',
      });
      assert.doesNotMatch(fix.err, /worker threads/);
      assert.match(fix.out, /^\+\+\+ /m, 'fixes were computed');
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
    for (const v of ['0', 'x', '1.5', '999']) {
      const r = cli(['--jobs', v, '.'], tree.dir);
      assert.equal(r.code, 2, v);
      assert.match(r.err, /--jobs must be a whole number from 1 to 256/);
    }
  });
});
