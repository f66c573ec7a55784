import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { makeTree, runInProcess as cli } from '../hostile/harness';
import { parseIndex } from '../../server/src/node/gitIndex';
import { walk, type WalkIssue } from '../../server/src/node/files';
import { parseGitignore, ignoredBy } from '../../server/src/engine/gitignore';

/** A version 2 or 3 index of these paths (SHA-1 names of zeros), as git writes it. */
function makeIndex(paths: string[], version = 2): Buffer {
  const parts: Buffer[] = [];
  const head = Buffer.alloc(12);
  head.write('DIRC', 0, 'latin1');
  head.writeUInt32BE(version, 4);
  head.writeUInt32BE(paths.length, 8);
  parts.push(head);
  for (const p of [...paths].sort()) {
    const name = Buffer.from(p);
    const fixed = Buffer.alloc(62);
    fixed.writeUInt32BE(0o100644, 24);
    fixed.writeUInt16BE(Math.min(name.length, 0xfff), 60);
    const len = (62 + name.length + 8) & ~7;
    const entry = Buffer.alloc(len);
    fixed.copy(entry);
    name.copy(entry, 62);
    parts.push(entry);
  }
  parts.push(Buffer.alloc(20)); // checksum (not verified)
  return Buffer.concat(parts);
}

