import { detectKind } from '../../server/src/engine/kind';
import * as assert from 'node:assert/strict';
import { lint, ParseCache } from '../../server/src/engine/lint';
import { defaultConfig } from '../../server/src/engine/config/config';
import { composeRules } from '../../server/src/engine/rules/index';

function bomb(levels: number): string {
  let t = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
  for (let i = 1; i <= levels; i++)
    t += `a${i}: &a${i} [${Array(10)
      .fill(`*a${i - 1}`)
      .join(', ')}]\n`;
  return (
    `${t}services:\n  s:\n    image: x:1\n    cap_add: *a${levels}\n    environment: *a${levels}\n    <<: {labels: ` +
    `*a${levels}}\n`
  );
}

describe('robustness', () => {
  it("words that name an object's inherited properties are just words (constructor, toString, __proto__)", () => {
    const config = { ...defaultConfig(), profile: 'strict' as const };
    const cases: [string, string, string[], string[]][] = [
      // file, text, rules that must report, rules that must not
      [
        '/p/Dockerfile',
        'FROM alpine:3.20\nRUN constructor install foo && toString add bar && __proto__ install x\n' +
          'RUN toString=1 hasOwnProperty=0 valueOf=1 apk add --no-cache curl\nUSER 1000\n',
        [],
        ['dockerfile/verification-disabled'],
      ],
      [
        '/p/run.sh',
        '#!/bin/sh\ndocker run --toString=1 -e constructor=1 --privileged busybox:1.36\n',
        ['run/privileged'],
        [],
      ],
      [
        '/p/compose.yaml',
        'services:\n  a:\n    image: busybox:1.36\n    tmpfs: ["/x:constructor,toString"]\n    ports: ["127.0.0.1:80:80"]\n',
        [],
        ['compose/tmpfs-options'],
      ],
      [
        '/p/docker.service',
        '[Service]\nExecStart=/usr/bin/dockerd --constructor --toString -H tcp://0.0.0.0:2375\n',
        ['daemon/tcp-without-tls'],
        [],
      ],
    ];
    for (const [file, text, must, mustNot] of cases) {
      const r = lint(file, text, { config });
      assert.deepEqual(
        r.problems.filter((p) => /Internal error/.test(p.message)).map((p) => p.message),
        [],
        `${file}: no rule throws`,
      );
      const ids = new Set(r.findings.map((f) => f.ruleId));
      for (const id of must) assert.ok(ids.has(id), `${file}: ${id} reported`);
      for (const id of mustNot) assert.ok(!ids.has(id), `${file}: ${id} not reported`);
    }
  });
  it('devcontainer.json: deep nesting, broken JSON, a non-object and odd runArgs give problems, never a crash', () => {
    const file = '/p/.devcontainer/devcontainer.json';
    const deep = lint(file, '['.repeat(50_000));
    assert.ok(deep.problems.some((p) => /nested deeper/.test(p.message)));
    const broken = lint(file, '{ "privileged": true, "capAdd": ["SYS_ADMIN" ');
    assert.ok(broken.problems.some((p) => /JSON syntax error/.test(p.message)));
    assert.ok(
      broken.findings.some((f) => f.ruleId === 'devcontainer/privileged'),
      'what parses is analysed',
    );
    assert.ok(lint(file, '"a string"').problems.some((p) => /one JSON object/.test(p.message)));
    const odd = lint(
      file,
      '{ "runArgs": ["-", "--", "-v", 3, null, "--cap-add"], "mounts": [1, "x", {}], "features": [] }',
    );
    assert.deepEqual(odd.problems, []);
  });
  it('a billion-laughs alias bomb returns quickly with a clear problem', () => {
    const start = process.hrtime.bigint();
    const r = lint('/p/compose.yaml', bomb(9));
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    assert.ok(ms < 10_000, `took ${ms} ms`); // generous bound: measured well under a second
    assert.ok(
      r.problems.some((p) => /alias/.test(p.message)),
      'reports the alias expansion limit',
    );
  });
  it('merge keys that refer to their own ancestors do not loop', () => {
    const r = lint('/p/compose.yaml', 'services:\n  s: &s\n    image: x:1\n    <<: *s\n    labels: *s\n');
    assert.ok(Array.isArray(r.findings));
  });
  it('deeply nested documents are a parse problem, not a crash', () => {
    const deep = `services:\n  s:\n    image: x:1\n    labels: ${'['.repeat(20000)}${']'.repeat(20000)}\n`;
    const r = lint('/p/compose.yaml', deep);
    assert.ok(r.problems.length > 0 || r.findings.length >= 0);
    const deepMap =
      'services:\n' + Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i + 2)}k${i}:`).join('\n') + '\n';
    assert.ok(Array.isArray(lint('/p/compose.yaml', deepMap).findings));
  });
  it("the editor's incremental parse is as bounded: alias bombs and deep nesting, edit after edit", () => {
    const cache = new ParseCache(64, true);
    const deep = `services:\n  s:\n    image: x:1\n    labels: ${'['.repeat(20000)}${']'.repeat(20000)}\n  t:\n    image: y:1\n`;
    for (const text of [
      bomb(9),
      bomb(9).replace('image: x:1', 'image: x:2'),
      deep,
      deep.replace('image: y:1', 'image: y:2'),
    ]) {
      const start = process.hrtime.bigint();
      const r = lint('/p/compose.yaml', text, { cache });
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      assert.ok(ms < 10_000, `took ${ms} ms`);
      if (text.includes('a9'))
        assert.ok(
          r.problems.some((p) => /alias/.test(p.message)),
          'reports the alias expansion limit',
        );
      else assert.ok(Array.isArray(r.findings));
    }
  });
  it('files over maxFileSize are skipped with a message, not parsed', () => {
    const config = { ...defaultConfig(), maxFileSize: 1000 };
    const r = lint('/p/compose.yaml', `services:\n  a:\n    image: x:1\n    privileged: true\n#${'x'.repeat(2000)}\n`, {
      config,
    });
    assert.equal(r.kind, 'skipped');
    assert.match(r.problems[0].message, /larger than 1000 bytes/);
    assert.equal(r.findings.length, 0);
  });
  it('NUL bytes do not make a file skipped: it is linted as it is (skipping would bypass a CI gate)', () => {
    const r = lint('/p/Dockerfile', 'FROM a\u0000\u0001\nRUN curl http://x | sh\n');
    assert.equal(r.kind, 'dockerfile');
    assert.ok(r.findings.some((f) => f.ruleId === 'dockerfile/curl-pipe-shell'));
  });
  it('text over maxFileSize is skipped with the reason', () => {
    const r = lint('/p/Dockerfile', 'FROM a\n' + ' '.repeat(100), { config: { ...defaultConfig(), maxFileSize: 50 } });
    assert.equal(r.kind, 'skipped');
    assert.match(r.problems[0].message, /larger than 50 bytes/);
  });
  it('a rule that throws does not take the others down', () => {
    const rule = composeRules.find((r) => r.meta.id === 'compose/privileged')!;
    const orig = rule.check;
    const errors: string[] = [];
    rule.check = () => {
      throw new Error('boom');
    };
    try {
      const r = lint('/p/compose.yaml', 'services:\n  a:\n    image: x:1\n    privileged: true\n    pid: host\n', {
        onRuleError: (id) => errors.push(id),
      });
      assert.ok(r.findings.some((f) => f.ruleId === 'compose/host-pid'));
      assert.ok(r.problems.some((p) => /Internal error in rule compose\/privileged: boom/.test(p.message)));
      assert.deepEqual(errors, ['compose/privileged']);
    } finally {
      rule.check = orig;
    }
  });
  it('a fix that throws is not offered and is reported as a rule failure, not swallowed', () => {
    const rule = composeRules.find((r) => r.meta.id === 'compose/privileged')!;
    const orig = rule.check;
    const errors: string[] = [];
    rule.check = (ctx) =>
      ctx.report({
        at: ctx.services[0].keyLoc,
        message: 'x',
        fixes: () => {
          throw new Error('no fix');
        },
      });
    try {
      const r = lint('/p/compose.yaml', 'services:\n  a:\n    image: x:1\n', {
        onRuleError: (id) => errors.push(id),
        onlyRules: ['compose/privileged'],
      });
      assert.equal(r.findings.length, 1);
      assert.deepEqual(errors, [], 'fixes are computed when asked for');
      assert.equal(r.findings[0].fixes, undefined);
      assert.deepEqual(errors, ['compose/privileged']);
      assert.ok(
        r.problems.some((p) =>
          /Internal error in rule compose\/privileged: no fix \(its fix is not offered\)/.test(p.message),
        ),
      );
      assert.equal(r.problems.find((p) => /no fix/.test(p.message))?.severity, 'error');
    } finally {
      rule.check = orig;
    }
  });
  it('an alias to no anchor (or to one defined after it) is a parse problem at the alias', () => {
    const r = lint(
      '/p/compose.yaml',
      'services:\n  a:\n    image: x:1\n    environment: *missing\n  b:\n    <<: *late\n    image: y:1\nx-late: &late {privileged: true}\n',
    );
    const msgs = r.problems.filter((p) => /refers to no anchor/.test(p.message));
    assert.deepEqual(
      msgs.map((p) => `${p.range.start.line + 1}:${p.range.start.character + 1} ${p.severity}`),
      ['4:18 error', '6:9 error'],
    );
    assert.match(msgs[0].message, /\*missing/);
    const ok = lint('/p/compose.yaml', 'x: &a {image: x:1}\nservices:\n  a: *a\n');
    assert.ok(!ok.problems.some((p) => /refers to no anchor/.test(p.message)));
  });
  it('a legacy (version 1) file is linted: its top-level services get every rule, and one info problem says so', () => {
    const r = lint(
      '/p/docker-compose.yml',
      'web:\n  image: nginx:1.27\n  privileged: true\n  net: host\ndb:\n  build: .\n',
    );
    assert.ok(r.findings.some((f) => f.ruleId === 'compose/privileged' && f.range.start.line === 2));
    assert.ok(r.findings.some((f) => f.ruleId === 'compose/host-network'));
    assert.ok(r.findings.some((f) => f.ruleId === 'compose/resource-limits' && /'db' has no memory/.test(f.message)));
    const p = r.problems.find((x) => /legacy \(version 1\)/.test(x.message));
    assert.equal(p?.severity, 'info');
    // not legacy: a version key, a plain YAML mapping, or a services key
    for (const t of ['version: "2"\nweb:\n  image: x:1\n', 'a:\n  b: 1\n', 'services:\n  web:\n    image: x:1\n']) {
      const q = lint('/p/docker-compose.yml', t);
      assert.ok(!q.problems.some((x) => /legacy/.test(x.message)), t);
    }
    assert.equal(
      detectKind('/p/fig.yml', '# old\nweb:\n  image: x:1\n', true),
      'compose',
      'found by content when named explicitly',
    );
    assert.equal(detectKind('/p/config.yml', 'server:\n  port: 80\n', true), undefined);
  });
});
