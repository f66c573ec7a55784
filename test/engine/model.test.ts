import * as assert from 'node:assert/strict';
import { interpolate } from '../../server/src/engine/model/compose/effective';
import { lint } from '../../server/src/engine/lint';
import { loadProject, projectFiles } from '../../server/src/engine/model/compose/project';
import { parseDockerfile, resolveArgs, shellOf } from '../../server/src/engine/model/dockerfile/model';
import { memHost } from '../rules/ruleTester';

const ids = (r: { findings: { ruleId: string }[] }) => r.findings.map((f) => f.ruleId);

describe('Compose model', () => {
  it('interpolation: defaults count, bare variables are unknown, $$ escapes', () => {
    assert.equal(interpolate('${A:-x}'), 'x');
    assert.equal(interpolate('${A-y}z'), 'yz');
    assert.equal(interpolate('${A:-${B:-deep}}'), 'deep');
    assert.equal(interpolate('$${NOT}'), '${NOT}');
    assert.equal(interpolate('${A}'), undefined);
    assert.equal(interpolate('$A'), undefined);
    assert.equal(interpolate('${A:?required}'), undefined);
    assert.equal(interpolate('${A:+alt}'), undefined);
    assert.equal(interpolate('${unterminated'), undefined);
    assert.equal(interpolate('plain'), 'plain');
  });

  it('merge keys: explicit keys win, earlier sources win, related info points at the anchor', () => {
    const text =
      'x-a: &a\n  privileged: true\n  user: root\nx-b: &b\n  user: "1000"\nservices:\n  s:\n    <<: [*b, *a]\n    ' +
      'privileged: false\n';
    const r = lint('/p/compose.yaml', text, { onlyRules: ['compose/privileged', 'compose/user-root'] });
    assert.deepEqual(ids(r), []);
    const r2 = lint('/p/compose.yaml', 'x-a: &a\n  privileged: true\nservices:\n  s:\n    <<: *a\n', {
      onlyRules: ['compose/privileged'],
    });
    assert.equal(r2.findings.length, 1);
    assert.equal(r2.findings[0].range.start.line, 4);
    assert.equal(r2.findings[0].related?.[0].range.start.line, 1);
    assert.equal(r2.findings[0].related?.[0].file, '/p/compose.yaml');
  });

  it('extends in the same file and across files, with cycles tolerated', () => {
    const files = { '/p/common.yaml': 'services:\n  base:\n    image: a:1\n    cap_add: [SYS_ADMIN]\n' };
    const text =
      'services:\n  web:\n    extends:\n      file: common.yaml\n      service: base\n  loop1:\n    extends: ' +
      'loop2\n  loop2:\n    extends: loop1\n';
    const r = lint('/p/compose.yaml', text, { host: memHost(files), onlyRules: ['compose/cap-add'] });
    assert.equal(r.findings.length, 1);
    assert.equal(r.findings[0].range.start.line, 2, 'reported on the extends line');
    assert.equal(r.findings[0].related?.[0].file, '/p/common.yaml');
    assert.equal(r.findings[0].related?.[0].range.start.line, 3);
  });

  it('override files: merged, findings reported in the file that writes them, !reset and !override understood', () => {
    const base = 'services:\n  app:\n    image: a:1\n    privileged: true\n    cap_add: [NET_ADMIN]\n';
    const over =
      'services:\n  app:\n    privileged: !reset null\n    cap_add: !override [CHOWN]\n    mem_limit: 1g\n  ' +
      'extra:\n    image: b:1\n';
    const host = memHost({ '/p/compose.yaml': base, '/p/compose.override.yaml': over });
    const rb = lint('/p/compose.yaml', base, { host });
    assert.ok(!ids(rb).includes('compose/privileged'), '!reset removes privileged');
    assert.ok(!ids(rb).includes('compose/cap-add'), '!override replaces cap_add');
    assert.ok(!ids(rb).includes('compose/memory-limit'), 'limit from the override counts');
    assert.equal(rb.problems.length, 0, 'tags are not errors');
    const ro = lint('/p/compose.override.yaml', over, { host });
    assert.ok(ro.findings.every((f) => f.file === '/p/compose.override.yaml'));
    assert.ok(
      !ro.findings.some((f) => f.ruleId === 'compose/memory-limit' && /'app'/.test(f.message)),
      'no missing-limit finding for a service defined in the base',
    );
    assert.ok(
      ro.findings.some((f) => f.ruleId === 'compose/memory-limit' && /'extra'/.test(f.message)),
      'a service new in the override is checked',
    );
  });

  it('compose.<env>.yaml files are merged over the base beside them', () => {
    const host = memHost({ '/p/docker-compose.yml': 'services:\n  a:\n    image: x:1\n', '/p/compose.prod.yaml': '' });
    assert.deepEqual(projectFiles('/p/compose.prod.yaml', host), ['/p/docker-compose.yml', '/p/compose.prod.yaml']);
    assert.deepEqual(projectFiles('/p/other.yaml', host), ['/p/other.yaml']);
  });

  it('include paths are collected', () => {
    const p = loadProject(
      '/p/compose.yaml',
      'include:\n  - db/compose.yaml\n  - path: [a.yaml, b.yaml]\nservices: {}\n',
      memHost(),
    );
    assert.deepEqual(p.includes, ['/p/db/compose.yaml', '/p/a.yaml', '/p/b.yaml']);
  });

  it('lenient: duplicate keys, unknown keys and version never stop the analysis; syntax errors are positioned', () => {
    const r = lint(
      '/p/compose.yaml',
      'version: "3"\nservices:\n  a:\n    image: x:1\n    whatever: 1\n    privileged: false\n    privileged: true\n',
    );
    assert.ok(ids(r).includes('compose/privileged'));
    const bad = lint('/p/compose.yaml', 'services:\n  a:\n    image: [x\n  b:\n    privileged: true\n');
    assert.ok(bad.problems.some((p) => p.severity === 'error' && p.range.start.line >= 2));
  });
});

