// Section 8 of npm run bench: real Dockerfiles (../shared/corpus/realworld) against dockerfile-ast alone. The bare
// parse runs in a process of its own (the engine, once loaded, speeds dockerfile-ast up: it caches an
// instruction's arguments), the engine's lint in this one; after one pass to warm up, ten passes each: the median of
// the first five (our larger code is still being optimised by V8 then) and of the last five (steady state, as in the
// language server).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cliAgainstFloor } from './cliFloor.mjs';

const RUNS = 10;
const NAME = /(^|[./])(Dockerfile|Containerfile)([.-]|$)|\.dockerfile$/i;

function dockerfiles(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) dockerfiles(p, out);
    else if (NAME.test(e.name)) out.push(p);
  }
  return out;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const stats = (xs) => ({ best: Math.min(...xs), early: median(xs.slice(0, 5)), steady: median(xs.slice(5)) });

export function benchDockerfiles(root, engine) {
  const corpus = path.join(root, '..', 'shared', 'corpus', 'realworld');
  if (!fs.existsSync(corpus)) {
    console.log(`\n8. real Dockerfiles: ${corpus} is not there; skipped`);
    return;
  }
  const files = dockerfiles(corpus);
  console.log(
    `\n8. real Dockerfiles: ${files.length} files of ../shared/corpus/realworld, ${RUNS} passes each after one`,
  );
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
  const ratio = (k) => `${(lint[k] / bare[k]).toFixed(2)}x`;
  console.log(
    `   dockerfile-ast alone: best ${bare.best.toFixed(0)} ms, passes 2-6 ${bare.early.toFixed(0)} ms, 7-11 ` +
      `${bare.steady.toFixed(0)} ms (medians); engine (parse, model, every Dockerfile rule): best ` +
      `${lint.best.toFixed(0)} ms, passes 2-6 ${lint.early.toFixed(0)} ms, 7-11 ${lint.steady.toFixed(0)} ms; ` +
      `${ratio('early')} while warming, ${ratio('steady')} warm (target <= 1.5x)`,
  );
  coldCli(root, files);
}

/**
 * The same files through the CLI on one thread, cold (a process each time, as in CI), against floor.cjs (a process
 * that walks, reads and parses them): each file copied alone into a folder of its own, three interleaved runs.
 */
function coldCli(root, files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsl-dockerfiles-'));
  try {
    files.forEach((f, i) => {
      fs.mkdirSync(path.join(dir, String(i)));
      fs.copyFileSync(f, path.join(dir, String(i), 'Dockerfile'));
    });
    const { cli, floor } = cliAgainstFloor(root, dir);
    const show = (xs) => `${Math.min(...xs).toFixed(0)}-${Math.max(...xs).toFixed(0)} ms`;
    console.log(
      `   cold, a process each: CLI --jobs 1 ${show(cli)}, floor (start, walk, read, parse) ${show(floor)}; ` +
        `${(median(cli) / median(floor)).toFixed(2)}x by median`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
