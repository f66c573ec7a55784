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

const root = path.resolve(__dirname, '..', '..', '..');
const cliJs = path.join(root, 'dist', 'cli.js');
const actionScript = path.join(root, 'scripts', 'github-action.mjs');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  npxArgs?: string[];
}

function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsl-action-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

/** Runs the action's script as its Lint step does: inputs as INPUT_*, GitHub's files, the workspace as cwd. */
function runAction(workspace: string, inputs: Record<string, string>, useNpx = false): ActionRun {
  const github = fs.mkdtempSync(path.join(os.tmpdir(), 'dsl-gh-'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: path.join(github, 'output'),
    GITHUB_STEP_SUMMARY: path.join(github, 'summary'),
    RUNNER_TEMP: github,
  };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase().replace(/-/g, '_')}`] = v;
  const record = path.join(github, 'npx-args.json');
  if (useNpx) {
    // A stand-in `npx` first on PATH: records its arguments, then runs the built CLI with what follows the package.
    const bin = path.join(github, 'bin');
    fs.mkdirSync(bin);
    fs.writeFileSync(
      path.join(bin, 'npx'),
      `#!/bin/sh\nnode -e 'require("fs").appendFileSync(process.argv[1], JSON.stringify(process.argv.slice(2)) + "\\n")' ` +
        `${JSON.stringify(record)} "$@"\nshift 2\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(cliJs)} "$@"\n`,
      { mode: 0o755 },
    );
    env.PATH = `${bin}${path.delimiter}${env.PATH}`;
  } else env.DSL_CLI = cliJs;
  const r = spawnSync(process.execPath, [actionScript], { cwd: workspace, env, encoding: 'utf8' });
  const read = (f: string) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '');
  const outputs = Object.fromEntries(
    read(env.GITHUB_OUTPUT!)
      .split('\n')
      .filter(Boolean)
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  const npxArgs = read(record)
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as string[]);
  return {
    code: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    outputs,
    summary: read(env.GITHUB_STEP_SUMMARY!),
    npxArgs: npxArgs[0],
  };
}

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

  it('without DSL_CLI it runs npx --yes docker-security-lint@<the action version> with the same arguments', () => {
    const dir = tree(PROJECT);
    const r = runAction(dir, { profile: 'strict' }, true);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.npxArgs?.slice(0, 2), ['--yes', `docker-security-lint@${manifest.version}`]);
    assert.deepEqual(r.npxArgs?.slice(2, 4), ['--format', 'json']);
    assert.deepEqual(r.npxArgs?.slice(-6), ['--fail-on', 'error', '--profile', 'strict', '--', '.']);
    assert.ok(Number(r.outputs.findings) > 0);
    const pinned = runAction(dir, { version: '9.9.9' }, true);
    assert.equal(pinned.npxArgs?.[1], 'docker-security-lint@9.9.9');
  });

  it('bad inputs: an error annotation, a clear message, exit 2, and the CLI is not run', () => {
    const dir = tree(PROJECT);
    for (const [inputs, message] of [
      [{ 'fail-on': 'sometimes' }, /fail-on must be one of error, warning, info, hint, none \(got 'sometimes'\)/],
      [{ profile: 'lax' }, /profile must be recommended or strict/],
      [{ sarif: 'yes' }, /sarif must be true or false/],
      [{ version: '1.0; rm -rf /' }, /version must be a version number/],
    ] as const) {
      const r = runAction(dir, inputs, true);
      assert.equal(r.code, 2, JSON.stringify(inputs));
      assert.match(r.stderr, message);
      assert.match(r.stdout, /^::error title=docker-security-lint::/m);
      assert.equal(r.npxArgs, undefined, 'the CLI did not run');
    }
  });

  it('a CLI error (a path that does not exist) fails the step with exit 2', () => {
    const r = runAction(tree(PROJECT), { paths: 'nope' });
    assert.equal(r.code, 2);
    assert.equal(r.outputs['exit-code'], '2');
    assert.match(r.stderr, /nope/);
  });
});

describe('pre-commit: .pre-commit-hooks.yaml', () => {
  const hooks = parse(fs.readFileSync(path.join(root, '.pre-commit-hooks.yaml'), 'utf8')) as Record<string, unknown>[];
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
    assert.ok(String(hook.entry) in manifest.bin, 'pre-commit installs this repository with npm: its bin');
    assert.ok(fs.existsSync(path.join(root, '.npmignore')), 'npm pack of the repository holds the commands');
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

  it('agrees with the walk on names near the patterns', () => {
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
    for (const n of names) for (const p of [n, `x/${n}`]) assert.equal(files.test(p), isLintablePath(p), p);
  });
});
