import * as assert from 'node:assert/strict';
import { defaultConfig } from '../../server/src/engine/config/config';
import { memHost } from '../rules/ruleTester';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generatedFiles, ruleSettingProperties } from '../../server/src/engine/docs';
import { allMeta, allRules } from '../../server/src/engine/rules/index';
import { lint } from '../../server/src/engine/lint';

const root = path.resolve(__dirname, '..', '..', '..');

describe('rule documentation', () => {
  it("package.json's rules setting lists every rule with its severities (npm run docs writes it)", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const section = pkg.contributes.configuration.find(
      (c: { properties: Record<string, unknown> }) => c.properties['docker-security-lint.rules'],
    );
    assert.deepEqual(section.properties['docker-security-lint.rules'].properties, ruleSettingProperties());
  });
  it('every generated file (rule pages, index, config schema) is committed and up to date', () => {
    for (const [rel, content] of generatedFiles()) {
      const p = path.join(root, rel);
      assert.ok(fs.existsSync(p), `${rel} is missing: run npm run docs`);
      assert.equal(fs.readFileSync(p, 'utf8'), content, `${rel} is out of date: run npm run docs`);
    }
  });
  it('every registered rule has a page, and every page belongs to a rule', () => {
    const pages = new Set<string>();
    for (const kind of ['compose', 'dockerfile', 'devcontainer', 'daemon', 'run', 'meta'])
      for (const f of fs.readdirSync(path.join(root, 'docs/rules', kind)))
        pages.add(`${kind}/${f.replace(/\.md$/, '')}`);
    for (const m of allMeta) assert.ok(pages.has(m.id), `no page for ${m.id}`);
    for (const p of pages)
      assert.ok(
        allMeta.some((m) => m.id === p),
        `page ${p} has no rule`,
      );
  });
  for (const m of allMeta) {
    it(`${m.id}: examples behave as documented`, () => {
      const file = m.id.startsWith('dockerfile/')
        ? '/docs/Dockerfile'
        : m.id.startsWith('devcontainer/')
          ? '/docs/.devcontainer/devcontainer.json'
          : m.id.startsWith('daemon/')
            ? '/docs/daemon.json'
            : m.id.startsWith('run/')
              ? '/docs/run.sh'
              : '/docs/compose.yaml';
      // a command-line rule's example may be a workflow, a daemon rule's a script
      const fileOf = (example: string) =>
        example.startsWith('jobs:')
          ? '/docs/.github/workflows/ci.yml'
          : example.startsWith('#!')
            ? '/docs/run.sh'
            : file;
      // each rule's examples under the profile where it reports them on its own (strict, but for group rules)
      const config = defaultConfig();
      config.profile = m.profiles?.strict === 'off' ? 'recommended' : 'strict';
      if (m.examples.options) config.rules[m.id] = { options: m.examples.options };
      const host = memHost(
        Object.fromEntries(Object.entries(m.examples.files ?? {}).map(([k, v]) => [`/docs/${k}`, v])),
      );
      if (!m.id.startsWith('meta/'))
        assert.ok(m.examples.bad.length && m.examples.good.length, 'needs a bad and a good example');
      for (const bad of m.examples.bad)
        assert.ok(
          lint(fileOf(bad), bad, { host, config }).findings.some((f) => f.ruleId === m.id),
          `bad example not flagged:\n${bad}`,
        );
      for (const good of m.examples.good)
        assert.deepEqual(
          lint(fileOf(good), good, { host, config })
            .findings.filter((f) => f.ruleId === m.id)
            .map((f) => f.message),
          [],
          `good example flagged:\n${good}`,
        );
    });
  }
  it('rule metadata is complete', () => {
    for (const r of allRules) {
      const m = r.meta;
      assert.match(m.id, /^(compose|dockerfile|devcontainer|daemon|run)\/[a-z0-9-]+$/);
      assert.ok(m.id.startsWith(m.kind + '/'), `${m.id} kind`);
      for (const k of ['title', 'description', 'why', 'howToFix'] as const) assert.ok(m[k].length > 10, `${m.id}.${k}`);
      assert.ok(m.references.length > 0, `${m.id} has no reference`);
    }
  });
});
