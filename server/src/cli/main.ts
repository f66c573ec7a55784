// The CLI: docker-security-lint [options] [paths...] (arguments in args.ts, one file's analysis in analyse.ts,
// the run and its report in run.ts, the worker pool in pool.ts and worker.ts).
import { type Config } from '../engine';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { ConfigError } from '../node/configFiles';
import { TOOL_NAME, TOOL_VERSION } from './format';
import { explain, init, listRules } from './commands';
import { batchesByFolder, WorkerPool, workerScript } from './pool';
import type { Job, WorkerSetup } from './worker';

import { HELP, parseArgs, UsageError, type Args, type CliIO } from './args';
import { analyseFile, type Outcome, type Target } from './analyse';
import { LintRun } from './run';

export type { Args, CliIO };
export { needsText, plainOutcome, analyseFile } from './analyse';
export { LintRun } from './run';

function runCommand(args: Args, io: CliIO): number {
  const c = args.command!;
  if (c === 'list-rules') {
    if (args.format !== 'text' && args.format !== 'json') {
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

/**
 * The default number of lint threads, from the cores this process may use: none besides this thread on three cores
 * or fewer (on two, `npm run bench` measured two workers slower than one thread: 1.27x the wall time on 2,000
 * files), else one worker per core but one (this thread hands out the files). `--jobs N` still forces N.
 */
export function defaultJobs(cores: number): number {
  return cores >= 4 ? cores - 1 : 1;
}

/** The cores this process may use: the available parallelism, bounded by a cgroup CPU quota (containers, CI). */
export function usableCores(read: (file: string) => string | undefined = readSmall): number {
  const quota = cgroupCores(
    read('/sys/fs/cgroup/cpu.max'),
    read('/sys/fs/cgroup/cpu/cpu.cfs_quota_us'),
    read('/sys/fs/cgroup/cpu/cpu.cfs_period_us'),
  );
  return Math.max(1, Math.min(os.availableParallelism(), quota ?? Infinity));
}

/** A cgroup's CPU quota in whole cores (v2 `cpu.max`: `quota period` or `max`; v1: quota and period files). */
export function cgroupCores(cpuMax?: string, v1Quota?: string, v1Period?: string): number | undefined {
  const [q, p] = cpuMax ? cpuMax.trim().split(/\s+/) : [v1Quota?.trim(), v1Period?.trim()];
  const quota = Number(q);
  const period = Number(p);
  if (!q || q === 'max' || !(quota > 0) || !(period > 0)) return undefined;
  return Math.max(1, Math.floor(quota / period));
}

function readSmall(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8').slice(0, 256);
  } catch {
    return undefined;
  }
}

async function runLintParallel(args: Args, io: CliIO): Promise<number> {
  const r = new LintRun(args, io);
  r.collect();
  const debug = new Set((io.env.DOCKER_SECURITY_LINT_DEBUG ?? '').split(/[\s,]+/));
  // force-workers: the threshold lifted, to measure where workers start to pay (npm run bench)
  const enough = r.targets.length >= MIN_FILES_FOR_WORKERS || debug.has('force-workers');
  if (args.fix || args.fixDryRun || !enough || !r.targets.length) return lintHere(r);
  // the cores are looked up only for a run that could use workers
  const jobs = args.jobs ?? defaultJobs(usableCores());
  if (jobs <= 1) return lintHere(r);
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
    const analysed = analyseFile(t.abs, config, env, t.stdin);
    r.record(t, config, analysed, env);
  }
  return r.finish();
}

/** One file to lint, and how it was found. */
