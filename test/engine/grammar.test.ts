import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');

describe('suppression comment grammar (syntaxes/)', () => {
  const g = JSON.parse(fs.readFileSync(path.join(root, 'syntaxes/suppression.injection.json'), 'utf8'));
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  it('is contributed as an injection into Dockerfile, YAML and JSON-with-comments comments', () => {
    const c = pkg.contributes.grammars.find((x: { scopeName: string }) => x.scopeName === g.scopeName);
    assert.ok(c, 'declared in package.json');
    assert.deepEqual(c.injectTo, ['source.dockerfile', 'source.yaml', 'source.json.comments']);
    assert.match(g.injectionSelector, /source\.json\.comments comment/);
    assert.match(g.injectionSelector, /comment/);
  });
  it('captures the directive, the rule ids and the reason', () => {
    // the pattern uses no Oniguruma-only syntax, so JavaScript can check it
    const re = new RegExp(g.repository.suppression.match);
    const m = re.exec('docker-security-lint ignore=compose/privileged,compose/cap-add -- needs USB');
    assert.ok(m);
    assert.deepEqual(
      [m[1], m[2], m[4], m[6]],
      ['docker-security-lint', 'ignore', 'compose/privileged,compose/cap-add', 'needs USB'],
    );
    const f = re.exec('docker-security-lint ignore-file=dockerfile/sudo');
    assert.deepEqual([f?.[2], f?.[4], f?.[6]], ['ignore-file', 'dockerfile/sudo', undefined]);
    assert.equal(re.exec('just a comment'), null);
  });
});
