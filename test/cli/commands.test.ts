import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTree as tmpdir, runInProcess as cli } from '../hostile/harness';
import { allMeta, knownRuleOptions } from '../../server/src/engine';
import { parseConfig } from '../../server/src/engine/config/config';

describe('CLI commands: --explain, --list-rules, --init', () => {
  it('--explain prints the rule page offline: what, why, examples, how to fix, suppressing', () => {
    const r = cli(['--explain', 'run/docker-socket'], tmpdir({}));
    assert.equal(r.code, 0);
    for (const section of [
      '# run/docker-socket:',
      '## What it flags',
      '## Why it matters',
      '## Flagged',
      '## How to fix',
      '## Suppressing',
    ])
      assert.ok(r.out.includes(section), section);
    assert.ok(r.out.includes('docker run --rm -v /var/run/docker.sock'), 'its example');
    assert.ok(!r.out.startsWith('<!--'), 'no generated-file comment');
  });

  it('--explain of an unknown id: exit 2, naming the ids it may mean', () => {
    const r = cli(['--explain', 'privileged'], tmpdir({}));
    assert.equal(r.code, 2);
    assert.match(
      r.err,
      /no rule 'privileged'; did you mean compose\/privileged, devcontainer\/privileged, run\/privileged\?/,
    );
    assert.match(cli(['--explain', 'nope/nothing'], tmpdir({})).err, /--list-rules/);
    assert.equal(cli(['--explain'], tmpdir({})).code, 2, 'needs a value');
  });

  it('--list-rules: every rule once, with its severity in each profile; JSON too', () => {
    const text = cli(['--list-rules'], tmpdir({})).out;
    const lines = text.split('\n');
    for (const m of allMeta) assert.equal(lines.filter((l) => l.startsWith(`${m.id} `)).length, 1, m.id);
    assert.match(text, /^compose\/memory-limit +warning\* +warning +namespaces-cgroups +unsafe$/m);
    const j = JSON.parse(cli(['--list-rules', '--format', 'json'], tmpdir({})).out);
    assert.equal(j.rules.length, allMeta.length);
    assert.deepEqual(
      j.rules.find((r: { id: string }) => r.id === 'run/privileged'),
      {
        id: 'run/privileged',
        title: 'Privileged container',
        recommended: 'error',
        strict: 'error',
        quadrant: 'configuration-profile',
        fix: 'unsafe',
      },
    );
    assert.equal(cli(['--list-rules', '--format', 'sarif'], tmpdir({})).code, 2);
  });

  it('--init writes a starter config that parses with no problem, and never overwrites', () => {
    const dir = tmpdir({});
    const r = cli(['--init'], dir);
    assert.equal(r.code, 0);
    const file = path.join(dir, '.docker-security-lint.yaml');
    const text = fs.readFileSync(file, 'utf8');
    assert.deepEqual(parseConfig(file, text, knownRuleOptions()).problems, []);
    // every commented-out example is valid too
    const uncommented = text
      .split('\n')
      .map((l) => (/^# (baseline|fixes):/.test(l) ? l.slice(2) : /^# {2,}\S/.test(l) ? l.slice(1) : l))
      .join('\n');
    assert.deepEqual(
      parseConfig(
        file,
        uncommented.replace('rules: {}', 'rules:').replace('exclude: []', 'exclude:'),
        knownRuleOptions(),
      ).problems.map((p) => p.message),
      [],
      uncommented,
    );
    fs.writeFileSync(file, 'profile: strict\n');
    const again = cli(['--init'], dir);
    assert.equal(again.code, 2);
    assert.match(again.err, /exists; it was not changed/);
    assert.equal(fs.readFileSync(file, 'utf8'), 'profile: strict\n');
  });

  it('--init does not write through a link planted at the name', () => {
    const dir = tmpdir({ 'victim.txt': 'keep\n' });
    fs.symlinkSync(path.join(dir, 'victim.txt'), path.join(dir, '.docker-security-lint.yaml'));
    assert.equal(cli(['--init'], dir).code, 2);
    assert.equal(fs.readFileSync(path.join(dir, 'victim.txt'), 'utf8'), 'keep\n');
    const dangling = tmpdir({});
    fs.symlinkSync(path.join(dangling, 'nowhere.txt'), path.join(dangling, '.docker-security-lint.yaml'));
    assert.equal(cli(['--init'], dangling).code, 2);
    assert.ok(!fs.existsSync(path.join(dangling, 'nowhere.txt')));
  });
});
