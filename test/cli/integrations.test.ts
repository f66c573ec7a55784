// Where teams run the linter (issue 20): the GitHub Action (action.yml and the script it runs) and the pre-commit
// hook (.pre-commit-hooks.yaml), checked against their formats and run locally with the action's inputs. Nothing
// here reaches the network: `npx` is replaced by a stand-in that records its arguments and runs the built CLI.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { isLintablePath } from '../../server/src/node/files';
import { LINTED_GLOBS } from '../../server/src/shared/protocol';
import { actionScript, runAction, tree } from '../hostile/action';

const root = path.resolve(__dirname, '..', '..', '..');
const cliJs = path.join(root, 'dist', 'cli.js');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

const PROJECT = {
  'compose.yaml': 'services:\n  a:\n    image: x:1\n    privileged: true\n    cap_add: [NET_ADMIN]\n',
  'deploy/with space/Dockerfile': 'FROM alpine:3.20\nUSER root\n',
};

describe('GitHub Action: action.yml', () => {
  const action = parse(fs.readFileSync(path.join(root, 'action.yml'), 'utf8'));

  it('is a composite action with the required keys; every run step names its shell', () => {
    assert.equal(typeof action.name, 'string');
    assert.equal(typeof action.description, 'string');
    assert.equal(action.runs.using, 'composite');
    for (const step of action.runs.steps) {
      assert.ok('run' in step !== 'uses' in step, `a step runs or uses: ${JSON.stringify(step)}`);
      if ('run' in step) assert.ok(['bash', 'sh'].includes(step.shell), `shell of ${step.name}`);
      if ('uses' in step) assert.match(step.uses, /^[\w-]+\/[\w/-]+@v\d+$/, 'actions pinned to a major version');
    }
  });

  it('declares the inputs the issue asks for, and uses only declared inputs', () => {
    for (const i of ['paths', 'profile', 'fail-on', 'config', 'baseline', 'sarif'])
      assert.equal(typeof action.inputs[i]?.description, 'string', i);
    const text = fs.readFileSync(path.join(root, 'action.yml'), 'utf8');
    for (const m of text.matchAll(/inputs\.([\w-]+)/g)) assert.ok(m[1] in action.inputs, `undeclared input ${m[1]}`);
    // Inputs reach the script as the environment, never spliced into a command line.
    for (const step of action.runs.steps) if ('run' in step) assert.doesNotMatch(step.run, /\$\{\{/);
  });

  it('outputs the counts the script writes', () => {
    const r = runAction(tree(PROJECT), {});
    for (const [name, out] of Object.entries(action.outputs as Record<string, { value: string }>)) {
      assert.match(out.value, /^\$\{\{ steps\.lint\.outputs\.([\w-]+) \}\}$/);
      const key = /outputs\.([\w-]+)/.exec(out.value)![1];
      if (key !== 'sarif-file') assert.ok(key in r.outputs, `the script writes ${key}`);
      assert.equal(key, name);
    }
  });

  it('runs a script that needs nothing but Node (the action checkout has no node_modules)', () => {
    const lint = action.runs.steps.find((s: { id?: string }) => s.id === 'lint');
    assert.equal(lint.run, 'node "$GITHUB_ACTION_PATH/scripts/github-action.mjs"');
    const src = fs.readFileSync(actionScript, 'utf8');
    for (const m of src.matchAll(/^import .* from '([^']+)';$/gm)) assert.match(m[1], /^node:/, m[1]);
  });

  it('the last step fails the job with the linter exit code, and passes on 0', () => {
    const last = action.runs.steps.at(-1);
    assert.equal(last.if, "steps.lint.outputs.exit-code != '0'");
    const r = spawnSync('bash', ['-c', last.run], { env: { ...process.env, EXIT_CODE: '1', FAIL_ON: 'error' } });
    assert.equal(r.status, 1);
  });
});

describe('GitHub Action: the script, with the action inputs', () => {
  it('default inputs: the same findings and counts as the CLI, as annotations, outputs and a job summary', () => {
    const dir = tree(PROJECT);
    const r = runAction(dir, { paths: '.', 'fail-on': 'error', sarif: 'false' });
    assert.equal(r.code, 0, r.stderr);
    const direct = spawnSync(process.execPath, [cliJs, '--format', 'json', '.'], { cwd: dir, encoding: 'utf8' });
    const report = JSON.parse(direct.stdout) as { findings: { severity: string; ruleId: string }[] };
    const count = (s: string) => String(report.findings.filter((f) => f.severity === s).length);
    assert.deepEqual(
      [r.outputs.findings, r.outputs.errors, r.outputs.warnings, r.outputs.infos, r.outputs.hints],
      [String(report.findings.length), count('error'), count('warning'), count('info'), count('hint')],
    );
    assert.equal(r.outputs['exit-code'], String(direct.status));
    assert.equal(r.outputs['exit-code'], '1');
    assert.equal(r.outputs.skipped, '0');
    assert.equal(r.outputs['sarif-file'], undefined);
    assert.match(
      r.stdout,
      /^::error file=compose\.yaml,line=4,col=5,endLine=4,endColumn=21,title=compose\/privileged::Service 'a' runs privileged/m,
    );
    assert.match(r.stdout, /^::warning file=deploy\/with space\/Dockerfile,line=2,.*title=dockerfile\/user-root::/m);
    assert.match(r.summary, /^### docker-security-lint$/m);
    assert.match(r.summary, /\| error \| `compose\/privileged` \| compose\.yaml:4 \|/);
  });

  it('paths one per line (with spaces), profile, fail-on, config and baseline reach the CLI', () => {
    const dir = tree({
      ...PROJECT,
      'lint.yaml': 'rules:\n  compose/privileged: off\n',
    });
    const r = runAction(dir, {
      paths: 'deploy/with space\ncompose.yaml\n',
      profile: 'strict',
      'fail-on': 'warning',
      config: 'lint.yaml',
    });
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout, /compose\/privileged/, 'the config turned it off');
    assert.match(r.stdout, /title=dockerfile\/user-root/);
    assert.equal(r.outputs['exit-code'], '1', 'a warning fails at fail-on warning');

    const baseline = path.join(dir, 'base.json');
    spawnSync(process.execPath, [cliJs, '--write-baseline', baseline, '.'], { cwd: dir });
    const again = runAction(dir, { baseline: 'base.json' });
    assert.equal(again.outputs.findings, '0');
    assert.equal(again.outputs['exit-code'], '0');
  });

  it('sarif: true writes the SARIF file and names it in the outputs', () => {
    const dir = tree(PROJECT);
    const r = runAction(dir, { sarif: 'true', 'sarif-file': 'out/results.sarif' });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.outputs['sarif-file'], 'out/results.sarif');
    const sarif = JSON.parse(fs.readFileSync(path.join(dir, 'out', 'results.sarif'), 'utf8'));
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.runs[0].results.length, Number(r.outputs.findings));
  });

  it('an action checkout without a build: npm ci and the build run in the action folder, never in the workspace', () => {
    const action = fs.mkdtempSync(path.join(os.tmpdir(), 'dsl-action-checkout-'));
    for (const f of ['package.json', 'package-lock.json', 'tsconfig.json', 'scripts', 'server'])
      fs.cpSync(path.join(root, f), path.join(action, f), { recursive: true });
    const dir = tree({ ...PROJECT, '.npmrc': 'registry=http://127.0.0.1:9/\n' });
    const r = runAction(dir, {}, { actionDir: action });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(r.npmCalls, [[action, 'ci', '--ignore-scripts', '--no-audit', '--no-fund']]);
    assert.ok(fs.existsSync(path.join(action, 'dist', 'cli.js')), 'built in the action folder');
    assert.equal(r.outputs['exit-code'], '1');
    assert.ok(Number(r.outputs.errors) > 0);
  });

  it('version: that version installed in a folder of its own under RUNNER_TEMP, not in the workspace', () => {
    const dir = tree({ ...PROJECT, '.npmrc': 'registry=http://127.0.0.1:9/\n' });
    const r = runAction(dir, { version: '9.9.9' }, { own: true });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.npmCalls.length, 1);
    const [cwd, ...args] = r.npmCalls[0];
    assert.ok(!cwd.startsWith(dir), `npm ran in ${cwd}`);
    assert.ok(fs.existsSync(path.join(cwd, 'package.json')), 'a project of its own: no other .npmrc is read');
    assert.deepEqual(args, [
      'install',
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
      '--no-package-lock',
      'docker-security-lint@9.9.9',
    ]);
    assert.ok(Number(r.outputs.findings) > 0);
  });

  it('a CLI that cannot be installed: a clear error, exit-code 2 in the outputs, no stack trace', () => {
    const dir = tree(PROJECT);
    const r = runAction(dir, { version: '0.0.0-missing' }, { own: true });
    assert.equal(r.code, 2);
    assert.equal(r.outputs['exit-code'], '2');
    assert.match(
      r.stdout,
      /^::error title=docker-security-lint::installing docker-security-lint@0\.0\.0-missing failed \(exit 1\)/m,
    );
    assert.match(r.stdout, /404 Not Found/);
    assert.doesNotMatch(r.stdout + r.stderr, /\n\s+at /);
  });

  it('bad inputs: an error annotation, a clear message, exit 2, and the CLI is not run', () => {
    const dir = tree(PROJECT);
    for (const [inputs, message] of [
      [{ 'fail-on': 'sometimes' }, /fail-on must be one of error, warning, info, hint, none \(got 'sometimes'\)/],
      [{ profile: 'lax' }, /profile must be recommended or strict/],
      [{ sarif: 'yes' }, /sarif must be true or false/],
      [{ version: '1.0; rm -rf /' }, /version must be a version number/],
    ] as const) {
      const r = runAction(dir, inputs, { own: true });
      assert.equal(r.code, 2, JSON.stringify(inputs));
      assert.match(r.stderr, message);
      assert.match(r.stdout, /^::error title=docker-security-lint::/m);
      assert.deepEqual(r.npmCalls, [], 'nothing was installed');
      assert.equal(r.outputs.findings, undefined, 'the CLI did not run');
    }
  });

  it('a CLI error (a path that does not exist) fails the step with exit 2', () => {
    const r = runAction(tree(PROJECT), { paths: 'nope' });
    assert.equal(r.code, 2);
    assert.equal(r.outputs['exit-code'], '2');
    assert.match(r.stdout, /nope/);
  });
});

