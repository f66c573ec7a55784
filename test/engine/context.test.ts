import * as assert from 'node:assert/strict';
import { contextOfPath, type FileContext } from '../../server/src/engine/context';
import { defaultConfig, parseConfig, type Config } from '../../server/src/engine/config/config';
import { knownRuleOptions } from '../../server/src/engine/rules/index';
import { lint } from '../../server/src/engine/lint';
import type { Finding, Host, Kind } from '../../server/src/engine/types';

const host: Host = { readFile: () => undefined, top: () => '/repo' };
const run = (file: string, text: string, config: Config = defaultConfig()) =>
  lint(file, text, { host, config }).findings;
const at = (fs: Finding[], id: string) => fs.filter((f) => f.ruleId === id).map((f) => f.severity);

const PRIV = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n';

describe('file context', () => {
  const cases: [string, Kind | undefined, FileContext, string][] = [
    ['compose.yaml', 'compose', 'deployment', 'the default'],
    ['deploy/prod/docker-compose.yml', 'compose', 'deployment', 'the default'],
    ['vendor/github.com/x/y/Dockerfile', 'dockerfile', 'third-party', 'under vendor/'],
    ['tests/fixtures/compose.yaml', 'compose', 'third-party', 'under fixtures/'],
    ['pkg/parser/testdata/Dockerfile', 'dockerfile', 'third-party', 'under testdata/'],
    ['tests/integration/docker-compose.yml', 'compose', 'test-ci', 'under tests/'],
    ['.github/workflows/ci.yml', 'run', 'test-ci', 'under .github/'],
    ['.gitlab-ci.yml', 'run', 'test-ci', 'its name, .gitlab-ci.yml'],
    ['docker-compose.test.yml', 'compose', 'test-ci', 'its name, docker-compose.test.yml'],
    ['scripts/run-tests.sh', 'run', 'test-ci', 'its name, run-tests.sh'],
    ['Dockerfile.ci', 'dockerfile', 'test-ci', 'its name, Dockerfile.ci'],
    ['src/frontend/Dockerfile.cypress', 'dockerfile', 'test-ci', 'its name, Dockerfile.cypress'],
    ['action.yml', 'run', 'test-ci', 'a GitHub action'],
    ['.devcontainer/devcontainer.json', 'devcontainer', 'development', 'a dev container'],
    ['.devcontainer/Dockerfile', 'dockerfile', 'development', 'under .devcontainer/'],
    ['docker-compose.dev.yml', 'compose', 'development', 'its name, docker-compose.dev.yml'],
    ['compose.local.yaml', 'compose', 'development', 'its name, compose.local.yaml'],
    // words, not substrings: "latest", "contest", "device" are no context
    ['scripts/latest.sh', 'run', 'deployment', 'the default'],
    ['contest/compose.yaml', 'compose', 'deployment', 'the default'],
    ['devices/compose.yaml', 'compose', 'deployment', 'the default'],
  ];
  for (const [rel, kind, context, why] of cases)
    it(`${rel}: ${context} (${why})`, () => assert.deepEqual(contextOfPath(rel, kind), { context, why }));

  it('folders above the repository never count: with no top folder, only the name is read', () => {
    const f = lint('/home/me/tests/app/compose.yaml', PRIV, { host: { readFile: () => undefined } }).findings;
    assert.deepEqual(at(f, 'compose/privileged'), ['error']);
  });

  describe('recommended judges a finding in its context; strict does not', () => {
    it('test/CI: a grant at info with a message naming the context; no routine advice', () => {
      const f = run('/repo/tests/compose.yaml', PRIV);
      assert.deepEqual(at(f, 'compose/privileged'), ['info']);
      assert.match(
        f.find((x) => x.ruleId === 'compose/privileged')!.message,
        /\[a test\/CI file \(under tests\/\): a throwaway container, but it still runs with these rights/,
      );
      assert.deepEqual(at(f, 'compose/resource-limits'), []);
      assert.deepEqual(at(f, 'compose/hardening'), []);
    });
    it('deployment: the same file keeps its grant at error and its advice', () => {
      const f = run('/repo/deploy/compose.yaml', PRIV);
      assert.deepEqual(at(f, 'compose/privileged'), ['error']);
      assert.deepEqual(at(f, 'compose/resource-limits'), ['warning']);
    });
    it('development: grants keep their severity, routine advice is not reported', () => {
      const f = run('/repo/.devcontainer/docker-compose.yml', PRIV);
      assert.deepEqual(at(f, 'compose/privileged'), ['error']);
      assert.deepEqual(at(f, 'compose/resource-limits'), []);
      const d = run('/repo/Dockerfile.dev', 'FROM node:latest\nRUN npm ci\n');
      assert.deepEqual(at(d, 'dockerfile/image-tag'), []);
      assert.deepEqual(at(d, 'dockerfile/missing-user'), []);
    });
    it('a made-up password is routine in development and test/CI files, a generated one and a key are not', () => {
      const env = (pw: string) =>
        `services:\n  db:\n    image: postgres:17\n    environment:\n      POSTGRES_PASSWORD: ${pw}\n` +
        '      DATABASE_URL: postgres://app:P@ssw0rd@db/app\n';
      const rule = 'compose/secret-in-environment';
      for (const file of ['/repo/.devcontainer/docker-compose.yml', '/repo/tests/compose.yaml'])
        assert.deepEqual(at(run(file, env('postgres')), rule), [], file);
      assert.deepEqual(at(run('/repo/deploy/compose.yaml', env('postgres')), rule), ['warning', 'warning']);
      const strict = { ...defaultConfig(), profile: 'strict' as const };
      assert.deepEqual(at(run('/repo/tests/compose.yaml', env('postgres'), strict), rule), ['warning', 'warning']);
      // generated-looking, or a known credential format: reported (at info in a test/CI file, as a grant is)
      const kept = run('/repo/.devcontainer/docker-compose.yml', env('Zq8v3K9x2LmW7p4T'));
      assert.deepEqual(at(kept, rule), ['warning']);
      const key = 'services:\n  app:\n    image: alpine:3.20\n    environment:\n      AWS_KEY: AKIAABCDEFGHIJKLMNOP\n';
      assert.deepEqual(at(run('/repo/tests/compose.yaml', key), rule), ['info']);
      // a suppression of what the context drops is still used
      const ignored = `# docker-security-lint ignore-file=compose/secret-in-environment -- local db\n${env('postgres')}`;
      assert.deepEqual(at(run('/repo/deploy/compose.yaml', ignored), rule), [], 'it suppresses there');
      assert.deepEqual(at(run('/repo/.devcontainer/docker-compose.yml', ignored), 'meta/unused-ignore'), []);
    });
    it('a test/CI command line: docker run in a workflow step', () => {
      const wf =
        'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: docker run --privileged -e MYSQL_PASSWORD=secret mysql:8\n';
      const f = run('/repo/.github/workflows/test.yml', wf);
      assert.deepEqual(at(f, 'run/privileged'), ['info']);
      assert.ok(f.every((x) => x.severity === 'info' || x.severity === 'hint'));
    });
    it('third-party files linted when named or opened are judged as deployment files', () => {
      assert.deepEqual(at(run('/repo/vendor/x/compose.yaml', PRIV), 'compose/privileged'), ['error']);
    });
    it('strict stays as it is', () => {
      const strict = { ...defaultConfig(), profile: 'strict' as const };
      const f = run('/repo/tests/compose.yaml', PRIV, strict);
      assert.deepEqual(at(f, 'compose/privileged'), ['error']);
      assert.ok(at(f, 'compose/memory-limit').length > 0);
    });
    it('a severity the config sets applies in every context', () => {
      const c = parseConfig(
        '/repo/.docker-security-lint.yaml',
        'rules:\n  compose/privileged: error\n',
        knownRuleOptions(),
      );
      assert.deepEqual(at(run('/repo/tests/compose.yaml', PRIV, c.config), 'compose/privileged'), ['error']);
    });
    it("the config's contexts win over the path", () => {
      const c = parseConfig(
        '/repo/.docker-security-lint.yaml',
        'contexts:\n  deployment: ["tests/**"]\n  test-ci: ["ops/ci-*.yaml"]\n',
        knownRuleOptions(),
      );
      assert.deepEqual(c.problems, []);
      assert.deepEqual(at(run('/repo/tests/compose.yaml', PRIV, c.config), 'compose/privileged'), ['error']);
      assert.deepEqual(at(run('/repo/ops/ci-runner.yaml', PRIV, c.config), 'compose/privileged'), ['info']);
    });
    it('a suppression of advice that the context drops is still used (no unused-ignore)', () => {
      const text =
        'services:\n  # docker-security-lint ignore=compose/resource-limits -- test db\n  web:\n    image: nginx:1.27\n';
      assert.deepEqual(at(run('/repo/deploy/compose.yaml', text), 'meta/unused-ignore'), [], 'it suppresses there');
      const f = run('/repo/tests/compose.yaml', text);
      assert.deepEqual(at(f, 'meta/unused-ignore'), []);
    });
  });

  it("the config's contexts: unknown names and wrong shapes are problems", () => {
    const bad = parseConfig(
      '/p/.docker-security-lint.yaml',
      'contexts:\n  tests: ["a/**"]\n  deployment: a\n',
      knownRuleOptions(),
    );
    assert.equal(bad.problems.length, 2);
    assert.match(
      bad.problems[0].message,
      /unknown context 'tests' \(known: deployment, development, test-ci, third-party\)/,
    );
  });

  it("ownImages in the config: the image-pinning rules of every source leave the project's own images alone", () => {
    const c = parseConfig(
      '/repo/.docker-security-lint.yaml',
      'ownImages: ["ghcr.io/acme/*", acme/base]\n',
      knownRuleOptions(),
    );
    assert.deepEqual(c.problems, []);
    const compose =
      'services:\n  a:\n    image: ghcr.io/acme/api:nightly\n  b:\n    image: ghcr.io/other/api:nightly\n';
    assert.deepEqual(
      run('/repo/compose.yaml', compose, c.config)
        .filter((f) => f.ruleId === 'compose/image-tag')
        .map((f) => f.range.start.line),
      [4],
    );
    assert.deepEqual(
      at(run('/repo/Dockerfile', 'FROM acme/base:latest\nUSER 1000\n', c.config), 'dockerfile/image-tag'),
      [],
    );
    const bad = parseConfig('/repo/.docker-security-lint.yaml', 'ownImages: acme\n', knownRuleOptions());
    assert.match(bad.problems[0].message, /'ownImages' must be a list of image names/);
  });
});
