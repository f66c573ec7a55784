// Hostile repositories, part 3: what the tools write. `--fix` and `-o` write only where they were asked to,
// through files nobody else can plant, and keep what they do not mean to change (mode, owner, links, BOM).
import * as assert from 'node:assert/strict';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the module object itself: tests replace openSync to simulate a race
import fs = require('node:fs');
import * as path from 'node:path';
import { isRoot, makeTree, runCli } from './harness';
import { writeFileSafely, WriteRefused } from '../../server/src/node/write';

// a safe fix: no-new-privileges is added to the service
const FIXABLE = 'services:\n  a:\n    image: x:1\n';
const fixed = (p: string) => fs.readFileSync(p, 'utf8').includes('no-new-privileges');

describe('hostile repositories: writes', function () {
  this.timeout(60_000);

  it('a link planted at the temporary name is never followed: the write goes elsewhere, the victim is untouched', () => {
    const dir = makeTree({ victim: 'root-only secret\n', 'target.yaml': 'old\n' });
    const victim = path.join(dir, 'victim');
    // simulate the race in process: plant a link at the exact name the writer is about to create
    const open = fs.openSync;
    let planted = 0;
    fs.openSync = ((p: fs.PathLike, flags: fs.OpenMode, mode?: fs.Mode) => {
      if (typeof p === 'string' && p.endsWith('.tmp') && planted < 2) {
        planted++;
        fs.symlinkSync(victim, p);
      }
      return open(p, flags, mode);
    }) as typeof fs.openSync;
    try {
      writeFileSafely(path.join(dir, 'target.yaml'), 'new\n');
    } finally {
      fs.openSync = open;
    }
    assert.equal(planted, 2, 'both attempts met a planted link');
    assert.equal(fs.readFileSync(victim, 'utf8'), 'root-only secret\n');
    assert.equal(fs.readFileSync(path.join(dir, 'target.yaml'), 'utf8'), 'new\n');
  });

  it('temporary names are unpredictable: two writes never use the same one', () => {
    const dir = makeTree({ f: 'x' });
    const names = new Set<string>();
    const open = fs.openSync;
    fs.openSync = ((p: fs.PathLike, flags: fs.OpenMode, mode?: fs.Mode) => {
      if (typeof p === 'string' && p.endsWith('.tmp')) names.add(path.basename(p));
      return open(p, flags, mode);
    }) as typeof fs.openSync;
    try {
      for (let i = 0; i < 20; i++) writeFileSafely(path.join(dir, 'f'), `v${i}`);
    } finally {
      fs.openSync = open;
    }
    assert.equal(names.size, 20);
    for (const n of names) assert.match(n, /^\.f\.[0-9a-f]{18}\.tmp$/);
  });

  it('-o over a link planted in a shared folder replaces the link, not its target', () => {
    const dir = makeTree({ victim: 'keep\n', 'compose.yaml': FIXABLE });
    fs.symlinkSync(path.join(dir, 'victim'), path.join(dir, 'report.json'));
    const r = runCli(['--format', 'json', '-o', 'report.json', 'compose.yaml'], dir);
    assert.equal(r.code, 0, r.err);
    assert.equal(fs.readFileSync(path.join(dir, 'victim'), 'utf8'), 'keep\n');
    assert.ok(!fs.lstatSync(path.join(dir, 'report.json')).isSymbolicLink());
    assert.equal(JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8')).version, 1);
  });

  it('--fix writes only inside the paths given: not through include, not through a linked folder', () => {
    const base = makeTree({
      'victim/compose.yaml': FIXABLE,
      'repo/.git/HEAD': 'x',
      'repo/compose.yaml': 'include:\n  - ../victim/compose.yaml\nservices:\n  b:\n    image: y:1\n',
    });
    fs.symlinkSync(path.join(base, 'victim'), path.join(base, 'repo', 'vendor'));
    const before = fs.readFileSync(path.join(base, 'victim', 'compose.yaml'), 'utf8');
    const r = runCli(['--fix', '--format', 'json', '.'], path.join(base, 'repo'));
    assert.equal(fs.readFileSync(path.join(base, 'victim', 'compose.yaml'), 'utf8'), before, 'the victim is unchanged');
    assert.ok(fixed(path.join(base, 'repo', 'compose.yaml')), 'the file inside the tree is fixed');
    const j = JSON.parse(r.out);
    const notes = j.files.flatMap((f: { errors: { message: string }[] }) => f.errors.map((e) => e.message)).join('\n');
    // an include outside the repository is not linted (nor fixed): an error on the file that names it
    assert.match(notes, /\.\.\/victim\/compose\.yaml: outside the repository; not linted/);
    assert.match(notes, /symlink to a folder outside the tree; not followed/);
    assert.ok(!j.findings.some((f: { file: string }) => f.file.includes('victim')), 'nothing outside is reported');
    assert.equal(r.code, 1, 'the incomplete analysis fails the gate');
  });

  it('--fix keeps links, mode bits and the byte-order mark', () => {
    const dir = makeTree({
      'real/compose.yaml': FIXABLE,
      'g/compose.yaml': { mode: 0o664, content: FIXABLE },
      's/compose.yaml': { mode: 0o4755, content: FIXABLE },
      'bom/compose.yaml': `\uFEFF${FIXABLE}`,
    });
    fs.mkdirSync(path.join(dir, 'l'));
    fs.symlinkSync(path.join(dir, 'real', 'compose.yaml'), path.join(dir, 'l', 'compose.yaml'));
    fs.mkdirSync(path.join(dir, 'h'));
    fs.linkSync(path.join(dir, 'g', 'compose.yaml'), path.join(dir, 'h', 'compose.yaml'));
    const r = runCli(['--fix', '.'], dir);
    assert.notEqual(r.code, 2, r.err + r.out);
    assert.ok(fs.lstatSync(path.join(dir, 'l', 'compose.yaml')).isSymbolicLink(), 'the link is kept');
    assert.ok(fixed(path.join(dir, 'real', 'compose.yaml')), 'its target is fixed');
    assert.equal(
      fs.statSync(path.join(dir, 'g', 'compose.yaml')).ino,
      fs.statSync(path.join(dir, 'h', 'compose.yaml')).ino,
      'the hard link is kept',
    );
    assert.ok(fixed(path.join(dir, 'h', 'compose.yaml')));
    assert.equal(fs.statSync(path.join(dir, 'g', 'compose.yaml')).mode & 0o7777, 0o664);
    assert.equal(fs.statSync(path.join(dir, 's', 'compose.yaml')).mode & 0o7777, 0o4755);
    const bom = fs.readFileSync(path.join(dir, 'bom', 'compose.yaml'));
    assert.deepEqual([...bom.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the BOM is kept');
    assert.ok(fixed(path.join(dir, 'bom', 'compose.yaml')));
    assert.deepEqual(fs.readdirSync(path.join(dir, 'g')), ['compose.yaml'], 'no temporary or backup file is left');
  });

  it('--fix keeps the owner (as root), and refuses a read-only file with a message', function () {
    const dir = makeTree({ 'ro/compose.yaml': { mode: 0o444, content: FIXABLE }, 'own/compose.yaml': FIXABLE });
    if (isRoot()) fs.chownSync(path.join(dir, 'own', 'compose.yaml'), 65534, 65534);
    const r = runCli(['--fix', '--format', 'json', '.'], dir);
    assert.equal(
      fs.readFileSync(path.join(dir, 'ro', 'compose.yaml'), 'utf8'),
      FIXABLE,
      'the read-only file is unchanged',
    );
    assert.match(r.out, /not fixed: the file is read-only/);
    assert.equal(r.code, 2, 'a file that could not be fixed is an I/O error');
    assert.ok(fixed(path.join(dir, 'own', 'compose.yaml')));
    if (isRoot()) assert.equal(fs.statSync(path.join(dir, 'own', 'compose.yaml')).uid, 65534);
  });

  it('a file that changed after it was read is not overwritten; invalid UTF-8 is not written back', () => {
    const dir = makeTree({ f: 'one\n' });
    assert.throws(
      () => writeFileSafely(path.join(dir, 'f'), 'two\n', { expected: Buffer.from('zero\n') }),
      WriteRefused,
    );
    assert.equal(fs.readFileSync(path.join(dir, 'f'), 'utf8'), 'one\n');
    const bad = makeTree({
      'compose.yaml': Buffer.concat([Buffer.from(`${FIXABLE.trimEnd()} # `), Buffer.from([0xff]), Buffer.from('\n')]),
    });
    const before = fs.readFileSync(path.join(bad, 'compose.yaml'));
    const r = runCli(['--fix', '--format', 'json', '.'], bad);
    assert.deepEqual(fs.readFileSync(path.join(bad, 'compose.yaml')), before);
    assert.match(r.out, /not fixed: the file is not valid UTF-8/);
  });
});
