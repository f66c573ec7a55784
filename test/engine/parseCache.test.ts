// The parse cache keeps the last Compose project built, for the Dockerfile linted beside its Compose file: a
// project is reused only when everything it was built from reads the same, and a lint that reuses it reports
// exactly what it reports alone.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { lint, ParseCache } from '../../server/src/engine/lint';
import type { Host, LintResult } from '../../server/src/engine/types';
import { loadProject } from '../../server/src/engine/sources/compose/project';
import { readContext } from '../../server/src/engine/sources/dockerfile/context';

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

/** Files in memory; folders are those files are in. Listings are new arrays at every call (no host cache). */
function memoryHost(files: Record<string, string>): Host {
  const dirs = new Set(Object.keys(files).flatMap((f) => ancestors(path.dirname(f))));
  return {
    readFile: (p) => files[p],
    listDir: (d) => {
      if (!dirs.has(d)) return undefined;
      const names = new Map<string, boolean>();
      for (const f of Object.keys(files)) if (path.dirname(f) === d) names.set(path.basename(f), false);
      for (const x of dirs) if (x !== d && path.dirname(x) === d) names.set(path.basename(x), true);
      return [...names].map(([name, dir]) => ({ name, dir }));
    },
    top: () => '/p',
  };
}

function ancestors(d: string): string[] {
  const out = [d];
  while (d !== path.dirname(d)) out.push((d = path.dirname(d)));
  return out;
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

describe('parse cache: build contexts walked for another Dockerfile', () => {
  const files = {
    '/p/.env': 'TOKEN=x\n',
    '/p/app/Dockerfile': 'FROM node:22-alpine\nCOPY . /src\nUSER node\n',
    '/p/app/.npmrc': '//registry.npmjs.org/:_authToken=x\n',
    '/p/tools/Dockerfile': 'FROM alpine:3.20\nCOPY . /src\nUSER 1000\n',
    '/p/compose.yaml':
      'services:\n  app:\n    build: { context: ., dockerfile: app/Dockerfile }\n' +
      '  tools:\n    build: { context: ., dockerfile: tools/Dockerfile }\n',
  };

  it('two Dockerfiles built from one context report what each does alone, in either order', () => {
    const alone = (f: string) => plain(lint(f, files[f as keyof typeof files], { host: memoryHost(files) }));
    const want = new Map(['/p/app/Dockerfile', '/p/tools/Dockerfile'].map((f) => [f, alone(f)]));
    assert.ok(
      (want.get('/p/app/Dockerfile') as { findings: { ruleId: string }[] }).findings.some(
        (f) => f.ruleId === 'dockerfile/context-leak',
      ),
      'the context is read (COPY . sends .env and app/.npmrc)',
    );
    for (const order of [
      ['/p/app/Dockerfile', '/p/tools/Dockerfile'],
      ['/p/tools/Dockerfile', '/p/app/Dockerfile'],
    ]) {
      const cache = new ParseCache();
      const host = memoryHost(files);
      for (const f of order)
        assert.deepEqual(plain(lint(f, files[f as keyof typeof files], { host, cache })), want.get(f), f);
    }
  });

  it('is reused only while its ignore file and every folder it listed read the same', () => {
    const cache = new ParseCache();
    const first = readContext('/p', '/p/app/Dockerfile', memoryHost(files), cache);
    assert.deepEqual(
      first?.leaks.map((l) => l.rel),
      ['.env', 'app/.npmrc'],
    );
    assert.equal(readContext('/p', '/p/tools/Dockerfile', memoryHost(files), cache), first, 'the same walk');
    const added = readContext('/p', '/p/tools/Dockerfile', memoryHost({ ...files, '/p/tools/.env': 'x' }), cache);
    assert.deepEqual(
      added?.leaks.map((l) => l.rel),
      ['.env', 'app/.npmrc', 'tools/.env'],
      'a folder lists more',
    );
    const ignored = readContext(
      '/p',
      '/p/tools/Dockerfile',
      memoryHost({ ...files, '/p/tools/.env': 'x', '/p/.dockerignore': '**/.env\n' }),
      cache,
    );
    assert.deepEqual(
      ignored?.leaks.map((l) => l.rel),
      ['app/.npmrc'],
      'the ignore file changed',
    );
    const own = readContext(
      '/p',
      '/p/tools/Dockerfile',
      memoryHost({
        ...files,
        '/p/tools/.env': 'x',
        '/p/.dockerignore': '**/.env\n',
        '/p/tools/Dockerfile.dockerignore': '',
      }),
      cache,
    );
    assert.deepEqual(own?.ignoreFile, '/p/tools/Dockerfile.dockerignore', "the Dockerfile's own ignore file");
    assert.equal(own?.leaks.length, 3);
  });
});
