// Builds the npm package of the CLI and the language server: `npm run pack:npm [-- --destination DIR]`.
//
// The repository's package.json is the VS Code extension's manifest (contributes, activation events, the client
// bundle as `main`); the npm package is a different product with a different `main`-less shape, so it gets a
// manifest of its own, written here from the extension's (one name, one version, one licence). The package holds
// the two bundled commands (no dependencies: esbuild bundles them), the rule docs, the CLI contract and the config
// schema, and nothing else.
import { mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { root, stageNpmPackage } from './npm-package.mjs';

const args = process.argv.slice(2);
const at = args.indexOf('--destination');
const destination = path.resolve(at >= 0 ? args[at + 1] : root);
const stage = path.join(root, '.cache', 'npm-package');
await stageNpmPackage(stage);

mkdirSync(destination, { recursive: true });
// --ignore-scripts: the staged manifest has none, and nothing from a user's npm config should run here.
const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', destination], {
  cwd: stage,
  encoding: 'utf8',
});
const [info] = JSON.parse(out);
const tarball = path.join(destination, info.filename);
console.log(`${path.relative(process.cwd(), tarball) || tarball}: ${info.entryCount} files, ${info.size} bytes`);
