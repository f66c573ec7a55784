// The parse cache keeps the last Compose project built, for the Dockerfile linted beside its Compose file: a
// project is reused only when everything it was built from reads the same, and a lint that reuses it reports
// exactly what it reports alone.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { lint, ParseCache } from '../../server/src/engine/lint';
import type { Host, LintResult } from '../../server/src/engine/types';
import { loadProject } from '../../server/src/engine/sources/compose/project';

const COMPOSE =
  'services:\n' +
  '  web:\n' +
  '    build: .\n' +
  '    image: ${IMAGE}\n' +
  '    environment:\n' +
  '      DB_PASSWORD: ${PASSWORD}\n' +
  '  admin:\n' +
  '    extends: { file: base.yaml, service: base }\n';
const BASE = 'services:\n  base:\n    image: busybox:1.36\n    privileged: true\n';
const DOCKERFILE = 'FROM node:22-alpine\nARG NPM_TOKEN\nRUN npm ci\nCMD ["node", "index.js"]\n';

function memoryHost(files: Record<string, string>): Host {
  return {
    readFile: (p) => files[p],
    listDir: (d) => {
      const names = Object.keys(files)
        .filter((f) => path.dirname(f) === d)
        .map((f) => ({ name: path.basename(f), dir: false }));
      return names.length ? names : undefined;
    },
    top: () => '/p',
  };
}

/** What a lint reports, as plain data: findings with their fixes' edits, problems, files read. */
function plain(r: LintResult): unknown {
  return {
    findings: r.findings.map((f) => ({ ...f, fixes: f.fixes?.map((x) => ({ title: x.title, edits: x.edits })) })),
    problems: r.problems,
    dependencies: r.dependencies,
  };
}

describe('parse cache: the last Compose project', () => {
  const files = {
    '/p/compose.yaml': COMPOSE,
    '/p/base.yaml': BASE,
    '/p/.env': 'IMAGE=app:latest\nPASSWORD=hunter2\n',
    '/p/Dockerfile': DOCKERFILE,
  };

  it('a Dockerfile and its Compose file linted one after the other, in either order, report what each does alone', () => {
    const alone = (f: string, host = memoryHost(files)) => plain(lint(f, files[f as keyof typeof files], { host }));
    const want = { compose: alone('/p/compose.yaml'), dockerfile: alone('/p/Dockerfile') };
    assert.ok(
      (want.dockerfile as { findings: { ruleId: string }[] }).findings.some(
        (f) => f.ruleId === 'dockerfile/missing-user',
      ),
      'the Dockerfile lint reads the Compose project (a rule that asks which services build it reports)',
    );
    for (const order of [
      ['/p/compose.yaml', '/p/Dockerfile'],
      ['/p/Dockerfile', '/p/compose.yaml'],
      ['/p/compose.yaml', '/p/Dockerfile', '/p/compose.yaml', '/p/Dockerfile'],
    ]) {
      const cache = new ParseCache();
      const host = memoryHost(files);
      for (const f of order) {
        const got = plain(lint(f, files[f as keyof typeof files], { host, cache }));
        assert.deepEqual(
          got,
          f.endsWith('Dockerfile') ? want.dockerfile : want.compose,
          `${order.join(' then ')}: ${f}`,
        );
      }
    }
  });

  it('is reused only while the file, its text, the sets and every file it read are the same', () => {
    const cache = new ParseCache();
    const host = memoryHost(files);
    const first = loadProject('/p/compose.yaml', COMPOSE, host, cache);
    first.services[0].views = { [Symbol('kept by a lint')]: 1 };
    const again = loadProject('/p/compose.yaml', COMPOSE, host, cache);
    assert.equal(again, first, 'the same project');
    assert.equal(again.services[0].views, undefined, 'what the last lint kept on its services is dropped');

    const changed = (name: string, text: string) => memoryHost({ ...files, [name]: text });
    const envChanged = loadProject('/p/compose.yaml', COMPOSE, changed('/p/.env', 'IMAGE=other:1\n'), cache);
    assert.notEqual(envChanged, first, '.env changed');
    assert.equal(envChanged.env?.vars.get('IMAGE')?.value, 'other:1');
    const baseChanged = loadProject(
      '/p/compose.yaml',
      COMPOSE,
      changed('/p/base.yaml', BASE.replace('true', 'false')),
      cache,
    );
    assert.notEqual(baseChanged, envChanged, 'the extends target changed');
    const overrideAppeared = loadProject(
      '/p/compose.yaml',
      COMPOSE,
      changed('/p/compose.override.yaml', 'services:\n  web:\n    privileged: true\n'),
      cache,
    );
    assert.equal(overrideAppeared.files.length, 2, 'a file that was missing now exists: merged');
    const textChanged = loadProject('/p/compose.yaml', COMPOSE + '  x:\n    image: x:1\n', host, cache);
    assert.equal(textChanged.services.length, 3, 'the text changed');
    const sets = [['/p/compose.yaml', '/p/base.yaml']];
    const inSet = loadProject('/p/compose.yaml', COMPOSE + '  x:\n    image: x:1\n', host, cache, sets);
    assert.notEqual(inSet, textChanged, 'other sets');
    assert.equal(
      loadProject('/p/compose.yaml', COMPOSE + '  x:\n    image: x:1\n', host, cache, [[...sets[0]]]),
      inSet,
    );
    cache.delete('/p/base.yaml');
    assert.notEqual(
      loadProject('/p/compose.yaml', COMPOSE + '  x:\n    image: x:1\n', host, cache, sets),
      inSet,
      'forgotten',
    );
  });
});
