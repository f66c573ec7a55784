// Large open documents are linted on a worker thread, so that their analysis (a 2 MB Compose file takes a few
// hundred milliseconds even incrementally) never holds up the diagnostics of the other documents: the server's own
// thread stays free for edits, requests and the small files. Chosen over slicing the analysis because the engine
// is synchronous from parse to findings; a worker needs no change to it. Node only (nodePlatform.ts); the worker is
// the server's own bundle, started on the first large document and kept (unref'd) with its incremental parse
// cache and the last result of each document, whose fixes it computes when the editor asks for code actions
// (computing every finding's fixes up front cost seconds on a large file). A job waiting for the worker is replaced
// by a newer one with the same key; a worker that fails is not restarted and the documents are linted on the
// server's thread again.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { fixAll, lint, ParseCache, type LintResult } from '../engine';
import { fsHost } from '../node/files';
import type { AsideAnswer, AsideJob, AsideResult } from './platform';

interface Reply {
  id: number;
  answer?: AsideAnswer;
  ruleErrors: string[];
  error?: string;
}

export class AsideLinter {
  private worker: Worker | undefined;
  private broken = false;
  private nextId = 1;
  private running: { id: number; resolve: (r: AsideResult) => void } | undefined;
  private readonly waiting = new Map<string, { job: AsideJob; resolve: (r: AsideResult) => void }>();

  private log: (message: string) => void = () => undefined;

  constructor(private readonly script: string) {}

  lint(job: AsideJob, log: (message: string) => void): Promise<AsideResult> {
    this.log = log;
    if (this.broken) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      this.waiting.get(job.key)?.resolve('superseded');
      this.waiting.set(job.key, { job, resolve });
      this.pump();
    });
  }

  private start(): Worker | undefined {
    if (this.worker || this.broken) return this.worker;
    try {
      const w = new Worker(this.script, { workerData: { dslAsideLinter: true } });
      w.unref();
      w.on('message', (m: Reply) => {
        const r = this.running;
        if (!r || r.id !== m.id) return;
        this.running = undefined;
        for (const e of m.ruleErrors) this.log(e);
        if (m.error) this.log(`docker-security-lint: analysis on the worker failed: ${m.error}`);
        r.resolve(m.answer);
        this.pump();
      });
      w.on('error', (e) => this.fail(e));
      w.on('exit', (code) => this.fail(new Error(`the worker exited with ${code}`)));
      this.worker = w;
    } catch (e) {
      this.fail(e);
    }
    return this.worker;
  }

  private fail(e: unknown): void {
    if (this.broken) return;
    this.broken = true;
    this.worker = undefined;
    this.log(`docker-security-lint: the worker for large documents stopped (${String(e)}); linting them here`);
    this.running?.resolve(undefined);
    this.running = undefined;
    for (const w of this.waiting.values()) w.resolve(undefined);
    this.waiting.clear();
  }

  private pump(): void {
    if (this.running) return;
    const next = this.waiting.entries().next();
    if (next.done) return;
    const [key, { job, resolve }] = next.value;
    this.waiting.delete(key);
    const w = this.start();
    if (!w) return resolve(undefined);
    const id = this.nextId++;
    this.running = { id, resolve };
    w.postMessage({ id, job });
  }
}

let started = false;

/** Runs the worker loop when this thread is the large-document linter (the server bundle starts itself as one). */
export function startAsideWorker(): boolean {
  const data = workerData as { dslAsideLinter?: boolean } | undefined;
  if (started || isMainThread || !parentPort || !data?.dslAsideLinter) return false;
  started = true;
  const port = parentPort;
  const cache = new ParseCache(16, true);
  /** The last lint of each document (its findings keep their lazy fixes), for `fixes` requests; a few documents. */
  const last = new Map<string, { version: number; result: LintResult }>();
  port.on('message', ({ id, job }: { id: number; job: AsideJob }) => {
    const ruleErrors: string[] = [];
    if (job.mode === 'fixes') {
      const l = last.get(job.doc);
      const fixes = l?.version === job.version ? job.indexes.map((i) => l.result.findings[i]?.fixes) : undefined;
      port.postMessage({ id, answer: { fixes }, ruleErrors } satisfies Reply);
      return;
    }
    try {
      const overlays = new Map(job.overlays);
      // a host per job: files on disk may have changed since the last one (no cache to forget)
      const host = fsHost(
        () => job.config.maxFileSize,
        (p) => overlays.get(p),
        () => job.top,
      );
      const options = {
        host,
        cache,
        config: job.config,
        kind: job.kind,
        onRuleError: (rule: string, e: unknown) =>
          ruleErrors.push(`docker-security-lint: rule ${rule} failed: ${e instanceof Error ? e.stack : String(e)}`),
      };
      let answer: AsideAnswer;
      if (job.mode === 'fixAll') answer = { fixed: fixAll(job.file, job.text, options).text };
      else {
        const linted = lint(job.file, job.text, options);
        last.delete(job.doc);
        last.set(job.doc, { version: job.version, result: linted });
        if (last.size > 4) last.delete(last.keys().next().value!);
        // own fields only: the fixes are a getter on the findings' prototype, computed when asked (a `fixes` job)
        answer = { result: { ...linted, findings: linted.findings.map((f) => ({ ...f })), aside: true } };
      }
      port.postMessage({ id, answer, ruleErrors } satisfies Reply);
    } catch (e) {
      port.postMessage({
        id,
        ruleErrors,
        error: e instanceof Error ? (e.stack ?? e.message) : String(e),
      } satisfies Reply);
    }
  });
  return true;
}
