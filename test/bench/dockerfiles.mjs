// Section 8 of npm run bench: real Dockerfiles (../shared/corpus/realworld) against dockerfile-ast alone. The bare
// parse runs in a process of its own (the engine, once loaded, speeds dockerfile-ast up: it caches an
// instruction's arguments), the engine's lint in this one; five warm runs each, best and median.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const RUNS = 5;
const NAME = /(^|[./])(Dockerfile|Containerfile)([.-]|$)|\.dockerfile$/i;

function dockerfiles(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) dockerfiles(p, out);
    else if (NAME.test(e.name)) out.push(p);
  }
  return out;
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { best: s[0], median: s[Math.floor(s.length / 2)] };
};

export function benchDockerfiles(root, engine) {
  const corpus = path.join(root, '..', 'shared', 'corpus', 'realworld');
  if (!fs.existsSync(corpus)) {
    console.log(`\n8. real Dockerfiles: ${corpus} is not there; skipped`);
    return;
  }
  const files = dockerfiles(corpus);
  console.log(`\n8. real Dockerfiles: ${files.length} files of ../shared/corpus/realworld, ${RUNS} warm runs each`);
  const bareScript = `
    const fs = require('fs');
    const { DockerfileParser } = require(${JSON.stringify(path.join(root, 'node_modules', 'dockerfile-ast'))});
    const texts = ${JSON.stringify(files)}.map((f) => fs.readFileSync(f, 'utf8'));
    for (const t of texts) DockerfileParser.parse(t); // warm-up
    const out = [];
    for (let r = 0; r < ${RUNS}; r++) {
      const t0 = process.hrtime.bigint();
      for (const t of texts) DockerfileParser.parse(t);
      out.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    console.log(JSON.stringify(out));`;
  const r = spawnSync(process.execPath, ['-e', bareScript], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`bare parse failed: ${r.stderr}`);
  const bare = stats(JSON.parse(r.stdout));
  const texts = files.map((f) => [f, fs.readFileSync(f, 'utf8')]);
  for (const [f, t] of texts) engine.lint(f, t); // warm-up
  const runs = [];
  for (let k = 0; k < RUNS; k++) {
    const t0 = process.hrtime.bigint();
    for (const [f, t] of texts) engine.lint(f, t);
    runs.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const lint = stats(runs);
  console.log(
    `   dockerfile-ast alone: best ${bare.best.toFixed(0)} ms, median ${bare.median.toFixed(0)} ms; ` +
      `engine (parse, model, every Dockerfile rule): best ${lint.best.toFixed(0)} ms, median ${lint.median.toFixed(0)} ms; ` +
      `${(lint.median / bare.median).toFixed(2)}x by median (target <= 1.5x)`,
  );
}
