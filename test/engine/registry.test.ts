// The house rules of the engine, checked on its sources: every rule file is registered under the id its path
// gives; rules import shared vocabulary, models and helpers, never another rule; the engine imports neither
// vscode nor LSP nor the CLI, the server or the file system.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import {
  allMeta,
  composeRules,
  containerRules,
  daemonRules,
  devcontainerRules,
  runRules,
  dockerfileRules,
  metaRuleModules,
} from '../../server/src/engine/rules/index';

const root = path.resolve(__dirname, '..', '..', '..');
const engine = path.join(root, 'server', 'src', 'engine');
const rulesDir = path.join(engine, 'rules');

function files(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
    );
}
const importsOf = (f: string) =>
  [...fs.readFileSync(f, 'utf8').matchAll(/^(?:import|export)[^;]*?from '([^']+)';/gms)].map((m) => m[1]);

describe('engine layout', () => {
  it('every rule file is registered, under the id its path gives', () => {
    const registered = new Set(
      [...composeRules, ...dockerfileRules, ...devcontainerRules, ...runRules, ...daemonRules, ...metaRuleModules].map(
        (r) => r.meta.id,
      ),
    );
    const modules = (k: string) =>
      fs
        .readdirSync(path.join(rulesDir, k))
        .filter((n) => n.endsWith('.ts') && !n.startsWith('_'))
        .map((n) => n.slice(0, -3));
    // a runtime rule (container/<name>) runs on Compose as compose/<name> and on each other source it documents
    const onDisk = [
      ...['compose', 'dockerfile', 'devcontainer', 'daemon', 'meta'].flatMap((k) => modules(k).map((n) => `${k}/${n}`)),
      ...modules('container').flatMap((n) => {
        const r = containerRules.find((x) => x.meta.name === n);
        assert.ok(r, `container/${n} is not registered`);
        return ['compose', ...Object.keys(r.meta.sources)].map((src) => `${src}/${n}`);
      }),
    ];
    assert.deepEqual([...registered].sort(), onDisk.sort());
    assert.equal(new Set(allMeta.map((m) => m.id)).size, allMeta.length, 'ids are unique');
  });

  it('rules never import another rule (shared knowledge lives in vocabulary/ and the _ helpers)', () => {
    const offenders: string[] = [];
    for (const k of ['compose', 'container', 'daemon', 'devcontainer', 'dockerfile', 'meta']) {
      for (const f of files(path.join(rulesDir, k))) {
        for (const spec of importsOf(f)) {
          if (!spec.startsWith('.')) continue;
          const target = path.resolve(path.dirname(f), spec);
          const rel = path.relative(rulesDir, target);
          const isRuleModule = /^(compose|container|daemon|devcontainer|dockerfile|meta)\/[^_/][^/]*$/.test(
            rel.split(path.sep).join('/'),
          );
          if (isRuleModule) offenders.push(`${path.relative(root, f)} imports ${spec}`);
        }
      }
    }
    assert.deepEqual(offenders, []);
  });

  it('one folder per source: each exports one Source, and a source imports no rule module', () => {
    const sourcesDir = path.join(engine, 'sources');
    const kinds = fs.readdirSync(sourcesDir, { withFileTypes: true }).filter((e) => e.isDirectory());
    const table = fs.readFileSync(path.join(sourcesDir, 'index.ts'), 'utf8');
    for (const k of kinds) {
      const index = path.join(sourcesDir, k.name, 'index.ts');
      assert.ok(fs.existsSync(index), `sources/${k.name}/index.ts`);
      const exported = [...fs.readFileSync(index, 'utf8').matchAll(/^export const (\w+): Source = \{/gm)];
      assert.equal(exported.length, 1, `sources/${k.name} exports one Source`);
      assert.match(table, new RegExp(`^  ${exported[0][1]},`, 'm'), `${exported[0][1]} is in the table`);
    }
    const offenders: string[] = [];
    for (const f of files(sourcesDir))
      for (const spec of importsOf(f)) {
        const rel = path
          .relative(rulesDir, path.resolve(path.dirname(f), spec))
          .split(path.sep)
          .join('/');
        if (spec.startsWith('.') && /^(compose|container|daemon|devcontainer|dockerfile|meta)\//.test(rel))
          offenders.push(`${path.relative(root, f)} imports ${spec}`);
      }
    assert.deepEqual(offenders, []);
  });

  it('the runner names no kind of file: lint.ts asks the sources', () => {
    const lint = fs.readFileSync(path.join(engine, 'lint.ts'), 'utf8').replace(/^\s*(\/\/|\*).*$/gm, '');
    assert.doesNotMatch(
      lint,
      /'(compose|dockerfile|devcontainer|daemon|run)'|sources\/(compose|dockerfile|devcontainer|daemon|commandline)\//,
    );
  });

  it('no import circles (type-only imports too), no file over 500 lines in server/src', () => {
    const src = path.join(root, 'server', 'src');
    const all = files(src);
    const graph = new Map<string, string[]>();
    for (const f of all) {
      const deps: string[] = [];
      for (const spec of importsOf(f)) {
        if (!spec.startsWith('.')) continue;
        const t = path.resolve(path.dirname(f), spec);
        const hit = [`${t}.ts`, path.join(t, 'index.ts')].find((c) => fs.existsSync(c));
        if (hit) deps.push(hit);
      }
      graph.set(f, deps);
    }
    // depth-first search with colours: a grey node reached again closes a circle
    const colour = new Map<string, 1 | 2>();
    const circles: string[] = [];
    const stack: string[] = [];
    const visit = (f: string) => {
      colour.set(f, 1);
      stack.push(f);
      for (const d of graph.get(f) ?? []) {
        if (colour.get(d) === 1)
          circles.push(
            stack
              .slice(stack.indexOf(d))
              .map((x) => path.relative(src, x))
              .join(' -> '),
          );
        else if (!colour.has(d)) visit(d);
      }
      stack.pop();
      colour.set(f, 2);
    };
    for (const f of all) if (!colour.has(f)) visit(f);
    assert.deepEqual(circles, []);
    const long = all.filter((f) => fs.readFileSync(f, 'utf8').split('\n').length > 501);
    assert.deepEqual(
      long.map((f) => path.relative(src, f)),
      [],
    );
  });

  it('no function of the engine is longer than 120 lines', () => {
    const long: string[] = [];
    for (const f of files(engine)) {
      const sf = ts.createSourceFile(f, fs.readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, true);
      const visit = (n: ts.Node) => {
        if (ts.isFunctionLike(n) && 'body' in n && n.body) {
          const lines =
            sf.getLineAndCharacterOfPosition(n.getEnd()).line - sf.getLineAndCharacterOfPosition(n.getStart()).line + 1;
          if (lines > 120)
            long.push(
              `${path.relative(engine, f)}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1} (${lines} lines)`,
            );
        }
        ts.forEachChild(n, visit);
      };
      visit(sf);
    }
    assert.deepEqual(long, []);
  });

  it('no module-level WeakMap of per-lint objects (keptOn instead: see memo.ts), but for the config-lived ones', () => {
    // keyed by a config's own arrays and patterns, which live as long as the config: no lint's garbage in them
    const configLived = new Set(['context.ts: compiled', 'vocabulary/images.ts: OWN_MATCHERS']);
    const found: string[] = [];
    for (const f of files(engine)) {
      const sf = ts.createSourceFile(f, fs.readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, true);
      for (const st of sf.statements) {
        if (!ts.isVariableStatement(st)) continue;
        for (const d of st.declarationList.declarations)
          if (d.initializer && /^new\s+WeakMap\b/.test(d.initializer.getText(sf)))
            found.push(`${path.relative(engine, f).split(path.sep).join('/')}: ${d.name.getText(sf)}`);
      }
    }
    assert.deepEqual(
      found.filter((x) => !configLived.has(x)),
      [],
    );
    assert.equal(found.length, configLived.size, `the config-lived WeakMaps listed here are gone: ${found.join(', ')}`);
  });

  it('the engine is pure: no vscode, LSP, CLI, server, node host or file system imports', () => {
    const offenders: string[] = [];
    for (const f of files(engine)) {
      for (const spec of importsOf(f)) {
        if (
          /^(vscode|vscode-languageserver|vscode-languageclient|node:fs|fs|node:child_process|child_process|node:net|node:http|node:https)(\/|$)/.test(
            spec,
          ) ||
          /\/(cli|lsp|node)\//.test(`${spec}/`)
        ) {
          offenders.push(`${path.relative(root, f)} imports ${spec}`);
        }
      }
    }
    assert.deepEqual(offenders, []);
  });

  it('the web build: the web server and the clients import no node host, CLI or desktop entry', () => {
    const offenders: string[] = [];
    const check = (dir: string, allowed: RegExp) => {
      for (const f of files(path.join(root, dir)))
        for (const spec of importsOf(f))
          if (spec.startsWith('.') && !allowed.test(spec)) offenders.push(`${f}: ${spec}`);
    };
    // the web server: the engine, the language server's shared part, shared constants; never node/ or cli/
    check('server/src/web', /^\.\.?\/(?!.*\/(node|cli)\/)(?!.*lsp\/(main|nodePlatform|aside)$)/);
    // the clients: each other and server/src/shared only
    check('client/src', /^(\.\/[a-z]+|\.\.\/\.\.\/server\/src\/shared\/[a-z]+)$/);
    // the language server's shared part imports no Node entry or disk platform (the web bundle includes it)
    for (const f of files(path.join(root, 'server/src/lsp')))
      if (!/(main|nodePlatform|aside)\.ts$/.test(f))
        for (const spec of importsOf(f))
          if (/\/(node|cli)\/|nodePlatform|\/aside$|\/main$|^vscode-languageserver\/node$|^node:(?!path$)/.test(spec))
            offenders.push(`${f}: ${spec}`);
    assert.deepEqual(offenders, []);
  });
});
