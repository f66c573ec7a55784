// Compose files named otherwise (`latest.yml`, `production.yml`, `stack.yml`) are found by their content in a walk:
// strictly, so that other YAML with a `services` key (CI configurations, chart values) is never taken for one.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isComposeByContent, rejectsCompose } from '../../server/src/engine/sources/compose/recognise';
import { mayBeComposeByContent } from '../../server/src/engine/walk';
import { isLintableFile, walk } from '../../server/src/node/files';

const COMPOSE = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n';

describe('a Compose file recognised by its content (walk)', () => {
  const cases: [string, string, boolean][] = [
    ['services alone', COMPOSE, true],
    [
      'with the other top-level keys, x- extensions and comments',
      `# prod\nversion: "3.8"\nname: app\nx-common: &c\n  restart: always\n${COMPOSE}networks:\n  front: {}\nvolumes:\n  data:\nsecrets:\n  s:\n    file: ./s\nconfigs: {}\ninclude:\n  - other.yaml\n`,
      true,
    ],
    ['directive, document marker, BOM, CRLF', '\uFEFF%YAML 1.2\n---\r\nservices:\r\n  web:\r\n    image: x\r\n', true],
    [
      'quoted key, anchor on services, comment after it',
      '"services": &s # all of them\n  "web":\n    image: x\n',
      true,
    ],
    ['services first, a second document after', `${COMPOSE}---\nkind: Other\n`, true],
    ['a key Compose does not know (GitLab CI)', `stages: [build]\n${COMPOSE}`, false],
    ['services as a list (Travis, GitLab CI)', 'language: go\nservices:\n  - docker\n', false],
    ['services as a list, Compose keys only', 'services:\n  - docker\n', false],
    ['services in flow style', 'services: {web: {image: x}}\n', false],
    ['services empty', 'services: {}\n', false],
    ['services with nothing under it', 'services:\n', false],
    ['services with nothing under it, then another key', 'services:\nvolumes:\n  a:\n', false],
    ['no services (volumes only)', 'volumes:\n  data:\n', false],
    ['chart values with a services mapping', 'replicaCount: 1\nservices:\n  web:\n    image: x\n', false],
    ['a top-level list', '- services:\n    web:\n      image: x\n', false],
    ['a scalar document', 'just text\n', false],
    ['a flow mapping after the marker', '--- {services: {web: {image: x}}}\n', false],
    ['a plain scalar with a colon at the top', 'services:web\n', false],
    ['a key past the first document does not count', `${COMPOSE}...\nstages: [x]\n`, true],
    ['empty', '', false],
    ['Lando: services of type: only', 'name: site\nservices:\n  appserver:\n    type: php:8.1\n', false],
    [
      'Lando: an image deeper than a service key',
      'services:\n  cache:\n    type: compose\n    services:\n      image: redis:7\n',
      false,
    ],
    ['runnable by a merge key', 'x-d: &d\n  image: x\nservices:\n  a:\n    <<: *d\n', true],
    ['runnable by extends', 'services:\n  a:\n    extends:\n      file: base.yml\n      service: a\n', true],
    ['the second service runnable', 'services:\n  a:\n    ports: ["80"]\n  b:\n    build: .\n', true],
    ['no service runnable (an override of ports)', 'services:\n  a:\n    ports: ["80"]\n', false],
  ];
  for (const [name, text, expected] of cases)
    it(`${expected ? 'is' : 'is not'} Compose: ${name}`, () => assert.equal(isComposeByContent(text), expected));

  it('a head rules other YAML out from its first lines; a line the head cuts is not read', () => {
    assert.equal(rejectsCompose('apiVersion: apps/v1\nkind: Deployment\n'), true);
    assert.equal(rejectsCompose('- hosts: all\n'), true);
    assert.equal(rejectsCompose(COMPOSE), false);
    assert.equal(rejectsCompose('version: "3.8"\nservi'), false, 'a cut key is not a foreign one');
    assert.equal(rejectsCompose('x-a: &a\n  restart: always\n'), false, 'nothing against it yet');
    assert.equal(isComposeByContent(`${COMPOSE}netw`, true), true, 'the cut line is left out');
    assert.equal(isComposeByContent(`${COMPOSE}netw`), false, 'a whole text is read to its end');
  });

  it('only YAML files not lintable by name are read for it', () => {
    assert.equal(mayBeComposeByContent('/r/manual-install/latest.yml'), true);
    assert.equal(mayBeComposeByContent('/r/production.YAML'), true);
    assert.equal(mayBeComposeByContent('/r/compose.yaml'), false, 'by name already');
    assert.equal(mayBeComposeByContent('/r/.github/workflows/ci.yml'), false, 'a workflow by name');
    assert.equal(mayBeComposeByContent('/r/.gitlab-ci.yml'), false, 'GitLab CI by name');
    assert.equal(mayBeComposeByContent('/r/latest.json'), false);
  });

  it('the walk lints latest.yml and stack.yml, and leaves the CI file and chart values out', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsl-by-content-'));
    try {
      fs.mkdirSync(path.join(dir, 'manual-install'));
      fs.writeFileSync(path.join(dir, 'manual-install', 'latest.yml'), COMPOSE);
      fs.writeFileSync(path.join(dir, 'stack.yaml'), `version: "3.8"\n${COMPOSE}`);
      fs.writeFileSync(path.join(dir, '.travis.yml'), 'language: go\nservices:\n  - docker\n');
      fs.writeFileSync(path.join(dir, 'values.yaml'), 'replicaCount: 1\nservices:\n  web:\n    image: x\n');
      // past the first 4 KB: services after a long extension field; and a file longer than the 64 KB read
      const long = `x-notes: |\n${'  a line of notes\n'.repeat(400)}`;
      fs.writeFileSync(path.join(dir, 'late.yml'), `${long}${COMPOSE}`);
      fs.writeFileSync(path.join(dir, 'huge.yml'), `${COMPOSE}${'  s:\n    image: x\n'.repeat(5000)}`);
      fs.writeFileSync(path.join(dir, 'late-foreign.yml'), `${long}${COMPOSE}stages: [x]\n`);
      const found = walk(dir, [], []).map((p) => path.relative(dir, p).split(path.sep).join('/'));
      assert.deepEqual(found, ['huge.yml', 'late.yml', 'manual-install/latest.yml', 'stack.yaml']);
      assert.equal(isLintableFile(path.join(dir, 'values.yaml')), false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
