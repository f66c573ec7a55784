// daemon.json as dockerd reads it: strict JSON. What VS Code's JSON with comments accepts but dockerd refuses to
// start with is a problem on the file, at the character that stops it; devcontainer.json accepts both.
import * as assert from 'node:assert/strict';
import { lint } from '../../server/src/engine/lint';
import { suppressionFixes } from '../../server/src/engine/config/suppress';
import { LineIndex } from '../../server/src/engine/text';

const DAEMON = '/etc/docker/daemon.json';
const STRICT = /dockerd reads daemon.json as strict JSON/;

/** The strict-JSON problems of a daemon.json: message ending, line:character of the start, the text it covers. */
function strictProblems(text: string): string[] {
  const lines = text.split('\n');
  return lint(DAEMON, text)
    .problems.filter((p) => STRICT.test(p.message))
    .map((p) => {
      const covered = lines[p.range.start.line].slice(p.range.start.character, p.range.end.character);
      return `${p.severity} ${p.range.start.line}:${p.range.start.character} ${JSON.stringify(covered)} ${p.message.replace(STRICT, '').replace(/^:\s*/, '')}`;
    });
}

describe('daemon.json: strict JSON', () => {
  const cases: [string, string, string[]][] = [
    ['valid', '{\n  "icc": false,\n  "hosts": ["unix:///var/run/docker.sock"]\n}\n', []],
    [
      'a comma after the last key',
      '{\n  "icc": false,\n  "live-restore": true,\n}\n',
      ['warning 2:22 "," it refuses to start with a comma before a closing bracket'],
    ],
    [
      'a comma after the last list item, a comment between it and the bracket',
      '{\n  "icc": false,\n  "hosts": ["fd://",  /* the socket */ ]\n}\n',
      [
        'warning 2:22 "/* the socket */" it refuses to start with comments in it',
        'warning 2:19 "," it refuses to start with a comma before a closing bracket',
      ],
    ],
    [
      'both, on separate lines, and a comma inside a string is none',
      '{\n  "labels": ["a,]", "b",\n  ],\n  "icc": false,\n}\n',
      [
        'warning 1:23 "," it refuses to start with a comma before a closing bracket',
        'warning 3:14 "," it refuses to start with a comma before a closing bracket',
      ],
    ],
    [
      'a line comment',
      '{\n  // hardened\n  "icc": false\n}\n',
      ['warning 1:2 "// hardened" it refuses to start with comments in it'],
    ],
  ];
  for (const [name, text, expected] of cases)
    it(name, () => {
      assert.deepEqual(strictProblems(text), expected);
    });

  it('findings are still reported on a daemon.json with a trailing comma', () => {
    const r = lint(DAEMON, '{\n  "hosts": ["tcp://0.0.0.0:2375"],\n}\n');
    assert.ok(
      r.findings.some((f) => f.ruleId === 'daemon/tcp-without-tls'),
      r.findings.map((f) => f.ruleId).join(),
    );
  });

  it('devcontainer.json takes trailing commas and comments (VS Code reads it as JSON with comments)', () => {
    const r = lint('/p/.devcontainer/devcontainer.json', '{\n  // dev\n  "image": "node:20",\n}\n');
    assert.deepEqual(r.problems, []);
  });
});

describe('daemon rules: suppression where the file takes comments', () => {
  const UNIT = '/etc/systemd/system/docker.service.d/override.conf';
  const unit = '[Service]\nExecStart=\nExecStart=/usr/bin/dockerd -H fd:// -H tcp://0.0.0.0:2375\n';
  it('a systemd unit: a # line above ExecStart suppresses, and the quick fix writes one', () => {
    const r = lint(UNIT, unit);
    assert.deepEqual(
      r.findings.map((f) => f.ruleId),
      ['daemon/tcp-without-tls'],
    );
    const fixes = suppressionFixes('daemon', new LineIndex(unit), r.findings[0]);
    assert.deepEqual(
      fixes.map((f) => f.title),
      ['Ignore daemon/tcp-without-tls on this line', 'Ignore daemon/tcp-without-tls in this file'],
    );
    const commented = unit.replace(
      'ExecStart=/usr',
      '# docker-security-lint ignore=daemon/tcp-without-tls -- a lab VM\nExecStart=/usr',
    );
    assert.deepEqual(lint(UNIT, commented).findings, []);
  });
  it('a script: the same comment above a dockerd command line', () => {
    const script =
      '#!/bin/sh\n# docker-security-lint ignore=daemon/tcp-without-tls -- a lab VM\ndockerd -H tcp://0.0.0.0:2375 &\ndockerd -H tcp://0.0.0.0:2375 &\n';
    assert.deepEqual(
      lint('/p/start.sh', script).findings.map((f) => `${f.ruleId}@${f.range.start.line}`),
      ['daemon/tcp-without-tls@3'],
    );
  });
  it('daemon.json: no comment is offered (dockerd would not start)', () => {
    const json = '{\n  "hosts": ["tcp://0.0.0.0:2375"]\n}\n';
    const r = lint(DAEMON, json);
    assert.deepEqual(suppressionFixes('daemon', new LineIndex(json), r.findings[0]), []);
  });
});