describe('Dockerfile model', () => {
  it('resolves ARG defaults in FROM and finds stages', () => {
    const m = parseDockerfile('/D', 'ARG V=3.20\nARG N\nFROM alpine:${V} AS a\nFROM a\nFROM $N\n');
    assert.equal(m.stages[0].image, 'alpine:3.20');
    assert.equal(m.stages[1].parent, m.stages[0]);
    assert.equal(m.stages[2].image, undefined);
    assert.equal(resolveArgs('${X:-d}', new Map()), 'd');
  });
  it('shell view: commands after && ; | ||, across continuations, in sh -c, in heredocs', () => {
    const m = parseDockerfile('/D', 'FROM a:1\nRUN a && b; c | d || \\\n  e && sh -c "f; g"\nRUN <<EOF\nh\ni\nEOF\n');
    const names = (n: number) => shellOf(m, m.instructions[n]).map((c) => c.words[0].text);
    assert.deepEqual(names(1), ['a', 'b', 'c', 'd', 'e', 'sh', 'f', 'g']);
    assert.deepEqual(names(2), ['h', 'i']);
    const e = shellOf(m, m.instructions[1]).find((c) => c.words[0].text === 'e')!;
    assert.equal(m.text.slice(e.words[0].start, e.words[0].end), 'e', 'offsets map back across the continuation');
  });
  it('malformed input is reported, never thrown', () => {
    for (const t of [
      '',
      'RUN x',
      'FROM',
      '\u0000\u0001',
      'FROM a\nRUN <<EOF\nnever closed',
      '# escape=`\nFROM a `\n',
    ]) {
      const r = lint('/p/Dockerfile', t);
      assert.ok(Array.isArray(r.findings));
    }
  });
});
