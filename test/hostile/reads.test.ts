// Hostile repositories, part 1: what the tools read. Links to procfs files (size 0, endless), devices, FIFOs,
// and referenced files past the size limit must cost a bounded amount of time and memory and say why.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTree, runCli } from './harness';
import { readBytes, readText } from '../../server/src/node/read';

const PRIV = 'services:\n  a:\n    image: x:1\n    privileged: true\n';
const BOUNDED = { ms: 20_000, mb: 400 };

function assertBounded(r: ReturnType<typeof runCli>, what: string): void {
  assert.ok(!r.timedOut, `${what}: timed out`);
  assert.ok(r.ms < BOUNDED.ms, `${what}: took ${r.ms} ms`);
  assert.ok(r.rssMb < BOUNDED.mb, `${what}: peak memory ${r.rssMb.toFixed(0)} MB`);
}

describe('hostile repositories: bounded reads', function () {
  this.timeout(120_000);

  it('a Dockerfile linked to /proc/self/pagemap is refused past maxFileSize, quickly and in little memory', () => {
    const dir = makeTree({ Dockerfile: { link: '/proc/self/pagemap' } });
    // named on the command line, it is read (wherever it leads), bounded
    const r = runCli(['--format', 'json', 'Dockerfile'], dir);
    assertBounded(r, 'pagemap');
    const j = JSON.parse(r.out);
    assert.match(j.files[0].errors[0].message, /larger than 2097152 bytes/);
    assert.equal(r.code, 1, 'a skipped file counts as an error');
    // walked, a link to a file outside the tree is not even opened; it counts as a skipped file too
    const w = runCli(['--format', 'json', '.'], dir);
    assert.match(JSON.parse(w.out).files[0].errors[0].message, /symlink to a file outside the tree; not linted/);
    assert.equal(w.code, 1, 'a file the walk did not analyse counts as an error');
  });

  it('override, extends.file and include targets linked to /proc/self/pagemap are bounded too', () => {
    const dir = makeTree({
      'compose.yaml':
        'include:\n  - /proc/self/pagemap\nservices:\n  a:\n    image: x:1\n    privileged: true\n  b:\n    ' +
        'extends: { file: /proc/self/pagemap, service: x }\n    image: y:1\n',
      'compose.override.yaml': { link: '/proc/self/pagemap' },
    });
    const r = runCli(['--format', 'json', 'compose.yaml'], dir);
    assertBounded(r, 'referenced pagemap');
    const j = JSON.parse(r.out);
    assert.ok(
      j.findings.some((f: { ruleId: string }) => f.ruleId === 'compose/privileged'),
      'the base file is still linted',
    );
  });

  it('a config file linked to /dev/zero, or a FIFO, gives a clear message at once (exit 2)', () => {
    const zero = makeTree({
      '.git/HEAD': 'x',
      '.docker-security-lint.yaml': { link: '/dev/zero' },
      'compose.yaml': PRIV,
    });
    const r1 = runCli(['.'], zero);
    assertBounded(r1, '/dev/zero config');
    assert.equal(r1.code, 2);
    assert.match(r1.err, /config file/);
    const fifo = makeTree({ '.git/HEAD': 'x', '.docker-security-lint.yaml': { fifo: true }, 'compose.yaml': PRIV });
    const r2 = runCli(['.'], fifo, 15_000);
    assertBounded(r2, 'FIFO config');
    assert.equal(r2.code, 2);
    assert.match(r2.err, /FIFO/);
  });

  it('readText: devices, FIFOs and folders are refused by type; the bound holds while reading', () => {
    const dir = makeTree({ fifo: { fifo: true }, big: Buffer.alloc(300_000, 0x61) });
    assert.match((readText('/dev/zero', 1000) as { error: string }).error, /device/);
    assert.match((readText(path.join(dir, 'fifo'), 1000) as { error: string }).error, /FIFO/);
    assert.match((readText(dir, 1000) as { error: string }).error, /directory/);
    assert.match((readText(path.join(dir, 'big'), 100_000) as { error: string }).error, /larger than 100000/);
    assert.match((readText('/proc/self/pagemap', 100_000) as { error: string }).error, /larger than 100000/);
    assert.equal((readText(path.join(dir, 'nope'), 10) as { reason: string }).reason, 'missing');
  });

  it('readBytes: the bound is exact and the reported size only sizes the first buffer', () => {
    const big = Buffer.alloc(200_000);
    for (let i = 0; i < big.length; i++) big[i] = 0x61 + (i % 26);
    const dir = makeTree({ empty: '', exact: 'x'.repeat(1000), over: 'x'.repeat(1001), big });
    const bytes = (f: string, max: number) => (readBytes(path.join(dir, f), max) as { bytes?: Buffer }).bytes;
    const table: [string, number, number | 'refused'][] = [
      ['empty', 10, 0],
      ['exact', 1000, 1000],
      ['over', 1000, 'refused'],
      ['over', 1001, 1001],
      ['big', 1_000_000, 200_000],
      ['big', 199_999, 'refused'],
      ['big', 200_000, 200_000],
    ];
    for (const [f, max, want] of table) {
      const got = bytes(f, max);
      assert.equal(got === undefined ? 'refused' : got.length, want, `${f} within ${max}`);
    }
    assert.ok(bytes('big', 1_000_000)!.equals(big), 'a file of several chunks is read intact');
    // procfs reports size 0 for files with content: read to their end all the same
    assert.match((readBytes('/proc/self/status', 1_000_000) as { bytes: Buffer }).bytes.toString(), /^Name:/);
  });

  it('an extends.file target larger than maxFileSize is not read (the same limit as linted files)', () => {
    const dir = makeTree({
      '.docker-security-lint.yaml': 'maxFileSize: 1000\n',
      'compose.yaml': 'services:\n  a:\n    extends: { file: base.yaml, service: b }\n    image: x:1\n',
      'base.yaml': 'services:\n  b:\n    privileged: true\n' + '#'.repeat(2000) + '\n',
    });
    const j = JSON.parse(runCli(['--format', 'json', 'compose.yaml'], dir).out);
    assert.ok(
      !j.findings.some((f: { ruleId: string }) => f.ruleId === 'compose/privileged'),
      'the oversized base is not read',
    );
    const small = makeTree({
      'compose.yaml': 'services:\n  a:\n    extends: { file: base.yaml, service: b }\n    image: x:1\n',
      'base.yaml': 'services:\n  b:\n    privileged: true\n',
    });
    const j2 = JSON.parse(runCli(['--format', 'json', 'compose.yaml'], small).out);
    assert.ok(
      j2.findings.some((f: { ruleId: string }) => f.ruleId === 'compose/privileged'),
      'a base within the limit is read',
    );
  });

  it('files without an extension: only regular files are looked into for a shebang, and only their head', () => {
    const dir = makeTree({
      'scripts/deploy': '#!/bin/sh\ndocker run --privileged x\n',
      'scripts/fifo': { fifo: true },
      'scripts/zero': { link: '/dev/zero' },
      'scripts/pagemap': { link: '/proc/self/pagemap' },
      'scripts/big': '#!/usr/bin/env bash\n' + 'echo\n'.repeat(1_000_000) + 'docker run --privileged y\n',
    });
    const r = runCli(['--format', 'json', '.'], dir);
    assertBounded(r, 'extensionless specials');
    const j = JSON.parse(r.out);
    // the script is linted; the specials are not even listed; the large script is found by its head, then
    // refused by maxFileSize as any large file is
    const files = j.files as { path: string; errors: { message: string }[] }[];
    assert.deepEqual(files.map((f) => f.path).sort(), ['scripts/big', 'scripts/deploy']);
    assert.match(files.find((f) => f.path === 'scripts/big')!.errors[0].message, /larger than/);
    assert.ok(j.findings.some((f: { ruleId: string; file: string }) => f.ruleId === 'run/privileged'));
  });

  it('a folder linked to / is not walked; a folder linked inside the tree is', () => {
    const dir = makeTree({ 'app/compose.yaml': PRIV, root: { link: '/' } });
    fs.symlinkSync(path.join(dir, 'app'), path.join(dir, 'again'));
    const r = runCli(['--format', 'json', '.'], dir);
    assertBounded(r, 'link to /');
    const j = JSON.parse(r.out);
    assert.ok(
      j.files.some(
        (f: { path: string; errors: { message: string }[] }) =>
          f.path === 'root' && /outside the tree; not followed/.test(f.errors[0].message),
      ),
    );
    assert.equal(
      j.files.filter((f: { kind: string }) => f.kind === 'compose').length,
      1,
      'the same folder is linted once',
    );
  });

  it('a build context: links never followed or read (a `.env` linked to /dev/zero), wide folders bounded', () => {
    const files: Record<string, string | { link: string } | { fifo: true }> = {
      Dockerfile: 'FROM alpine:3.20\nCOPY . /app\nUSER 1\n',
      '.env': { link: '/dev/zero' },
      'loop/up': { link: '..' },
      'root-link': { link: '/' },
      '.aws': { link: '/root/.aws' },
      'pipe/.npmrc': { fifo: true },
      '.env.local': { link: '/proc/self/pagemap' },
    };
    for (let i = 0; i < 30_000; i++) files[`wide/f${i}`] = '';
    const dir = makeTree(files);
    const r = runCli(['--format', 'json', 'Dockerfile'], dir);
    assertBounded(r, 'build context');
    const leak = (JSON.parse(r.out) as { findings: { ruleId: string; message: string }[] }).findings.find(
      (f) => f.ruleId === 'dockerfile/context-leak',
    );
    // names only: linked files and the FIFO are reported by name, never opened; links to folders are not
    // followed (COPY copies a link as a link: a `.aws` link carries no credentials), so the loop ends
    assert.match(
      leak?.message ?? '',
      /keep out \.env \(environment file\), \.env\.local \(environment file\), pipe\/\.npmrc/,
    );
    assert.doesNotMatch(leak?.message ?? '', /\.aws|loop\//);
  });
});
