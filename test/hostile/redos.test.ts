// Every regular expression in the tools' sources is checked by a ReDoS checker (recheck): a pattern that can
// take super-linear time on some input fails here, so a new one cannot slip in. Patterns must be literals (no
// `new RegExp`) so that this check sees them all.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { checkSync } from 'recheck';
import { root } from './harness';

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(p));
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

describe('hostile repositories: every regular expression is linear (recheck)', function () {
  this.timeout(300_000);
  const files = [...sources(path.join(root, 'server', 'src')), ...sources(path.join(root, 'client', 'src'))];

  it('no RegExp is built at run time (all patterns are literals this check can see)', () => {
    const dynamic = files.filter((f) => /new RegExp\(/.test(fs.readFileSync(f, 'utf8')));
    assert.deepEqual(
      dynamic.map((f) => path.relative(root, f)),
      [],
    );
  });

  it('every regular expression literal is judged safe', () => {
    const unsafe: string[] = [];
    let n = 0;
    for (const f of files) {
      const src = ts.createSourceFile(f, fs.readFileSync(f, 'utf8'), ts.ScriptTarget.ES2022, true);
      const visit = (node: ts.Node): void => {
        if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
          const t = node.getText(src);
          const slash = t.lastIndexOf('/');
          const r = checkSync(t.slice(1, slash), t.slice(slash + 1), { timeout: 20_000 });
          n++;
          if (r.status !== 'safe')
            unsafe.push(
              `${path.relative(root, f)}:${src.getLineAndCharacterOfPosition(node.getStart(src)).line + 1} ${r.status} ${t}`,
            );
        }
        ts.forEachChild(node, visit);
      };
      visit(src);
    }
    assert.ok(n > 100, `only ${n} patterns found`);
    assert.deepEqual(unsafe, []);
  });
});
