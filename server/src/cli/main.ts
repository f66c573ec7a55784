// The CLI: docker-security-lint [options] [paths...]
import {
  detectKind,
  fixAll,
  lint,
  matchesAny,
  ParseCache,
  internalErrorProblem,
  invalidUtf8Problem,
  type Config,
  type GlobMatcher,
  type LintOptions,
  type LintResult,
  type Severity,
  type Profile,
  PROFILES,
  baselineKey,
  baselineRelative,
  fingerprints,
  renderBaseline,
  type BaselineEntry,
  type Finding,
} from '../engine';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError, ConfigResolver, gitRoot } from '../node/configFiles';
import { excludeMatchers, fsHost, isInside, walk, type WalkIssue } from '../node/files';
import { decode, readBytes } from '../node/read';
import { readBaseline } from '../node/baseline';
import { writeFileSafely, WriteRefused } from '../node/write';
import { atLeast, formatJson, formatSarif, formatText, TOOL_NAME, TOOL_VERSION, type Report } from './format';
import { unifiedDiff } from './diff';
import { explain, init, listRules } from './commands';

const HELP = `Usage: ${TOOL_NAME} [options] [paths...]

Finds container security misconfigurations in Dockerfiles, Docker Compose files, devcontainer.json,
the Docker daemon's configuration and docker run command lines.
Directories are searched for Dockerfile, Containerfile, *.Dockerfile, Dockerfile.*, compose.yaml,
docker-compose.yml, compose.*.yaml..., .devcontainer/devcontainer.json, .devcontainer.json,
daemon.json, docker.service(.d/*.conf), *.sh, *.bash, Makefile, *.mk, .github/workflows/*.yml and *.md
(Markdown in --profile strict only) (skipping .git and node_modules); files named explicitly are linted
whatever their names (a script by its shebang). Default path: .

Options:
  --format text|json|sarif   output format (default: text)
  -o, --output FILE          write the report to FILE instead of standard output
  --fail-on LEVEL            exit 1 when a finding is at or above LEVEL: error, warning, info, hint, none
                             (default: error)
  --profile recommended|strict
                             which findings to report (default: the config's profile, else recommended)
  --config FILE              use this config instead of the nearest .docker-security-lint.yaml
  --baseline FILE            report (and fail on) only findings not in FILE (default: the config's baseline)
  --write-baseline FILE      record every finding in FILE (a baseline), then report as usual and exit 0
  --fix                      apply safe fixes in place, then report what remains
  --fix-dry-run              print the safe fixes as a unified diff; change nothing
  --no-inline-ignores        ignore '# docker-security-lint ignore=' comments
  --require-ignore-reason    report ignore comments without '-- reason' (meta/ignore-without-reason)
  --color, --no-color        force or disable colours (default: on for a terminal, off with NO_COLOR)
  --explain RULE-ID          print a rule's documentation (what, why, how to fix, examples) and exit
  --list-rules               print every rule: severity per profile, quadrant, fix (--format json too)
  --init                     write a commented starter .docker-security-lint.yaml here (never overwrites)
  -h, --help                 show this help
  -v, --version              show the version

Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it; 2 usage, config or I/O error.
`;

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  isTTY: boolean;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

class UsageError extends Error {}

interface Args {
  paths: string[];
  format: 'text' | 'json' | 'sarif';
  output?: string;
  failOn: Severity | 'none';
  profile?: Profile;
  config?: string;
  baseline?: string;
  writeBaseline?: string;
  fix: boolean;
  fixDryRun: boolean;
  inlineIgnores: boolean;
  requireReason: boolean;
  color?: boolean;
  /** A command instead of a lint: --explain, --list-rules, --init. */
  command?: { explain: string } | 'list-rules' | 'init';
}

