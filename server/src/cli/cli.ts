#!/usr/bin/env node
// Entry point of the docker-security-lint command (and, in a worker thread, of a lint worker of its pool).
import { isMainThread } from 'node:worker_threads';
import { inertLines } from './format';
import { runAsync } from './main';
import { startWorker } from './worker';
import { readStdin } from '../node/read';

if (isMainThread) {
  void runAsync(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    // what the CLI says on stderr names paths from the repository: one inert line per message (see printable)
    stderr: (s) => process.stderr.write(inertLines(s)),
    isTTY: !!process.stdout.isTTY,
    cwd: process.cwd(),
    env: process.env,
    stdin: readStdin,
  }).then((code) => {
    process.exitCode = code;
  });
} else startWorker();
