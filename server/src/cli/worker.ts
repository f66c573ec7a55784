// The lint worker of the CLI's pool: it receives batches of files (with the config each is linted with) and
// replies with each file's outcome as plain data. It builds the same file access as the serial path, from the
// run's arguments and the folders given on the command line.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { Config } from '../engine';
import { ConfigError } from '../node/configFiles';
import { analyseFile, needsText, plainOutcome, type Outcome } from './analyse';
import type { Args } from './args';
import { LintRun } from './run';

/** What every worker is started with. */
export interface WorkerSetup {
  args: Args;
  cwd: string;
  given: string[];
}

/** One file of a batch. */
export interface Job {
  abs: string;
  config: Config;
}

let started = false;

/** Runs the worker loop when this thread is a lint worker (idempotent: the bundle and tests both call it). */
export function startWorker(): void {
  const data = workerData as { dslLintWorker?: WorkerSetup } | undefined;
  if (started || isMainThread || !parentPort || !data?.dslLintWorker) return;
  started = true;
  const setup = data.dslLintWorker;
  const run = new LintRun(setup.args, { stdout: () => {}, stderr: () => {}, isTTY: false, cwd: setup.cwd, env: {} });
  run.given.push(...setup.given);
  const env = run.environment();
  const withFixes = setup.args.format !== 'text';
  const port = parentPort;
  port.on('message', (batch: Job[]) => {
    const out: Outcome[] = batch.map((j) => {
      try {
        return plainOutcome(analyseFile(j.abs, j.config, env).outcome, withFixes, needsText(setup.args, j.config));
      } catch (e) {
        if (e instanceof ConfigError) return { status: 'config-error', message: e.message };
        throw e;
      }
    });
    port.postMessage(out);
  });
}

startWorker();