function parseArgs(argv: string[]): Args | 'help' | 'version' {
  const a: Args = {
    paths: [],
    format: 'text',
    failOn: 'error',
    fix: false,
    fixDryRun: false,
    inlineIgnores: true,
    requireReason: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i];
    const [flag, inline] =
      raw.startsWith('--') && raw.includes('=')
        ? [raw.slice(0, raw.indexOf('=')), raw.slice(raw.indexOf('=') + 1)]
        : [raw, undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '-h':
      case '--help':
        return 'help';
      case '-v':
      case '--version':
        return 'version';
      case '--format': {
        const v = value();
        if (v !== 'text' && v !== 'json' && v !== 'sarif')
          throw new UsageError(`--format must be text, json or sarif, not '${v}'`);
        a.format = v;
        break;
      }
      case '-o':
      case '--output':
        a.output = value();
        break;
      case '--fail-on': {
        const v = value();
        if (!['error', 'warning', 'info', 'hint', 'none'].includes(v))
          throw new UsageError(`--fail-on must be error, warning, info, hint or none, not '${v}'`);
        a.failOn = v as Args['failOn'];
        break;
      }
      case '--profile': {
        const v = value();
        if (!(PROFILES as readonly string[]).includes(v))
          throw new UsageError(`--profile must be ${PROFILES.join(' or ')}, not '${v}'`);
        a.profile = v as Profile;
        break;
      }
      case '--config':
        a.config = value();
        break;
      case '--baseline':
        a.baseline = value();
        break;
      case '--write-baseline':
        a.writeBaseline = value();
        break;
      case '--fix':
        a.fix = true;
        break;
      case '--fix-dry-run':
        a.fixDryRun = true;
        break;
      case '--no-inline-ignores':
        a.inlineIgnores = false;
        break;
      case '--require-ignore-reason':
        a.requireReason = true;
        break;
      case '--color':
        a.color = true;
        break;
      case '--no-color':
        a.color = false;
        break;
      case '--explain':
        a.command = { explain: value() };
        break;
      case '--list-rules':
        a.command = 'list-rules';
        break;
      case '--init':
        a.command = 'init';
        break;
      case '--':
        a.paths.push(...argv.slice(i + 1));
        i = argv.length;
        break;
      default:
        if (raw.startsWith('-') && raw !== '-') throw new UsageError(`unknown option '${raw}' (see --help)`);
        a.paths.push(raw);
    }
  }
  if (a.fix && a.fixDryRun) throw new UsageError('--fix and --fix-dry-run cannot be used together');
  if (!a.paths.length) a.paths.push('.');
  return a;
}

/** --explain, --list-rules, --init: 0 when done, 2 on a usage error or when --init would overwrite. */
function runCommand(args: Args, io: CliIO): number {
  const c = args.command!;
  if (c === 'list-rules') {
    if (args.format === 'sarif') {
      io.stderr(`${TOOL_NAME}: --list-rules prints text or json\n`);
      return 2;
    }
    io.stdout(listRules(args.format));
    return 0;
  }
  const r = c === 'init' ? init(io.cwd) : explain(c.explain);
  if ('error' in r) {
    io.stderr(`${TOOL_NAME}: ${r.error}\n`);
    return 2;
  }
  io.stdout('text' in r ? r.text : `wrote ${r.written}\n`);
  return 0;
}

export function run(argv: string[], io: CliIO): number {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`${TOOL_NAME}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (args === 'help') {
    io.stdout(HELP);
    return 0;
  }
  if (args === 'version') {
    io.stdout(`${TOOL_VERSION}\n`);
    return 0;
  }
  if (args.command) return runCommand(args, io);
  try {
    return runLint(args, io);
  } catch (e) {
    if (e instanceof ConfigError) {
      io.stderr(`${TOOL_NAME}: ${e.message}\n`);
      return 2;
    }
    io.stderr(`${TOOL_NAME}: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
}

