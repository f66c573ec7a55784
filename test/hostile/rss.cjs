// Preloaded into a CLI run by the hostile-input tests: reports the process's peak memory on exit.
process.on('exit', () => {
  process.stderr.write(`\nMAXRSS_KB=${process.resourceUsage().maxRSS}\n`);
});
