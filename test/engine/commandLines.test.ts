import * as assert from 'node:assert/strict';
import { lint } from '../../server/src/engine/lint';
import { defaultConfig } from '../../server/src/engine/config/config';
import { detectKind } from '../../server/src/engine/kind';

const strict = () => ({ ...defaultConfig(), profile: 'strict' as const });

describe('command lines: where a value comes from, and which files hold them', () => {
  it('a flag from a shell variable is reported where it is used, with its assignment as related information', () => {
    const text = '#!/bin/sh\nOPTS="--rm --privileged"\ndocker run $OPTS alpine:3.20\n';
    const [f] = lint('/p/run.sh', text).findings.filter((x) => x.ruleId === 'run/privileged');
    assert.ok(f, 'finding');
    assert.deepEqual([f.range.start.line, f.range.start.character], [2, 11]);
    assert.deepEqual(
      f.related?.map((r) => [r.range.start.line, r.range.start.character, r.range.end.character, r.message]),
      [[1, 0, 24, 'the value is assigned here']],
    );
    assert.deepEqual(f.fixes ?? [], [], 'no fix: the text lives in the assignment');
  });

  it('a make variable: the same, at its assignment line', () => {
    const text = 'D := docker run --privileged\n\nt:\n\t$(D) alpine:3.20\n';
    const [f] = lint('/p/Makefile', text).findings.filter((x) => x.ruleId === 'run/privileged');
    assert.ok(f, 'finding');
    assert.equal(f.range.start.line, 3);
    assert.deepEqual(
      f.related?.map((r) => r.range.start.line),
      [0],
    );
  });

  it('a flag written on the command line has no related information', () => {
    const [f] = lint('/p/run.sh', 'docker run --privileged x\n').findings;
    assert.equal(f.related, undefined);
  });

  it('which files are command lines: by name, a shebang only when the file is named', () => {
    assert.equal(detectKind('/p/scripts/ci.sh', ''), 'run');
    assert.equal(detectKind('/p/Makefile', ''), 'run');
    assert.equal(detectKind('/p/.github/workflows/ci.yml', ''), 'run');
    assert.equal(detectKind('/p/ci.yml', '', false), undefined);
    assert.equal(detectKind('/p/README.md', ''), 'run');
    assert.equal(detectKind('/p/bin/deploy', '#!/usr/bin/env bash\ndocker run x\n', true), 'run');
    assert.equal(detectKind('/p/bin/deploy', '#!/usr/bin/env python3\n', true), undefined);
    assert.equal(detectKind('/p/bin/deploy', '#!/bin/sh\n', false), undefined);
  });

  it('Markdown: nothing in recommended; info in strict, in shell blocks only', () => {
    const md = '# Setup\n\n```bash\ndocker run --privileged x\n```\n\n```yaml\nprivileged: true\n```\n';
    assert.deepEqual(lint('/p/README.md', md).findings, []);
    const got = lint('/p/README.md', md, { config: strict() }).findings;
    assert.deepEqual(
      got.map((f) => [f.ruleId, f.severity, f.range.start.line]),
      [['run/privileged', 'info', 3]],
    );
  });

  it('a workflow step with a PowerShell shell is not read as sh', () => {
    const wf =
      'jobs:\n  w:\n    runs-on: windows-latest\n    steps:\n      - shell: pwsh\n        run: docker run --privileged x\n      - run: docker run --privileged y\n';
    const got = lint('/p/.github/workflows/w.yml', wf).findings.filter((f) => f.ruleId === 'run/privileged');
    assert.deepEqual(
      got.map((f) => f.range.start.line),
      [6],
    );
  });
});