const hasGit = spawnSync('git', ['--version']).status === 0;
const git = (dir: string, ...args: string[]) => {
  const r = spawnSync('git', ['-c', 'core.hooksPath=/dev/null', ...args], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
};

describe('the walk leaves out what the repository ignores and git does not track', () => {
  const TREE = {
    '.gitignore': 'build/\ncompose.*.yaml\n!compose.keep.yaml\n# a comment\ndocker-compose.override.yml\n',
    'compose.yaml': 'services:\n  a:\n    image: x:1\n',
    'compose.local.yaml': 'services:\n  a:\n    image: x:1\n',
    'compose.keep.yaml': 'services:\n  a:\n    image: x:1\n',
    'compose.forced.yaml': 'services:\n  a:\n    image: x:1\n',
    'docker-compose.override.yml': 'services:\n  a:\n    privileged: true\n',
    'build/Dockerfile': 'FROM alpine:3.20\n',
    'build/tracked/Dockerfile': 'FROM alpine:3.20\n',
    'sub/.gitignore': '!compose.again.yaml\n',
    'sub/compose.again.yaml': 'services:\n  a:\n    image: x:1\n',
  };
  const TRACKED = ['.gitignore', 'compose.yaml', 'compose.forced.yaml', 'build/tracked/Dockerfile', 'sub/.gitignore'];
  const found = (dir: string) => {
    const leave = { leftOut: [] as WalkIssue[] };
    const files = walk(dir, [], [], dir, leave).map((f) => path.relative(dir, f).split(path.sep).join('/'));
    return { files: files.sort(), leftOut: leave.leftOut.map((l) => path.relative(dir, l.path)).sort() };
  };

  it('ignored and untracked: left out; tracked, re-included (! and a nearer .gitignore) or a Compose override: kept', () => {
    const dir = makeTree(TREE);
    fs.mkdirSync(path.join(dir, '.git'));
    fs.writeFileSync(path.join(dir, '.git', 'index'), makeIndex(TRACKED));
    assert.deepEqual(found(dir), {
      files: [
        'build/tracked/Dockerfile',
        'compose.forced.yaml',
        'compose.keep.yaml',
        'compose.yaml',
        'docker-compose.override.yml',
        'sub/compose.again.yaml',
      ],
      leftOut: ['build/Dockerfile', 'compose.local.yaml'],
    });
  });

  it('.git/info/exclude counts as a .gitignore at the top', () => {
    const dir = makeTree({ 'compose.yaml': TREE['compose.yaml'], 'local/compose.yaml': TREE['compose.yaml'] });
    fs.mkdirSync(path.join(dir, '.git', 'info'), { recursive: true });
    fs.writeFileSync(path.join(dir, '.git', 'info', 'exclude'), '/local\n');
    fs.writeFileSync(path.join(dir, '.git', 'index'), makeIndex(['compose.yaml']));
    assert.deepEqual(found(dir), { files: ['compose.yaml'], leftOut: ['local'] });
  });

  it('no index, or one this reader does not understand: no .gitignore is used (it lints more, never less)', () => {
    const all = [
      'build/Dockerfile',
      'build/tracked/Dockerfile',
      'compose.forced.yaml',
      'compose.keep.yaml',
      'compose.local.yaml',
      'compose.yaml',
      'docker-compose.override.yml',
      'sub/compose.again.yaml',
    ];
    const none = makeTree(TREE);
    assert.deepEqual(found(none), { files: all, leftOut: [] });
    const gitFile = makeTree({ ...TREE, '.git': 'gitdir: /elsewhere\n' });
    assert.deepEqual(found(gitFile).files, all, 'a worktree: the index is elsewhere');
    for (const index of [
      makeIndex(TRACKED).subarray(0, 40),
      Buffer.concat([makeIndex(TRACKED).subarray(0, -20), Buffer.from('link\0\0\0\0'), Buffer.alloc(20)]),
      Buffer.from('not an index at all, but long enough to be read'),
    ]) {
      const dir = makeTree(TREE);
      fs.mkdirSync(path.join(dir, '.git'));
      fs.writeFileSync(path.join(dir, '.git', 'index'), index);
      assert.deepEqual(found(dir).files, all);
    }
  });

  it('the CLI says what it left out', () => {
    const dir = makeTree(TREE);
    fs.mkdirSync(path.join(dir, '.git'));
    fs.writeFileSync(path.join(dir, '.git', 'index'), makeIndex(TRACKED));
    const out = cli(['.'], dir).out;
    assert.match(
      out,
      /Left out 2 folders or files \(2 ignored by \.gitignore and not tracked: build\/Dockerfile, compose\.local\.yaml\)/,
    );
  });

  it('reads the indexes git writes: versions 2, 3 (extended flags) and 4 (prefix-compressed names)', function () {
    if (!hasGit) this.skip();
    const dir = makeTree(TREE);
    git(dir, 'init', '-q');
    git(dir, 'add', '.gitignore', 'compose.yaml', 'sub/.gitignore');
    git(dir, 'add', '-f', 'compose.forced.yaml', 'build/tracked/Dockerfile');
    git(dir, 'add', '-N', '-f', 'compose.local.yaml'); // intent to add: an extended flag, version 3
    for (const version of ['2', '3', '4']) {
      git(dir, 'update-index', '--index-version', version);
      const t = parseIndex(fs.readFileSync(path.join(dir, '.git', 'index')), 20);
      assert.deepEqual([...(t?.files ?? [])].sort(), [...TRACKED, 'compose.local.yaml'].sort(), `version ${version}`);
    }
  });

  it('patterns: anchored, any depth, folders only, negation, escapes; a character class matches nothing', () => {
    const f = parseGitignore('/top.yml\nany.yml\ndir/\n*.log\n!keep.log\n\\#hash\n[ab].yml\n', { left: 100 });
    const is = (rel: string, dir = false) => ignoredBy(f, rel, dir);
    assert.equal(is('top.yml'), true);
    assert.equal(is('x/top.yml'), undefined);
    assert.equal(is('x/y/any.yml'), true);
    assert.equal(is('dir', true), true);
    assert.equal(is('dir'), undefined, 'a file named like a folders-only pattern');
    assert.equal(is('a/b.log'), true);
    assert.equal(is('keep.log'), false);
    assert.equal(is('#hash'), true);
    assert.equal(is('a.yml'), undefined, 'not understood: the file stays in');
    const budget = { left: 2 };
    assert.equal(parseGitignore('a\nb\nc\n', budget).patterns.length, 2);
    assert.equal(budget.left, 0);
  });
});
