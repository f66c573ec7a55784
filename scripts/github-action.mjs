// The script part of the GitHub Action (action.yml): turns the action's inputs into one docker-security-lint
// command line, runs it, and reports to GitHub: annotations on the lines, a job summary, step outputs (counts, exit
// code, SARIF file). The action's last step fails the job on the exit code, after the SARIF upload, so that code
// scanning gets the results of a failing run too.
//
// Inputs come as the environment GitHub gives composite steps here (INPUT_*, set by action.yml). The CLI it runs is
// never one the linted repository could provide (a committed `node_modules/.bin`, an `.npmrc` naming another
// registry): by default the CLI of the action's own checkout, built there on first use (`npm ci` and the build, run
// in the action's folder, so that npm reads the action's lockfile and no configuration from the repository); with
// `version`, that version installed into a folder of its own under RUNNER_TEMP; with DSL_CLI (tests), that file.
// Whatever the CLI prints is shown between `::stop-commands::` markers: it names the repository's files.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const env = process.env;
const input = (name) => (env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`] ?? '').trim();

/** A usage problem with an input: one line on stderr as an error annotation, exit 2. */
function fail(message) {
  console.log(`::error title=docker-security-lint::${escapeData(message)}`);
  console.error(`docker-security-lint action: ${message}`);
  process.exit(2);
}

// Workflow commands: data escapes %, CR and LF; properties also ':' and ','.
function escapeData(s) {
  return String(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(s) {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `paths`: one per line, or separated by spaces on one line (a path with spaces needs a line of its own). */
export function splitPaths(text) {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const items = lines.filter(Boolean).length > 1 ? lines : lines.flatMap((l) => l.split(/\s+/));
  return items.filter(Boolean);
}

const FAIL_ON = ['error', 'warning', 'info', 'hint', 'none'];
const PROFILES = ['recommended', 'strict'];

/** The options every run gets from the inputs (the report format and file are added per run). */
export function optionsFrom(get) {
  const args = [];
  const failOn = get('fail-on') || 'error';
  if (!FAIL_ON.includes(failOn)) return { error: `fail-on must be one of ${FAIL_ON.join(', ')} (got '${failOn}')` };
  args.push('--fail-on', failOn);
  const profile = get('profile');
  if (profile) {
    if (!PROFILES.includes(profile)) return { error: `profile must be recommended or strict (got '${profile}')` };
    args.push('--profile', profile);
  }
  if (get('config')) args.push('--config', get('config'));
  if (get('baseline')) args.push('--baseline', get('baseline'));
  const paths = splitPaths(get('paths') || '.');
  return { args, paths: paths.length ? paths : ['.'] };
}

function boolean(name, fallback) {
  const v = input(name).toLowerCase();
  if (v === '') return fallback;
  if (v === 'true') return true;
  if (v === 'false') return false;
  fail(`${name} must be true or false (got '${input(name)}')`);
}

const ACTION_DIR = fileURLToPath(new URL('..', import.meta.url));
const OWN_VERSION = () => JSON.parse(readFileSync(path.join(ACTION_DIR, 'package.json'), 'utf8')).version;

/** Runs a program for the action's set-up (npm), in `cwd`; its output is shown inert; a failure stops the step. */
function setUp(what, program, args, cwd) {
  const r = spawnSync(program, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const said = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
  if (r.error || r.status !== 0) {
    if (said) quoted(said.split('\n').slice(-20).join('\n'));
    failRun(`${what} failed (${r.error ? r.error.message : `exit ${r.status}`}); the linter did not run`);
  }
}

/**
 * The CLI to run, as [node, script]. Never `npx` in the workspace: npx would run a `node_modules/.bin` the
 * repository commits, and npm would read the repository's `.npmrc`.
 */
function cliCommand(temp) {
  if (env.DSL_CLI) return [process.execPath, path.resolve(env.DSL_CLI)];
  const version = input('version');
  if (version && !/^[0-9A-Za-z.+-]+$/.test(version)) fail(`version must be a version number (got '${version}')`);
  if (version && version !== OWN_VERSION()) {
    // a folder of its own, with a package.json so that npm takes it as the project (and reads no other's .npmrc)
    const prefix = path.join(temp, 'cli');
    mkdirSync(prefix, { recursive: true });
    writeFileSync(path.join(prefix, 'package.json'), '{ "private": true }\n');
    setUp(
      `installing docker-security-lint@${version}`,
      'npm',
      [
        'install',
        '--ignore-scripts',
        '--no-audit',
        '--no-fund',
        '--no-package-lock',
        `docker-security-lint@${version}`,
      ],
      prefix,
    );
    const cli = path.join(prefix, 'node_modules', 'docker-security-lint', 'dist', 'cli.js');
    if (!existsSync(cli)) failRun(`docker-security-lint@${version} has no dist/cli.js; the linter did not run`);
    return [process.execPath, cli];
  }
  const cli = path.join(ACTION_DIR, 'dist', 'cli.js');
  if (!existsSync(cli)) {
    setUp(
      "installing the action's build tools (npm ci)",
      'npm',
      ['ci', '--ignore-scripts', '--no-audit', '--no-fund'],
      ACTION_DIR,
    );
    setUp(
      'building the CLI',
      process.execPath,
      [path.join(ACTION_DIR, 'scripts', 'build.mjs'), '--only=cli'],
      ACTION_DIR,
    );
    if (!existsSync(cli)) failRun('the build wrote no dist/cli.js; the linter did not run');
  }
  return [process.execPath, cli];
}

/** Text from the CLI or npm, shown in the log with GitHub's workflow commands off, and every line inert. */
function quoted(text) {
  const token = randomBytes(16).toString('hex');
  console.log(`::stop-commands::${token}`);
  console.log(text.split('\n').map(inert).join('\n'));
  console.log(`::${token}::`);
}

/** One line without control characters, line or paragraph separators, or bidirectional controls. */
function inert(s) {
  // eslint-disable-next-line no-control-regex
  return String(s).replace(
    /[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function runCli(command, args) {
  const r = spawnSync(command[0], [...command.slice(1), ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) failRun(`could not run the linter: ${r.error.message}`);
  const said = `${r.stdout ?? ''}${r.stderr ?? ''}`.trimEnd();
  if (said) quoted(said);
  return r.status ?? 2;
}

/** The run failed before there was a report: exit-code 2 in the outputs, an error annotation, exit 2. */
function failRun(message) {
  setOutput('exit-code', 2);
  fail(message);
}

function setOutput(name, value) {
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `${name}=${value}\n`);
  else console.log(`${name}=${value}`);
}

const LEVEL = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

function main() {
  const options = optionsFrom(input);
  if (options.error) fail(options.error);
  const sarif = boolean('sarif', false);
  const sarifFile = input('sarif-file') || 'docker-security-lint.sarif';
  if (/[\r\n]/.test(sarifFile)) fail('sarif-file must be one path on one line');
  const workspace = env.GITHUB_WORKSPACE || process.cwd();

  const temp = mkdtempSync(path.join(env.RUNNER_TEMP || os.tmpdir(), 'dsl-action-'));
  const command = cliCommand(temp);
  const jsonFile = path.join(temp, 'report.json');
  const code = runCli(command, ['--format', 'json', '--output', jsonFile, ...options.args, '--', ...options.paths]);
  if (code !== 0 && code !== 1) {
    setOutput('exit-code', code);
    fail(`docker-security-lint exited with ${code} (see the message above)`);
  }
  let report;
  try {
    report = JSON.parse(readFileSync(jsonFile, 'utf8'));
    if (!Array.isArray(report.findings) || !Array.isArray(report.files)) throw new Error('not a report');
  } catch {
    failRun(`docker-security-lint exited with ${code} but wrote no report; the result is unknown`);
  }

  const counts = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const f of report.findings) {
    counts[f.severity]++;
    const file = path.relative(workspace, path.resolve(f.file)).split(path.sep).join('/');
    const props = [
      `file=${escapeProperty(file)}`,
      `line=${f.line}`,
      `col=${f.column}`,
      `endLine=${f.endLine}`,
      `endColumn=${f.endColumn}`,
      `title=${escapeProperty(f.ruleId)}`,
    ];
    console.log(`::${LEVEL[f.severity]} ${props.join(',')}::${escapeData(f.message)}`);
  }
  const skipped = report.files.filter((f) => f.kind === 'skipped').length;
  const total = report.findings.length;
  console.log(
    `docker-security-lint: ${total} finding${total === 1 ? '' : 's'} (${counts.error} errors, ${counts.warning} ` +
      `warnings, ${counts.info} info, ${counts.hint} hints) in ${report.files.length} files; exit code ${code}`,
  );

  if (sarif) {
    mkdirSync(path.dirname(path.resolve(sarifFile)), { recursive: true });
    const sarifCode = runCli(command, [
      '--format',
      'sarif',
      '--output',
      sarifFile,
      ...options.args,
      '--',
      ...options.paths,
    ]);
    if (sarifCode !== 0 && sarifCode !== 1) fail(`docker-security-lint (SARIF) exited with ${sarifCode}`);
    setOutput('sarif-file', sarifFile);
  }
  setOutput('findings', total);
  setOutput('errors', counts.error);
  setOutput('warnings', counts.warning);
  setOutput('infos', counts.info);
  setOutput('hints', counts.hint);
  setOutput('skipped', skipped);
  setOutput('exit-code', code);

  if (env.GITHUB_STEP_SUMMARY) {
    const rows = report.findings
      .slice(0, 50)
      .map((f) => `| ${f.severity} | \`${f.ruleId}\` | ${markdown(`${f.file}:${f.line}`)} | ${markdown(f.message)} |`);
    const more = total > 50 ? [`\n${total - 50} more in the annotations${sarif ? ' and the SARIF file' : ''}.`] : [];
    appendFileSync(
      env.GITHUB_STEP_SUMMARY,
      [
        '### docker-security-lint',
        '',
        `${total} findings: ${counts.error} errors, ${counts.warning} warnings, ${counts.info} info, ${counts.hint} hints` +
          (skipped ? `; ${skipped} files not analysed` : ''),
        '',
        ...(rows.length ? ['| Severity | Rule | Where | Message |', '| --- | --- | --- | --- |', ...rows] : []),
        ...more,
        '',
      ].join('\n'),
    );
  }
}

/** Text for a Markdown table cell: one line, Markdown and HTML syntax escaped, so that it shows as written. */
export function markdown(s) {
  return inert(s)
    .replace(/[\\`*_[\]!|~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
