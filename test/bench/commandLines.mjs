// Section 7 of npm run bench: what command-line sources cost. 300 generated scripts of 60 steps (`docker run` with
// variables under `if`, `docker exec`, loops, an array and a wrapper function) and 100 Makefiles with variables
// built of others: the engine in this process (ms per file) and the CLI on one thread (wall time), five runs each,
// with ranges. BENCH_BASE_CLI=<path to another build's dist/cli.js> alternates that build's CLI with this one's and
// prints the ratio (the "no more than 10% more per file than before" is read from it).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const RUNS = 5;

export function script(f) {
  let t = `#!/bin/bash\nIMAGE=app:1.${f}\nOPTS="--rm -e A=1 -e HOST=$HOST"\nextra=(--name "job-${f}" --read-only)\n`;
  t += 'drun() { docker run --rm "$@"; }\n';
  for (let i = 0; i < 60; i++)
    t +=
      i % 5 === 0
        ? `if [ -n "$X${i}" ]; then\n  docker run $OPTS "\${extra[@]}" -v /srv/${i}:/data "$IMAGE" sh\nfi\n`
        : i % 5 === 1
          ? `echo step ${i} | tee -a log\n`
          : i % 5 === 2
            ? `docker exec -it web${i} ls\n`
            : i % 5 === 3
              ? `drun -e N=${i} "$IMAGE" true\n`
              : 'for x in a b; do cp $x /tmp/; done\n';
  return t;
}

export function makefile(f) {
  let t = `DOCKER ?= docker\nIMAGE := app:${f}\nFLAGS := $(DOCKER) run --rm $(if $(N),--name $(N),) $(ENVS)\n`;
  t += 'RUN := $(FLAGS) "$(IMAGE)"\n\n';
  for (let i = 0; i < 40; i++) t += `t${i}:\n\t$(RUN) make step${i}\n\t@echo done $$HOME\n`;
  return t;
}

export function corpus() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsl-bench-cmd-'));
  for (let f = 0; f < 300; f++) fs.writeFileSync(path.join(dir, `s${f}.sh`), script(f));
  for (let f = 0; f < 100; f++) {
    fs.mkdirSync(path.join(dir, `m${f}`));
    fs.writeFileSync(path.join(dir, `m${f}`, 'Makefile'), makefile(f));
  }
  return dir;
}

const range = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return `${s[0].toFixed(0)}-${s[s.length - 1].toFixed(0)} ms (median ${s[Math.floor(s.length / 2)].toFixed(0)})`;
};

function cliRun(cli, dir) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [cli, '--jobs', '1', '--fail-on', 'none', '--format', 'json', dir], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (r.status !== 0) throw new Error(`cli failed: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

export function benchCommandLines(root, engine) {
  const dir = corpus();
  try {
    const files = fs
      .readdirSync(dir, { recursive: true })
      .map((f) => path.join(dir, String(f)))
      .filter((f) => fs.statSync(f).isFile());
    const texts = files.map((f) => [f, fs.readFileSync(f, 'utf8')]);
    console.log(`\n7. command lines: ${files.length} files (300 scripts of 60 steps, 100 Makefiles), ${RUNS} runs`);
    const inProcess = [];
    for (let r = 0; r < RUNS; r++) {
      const t = process.hrtime.bigint();
      for (const [f, text] of texts) engine.lint(f, text);
      inProcess.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    const perFile = inProcess.map((x) => x / files.length);
    console.log(
      `   engine in process: ${range(inProcess)}; per file ${Math.min(...perFile).toFixed(2)}-${Math.max(...perFile).toFixed(2)} ms`,
    );
    const cli = path.join(root, 'dist', 'cli.js');
    const base = process.env.BENCH_BASE_CLI;
    const mine = [];
    const theirs = [];
    for (let r = 0; r < RUNS; r++) {
      mine.push(cliRun(cli, dir));
      if (base) theirs.push(cliRun(base, dir));
    }
    console.log(`   CLI --jobs 1: ${range(mine)}`);
    if (base) {
      const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      console.log(
        `   BENCH_BASE_CLI --jobs 1: ${range(theirs)}; this build / that one by median: ${(med(mine) / med(theirs)).toFixed(3)}x (target <= 1.10x)`,
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
