// Helpers for the CLI and hostile-input suites: files made by the test (links to /proc, /dev/zero, FIFOs...), runs
// of the CLI in process, and runs of the built CLI in a child process with a time limit and its peak memory
// measured.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { run } from '../../server/src/cli/main';

export const root = path.resolve(__dirname, '..', '..', '..');
export const cliJs = path.join(root, 'dist', 'cli.js');
const rssPreload = path.join(root, 'test', 'hostile', 'rss.cjs');

export type Tree = Record<
  string,
  string | Buffer | { link: string } | { fifo: true } | { mode: number; content: string | Buffer }
>;

export function makeTree(files: Tree, base?: string): string {
  const dir = base ?? fs.mkdtempSync(path.join(os.tmpdir(), 'dsl-hostile-'));
  for (const [rel, spec] of Object.entries(files)) {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    if (typeof spec === 'string' || Buffer.isBuffer(spec)) fs.writeFileSync(p, spec);
    else if ('link' in spec) fs.symlinkSync(spec.link, p);
    else if ('fifo' in spec) spawnSync('mkfifo', [p]);
    else {
      fs.writeFileSync(p, spec.content);
      fs.chmodSync(p, spec.mode);
    }
  }
  return dir;
}

/** Runs the CLI in this process (no terminal, empty environment) and collects what it prints. */
export function runInProcess(args: string[], cwd: string): { code: number; out: string; err: string } {
  let out = '',
    err = '';
  const code = run(args, {
    stdout: (s) => {
      out += s;
    },
    stderr: (s) => {
      err += s;
    },
    isTTY: false,
    cwd,
    env: {},
  });
  return { code, out, err };
}

export interface Run {
  code: number | null;
  out: string;
  err: string;
  ms: number;
  rssMb: number;
  timedOut: boolean;
}

/**
 * Runs the built CLI with a hard time limit (generous: a hang or a blow-up is what is caught, not noise) and a
 * heap limit, and reports its peak resident memory.
 */
export function runCli(args: string[], cwd: string, limitMs = 30_000): Run {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ['--max-old-space-size=1024', '-r', rssPreload, cliJs, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: limitMs,
    maxBuffer: 512 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1' },
  });
  const ms = Date.now() - t0;
  const m = /MAXRSS_KB=(\d+)/.exec(r.stderr ?? '');
  return {
    code: r.status,
    out: r.stdout ?? '',
    err: (r.stderr ?? '').replace(/\nMAXRSS_KB=\d+\n$/, ''),
    ms,
    rssMb: m ? Number(m[1]) / 1024 : Infinity,
    timedOut: r.error !== undefined && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT',
  };
}

/** Time one call in process. */
export function timed<T>(fn: () => T): { value: T; ms: number } {
  const t0 = process.hrtime.bigint();
  const value = fn();
  return { value, ms: Number(process.hrtime.bigint() - t0) / 1e6 };
}

export function isRoot(): boolean {
  return process.getuid?.() === 0;
}
