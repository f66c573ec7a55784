// Dockerfiles named with a dash or underscore (`Dockerfile-prod`, `Dockerfile_dev`, `dev-Dockerfile`), which no
// editor or tool takes for one by default: the walk lints such a file when it starts like a Dockerfile.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isDockerfileVariantName } from '../../server/src/engine/sources/dockerfile/index';
import { foundByContent } from '../../server/src/engine/walk';
import { walk } from '../../server/src/node/files';

describe('Dockerfile variants found by their content (walk)', () => {
  it('names that may be a Dockerfile variant, and names that are not', () => {
    for (const n of ['Dockerfile-prod', 'Dockerfile_dev', 'dockerfile-alpine', 'dev-Dockerfile', 'Containerfile-x'])
      assert.equal(isDockerfileVariantName(n), true, n);
    for (const n of ['Dockerfile', 'Dockerfile.prod', 'Dockerfile-notes.txt', 'Dockerfile-', 'Dockerfiles', 'x.go'])
      assert.equal(isDockerfileVariantName(n), false, n);
    assert.equal(foundByContent('/r/Dockerfile-prod'), true, 'watched by path in the editor');
  });

  it('the walk lints the variants that start like a Dockerfile, and leaves the others out', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsl-df-variants-'));
    try {
      const files: Record<string, string> = {
        'Dockerfile-prod': '# syntax=docker/dockerfile:1\n# the production image\nFROM alpine:3.20\nUSER 10001\n',
        'build/Dockerfile_dev': 'ARG BASE=alpine:3.20\nFROM $BASE\n',
        'build/dev-Dockerfile': 'FROM alpine:3.20\n',
        'Dockerfile-README': 'How to build the image: docker build .\n',
        'Dockerfile-notes.txt': 'FROM alpine:3.20\n',
      };
      for (const [f, t] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
        fs.writeFileSync(path.join(dir, f), t);
      }
      const found = walk(dir, [], []).map((p) => path.relative(dir, p).split(path.sep).join('/'));
      assert.deepEqual(found, ['Dockerfile-prod', 'build/Dockerfile_dev', 'build/dev-Dockerfile']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
