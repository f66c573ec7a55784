// The pre-commit hook (issue 35), installed and run by the real pre-commit (Debian's, which .ci/run installs): the
// hook repository `npm run pack:pre-commit` builds installs with no registry (npm offline, an empty pre-commit home)
// and fails a commit with an error finding, passes a clean one; this repository's own .pre-commit-hooks.yaml fails
// at once with the way to the hook repository. Where pre-commit is not installed the tests are pending, not passed.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '..', '..', '..');
const hasPreCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;
const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version as string;

/** A git repository with these files committed (a fixed author; no user configuration). */
function gitRepo(dir: string, files: Record<string, string>): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  const git = (...a: string[]) =>
    execFileSync(
      'git',
      [
        '-c',
        'user.name=t',
        '-c',
        'user.email=t@t.invalid',
        '-c',
        'commit.gpgsign=false',
        '-c',
        'init.defaultBranch=main',
        ...a,
      ],
      { cwd: dir, stdio: 'pipe' },
    );
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'files');
}

function config(repo: string, rev: string): string {
  return `repos:\n  - repo: ${repo}\n    rev: ${rev}\n    hooks:\n      - id: docker-security-lint\n`;
}

describe('pre-commit: the hook repository, installed and run by the real pre-commit', function () {
  this.timeout(180_000);
  let work: string;
  let hook: string;
  let home: string;

  before(function () {
    if (!hasPreCommit) {
      console.log('      (pre-commit is not installed: these tests are pending; .ci/run installs it)');
      this.skip();
    }
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'dsl-pre-commit-'));
    hook = path.join(work, 'hook');
    home = path.join(work, 'pre-commit-home');
    const out = execFileSync(
      process.execPath,
      [path.join(root, 'scripts', 'pack-pre-commit.mjs'), '--destination', hook],
      { cwd: root, encoding: 'utf8' },
    );
    assert.match(out, new RegExp(`tag v${version.replace(/\./g, '\\.')}`));
  });

  after(() => {
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  /** `pre-commit run --all-files` in a new repository holding these files; npm may not reach a registry. */
  function run(name: string, files: Record<string, string>, repo = hook, rev = `v${version}`) {
    const dir = path.join(work, name);
    gitRepo(dir, { '.pre-commit-config.yaml': config(repo, rev), ...files });
    return spawnSync('pre-commit', ['run', '--all-files', '--color', 'never'], {
      cwd: dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        PRE_COMMIT_HOME: home,
        npm_config_offline: 'true',
        npm_config_cache: path.join(work, 'npm-cache'),
      },
    });
  }

  it('the hook repository holds the bundled commands and a manifest with no dependencies and no scripts', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(hook, 'package.json'), 'utf8'));
    assert.equal(manifest.dependencies, undefined);
    assert.equal(manifest.scripts, undefined, 'npm pack must print the tarball name alone (pre-commit 3.0 reads it)');
    assert.ok(fs.existsSync(path.join(hook, 'dist', 'cli.js')));
    const hooks = parse(fs.readFileSync(path.join(hook, '.pre-commit-hooks.yaml'), 'utf8'));
    assert.equal(hooks[0].language, 'node');
    assert.ok(hooks[0].entry.split(' ')[0] in manifest.bin);
  });

  it('installs offline (empty npm cache) and fails the run on an error finding: exit 1, the finding printed', () => {
    const r = run('with-findings', {
      'compose.yaml': 'services:\n  a:\n    image: nginx:1.27\n    privileged: true\n',
    });
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /compose\.yaml:4:5 error compose\/privileged/);
    assert.match(r.stdout, /docker-security-lint\.+Failed/);
  });

  it('lints what a walk lints: a Compose file named otherwise, not a manifest or what the config excludes', () => {
    const r = run('as-walked', {
      'deploy/infra.yml': 'services:\n  a:\n    image: nginx:1.27\n    privileged: true\n',
      'deploy/k8s.yaml': 'apiVersion: v1\nkind: Pod\n',
      'legacy/compose.yaml': 'services:\n  a:\n    image: nginx:1.27\n    network_mode: host\n',
      '.docker-security-lint.yaml': 'exclude: ["legacy/**"]\n',
    });
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /deploy\/infra\.yml:4:5 error compose\/privileged/);
    assert.doesNotMatch(r.stdout, /k8s\.yaml|legacy|host-network/);
  });

  it('passes a clean project: exit 0 (warnings below --fail-on do not fail it)', () => {
    const r = run('clean', {
      'compose.yaml': 'services:\n  a:\n    image: nginx:1.27\n    read_only: true\n',
      'README.md': 'docker run --privileged x\n',
    });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /docker-security-lint\.+Passed/);
  });

  it("this repository's own hook fails at once and names the hook repository", () => {
    const sources = path.join(work, 'sources');
    gitRepo(sources, { '.pre-commit-hooks.yaml': fs.readFileSync(path.join(root, '.pre-commit-hooks.yaml'), 'utf8') });
    const r = run('pointing-at-sources', { 'compose.yaml': 'services: {}\n' }, sources, 'main');
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /github\.com\/docker-security-lint\/pre-commit-hook/);
  });
});
