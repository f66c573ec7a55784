// The client, the server, the engine and package.json agree on file names, commands and documentation links:
// shared/protocol.ts is the one home; what cannot import it (package.json, the engine's name tests) is checked
// against it here.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compileGlob } from '../../server/src/engine/glob';
import { isDockerfileName } from '../../server/src/engine/kind';
import { isComposeFileName } from '../../server/src/engine/sources/compose/project';
import { CONFIG_NAMES } from '../../server/src/engine/config/config';
import { sensitiveDir, sensitiveFile } from '../../server/src/engine/vocabulary/context';
import {
  CLIENT_COMMANDS,
  COMPOSE_NAME_GLOBS,
  CONFIG_FILE_NAMES,
  DEPENDENCY_NAME_GLOBS,
  DOCKERFILE_NAME_GLOBS,
  FILE_NAME_GLOBS,
  ACTIVATION_GLOBS,
  SERVER_COMMANDS,
} from '../../server/src/shared/protocol';

const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
const NAMES = [
  'Dockerfile',
  'Dockerfile.dev',
  'api.Dockerfile',
  'api.dockerfile',
  'Containerfile',
  'Containerfile.x',
  'compose.yaml',
  'compose.yml',
  'compose.prod.yaml',
  'compose.override.yml',
  'docker-compose.yaml',
  'docker-compose.yml',
  'docker-compose.dev.yml',
  'compose.json',
  'Dockerfiles',
  'my-compose.yaml',
  'docker-compose-dev.yml',
  'compose-prod.yaml',
  'app.compose.yaml',
  'app-compose.yml',
  'composer.yaml',
  'docker-compose.yml.bak',
  'README.md',
  'Dockerfile.txt',
];

describe('shared protocol', () => {
  it('every file a build context must not leak, and every file an analysis reads beside its own, is watched', () => {
    const watched = DEPENDENCY_NAME_GLOBS.map(compileGlob);
    const sensitive = ['.env', '.env.local', 'a.pem', 'b.KEY', 'c.p12', 'd.pfx', 'id_rsa', 'id_ed25519_work'];
    const more = ['.npmrc', '.pypirc', '.netrc', '.git-credentials'];
    for (const n of [...sensitive, ...more]) {
      assert.ok(sensitiveFile(n), `sensitive: ${n}`);
      assert.ok(
        watched.some((g) => g.test(n) || g.test(n.toLowerCase())),
        `watched: ${n}`,
      );
    }
    for (const d of ['.git', '.aws', '.ssh']) {
      assert.ok(sensitiveDir(d), `sensitive folder: ${d}`);
      assert.ok(
        watched.some((g) => g.test(d)),
        `watched: ${d}`,
      );
    }
    for (const n of ['.dockerignore', 'Dockerfile.dockerignore'])
      assert.ok(
        watched.some((g) => g.test(n)),
        n,
      );
    assert.ok(!sensitiveFile('.env.example') && !sensitiveFile('id_rsa.pub') && !sensitiveFile('app.js'));
  });

  it("the engine's name tests find exactly the names the client's globs watch", () => {
    const dockerfile = DOCKERFILE_NAME_GLOBS.map(compileGlob);
    const compose = COMPOSE_NAME_GLOBS.map(compileGlob);
    for (const n of NAMES) {
      // the globs cannot leave out code and text named after Dockerfiles (Dockerfile.txt): the engine does
      const code = /\.(txt|md|go|py|json|ya?ml)$/.test(n);
      assert.equal(isDockerfileName(n), dockerfile.some((g) => g.test(n)) && !code, `Dockerfile? ${n}`);
      assert.equal(
        isComposeFileName(n),
        compose.some((g) => g.test(n)),
        `Compose? ${n}`,
      );
    }
    assert.deepEqual(CONFIG_NAMES, CONFIG_FILE_NAMES);
  });

  it('code and documents named after Dockerfiles are not Dockerfiles (dockerfile.go, Dockerfile.md)', () => {
    for (const n of [
      'dockerfile.go',
      'Dockerfile.py',
      'dockerfile.ts',
      'Dockerfile.md',
      'Dockerfile.json',
      'app.dockerfile.orig',
    ])
      assert.ok(!isDockerfileName(n), n);
    for (const n of [
      'Dockerfile',
      'Dockerfile.dev',
      'Dockerfile.prod',
      'Dockerfile.ubuntu',
      'api.Dockerfile',
      'Containerfile.j2',
    ])
      assert.ok(isDockerfileName(n), n);
  });

  it('the engine also takes other cases of those names (case-insensitive file systems); the watcher globs do not', () => {
    for (const n of ['dockerfile', 'DOCKERFILE.dev', 'Docker-Compose.yml', 'COMPOSE.YAML']) {
      assert.ok(isDockerfileName(n) || isComposeFileName(n), n);
      assert.ok(!FILE_NAME_GLOBS.map(compileGlob).some((g) => g.test(n)), n);
    }
  });

  it("package.json's activation events, commands and schema association match", () => {
    const events = (pkg.activationEvents as string[])
      .filter((e) => e.startsWith('workspaceContains:'))
      .map((e) => e.slice('workspaceContains:**/'.length));
    assert.deepEqual(events.sort(), [...ACTIVATION_GLOBS].sort());
    for (const lang of ['dockerfile', 'dockercompose', 'shellscript', 'makefile'])
      assert.ok((pkg.activationEvents as string[]).includes(`onLanguage:${lang}`), lang);
    assert.deepEqual(
      (pkg.contributes.commands as { command: string }[]).map((c) => c.command).sort(),
      Object.values(CLIENT_COMMANDS).sort(),
    );
    assert.deepEqual(pkg.contributes.yamlValidation[0].fileMatch, CONFIG_FILE_NAMES);
    for (const id of Object.values(SERVER_COMMANDS))
      assert.ok(!Object.values(CLIENT_COMMANDS).includes(id as never), id);
  });
});
