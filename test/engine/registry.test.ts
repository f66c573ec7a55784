// The house rules of the engine, checked on its sources: every rule file is registered under the id its path
// gives; rules import shared vocabulary, models and helpers, never another rule; the engine imports neither
// vscode nor LSP nor the CLI, the server or the file system.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
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
    for (const k of ['compose', 'container', 'daemon', 'devcontainer', 'dockerfile', 'meta', 'sources']) {
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
