// A pool of worker threads for the CLI: batches of files go to whichever worker is free; the replies come back in
// the order of the batches, so that the caller can use them in its own order. Knows nothing of linting
// (worker.ts does).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';

/** Batches a worker holds at once: one running, one waiting, so that it never idles waiting for the next. */
const IN_FLIGHT = 2;

export class WorkerPool<Batch, Reply> {
  private readonly workers: Worker[] = [];

  /** Starts `size` workers running `file`, each given `data` as its workerData. */
  constructor(size: number, file: string, data: unknown) {
    for (let i = 0; i < size; i++) this.workers.push(new Worker(file, { workerData: data }));
  }

  /**
   * Runs every batch and resolves with the replies in the order of the batches. A worker that fails (throws,
   * exits) rejects the run with its error.
   */
  run(batches: readonly Batch[]): Promise<Reply[]> {
    const replies: Reply[] = new Array<Reply>(batches.length);
    let next = 0;
    let done = 0;
    return new Promise<Reply[]>((resolve, reject) => {
      if (!batches.length) return resolve(replies);
      const cleanups: (() => void)[] = [];
      let settled = false;
      const finish = (e?: unknown) => {
        if (settled) return;
        settled = true;
        for (const c of cleanups) c();
        if (e) reject(e instanceof Error ? e : new Error(JSON.stringify(e)));
        else resolve(replies);
      };
      const completed = () => {
        if (++done === batches.length) finish();
      };
      for (const w of this.workers) {
        const queue: number[] = []; // the batches this worker holds, in the order it answers them
        const give = () => {
          while (queue.length < IN_FLIGHT && next < batches.length) {
            queue.push(next);
            w.postMessage(batches[next++]);
          }
        };
        const onMessage = (reply: Reply) => {
          replies[queue.shift()!] = reply;
          give();
          completed();
        };
        const onError = (e: unknown) => finish(e);
        const onExit = (code: number) => finish(new Error(`a worker thread exited (code ${code})`));
        w.on('message', onMessage);
        w.on('error', onError);
        w.on('exit', onExit);
        cleanups.push(() => {
          w.off('message', onMessage);
          w.off('error', onError);
          w.off('exit', onExit);
        });
        give();
      }
    });
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/**
 * Batches of about `size` items, the consecutive items of one folder together (a folder of more than `maxGroup`
 * is split): a project's files go to one worker, which parses what they share once.
 */
export function batchesByFolder<T>(items: readonly T[], fileOf: (t: T) => string, size = 16, maxGroup = 64): T[][] {
  const out: T[][] = [];
  let cur: T[] = [];
  let dir = '';
  let inGroup = 0;
  for (const it of items) {
    const d = path.dirname(fileOf(it));
    const sameFolder = d === dir && inGroup < maxGroup;
    if (!sameFolder && cur.length >= size) {
      out.push(cur);
      cur = [];
    }
    inGroup = sameFolder ? inGroup + 1 : 1;
    dir = d;
    cur.push(it);
  }
  if (cur.length) out.push(cur);
  return out;
}

/** The script a worker runs: `name` beside this module (compiled tests), else the bundle itself (dist/cli.js). */
export function workerScript(dir: string, name: string, bundle: string): string {
  const sibling = path.join(dir, name);
  return fs.existsSync(sibling) ? sibling : bundle;
}