describe("pre-commit: the hook repository's .pre-commit-hooks.yaml (hooks/pre-commit/)", () => {
  const hooks = parse(
    fs.readFileSync(path.join(root, 'hooks', 'pre-commit', '.pre-commit-hooks.yaml'), 'utf8'),
  ) as Record<string, unknown>[];
  const hook = hooks[0];
  // pre-commit matches `files` with Python's re.search; (?ix): any case, whitespace dropped (JavaScript has flags).
  const files = new RegExp(
    String(hook.files)
      .replace(/^\(\?ix\)/, '')
      .replace(/\s+/g, ''),
    'i',
  );

  it('one node hook with the keys pre-commit requires, running a command the package installs', () => {
    assert.equal(hooks.length, 1);
    for (const key of ['id', 'name', 'entry', 'language']) assert.equal(typeof hook[key], 'string', key);
    assert.equal(hook.id, 'docker-security-lint');
    assert.equal(hook.language, 'node');
    assert.match(String(hook.files), /^\(\?ix\)/);
    const [command, ...flags] = String(hook.entry).split(' ');
    assert.ok(command in manifest.bin, 'pre-commit installs the hook repository with npm: its bin');
    assert.deepEqual(flags, ['--as-walked'], 'pre-commit passes every file its pattern matches: the walk chooses');
  });

  it('matches the files the CLI walk picks by name (every glob, in the root and in a folder), Markdown aside', () => {
    const samples = LINTED_GLOBS.filter((g) => !/\.(md|markdown)$/.test(g)).flatMap((g) => {
      const p = g.replace(/\*/g, 'x');
      return [p, `deploy/app/${p}`];
    });
    for (const p of samples) {
      assert.ok(isLintablePath(p), `the walk picks ${p}`);
      assert.ok(files.test(p), `the hook matches ${p}`);
    }
  });

  it('passes every name the walk lints, on names near the patterns (the walk chooses among them: next test)', () => {
    const names = [
      'Dockerfile',
      'DOCKERFILE',
      'Dockerfile.dev',
      'api.Dockerfile',
      'api.dockerfile',
      'Containerfile',
      'dockerfile',
      'Dockerfile-dev',
      'compose.yaml',
      'Docker-Compose.YML',
      'compose.prod.yml',
      'docker-compose-dev.yml',
      'app.compose.yaml',
      'app-compose.yml',
      'Dockerfile.j2',
      'docker-compose.yml.j2',
      'roles/app/templates/compose.yaml.tmpl',
      'docker-compose.j2',
      'docker-compose.yml.bak',
      'compose.json',
      'composer.yaml',
      'docker-compose.txt',
      '.devcontainer/devcontainer.json',
      '.devcontainer/python/devcontainer.json',
      'devcontainer.json',
      '.devcontainer/a/b/devcontainer.json',
      '.devcontainer.json',
      'etc/docker/daemon.json',
      'daemon.jsonc',
      'systemd/docker.service',
      'systemd/docker.service.d/override.conf',
      'other.service.d/override.conf',
      'scripts/build.sh',
      'scripts/build.bash',
      'scripts/BUILD.SH',
      'scripts/build.zsh',
      'Makefile',
      'GNUmakefile',
      'rules.mk',
      'Makefile.am',
      'justfile',
      'Justfile',
      '.justfile',
      'build.just',
      '.github/workflows/ci.yml',
      '.github/workflows/ci.yaml',
      '.github/ci.yml',
      '.github/workflows/nested/ci.yml',
      '.gitlab-ci.yml',
      'ci/build.gitlab-ci.yaml',
      'gitlab-ci.yml',
      'package.json',
      'src/compose.ts',
    ];
    for (const n of names) for (const p of [n, `x/${n}`]) if (isLintablePath(p)) assert.ok(files.test(p), p);
    for (const p of ['README.md', 'src/compose.ts', 'package.json', 'compose.json'])
      assert.ok(!files.test(p), `not passed: ${p}`);
  });

  it('with --as-walked, a link to a file outside the folder is not opened: a skipped file, as in a walk', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsl-as-walked-link-'));
    try {
      fs.writeFileSync(path.join(dir, 'secret.yaml'), 'services:\n  a:\n    image: nginx:1.27\n    privileged: true\n');
      fs.mkdirSync(path.join(dir, 'repo'));
      fs.symlinkSync(path.join(dir, 'secret.yaml'), path.join(dir, 'repo', 'compose.yaml'));
      const run = (args: string[]) =>
        spawnSync(process.execPath, [path.join(root, 'dist', 'cli.js'), ...args], {
          cwd: path.join(dir, 'repo'),
          encoding: 'utf8',
        });
      const named = run(['compose.yaml']);
      assert.match(named.stdout, /compose\/privileged/, 'named without --as-walked: read wherever it leads');
      for (const r of [run(['--as-walked', 'compose.yaml']), run(['.'])]) {
        assert.equal(r.status, 1, r.stdout + r.stderr);
        assert.match(r.stdout + r.stderr, /compose\.yaml: skipped symlink to a file outside the tree; not linted/);
        assert.doesNotMatch(r.stdout, /privileged/);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('with --as-walked, the CLI lints of the files pre-commit passes exactly those a walk of the folder lints', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsl-as-walked-'));
    const compose = 'services:\n  a:\n    image: nginx:1.27\n    privileged: true\n';
    const layout: Record<string, string> = {
      'compose.yaml': compose,
      'deploy/infra.yml': compose, // a Compose file named otherwise
      'deploy/k8s.yaml': 'apiVersion: apps/v1\nkind: Deployment\n',
      '.gitlab-ci.yml': 'test:\n  script: [docker run --privileged x]\n',
      'ci/lint.yml': 'stages: [test]\nservices:\n  - postgres:16\n', // a CI file's services list: not Compose
      'Dockerfile-prod': 'FROM alpine:3.20\nUSER root\n',
      'Dockerfile-README': 'How to build it\n',
      'bin/deploy': '#!/bin/sh\ndocker run --privileged x\n',
      'bin/NOTES': 'docker run --privileged x\n',
      'vendor/lib/compose.yaml': compose, // third-party
      'legacy/compose.yaml': compose, // excluded by the config
      'roles/app/templates/docker-compose.yml.j2': compose,
      '.docker-security-lint.yaml': 'exclude: ["legacy/**"]\n',
    };
    try {
      for (const [f, t] of Object.entries(layout)) {
        fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
        fs.writeFileSync(path.join(dir, f), t);
      }
      const cli = path.join(root, 'dist', 'cli.js');
      const linted = (args: string[]) => {
        const r = spawnSync(process.execPath, [cli, '--format', 'json', '--fail-on', 'none', ...args], {
          cwd: dir,
          encoding: 'utf8',
        });
        assert.equal(r.status, 0, r.stderr);
        assert.equal(r.stderr, '', 'nothing said of the files left out');
        return (JSON.parse(r.stdout) as { files: { path: string }[] }).files.map((f) => f.path).sort();
      };
      const passed = Object.keys(layout).filter((f) => files.test(f));
      assert.ok(passed.includes('deploy/k8s.yaml') && passed.includes('bin/NOTES'), 'pre-commit passes candidates');
      const walked = linted(['.']);
      assert.deepEqual(linted(['--as-walked', ...passed]), walked);
      assert.deepEqual(walked, [
        '.gitlab-ci.yml',
        'Dockerfile-prod',
        'bin/deploy',
        'compose.yaml',
        'deploy/infra.yml',
        'roles/app/templates/docker-compose.yml.j2',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
