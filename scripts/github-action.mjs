// The script part of the GitHub Action (action.yml): turns the action's inputs into one docker-security-lint
// command line, runs it, and reports to GitHub: annotations on the lines, a job summary, step outputs (counts, exit
// code, SARIF file). The action's last step fails the job on the exit code, after the SARIF upload, so that code
// scanning gets the results of a failing run too.
//
// Inputs come as the environment GitHub gives composite steps here (INPUT_*, set by action.yml). The CLI is
// `npx --yes docker-security-lint@<version>` (the action's own version unless `version` says otherwise), or the
// file named by DSL_CLI (tests, and a repository that runs its own build). Nothing else is read or run.
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
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

function cliCommand() {
  if (env.DSL_CLI) return [process.execPath, path.resolve(env.DSL_CLI)];
  let version = input('version');
  if (!version) {
    const manifest = fileURLToPath(new URL('../package.json', import.meta.url));
    version = JSON.parse(readFileSync(manifest, 'utf8')).version;
  }
  if (!/^[0-9A-Za-z.+-]+$/.test(version)) fail(`version must be a version number (got '${version}')`);
  return ['npx', '--yes', `docker-security-lint@${version}`];
}

function runCli(command, args) {
  const r = spawnSync(command[0], [...command.slice(1), ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  if (r.error) fail(`could not run ${command.join(' ')}: ${r.error.message}`);
  if (r.stderr) process.stderr.write(r.stderr);
  return r.status ?? 2;
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
  const command = cliCommand();
  const workspace = env.GITHUB_WORKSPACE || process.cwd();

  const temp = mkdtempSync(path.join(env.RUNNER_TEMP || os.tmpdir(), 'dsl-action-'));
  const jsonFile = path.join(temp, 'report.json');
  const code = runCli(command, ['--format', 'json', '--output', jsonFile, ...options.args, '--', ...options.paths]);
  if (code !== 0 && code !== 1) {
    setOutput('exit-code', code);
    fail(`docker-security-lint exited with ${code} (see the message above)`);
  }
  const report = JSON.parse(readFileSync(jsonFile, 'utf8'));

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
      .map((f) => `| ${f.severity} | \`${f.ruleId}\` | ${f.file}:${f.line} | ${f.message.replace(/\|/g, '\\|')} |`);
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

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
