import * as assert from 'node:assert/strict';
import { interpolate } from '../../server/src/engine/sources/compose/effective';
import { parseDotEnv } from '../../server/src/engine/sources/compose/dotenv';
import { lint } from '../../server/src/engine/lint';
import { fingerprints } from '../../server/src/engine/baseline';
import { defaultConfig } from '../../server/src/engine/config/config';
import { loadProject, projectFiles } from '../../server/src/engine/sources/compose/project';
import { parseDockerfile, resolveArgs, shellOf } from '../../server/src/engine/sources/dockerfile/model';
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

  it('.env: read as Compose reads it (export, quotes, escapes, comments, earlier keys), nothing from outside', () => {
    const text =
      '# comment\nexport A=one\nB = "two # not a comment"  # comment\nC=three # comment\nD=four#five\n' +
      'E=\'${A} literal\'\nF="${A}-\\"q\\"\\n"\nG=${OUTSIDE}\nH=\nI=\'multi\nline\'\nJ=$A$A\n  K=indented\nnot a line\n';
    const env = parseDotEnv('/p/.env', text);
    const values = Object.fromEntries([...env.vars].map(([k, v]) => [k, v.value]));
    assert.deepEqual(values, {
      A: 'one',
      B: 'two # not a comment',
      C: 'three',
      D: 'four#five',
      E: '${A} literal',
      F: 'one-"q"\n',
      G: undefined,
      H: '',
      I: 'multi\nline',
      J: 'oneone',
      K: 'indented',
    });
    assert.equal(env.index.range(env.vars.get('K')!.start, 0).start.line, 12);
  });

  it('interpolation with .env values: set, empty, unknown and unset variables per operator', () => {
    const vars = new Map<string, { value: string | undefined }>([
      ['SET', { value: 'v' }],
      ['EMPTY', { value: '' }],
      ['UNK', { value: undefined }],
    ]);
    const cases: [string, string | undefined][] = [
      ['${SET}', 'v'],
      ['$SET/x', 'v/x'],
      ['${EMPTY:-d}', 'd'],
      ['${EMPTY-d}', ''],
      ['${UNSET:-d}', 'd'],
      ['${UNK:-d}', undefined],
      ['${SET:+alt}', 'alt'],
      ['${EMPTY:+alt}', ''],
      ['${SET:?err}', 'v'],
      ['${EMPTY:?err}', undefined],
      ['${UNSET}', undefined],
    ];
    for (const [s, want] of cases) assert.equal(interpolate(s, 0, undefined, vars), want, s);
    assert.equal(interpolate('${UNK}/docker.sock', 0, '${?}', vars), '${?}/docker.sock');
  });

  it('.env beside the Compose file feeds interpolation; findings point at the .env line; secrets kept there are fine', () => {
    const compose =
      'services:\n  web:\n    image: nginx:1.25\n    privileged: ${PRIV}\n    network_mode: ${NET:-bridge}\n' +
      '    environment:\n      DB_PASSWORD: ${DB_PASSWORD}\n';
    const dotenv = '# settings\nexport PRIV=true\nNET="host" # inline\nDB_PASSWORD=s3cr3t-Value-9\n';
    const only = ['compose/privileged', 'compose/host-network', 'compose/secret-in-environment'];
    const r = lint('/p/compose.yaml', compose, { host: memHost({ '/p/.env': dotenv }), onlyRules: only });
    assert.deepEqual(
      r.findings.map((f) => [f.ruleId, f.range.start.line, f.related?.map((x) => [x.file, x.range.start.line])]),
      [
        ['compose/privileged', 3, [['/p/.env', 1]]],
        ['compose/host-network', 4, [['/p/.env', 2]]],
      ],
    );
    // without the .env: unknown and defaults, nothing flagged
    assert.deepEqual(ids(lint('/p/compose.yaml', compose, { onlyRules: only })), []);
    // a .env elsewhere (not the project folder) is not read
    assert.deepEqual(
      ids(lint('/p/compose.yaml', compose, { host: memHost({ '/q/.env': dotenv }), onlyRules: only })),
      [],
    );
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
    const limits = rb.findings.filter((f) => f.ruleId === 'compose/resource-limits').map((f) => f.message);
    assert.equal(limits.length, 1);
    assert.doesNotMatch(limits[0], /memory/, 'the memory limit from the override counts');
    assert.match(limits[0], /no CPU and PID limit|no CPU or PID limit/);
    assert.equal(rb.problems.length, 0, 'tags are not errors');
    const ro = lint('/p/compose.override.yaml', over, { host });
    assert.ok(ro.findings.every((f) => f.file === '/p/compose.override.yaml'));
    assert.ok(
      !ro.findings.some((f) => f.ruleId === 'compose/resource-limits' && /'app'/.test(f.message)),
      'no missing-limit finding for a service defined in the base',
    );
    assert.ok(
      ro.findings.some((f) => f.ruleId === 'compose/resource-limits' && /'extra' has no memory/.test(f.message)),
      'a service new in the override is checked',
    );
  });

  it('compose.<env>.yaml beside a base: merged when it is an overlay, linted alone when it is a project', () => {
    const base = 'services:\n  web:\n    image: nginx:1.25\n  db:\n    image: postgres:16\n';
    const overlay = 'services:\n  web:\n    privileged: true\n';
    const standalone = 'services:\n  web:\n    image: nginx\n    privileged: true\n';
    const files = {
      '/p/compose.yaml': base,
      '/p/compose.prod.yaml': overlay,
      '/p/docker-compose.images.yml': standalone,
      '/p/docker-compose.extra.yml': 'services:\n  worker:\n    command: run\n',
    };
    const host = memHost(files);
    const project = (f: keyof typeof files, sets: string[][] = []) =>
      loadProject(f, files[f], host, undefined, sets).files.map((x) => x.path);
    assert.deepEqual(project('/p/compose.prod.yaml'), ['/p/compose.yaml', '/p/compose.prod.yaml']);
    assert.deepEqual(project('/p/docker-compose.images.yml'), ['/p/docker-compose.images.yml'], 'own image: alone');
    assert.deepEqual(project('/p/docker-compose.extra.yml'), ['/p/docker-compose.extra.yml'], 'a service not in base');
    assert.deepEqual(project('/p/compose.yaml'), ['/p/compose.yaml'], 'a base merges only its default override');
    // a declared set wins, in its order, for every file it holds
    const set = ['/p/compose.yaml', '/p/docker-compose.images.yml'];
    assert.deepEqual(project('/p/compose.yaml', [set]), set);
    assert.deepEqual(project('/p/docker-compose.images.yml', [set]), set);
    // merged, the overlay gets only what it writes (missing limits belong to the base, where 'web' is defined)
    const ro = lint('/p/compose.prod.yaml', overlay, { host });
    assert.deepEqual(ids(ro), ['compose/privileged']);
    const rs = lint('/p/docker-compose.images.yml', standalone, { host });
    assert.ok(ids(rs).includes('compose/image-tag'), 'a standalone file is judged on its own images');
    assert.deepEqual(projectFiles('/p/other.yaml', host).files, ['/p/other.yaml']);
  });

  it('!reset within one file removes a value brought by a merge key or an extends base', () => {
    const text =
      'x-b: &b\n  privileged: true\n  cap_add: [SYS_ADMIN]\nservices:\n  a:\n    <<: *b\n    privileged: !reset null\n' +
      '    cap_add: !reset []\n  base:\n    image: x:1\n    pid: host\n  c:\n    extends: base\n    pid: !reset\n';
    const r = lint('/p/compose.yaml', text, {
      onlyRules: ['compose/privileged', 'compose/cap-add', 'compose/host-pid'],
    });
    assert.deepEqual(
      r.findings.map((f) => [f.ruleId, f.range.start.line]),
      [['compose/host-pid', 10]],
      'only base itself keeps pid: host',
    );
    // without the reset lines, the same file is flagged (the test can fail)
    const r2 = lint('/p/compose.yaml', text.replace(/\n {4}\w+: !reset[^\n]*/g, ''), {
      onlyRules: ['compose/privileged', 'compose/cap-add', 'compose/host-pid'],
    });
    // (recommended: the privileged finding speaks for the cap_add it brings, as related information)
    assert.deepEqual(r2.findings.map((f) => f.ruleId).sort(), [
      'compose/host-pid',
      'compose/host-pid',
      'compose/privileged',
    ]);
    const priv = r2.findings.find((f) => f.ruleId === 'compose/privileged');
    assert.ok(priv?.related?.some((x) => /grants SYS_ADMIN/.test(x.message)));
  });

  it('a long-syntax volume without type: is a schema problem, and a bind when its source is a path', () => {
    const text =
      'services:\n  a:\n    image: x:1\n    volumes:\n      - source: /var/run/docker.sock\n        target: /s\n' +
      '      - type: volume\n        source: data\n        target: /d\n';
    const r = lint('/p/compose.yaml', text, { onlyRules: ['compose/docker-socket'] });
    assert.deepEqual(
      r.problems.map((p) => [p.severity, p.range.start.line, /without `type:`/.test(p.message)]),
      [['warning', 4, true]],
    );
    assert.deepEqual(ids(r), ['compose/docker-socket']);
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

describe('baseline fingerprints', () => {
  const fps = (file: string, text: string) => {
    const r = lint(file, text, { config: { ...defaultConfig(), profile: 'strict' } });
    return new Map(fingerprints(r, text, 'x').map((fp, i) => [fp, `${r.findings[i].ruleId}`]));
  };
  it('survive unrelated edits (lines added above, other services, comments), change with the value', () => {
    const base = 'services:\n  web:\n    image: nginx:1.25\n    privileged: true\n    pid: host\n';
    const edited =
      '# a comment\nservices:\n  db:\n    image: postgres:16\n    privileged: true\n  web:\n\n    image: nginx:1.25\n' +
      '    pid: host\n    privileged:   true\n';
    const a = fps('/p/compose.yaml', base);
    const b = fps('/p/compose.yaml', edited);
    const kept = [...a.keys()].filter((k) => b.has(k));
    assert.equal(kept.length, a.size, "every one of web's findings keeps its fingerprint");
    // db's privileged is new (another service), and a changed value is new too
    assert.ok([...b.keys()].filter((k) => !a.has(k)).some((k) => b.get(k) === 'compose/privileged'));
    const changed = fps('/p/compose.yaml', base.replace('pid: host', 'pid: "host"'));
    assert.ok(
      [...changed.keys()].some((k) => !a.has(k)),
      'a different value is a different finding',
    );
  });
  it('devcontainer.json: by JSON path, not line; the same value elsewhere is another finding', () => {
    const file = '/p/.devcontainer/devcontainer.json';
    const a = fps(file, '{\n  "privileged": true,\n  "capAdd": ["SYS_ADMIN"]\n}\n');
    const b = fps(file, '{\n  // added\n  "name": "x",\n\n  "capAdd": ["SYS_ADMIN"],\n  "privileged": true,\n}\n');
    assert.equal(a.size, 2);
    assert.ok([...a.keys()].every((k) => b.has(k)));
    const c = fps(file, '{\n  "runArgs": ["--privileged"],\n  "capAdd": ["SYS_ADMIN"]\n}\n');
    assert.ok(
      [...c.keys()].some((k) => !a.has(k)),
      'runArgs --privileged is not the privileged property',
    );
  });
  it('Dockerfiles: by stage and instruction, not line', () => {
    const a = fps('/p/Dockerfile', 'FROM alpine:3.20\nRUN sudo id\n');
    const b = fps('/p/Dockerfile', '# syntax note\nFROM alpine:3.20\nRUN echo hi\n\nRUN sudo id\n');
    assert.ok([...a.keys()].every((k) => b.has(k)));
  });
});

describe('recommended: once per origin', () => {
  const text =
    'x-common: &common\n  image: app:1.0\n  privileged: true\n  environment:\n    DB_PASSWORD: hunter2hunter\n' +
    'services:\n  a:\n    <<: *common\n  b:\n    <<: *common\n  c:\n    <<: *common\n    pid: host\n';
  const run = (profile: 'recommended' | 'strict') =>
    lint('/p/compose.yaml', text, {
      config: { ...defaultConfig(), profile },
      onlyRules: ['compose/privileged', 'compose/secret-in-environment', 'compose/host-pid'],
    }).findings;
  it('a value three services inherit from one anchor is one finding naming the others; strict keeps three', () => {
    const rec = run('recommended');
    assert.deepEqual(
      rec.map((f) => [f.ruleId, f.range.start.line]),
      [
        ['compose/privileged', 7],
        ['compose/secret-in-environment', 7],
        ['compose/host-pid', 12],
      ],
    );
    const priv = rec.find((f) => f.ruleId === 'compose/privileged')!;
    assert.match(priv.message, /The same value reaches services 'b', 'c' from one origin: reported once\.$/);
    assert.deepEqual(
      priv.related?.map((r) => [r.range.start.line, r.message]),
      [
        [2, 'the value is defined here'],
        [9, "also brought into 'b' here"],
        [11, "also brought into 'c' here"],
      ],
    );
    assert.equal(run('strict').filter((f) => f.ruleId === 'compose/privileged').length, 3);
  });
});
