// Hostile repositories and the GitHub Action: the CLI it runs is never one the repository provides, and what the
// repository's files say reaches the log, the annotations and the job summary inert.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runAction, tree } from './action';

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
const PROJECT = {
  'compose.yaml': 'services:\n  a:\n    image: x:1\n    privileged: true\n    cap_add: [NET_ADMIN]\n',
};

describe('hostile repositories: the GitHub Action', function () {
  this.timeout(60_000);

  it("without DSL_CLI it runs the action checkout's own CLI, never one the repository provides", () => {
    // a repository that commits its own docker-security-lint (with the .bin link npx would run) and an .npmrc
    // naming another registry: neither is used, and the findings are the real CLI's
    const fake = "#!/usr/bin/env node\nrequire('fs').writeFileSync('PWNED', '1'); console.log('PWNED');\n";
    const dir = tree({
      ...PROJECT,
      'node_modules/docker-security-lint/package.json': `{"name":"docker-security-lint","version":"${manifest.version}","bin":{"docker-security-lint":"dist/cli.js"}}`,
      'node_modules/docker-security-lint/dist/cli.js': fake,
      'node_modules/.bin/docker-security-lint': fake,
      '.npmrc': 'registry=http://127.0.0.1:9/\n',
      'package.json': '{"name":"victim","private":true}',
    });
    fs.chmodSync(path.join(dir, 'node_modules/.bin/docker-security-lint'), 0o755);
    const r = runAction(dir, { profile: 'strict' }, { own: true });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.ok(!fs.existsSync(path.join(dir, 'PWNED')), 'the committed CLI did not run');
    assert.doesNotMatch(r.stdout + r.stderr, /PWNED/);
    assert.ok(Number(r.outputs.findings) > 0);
    assert.deepEqual(r.npmCalls, [], 'the action checkout is built already: npm is not run');
  });

  it("a repository's names reach the log, annotations and job summary inert", () => {
    const evil = 'a\n::stop-commands::x\n::warning::forged\u001b[31m|<img src=x>**bold**';
    const dir = tree({
      'compose.yaml': `services:\n  ${JSON.stringify(evil)}:\n    image: x:1\n    privileged: true\n`,
      '::error title=forged::x/compose.yaml': 'services:\n  b:\n    image: x:1\n    privileged: true\n',
    });
    const r = runAction(dir, { 'fail-on': 'none' }, { own: true });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const lines = (r.stdout + r.stderr).split('\n');
    for (const l of lines) {
      assert.ok(!/^::stop-commands::x/.test(l), `a forged command: ${l}`);
      assert.ok(!/^::warning::forged/.test(l), `a forged command: ${l}`);
      assert.ok(!/^::error title=forged/.test(l), `a forged command: ${l}`);
      assert.ok(!l.includes('\u001b'), 'an escape code');
    }
    // every annotation is one line, its message escaped as GitHub's workflow commands read it
    const notes = lines.filter((l) => /^::(error|warning|notice) /.test(l));
    assert.ok(notes.length >= 2);
    assert.ok(
      notes.some((l) => l.includes('::error title%3Dforged%3A%3Ax/compose.yaml') || l.includes('file=%3A%3Aerror')),
    );
    // the summary: one table row per finding, nothing of it read as Markdown or HTML
    const rows = r.summary.split('\n').filter((l) => l.startsWith('| error'));
    assert.ok(rows.length >= 2, r.summary);
    for (const row of rows) {
      assert.equal(row.split(/(?<!\\)\|/).length, 6, `five cells: ${row}`);
      assert.doesNotMatch(row, /<img|\*\*bold\*\*|\u001b/);
    }
  });
});
