// The CLI on one thread against its floor (floor.cjs: a process that starts, walks, reads and parses the same files
// and does nothing else), a process each time as in CI: `runs` interleaved runs of each, in milliseconds. Bench
// sections 1 and 8 both measure it.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

function timed(argv) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, argv, { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed: ${r.stderr}`);
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, out: r.stdout };
}

/** Times of the CLI (`--jobs 1`, JSON) and of the floor over `dir`, and how many findings the CLI reported. */
export function cliAgainstFloor(root, dir, runs = 3) {
  const cli = [];
  const floor = [];
  let findings = 0;
  for (let k = 0; k < runs; k++) {
    floor.push(timed([path.join(root, 'test', 'bench', 'floor.cjs'), dir]).ms);
    const c = timed([path.join(root, 'dist', 'cli.js'), '--jobs', '1', '--format', 'json', '--fail-on', 'none', dir]);
    cli.push(c.ms);
    findings = JSON.parse(c.out).findings.length;
  }
  return { cli, floor, findings };
}
