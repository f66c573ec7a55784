import * as assert from 'node:assert/strict';
import { parseConfig } from '../../server/src/engine/config/config';
import { knownRuleOptions } from '../../server/src/engine/rules/index';
import { lint } from '../../server/src/engine/lint';
import { configCompletions } from '../../server/src/engine/config/complete';
import { LineIndex } from '../../server/src/engine/text';

const parse = (t: string) => parseConfig('/p/.docker-security-lint.yaml', t, knownRuleOptions());

describe('configuration file', () => {
  it('reads severities, options, excludes and fix defaults', () => {
    const { config, problems } = parse(
      'rules:\n  compose/read-only-rootfs: off\n  compose/cap-add: { severity: error, allow: [NET_ADMIN] ' +
        '}\nexclude: ["legacy/**"]\nfixes: { memory: 1G, cpus: "2", pids: 64, user: "app:app" }\n',
    );
    assert.deepEqual(problems, []);
    assert.equal(config.rules['compose/read-only-rootfs'].severity, 'off');
    assert.deepEqual(config.rules['compose/cap-add'], { severity: 'error', options: { allow: ['NET_ADMIN'] } });
    assert.deepEqual(config.exclude, ['legacy/**']);
    assert.deepEqual(config.fixes, { memory: '1G', cpus: '2', pids: 64, user: 'app:app' });
  });
  it('compose.files: sets resolved against the folder of the config file, in merge order', () => {
    const { config, problems } = parse('compose:\n  files:\n    - [compose.yaml, deploy/compose.prod.yaml]\n');
    assert.deepEqual(problems, []);
    assert.deepEqual(config.composeSets, [['/p/compose.yaml', '/p/deploy/compose.prod.yaml']]);
  });
  it('an empty file is the defaults', () => {
    assert.deepEqual(parse('').problems, []);
    assert.deepEqual(parse('# nothing\n').problems, []);
  });
  const bad: [string, RegExp, number][] = [
    ['rules:\n  compose/nope: off\n', /unknown rule 'compose\/nope'/, 2],
    ['rules:\n  compose/privileged: loud\n', /severity must be one of/, 2],
    ['rules:\n  compose/privileged: { allow: [x] }\n', /unknown option 'allow'/, 2],
    ['rules:\n  compose/cap-add: { allow: NET_ADMIN }\n', /must be a list of strings/, 2],
    ['exclude: legacy\n', /'exclude' must be a list/, 1],
    ['fixes:\n  user: root\n', /fixes.user: invalid value/, 2],
    ['colour: red\n', /unknown key 'colour'/, 1],
    ['rules: [\n', /invalid YAML/, 2],
    ['- 1\n', /must be a mapping/, 1],
    ['compose: [a.yaml]\n', /'compose' must be a mapping with one key, files/, 1],
    ['compose:\n  files: a.yaml\n', /'compose.files' must be a list/, 2],
    ['compose:\n  files:\n    - []\n', /each set in 'compose.files' must list 1 to 32/, 3],
  ];
  for (const [text, re, line] of bad) {
    it(`reports ${re} with file and line`, () => {
      const { problems } = parse(text);
      assert.ok(problems.length >= 1);
      assert.match(problems[0].message, re);
      assert.match(problems[0].message, new RegExp(`^/p/\\.docker-security-lint\\.yaml:${line}: `));
    });
  }
  it('severity overrides and rule options reach the rules', () => {
    const { config } = parse(
      'rules:\n  compose/privileged: info\n  compose/cap-add: { allow: [SYS_TIME] }\n  compose/memory-limit: off\n',
    );
    const r = lint(
      '/p/compose.yaml',
      'services:\n  a:\n    image: x:1\n    privileged: true\n    cap_add: [SYS_TIME]\n',
      { config },
    );
    assert.equal(r.findings.find((f) => f.ruleId === 'compose/privileged')?.severity, 'info');
    assert.ok(!r.findings.some((f) => f.ruleId === 'compose/cap-add' || f.ruleId === 'compose/memory-limit'));
  });
});

describe('config completion', () => {
  const at = (text: string) => {
    const lines = text.split('\n');
    const line = lines.length - 1;
    return configCompletions(new LineIndex(text), line, lines[line].length).map((c) => c.label);
  };
  it('top-level keys, rule ids under rules, severities and profiles as values, fix keys', () => {
    assert.deepEqual(at('pro').sort(), [
      'baseline',
      'compose',
      'exclude',
      'fixes',
      'maxFileSize',
      'profile',
      'rules',
      'skipped',
    ]);
    assert.ok(at('rules:\n  compose/pri').includes('compose/privileged'));
    assert.deepEqual(at('rules:\n  compose/privileged: '), ['off', 'error', 'warning', 'info', 'hint']);
    assert.deepEqual(at('profile: '), ['recommended', 'strict']);
    assert.deepEqual(at('fixes:\n  # c\n  me').sort(), ['cpus', 'memory', 'pids', 'user']);
    assert.deepEqual(at('rules:\n  compose/cap-add:\n    '), ['severity', 'allow']);
    assert.deepEqual(at('exclude: ["a'), []);
  });
});