function runLint(args: Args, io: CliIO): number {
  const given: string[] = []; // resolved folders given on the command line (where config searches may stop)
  const gitRoots = new Map<string, string | undefined>();
  const topOf = (dir: string) =>
    gitRoot(dir, gitRoots) ?? (isInside(dir, io.cwd) ? io.cwd : (given.find((g) => isInside(dir, g)) ?? dir));
  const resolver = new ConfigResolver(args.config ? path.resolve(io.cwd, args.config) : undefined, topOf);
  // each config's exclude globs, compiled once (not once per file)
  const compiled = new Map<Config, GlobMatcher[]>();
  const excludeOf = (config: Config) => {
    let m = compiled.get(config);
    if (!m) compiled.set(config, (m = excludeMatchers(config.exclude)));
    return m;
  };
  if (args.config) resolver.load(path.resolve(io.cwd, args.config));
  const report: Report = { results: [], errors: [] };
  const targets: { abs: string; display: string; explicit: boolean }[] = [];
  const seen = new Set<string>();
  let ioError = false;
  let internalError = false;
  /** Where --fix may write: the real paths of the folders and files given on the command line. */
  const fixRoots: string[] = [];
  const fixFiles = new Set<string>();
  const add = (abs: string, display: string, explicit: boolean) => {
    if (seen.has(abs)) return;
    seen.add(abs);
    targets.push({ abs, display, explicit });
  };
  for (const p of args.paths) {
    const abs = path.resolve(io.cwd, p);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      io.stderr(`${TOOL_NAME}: ${p}: ${code === 'ENOENT' ? 'no such file or directory' : (code ?? 'cannot read')}\n`);
      ioError = true;
      continue;
    }
    const real = realpathOr(abs);
    if (st.isDirectory()) {
      given.push(abs);
      fixRoots.push(real);
      const issues: WalkIssue[] = [];
      const { file: cfgFile, config } = resolver.forFile(path.join(abs, '.'));
      const base = cfgFile ? path.dirname(cfgFile) : abs;
      const found = walk(abs, excludeOf(config), issues, base);
      for (const f of found) add(f, path.join(p, path.relative(abs, f)), false);
      for (const i of issues)
        report.errors.push({ display: path.relative(io.cwd, i.path) || i.path, message: i.message, counts: false });
    } else {
      fixFiles.add(real);
      add(abs, p, true);
    }
  }
  const mayWrite = (abs: string) => {
    const real = realpathOr(abs);
    return fixFiles.has(real) || fixRoots.some((r) => isInside(real, r));
  };
  const cache = new ParseCache();
  const maxOf = (abs: string) => resolver.forFile(abs).config.maxFileSize;
  const host = fsHost(maxOf, undefined, (file) => topOf(path.dirname(file)));
  let failed = false;
  let diffs = '';
  const written: BaselineEntry[] = [];
  const baselines = new Map<string, Set<string>>();
  /** A baseline's keys, read once; one that cannot be read or is not a baseline stops the run (exit 2). */
  const baselineOf = (file: string): Set<string> => {
    let keys = baselines.get(file);
    if (keys) return keys;
    const parsed = readBaseline(file);
    if ('error' in parsed) throw new ConfigError(`baseline ${path.relative(io.cwd, file) || file}: ${parsed.error}`);
    baselines.set(file, (keys = parsed.keys));
    return keys;
  };
  const skippedRank: { error?: true; warn?: true } = {};
  const skipped = (display: string, message: string, abs: string) => {
    const policy = resolver.forFile(abs).config.skipped;
    report.errors.push({
      display,
      message,
      counts: policy !== 'ignore',
      level: policy === 'warn' ? 'warning' : 'error',
    });
    if (policy === 'error') skippedRank.error = true;
    else if (policy === 'warn') skippedRank.warn = true;
  };
  for (let i = 0; i < targets.length; i++) {
    const t = targets[i];
    const { file: cfgFile, config: fileConfig } = resolver.forFile(t.abs);
    const config = args.profile ? { ...fileConfig, profile: args.profile } : fileConfig;
    if (t.explicit === false && cfgFile) {
      const rel = path.relative(path.dirname(cfgFile), t.abs).split(path.sep).join('/');
      if (matchesAny(excludeOf(config), rel)) continue;
    }
    const raw = readBytes(t.abs, config.maxFileSize);
    if ('error' in raw) {
      if (raw.reason === 'missing') {
        report.errors.push({ display: t.display, message: raw.error, counts: false });
        if (t.explicit) ioError = true;
      } else {
        skipped(t.display, raw.error, t.abs);
        if (t.explicit && raw.error === 'permission denied') ioError = true;
      }
      continue;
    }
    const r = decode(raw.bytes);
    let failedHere = false; // a rule (or the analysis) failed on this file: no fixes from a partial result
    const opts: LintOptions = {
      host,
      cache,
      config,
      inlineIgnores: args.inlineIgnores,
      requireIgnoreReason: args.requireReason,
      kind: detectKind(t.abs, r.text, true),
      onRuleError: () => {
        internalError = failedHere = true;
      },
    };
    if (!opts.kind) {
      if (t.explicit)
        report.errors.push({
          display: t.display,
          message: 'not a Dockerfile or Compose file (no FROM, no top-level services); skipped',
          counts: false,
        });
      continue;
    }
    let text = r.text;
    let result: LintResult;
    try {
      result = lint(t.abs, text, opts);
    } catch (e) {
      internalError = failedHere = true;
      result = { file: t.abs, kind: opts.kind, findings: [], problems: [internalErrorProblem(t.abs, e)] };
    }
    if (r.invalidUtf8) result.problems.unshift(invalidUtf8Problem(t.abs));
    if ((args.fix || args.fixDryRun) && !failedHere) {
      const fixed = fixAll(t.abs, text, opts, result);
      if (fixed.refused)
        report.errors.push({ display: t.display, message: `not fixed: ${fixed.refused}`, counts: false });
      if (fixed.text !== text) {
        const refusal = r.invalidUtf8
          ? 'the file is not valid UTF-8 (writing it back would replace those bytes)'
          : !mayWrite(t.abs)
            ? 'outside the paths given on the command line'
            : undefined;
        if (refusal) report.errors.push({ display: t.display, message: `not fixed: ${refusal}`, counts: false });
        else if (args.fixDryRun) diffs += unifiedDiff(t.display.split(path.sep).join('/'), text, fixed.text);
        else {
          try {
            // a link is kept: its target is fixed (mayWrite checked that the target is inside the given paths)
            writeFileSafely(realpathOr(t.abs), (r.bom ? '\uFEFF' : '') + fixed.text, { expected: raw.bytes });
            text = fixed.text;
            result = fixed.result;
            if (r.invalidUtf8) result.problems.unshift(invalidUtf8Problem(t.abs));
          } catch (e) {
            report.errors.push({
              display: t.display,
              message: `not fixed: ${e instanceof WriteRefused ? e.message : `cannot write the fixed file (${(e as NodeJS.ErrnoException).code ?? 'error'})`}`,
              counts: false,
            });
            failed = true;
          }
          host.forget(t.abs);
        }
      }
    }
    // Compose `include`: lint the included files as Compose files too
    for (const inc of result.includes ?? []) {
      if (fs.existsSync(inc)) add(inc, path.relative(io.cwd, inc) || inc, true);
    }
    // baselines: the findings recorded (written now, or read) are matched by fingerprint, not by line
    let baselined: Finding[] | undefined;
    const writing = args.writeBaseline ? path.resolve(io.cwd, args.writeBaseline) : undefined;
    const reading = args.baseline ? path.resolve(io.cwd, args.baseline) : config.baseline;
    if (writing || reading) {
      if (writing) {
        const rel = baselineRelative(writing, t.abs);
        fingerprints(result, text, rel).forEach((fingerprint, i) =>
          written.push({
            file: rel,
            ruleId: result.findings[i].ruleId,
            fingerprint,
            message: result.findings[i].message,
          }),
        );
      } else if (reading) {
        const keys = baselineOf(reading);
        const rel = baselineRelative(reading, t.abs);
        const fps = fingerprints(result, text, rel);
        const isOld = (i: number) => keys.has(baselineKey(rel, fps[i]));
        baselined = result.findings.filter((_, i) => isOld(i));
        result = { ...result, findings: result.findings.filter((_, i) => !isOld(i)) };
        report.baseline = true;
      }
    }
    const display = (abs: string) => path.relative(io.cwd, abs) || abs;
    report.results.push({
      display: t.display,
      result: settle({ ...result, file: t.display }, args.format !== 'text', display),
      text,
      ...(baselined ? { baselined: settle({ ...result, findings: baselined }, false, display).findings } : {}),
    });
  }
  if (args.writeBaseline) {
    const file = path.resolve(io.cwd, args.writeBaseline);
    try {
      writeFileSafely(file, renderBaseline(written));
    } catch (e) {
      io.stderr(
        `${TOOL_NAME}: cannot write ${args.writeBaseline}: ` +
          `${e instanceof WriteRefused ? e.message : ((e as NodeJS.ErrnoException).code ?? 'error')}\n`,
      );
      return 2;
    }
    io.stderr(
      `${TOOL_NAME}: wrote ${written.length} finding${written.length === 1 ? '' : 's'} to ${args.writeBaseline}\n`,
    );
  }
  let out: string;
  if (args.format === 'json') out = formatJson(report);
  else if (args.format === 'sarif') out = formatSarif(report);
  else {
    const color = args.color ?? (io.isTTY && !args.output && !io.env.NO_COLOR);
    out = (args.fixDryRun ? diffs : '') + formatText(report, color);
  }
  if (args.fixDryRun && args.format !== 'text' && diffs) io.stderr(diffs);
  if (args.output) {
    try {
      writeFileSafely(path.resolve(io.cwd, args.output), out);
    } catch (e) {
      io.stderr(
        `${TOOL_NAME}: cannot write ${args.output}: ` +
          `${e instanceof WriteRefused ? e.message : ((e as NodeJS.ErrnoException).code ?? 'error')}\n`,
      );
      return 2;
    }
  } else io.stdout(out);
  if (ioError || failed) return 2;
  if (args.failOn === 'none' || args.writeBaseline) return 0;
  if (internalError) {
    io.stderr(
      `${TOOL_NAME}: an internal error stopped part of the analysis (see the report); the result cannot be trusted\n`,
    );
    return 2;
  }
  const threshold = args.failOn;
  if (skippedRank.error || (skippedRank.warn && atLeast('warning', threshold))) return 1;
  return report.results.some(({ result }) => result.findings.some((f) => atLeast(f.severity, threshold))) ? 1 : 0;
}

function realpathOr(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p); // a broken link or a vanished file: judged by the path as given
  }
}

/**
 * The result as plain data that no longer holds the parsed file: fixes are computed now, while the file is in
 * memory, when the format shows them (JSON, SARIF), and dropped otherwise. Holding every file's lazy fixes until
 * the report is written kept every parsed document of the run alive (a third of a large scan went to garbage
 * collection).
 */
function settle(r: LintResult, withFixes: boolean, display: (abs: string) => string): LintResult {
  return {
    ...r,
    // own fields only: a finding's lazy fixes (which hold the document) are not among them; related files are
    // shown as the finding's own file is (relative to the current folder)
    findings: r.findings.map((f) => ({
      ...f,
      fixes: withFixes ? f.fixes : undefined,
      ...(f.related ? { related: f.related.map((x) => ({ ...x, file: display(x.file) })) } : {}),
    })),
  };
}
