// The CLI: docker-security-lint [options] [paths...]
import {
  detectKind,
  fixAll,
  lint,
  matchesAny,
  relativeSlashed,
  ParseCache,
  internalErrorProblem,
  invalidUtf8Problem,
  wideEncodingProblem,
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
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError, ConfigResolver, gitRoot } from '../node/configFiles';
import { excludeMatchers, fsHost, isInside, walk, type WalkIssue } from '../node/files';
import { decode, readBytes } from '../node/read';
import { readBaseline } from '../node/baseline';
import { writeFileSafely, WriteRefused } from '../node/write';
import {
  atLeast,
  formatJson,
  formatSarif,
  formatText,
  inertLines,
  TOOL_NAME,
  TOOL_VERSION,
  type Report,
} from './format';
import { unifiedDiff } from './diff';
import { explain, init, listRules } from './commands';
import { batchesByFolder, WorkerPool, workerScript } from './pool';
import type { Job, WorkerSetup } from './worker';

const HELP = `Usage: ${TOOL_NAME} [options] [paths...]

Finds container security misconfigurations in Dockerfiles, Docker Compose files, devcontainer.json,
the Docker daemon's configuration and docker run command lines.
Directories are searched for Dockerfile, Containerfile, *.Dockerfile, Dockerfile.*, compose.yaml,
docker-compose.yml, compose.*.yaml..., .devcontainer/devcontainer.json, .devcontainer.json,
daemon.json, docker.service(.d/*.conf), *.sh, *.bash, Makefile, *.mk, .github/workflows/*.yml,
.gitlab-ci.yml, *.gitlab-ci.yml and *.md
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
  -j, --jobs N               lint on N threads (default: the available cores; 1: one thread; --fix: one)
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

export interface Args {
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
  /** Worker threads for the lint (default: the available cores; 1: this thread only). */
  jobs?: number;
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
      case '-j':
      case '--jobs': {
        const v = value();
        if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 256)
          throw new UsageError(`--jobs must be a whole number from 1 to 256, not '${v}'`);
        a.jobs = Number(v);
        break;
      }
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

/**
 * The CLI on this thread only (what tests and embedders call): `--jobs` is read and ignored. The command itself
 * runs `runAsync`, which lints on worker threads.
 */
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
    return failure(e, io);
  }
}

/** What a run that threw says and returns: a config error as itself, anything else as an internal error. */
function failure(e: unknown, io: CliIO): number {
  io.stderr(
    e instanceof ConfigError
      ? `${TOOL_NAME}: ${e.message}\n`
      : `${TOOL_NAME}: internal error: ${e instanceof Error ? e.message : String(e)}\n`,
  );
  return 2;
}

/** The CLI as the command runs it: the lint on `--jobs` worker threads when there are enough files to share. */
export async function runAsync(argv: string[], io: CliIO): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(argv);
  } catch {
    return run(argv, io); // the same usage message
  }
  if (args === 'help' || args === 'version' || args.command) return run(argv, io);
  try {
    return await runLintParallel(args, io);
  } catch (e) {
    return failure(e, io);
  }
}

/**
 * Below this many files the lint stays on this thread: starting workers (each loads the bundle and warms up its
 * own JIT and heap) and sending results back costs more than it saves. `npm run bench` (section 5) measured the
 * crossover between 512 and 1,024 files on the 2-core CI machine.
 */
export const MIN_FILES_FOR_WORKERS = 1000;
/** Files per worker: fewer files than this do not justify another worker. */
const FILES_PER_WORKER = 24;

async function runLintParallel(args: Args, io: CliIO): Promise<number> {
  const jobs = args.jobs ?? os.availableParallelism();
  const r = new LintRun(args, io);
  r.collect();
  const debug = new Set((io.env.DOCKER_SECURITY_LINT_DEBUG ?? '').split(/[\s,]+/));
  // force-workers: the threshold lifted, to measure where workers start to pay (npm run bench)
  const enough = r.targets.length >= MIN_FILES_FOR_WORKERS || debug.has('force-workers');
  if (jobs <= 1 || args.fix || args.fixDryRun || !enough || !r.targets.length) return lintHere(r);
  // `--jobs N` is N workers: this thread only hands out files and writes the report (measured: this thread
  // linting as well, between the workers' replies, was slower, its collector busy with the results it holds)
  const size = Math.min(jobs, Math.ceil(r.targets.length / FILES_PER_WORKER));
  const setup: WorkerSetup = { args, cwd: io.cwd, given: r.given };
  const pool = new WorkerPool<Job[], Outcome[]>(size, workerScript(__dirname, 'worker.js', __filename), {
    dslLintWorker: setup,
  });
  // for tests and for people who wonder: DOCKER_SECURITY_LINT_DEBUG=workers says how many threads lint
  if (debug.has('workers')) io.stderr(`${TOOL_NAME}: ${r.targets.length} files on ${size} worker threads\n`);
  try {
    // rounds: the files a round's Compose files `include` are the next round, as they come last on one thread
    for (let done = 0; done < r.targets.length;) {
      const round = r.targets.slice(done);
      done += round.length;
      const planned = round.map((t) => ({ t, config: r.configFor(t) }));
      const batches = batchesByFolder(
        planned.filter((p): p is { t: Target; config: Config } => !!p.config),
        (p) => p.t.abs,
      );
      const replies = await pool.run(batches.map((b) => b.map((p) => ({ abs: p.t.abs, config: p.config }))));
      const outcomes = new Map<Target, Outcome>();
      batches.forEach((b, i) => b.forEach((p, k) => outcomes.set(p.t, replies[i][k])));
      for (const p of planned) if (p.config) r.record(p.t, p.config, { outcome: outcomes.get(p.t)! });
    }
  } finally {
    await pool.close();
  }
  return r.finish();
}

/** Whether an outcome's text is used after the lint: SARIF fingerprints lines, and so do baselines. */
export function needsText(args: Args, config: Config): boolean {
  return args.format === 'sarif' || !!args.baseline || !!args.writeBaseline || !!config.baseline;
}

/** Results as plain data a worker can send: fixes computed now when the format shows them, dropped otherwise. */
export function plainOutcome(o: Outcome, withFixes: boolean, withText: boolean): Outcome {
  if (o.status !== 'linted') return o;
  return {
    ...o,
    // the text goes back only when the report or a baseline needs it (SARIF and baselines fingerprint lines)
    text: withText ? o.text : '',
    result: settle(o.result, withFixes, (abs) => abs),
  };
}

function runLint(args: Args, io: CliIO): number {
  const r = new LintRun(args, io);
  r.collect();
  return lintHere(r);
}

/** Lints every target on this thread, in order (files a Compose file includes join the end of the list). */
function lintHere(r: LintRun): number {
  for (let i = 0; i < r.targets.length; i++) {
    const t = r.targets[i];
    const config = r.configFor(t);
    if (!config) continue;
    const env = r.environment();
    const analysed = analyseFile(t.abs, config, env);
    r.record(t, config, analysed, env);
  }
  return r.finish();
}

/** One file to lint, and how it was found. */
export interface Target {
  abs: string;
  display: string;
  explicit: boolean;
}

/** What the analysis of one file gave, as plain data (a worker sends it back as is). */
export type Outcome =
  | { status: 'missing'; error: string }
  | { status: 'unreadable'; error: string }
  | { status: 'not-lintable' }
  | { status: 'config-error'; message: string }
  | {
      status: 'linted';
      result: LintResult;
      text: string;
      invalidUtf8: boolean;
      bom: boolean;
      ruleError: boolean;
      encoding?: string;
    };

/** What analysing a file needs besides the file: file access shared by the files of a run, and the options. */
export interface AnalysisEnv {
  host: ReturnType<typeof fsHost>;
  cache: ParseCache;
  inlineIgnores: boolean;
  requireReason: boolean;
}

/** The analysis of one file, and what fixing it in place needs (the serial path only). */
interface Analysed {
  outcome: Outcome;
  bytes?: Buffer;
  opts?: LintOptions;
}

/** Reads, decodes, recognises and lints one file. Never throws but for a config error (which stops the run). */
export function analyseFile(abs: string, config: Config, env: AnalysisEnv): Analysed {
  const raw = readBytes(abs, config.maxFileSize);
  if ('error' in raw)
    return {
      outcome:
        raw.reason === 'missing' ? { status: 'missing', error: raw.error } : { status: 'unreadable', error: raw.error },
    };
  const r = decode(raw.bytes);
  let ruleError = false;
  const opts: LintOptions = {
    host: env.host,
    cache: env.cache,
    config,
    inlineIgnores: env.inlineIgnores,
    requireIgnoreReason: env.requireReason,
    kind: detectKind(abs, r.text, true),
    onRuleError: () => {
      ruleError = true;
    },
  };
  if (!opts.kind) return { outcome: { status: 'not-lintable' } };
  let result: LintResult;
  try {
    result = lint(abs, r.text, opts);
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    ruleError = true;
    result = { file: abs, kind: opts.kind, findings: [], problems: [internalErrorProblem(abs, e)] };
  }
  if (r.invalidUtf8) result.problems.unshift(invalidUtf8Problem(abs, r.encoding));
  if (r.encoding) result.problems.unshift(wideEncodingProblem(abs, r.encoding));
  return {
    outcome: {
      status: 'linted',
      result,
      text: r.text,
      invalidUtf8: r.invalidUtf8,
      bom: r.bom,
      ruleError,
      ...(r.encoding ? { encoding: r.encoding } : {}),
    },
    bytes: raw.bytes,
    opts,
  };
}

/** A lint run of the CLI: the files to lint, their configs, and the report they add up to. */
export class LintRun {
  /** Resolved folders given on the command line (where config searches may stop). */
  readonly given: string[] = [];
  private readonly gitRoots = new Map<string, string | undefined>();
  readonly resolver: ConfigResolver;
  /** Each config's exclude globs, compiled once (not once per file). */
  private readonly compiled = new Map<Config, GlobMatcher[]>();
  readonly report: Report = { results: [], errors: [] };
  readonly targets: Target[] = [];
  private readonly seen = new Set<string>();
  private ioError = false;
  private internalError = false;
  /** Where --fix may write: the real paths of the folders and files given on the command line. */
  private readonly fixRoots: string[] = [];
  private readonly fixFiles = new Set<string>();
  private env: AnalysisEnv | undefined;
  private failed = false;
  private diffs = '';
  private readonly written: BaselineEntry[] = [];
  private readonly baselines = new Map<string, Set<string>>();
  private readonly skippedRank: { error?: true; warn?: true } = {};

  constructor(
    readonly args: Args,
    private readonly io: CliIO,
  ) {
    this.resolver = new ConfigResolver(args.config ? path.resolve(io.cwd, args.config) : undefined, (dir) =>
      this.topOf(dir),
    );
    if (args.config) this.resolver.load(path.resolve(io.cwd, args.config));
  }

  topOf(dir: string): string {
    return (
      gitRoot(dir, this.gitRoots) ??
      (isInside(dir, this.io.cwd) ? this.io.cwd : (this.given.find((g) => isInside(dir, g)) ?? dir))
    );
  }

  private excludeOf(config: Config): GlobMatcher[] {
    let m = this.compiled.get(config);
    if (!m) this.compiled.set(config, (m = excludeMatchers(config.exclude)));
    return m;
  }

  private add(abs: string, display: string, explicit: boolean): void {
    if (this.seen.has(abs)) return;
    this.seen.add(abs);
    this.targets.push({ abs, display, explicit });
  }

  /** The files the paths given name: folders walked, files as given. */
  collect(): void {
    const { io } = this;
    for (const p of this.args.paths) {
      const abs = path.resolve(io.cwd, p);
      let st: fs.Stats;
      try {
        st = fs.statSync(abs);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        io.stderr(`${TOOL_NAME}: ${p}: ${code === 'ENOENT' ? 'no such file or directory' : (code ?? 'cannot read')}\n`);
        this.ioError = true;
        continue;
      }
      const real = realpathOr(abs);
      if (st.isDirectory()) {
        this.given.push(abs);
        this.fixRoots.push(real);
        const issues: WalkIssue[] = [];
        const { file: cfgFile, config } = this.resolver.forFile(path.join(abs, '.'));
        const base = cfgFile ? path.dirname(cfgFile) : abs;
        const found = walk(abs, this.excludeOf(config), issues, base);
        for (const f of found) this.add(f, path.join(p, path.relative(abs, f)), false);
        for (const i of issues)
          this.report.errors.push({
            display: path.relative(io.cwd, i.path) || i.path,
            message: i.message,
            counts: false,
          });
      } else {
        this.fixFiles.add(real);
        this.add(abs, p, true);
      }
    }
  }

  /** The file access and options of the serial path (a worker makes its own). */
  environment(): AnalysisEnv {
    return (this.env ??= {
      host: fsHost(
        (abs) => this.resolver.forFile(abs).config.maxFileSize,
        undefined,
        (file) => this.topOf(path.dirname(file)),
      ),
      cache: new ParseCache(),
      inlineIgnores: this.args.inlineIgnores,
      requireReason: this.args.requireReason,
    });
  }

  /** The config a target is linted with, or undefined when the config excludes it. */
  configFor(t: Target): Config | undefined {
    const { file: cfgFile, config: fileConfig } = this.resolver.forFile(t.abs);
    const config = this.args.profile ? { ...fileConfig, profile: this.args.profile } : fileConfig;
    if (t.explicit === false && cfgFile) {
      const rel = relativeSlashed(path.dirname(cfgFile), t.abs);
      if (matchesAny(this.excludeOf(config), rel)) return undefined;
    }
    return config;
  }

  private mayWrite(abs: string): boolean {
    const real = realpathOr(abs);
    return this.fixFiles.has(real) || this.fixRoots.some((r) => isInside(real, r));
  }

  /** A baseline's keys, read once; one that cannot be read or is not a baseline stops the run (exit 2). */
  private baselineOf(file: string): Set<string> {
    let keys = this.baselines.get(file);
    if (keys) return keys;
    const parsed = readBaseline(file);
    if ('error' in parsed)
      throw new ConfigError(`baseline ${path.relative(this.io.cwd, file) || file}: ${parsed.error}`);
    this.baselines.set(file, (keys = parsed.keys));
    return keys;
  }

  private skipped(display: string, message: string, abs: string): void {
    const policy = this.resolver.forFile(abs).config.skipped;
    this.report.errors.push({
      display,
      message,
      counts: policy !== 'ignore',
      level: policy === 'warn' ? 'warning' : 'error',
    });
    this.countIncomplete(abs);
  }

  /** A file not analysed, or not completely: it counts in the exit code as its config's `skipped` policy says. */
  private countIncomplete(abs: string): void {
    const policy = this.resolver.forFile(abs).config.skipped;
    if (policy === 'error') this.skippedRank.error = true;
    else if (policy === 'warn') this.skippedRank.warn = true;
  }

  /** Adds one file's outcome to the report, in the order of the targets; fixes it first when asked (serial). */
  record(t: Target, config: Config, analysed: Analysed, env?: AnalysisEnv): void {
    const { args, io, report } = this;
    const o = analysed.outcome;
    if (o.status === 'config-error') throw new ConfigError(o.message);
    if (o.status === 'missing') {
      report.errors.push({ display: t.display, message: o.error, counts: false });
      if (t.explicit) this.ioError = true;
      return;
    }
    if (o.status === 'unreadable') {
      this.skipped(t.display, o.error, t.abs);
      if (t.explicit && o.error === 'permission denied') this.ioError = true;
      return;
    }
    if (o.status === 'not-lintable') {
      if (t.explicit)
        report.errors.push({
          display: t.display,
          message: 'not a Dockerfile or Compose file (no FROM, no top-level services); skipped',
          counts: false,
        });
      return;
    }
    let { result, text } = o;
    if (o.ruleError) this.internalError = true;
    // a file the engine could not read completely (a syntax error, an alias or a document it did not read, a chain
    // it cut, a file outside the repository it refused): its analysis is incomplete, so it counts as a file that
    // was not analysed (the config's `skipped` policy), never as a clean file
    if (result.problems.some((p) => p.severity === 'error')) this.countIncomplete(t.abs);
    if ((args.fix || args.fixDryRun) && !o.ruleError && analysed.opts && analysed.bytes && env) {
      const fixed = fixAll(t.abs, text, analysed.opts, result);
      if (fixed.refused)
        report.errors.push({ display: t.display, message: `not fixed: ${fixed.refused}`, counts: false });
      if (fixed.text !== text) {
        const refusal = o.encoding
          ? `the file is ${o.encoding} (fixes are written back as UTF-8 only)`
          : o.invalidUtf8
            ? 'the file is not valid UTF-8 (writing it back would replace those bytes)'
            : !this.mayWrite(t.abs)
              ? 'outside the paths given on the command line'
              : undefined;
        if (refusal) report.errors.push({ display: t.display, message: `not fixed: ${refusal}`, counts: false });
        else if (args.fixDryRun) this.diffs += unifiedDiff(t.display.split(path.sep).join('/'), text, fixed.text);
        else {
          try {
            // a link is kept: its target is fixed (mayWrite checked that the target is inside the given paths)
            writeFileSafely(realpathOr(t.abs), (o.bom ? '\uFEFF' : '') + fixed.text, { expected: analysed.bytes });
            text = fixed.text;
            result = fixed.result;
            if (o.invalidUtf8) result.problems.unshift(invalidUtf8Problem(t.abs));
          } catch (e) {
            report.errors.push({
              display: t.display,
              message: `not fixed: ${e instanceof WriteRefused ? e.message : `cannot write the fixed file (${(e as NodeJS.ErrnoException).code ?? 'error'})`}`,
              counts: false,
            });
            this.failed = true;
          }
          env.host.forget(t.abs);
        }
      }
    }
    // Compose `include`: lint the included files as Compose files too
    for (const inc of result.includes ?? []) {
      if (fs.existsSync(inc)) this.add(inc, path.relative(io.cwd, inc) || inc, true);
    }
    // baselines: the findings recorded (written now, or read) are matched by fingerprint, not by line
    let baselined: Finding[] | undefined;
    const writing = args.writeBaseline ? path.resolve(io.cwd, args.writeBaseline) : undefined;
    const reading = args.baseline ? path.resolve(io.cwd, args.baseline) : config.baseline;
    if (writing || reading) {
      if (writing) {
        const rel = baselineRelative(writing, t.abs);
        const findings = result.findings;
        fingerprints(result, text, rel).forEach((fingerprint, i) =>
          this.written.push({ file: rel, ruleId: findings[i].ruleId, fingerprint, message: findings[i].message }),
        );
      } else if (reading) {
        const keys = this.baselineOf(reading);
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
      ...(args.format === 'sarif' ? { text } : {}),
      ...(baselined ? { baselined: settle({ ...result, findings: baselined }, false, display).findings } : {}),
    });
  }

  /** Writes the baseline and the report; the exit code. */
  finish(): number {
    const { args, io, report } = this;
    if (args.writeBaseline) {
      const file = path.resolve(io.cwd, args.writeBaseline);
      try {
        writeFileSafely(file, renderBaseline(this.written));
      } catch (e) {
        io.stderr(
          `${TOOL_NAME}: cannot write ${args.writeBaseline}: ` +
            `${e instanceof WriteRefused ? e.message : ((e as NodeJS.ErrnoException).code ?? 'error')}\n`,
        );
        return 2;
      }
      io.stderr(
        `${TOOL_NAME}: wrote ${this.written.length} finding${this.written.length === 1 ? '' : 's'} to ${args.writeBaseline}\n`,
      );
    }
    let out: string;
    if (args.format === 'json') out = formatJson(report);
    else if (args.format === 'sarif') out = formatSarif(report);
    else {
      const color = args.color ?? (io.isTTY && !args.output && !io.env.NO_COLOR);
      out = (args.fixDryRun ? inertLines(this.diffs) : '') + formatText(report, color);
    }
    if (args.fixDryRun && args.format !== 'text' && this.diffs) io.stderr(this.diffs);
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
    if (this.ioError || this.failed) return 2;
    if (args.failOn === 'none' || args.writeBaseline) return 0;
    if (this.internalError) {
      io.stderr(
        `${TOOL_NAME}: an internal error stopped part of the analysis (see the report); the result cannot be trusted\n`,
      );
      return 2;
    }
    const threshold = args.failOn;
    if (this.skippedRank.error || (this.skippedRank.warn && atLeast('warning', threshold))) return 1;
    return report.results.some(({ result }) => result.findings.some((f) => atLeast(f.severity, threshold))) ? 1 : 0;
  }
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
