// Builds the npm package of the CLI and the language server: `npm run pack:npm [-- --destination DIR]`.
//
// The repository's package.json is the VS Code extension's manifest (contributes, activation events, the client
// bundle as `main`); the npm package is a different product with a different `main`-less shape, so it gets a
// manifest of its own, written here from the extension's (one name, one version, one licence). The package holds
// the two bundled commands (no dependencies: esbuild bundles them), the rule docs, the CLI contract and the config
// schema, and nothing else.
import { mkdirSync, readFileSync, writeFileSync, rmSync, cpSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundle } from './bundles.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const at = args.indexOf('--destination');
const destination = path.resolve(at >= 0 ? args[at + 1] : root);
const stage = path.join(root, '.cache', 'npm-package');

const ext = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
await bundle({ production: true, outdir: path.join(stage, 'dist'), targets: ['cli', 'server'] });

const manifest = {
  name: ext.name,
  version: ext.version,
  description:
    'Finds container security misconfigurations in Dockerfiles, Compose files, devcontainer.json, daemon.json ' +
    'and docker run command lines: a CLI (text, JSON, SARIF) and a language server.',
  license: ext.license,
  repository: ext.repository,
  keywords: [...ext.keywords, 'sarif', 'language-server', 'cli'],
  engines: { node: ext.engines.node },
  bin: {
    'docker-security-lint': 'dist/cli.js',
    'docker-security-lint-server': 'dist/server.js',
  },
  files: ['dist/cli.js', 'dist/server.js', 'docs/cli.md', 'docs/rules/', 'schemas/config.schema.json'],
};
writeFileSync(path.join(stage, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
cpSync(path.join(root, 'docs', 'npm', 'README.md'), path.join(stage, 'README.md'));
cpSync(path.join(root, 'LICENSE'), path.join(stage, 'LICENSE'));
cpSync(path.join(root, 'docs', 'cli.md'), path.join(stage, 'docs', 'cli.md'));
mkdirSync(path.join(stage, 'docs', 'rules'), { recursive: true });
cpSync(path.join(root, 'docs', 'rules'), path.join(stage, 'docs', 'rules'), { recursive: true });
cpSync(path.join(root, 'schemas', 'config.schema.json'), path.join(stage, 'schemas', 'config.schema.json'));

mkdirSync(destination, { recursive: true });
// --ignore-scripts: the staged manifest has none, and nothing from a user's npm config should run here.
const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', destination], {
  cwd: stage,
  encoding: 'utf8',
});
const [info] = JSON.parse(out);
const tarball = path.join(destination, info.filename);
console.log(`${path.relative(process.cwd(), tarball) || tarball}: ${info.entryCount} files, ${info.size} bytes`);
