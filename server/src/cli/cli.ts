#!/usr/bin/env node
// Entry point of the docker-security-lint command (and, in a worker thread, of a lint worker of its pool).
import { isMainThread } from 'node:worker_threads';
import { runAsync } from './main';
import { startWorker } from './worker';

if (isMainThread) {
  void runAsync(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    isTTY: !!process.stdout.isTTY,
    cwd: process.cwd(),
    env: process.env,
  }).then((code) => {
    process.exitCode = code;
  });
} else startWorker();
