// The container image for CI (issue 20, item 5): its Dockerfile passes this project's own rules in strict, pins
// its bases by digest, runs as a non-root user, and its build context holds what the build copies and no more.
// (No Docker engine here: the file is linted and checked, not built.)
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runInProcess as cli } from '../hostile/harness';
import { IgnoreIndex, parseDockerignore } from '../../server/src/engine/sources/dockerfile/context';

const root = path.resolve(__dirname, '..', '..', '..');
const text = fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8');
const lines = text.split('\n').filter((l) => l && !l.startsWith('#'));

describe('container image: Dockerfile', () => {
  it('has no finding in the strict profile (nor in recommended)', () => {
    for (const profile of ['strict', 'recommended']) {
      const r = cli(['--format', 'json', '--profile', profile, '--fail-on', 'hint', 'Dockerfile'], root);
      const report = JSON.parse(r.out) as { files: { kind: string }[]; findings: unknown[] };
      assert.equal(report.files[0].kind, 'dockerfile');
      assert.deepEqual(report.findings, [], profile);
      assert.equal(r.code, 0);
    }
  });

  it('pins every base image by digest; the final stage runs as a non-root user, in exec form', () => {
    const froms = lines.filter((l) => l.startsWith('FROM '));
    assert.ok(froms.length >= 2, 'a build stage and a runtime stage');
    for (const f of froms) assert.match(f, /^FROM \S+:[\w.-]+@sha256:[0-9a-f]{64}( AS \w+)?$/, f);
    const final = lines.slice(lines.lastIndexOf(froms.at(-1)!));
    const user = final.filter((l) => l.startsWith('USER ')).at(-1);
    assert.ok(user && !/^USER (root|0)(:|$)/.test(user), `non-root USER (${user})`);
    assert.match(
      final.find((l) => l.startsWith('ENTRYPOINT '))!,
      /^ENTRYPOINT \[/,
    );
    assert.ok(!final.some((l) => l.startsWith('RUN ')), 'the runtime stage runs nothing at build time (no shell)');
  });

  it('the build context (.dockerignore) lets in every file the build copies, and nothing from the root besides', () => {
    const rules = new IgnoreIndex(parseDockerignore(fs.readFileSync(path.join(root, '.dockerignore'), 'utf8')));
    const sources = lines
      .filter((l) => l.startsWith('COPY ') && !l.includes('--from='))
      .flatMap((l) => l.split(/\s+/).slice(1, -1));
    assert.ok(sources.length > 0);
    for (const s of sources) {
      assert.ok(fs.existsSync(path.join(root, s)), `${s} exists`);
      assert.ok(!rules.isIgnored(s.replace(/\/$/, '')), `${s} is in the context`);
    }
    for (const kept of ['.git', 'node_modules', '.env', 'test', 'client', 'dist', 'examples', 'README.md'])
      assert.ok(rules.isIgnored(kept), `${kept} stays out of the context`);
  });
});
