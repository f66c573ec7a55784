// The GitHub Action's script run as its Lint step runs it (for the integration and hostile suites).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cliJs, root } from './harness';

export const actionScript = path.join(root, 'scripts', 'github-action.mjs');

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  npmCalls: string[][];
}

export function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsl-action-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

/**
 * Runs the action's script as its Lint step does: inputs as INPUT_*, GitHub's files, the workspace as cwd. By
 * default DSL_CLI names the built CLI; `own`: the script finds its CLI itself (the action checkout's dist/cli.js,
 * or a build there); `actionDir`: the script of a copy of the action checkout. A stand-in `npm` first on PATH records
 * each call (its folder and arguments); for `npm ci` it links this checkout's node_modules, for `npm install` it
 * puts the built CLI where the package would be.
 */
export function runAction(
  workspace: string,
  inputs: Record<string, string>,
  opts: { own?: boolean; actionDir?: string } = {},
): ActionRun {
  const github = fs.mkdtempSync(path.join(os.tmpdir(), 'dsl-gh-'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: path.join(github, 'output'),
    GITHUB_STEP_SUMMARY: path.join(github, 'summary'),
    RUNNER_TEMP: github,
  };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase().replace(/-/g, '_')}`] = v;
  const record = path.join(github, 'npm-calls.json');
  const bin = path.join(github, 'bin');
  fs.mkdirSync(bin);
  fs.writeFileSync(
    path.join(bin, 'npm'),
    `#!/bin/sh
node -e 'require("fs").appendFileSync(process.argv[1], JSON.stringify([process.cwd(), ...process.argv.slice(2)]) + "\\n")' ` +
      `${JSON.stringify(record)} "$@"
` +
      `if [ "$1" = ci ]; then ln -s ${JSON.stringify(path.join(root, 'node_modules'))} node_modules; fi
` +
      `case "$*" in *missing*) echo 'npm error 404 Not Found' >&2; exit 1;; esac\n` +
      `if [ "$1" = install ]; then mkdir -p node_modules/docker-security-lint/dist && ` +
      `cp ${JSON.stringify(cliJs)} node_modules/docker-security-lint/dist/cli.js; fi
`,
    { mode: 0o755 },
  );
  env.PATH = `${bin}${path.delimiter}${env.PATH}`;
  if (!opts.own && !opts.actionDir) env.DSL_CLI = cliJs;
  const script = opts.actionDir ? path.join(opts.actionDir, 'scripts', 'github-action.mjs') : actionScript;
  const r = spawnSync(process.execPath, [script], { cwd: workspace, env, encoding: 'utf8' });
  const read = (f: string) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '');
  const outputs = Object.fromEntries(
    read(env.GITHUB_OUTPUT!)
      .split('\n')
      .filter(Boolean)
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  const npmCalls = read(record)
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as string[]);
  return {
    code: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    outputs,
    summary: read(env.GITHUB_STEP_SUMMARY!),
    npmCalls,
  };
}
