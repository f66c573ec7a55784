#!/usr/bin/env node
// Entry point of the docker-security-lint command.
import { run } from './main';

const code = run(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  isTTY: !!process.stdout.isTTY,
  cwd: process.cwd(),
  env: process.env,
});
process.exitCode = code;
