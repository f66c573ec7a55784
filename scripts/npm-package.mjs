// The npm package of the CLI and the language server, staged in a folder: its own manifest (the repository's
// package.json is the VS Code extension's), the two bundled commands (no dependencies: esbuild bundles them), the
// rule docs, the CLI contract and the config schema, and nothing else. Packed by pack-npm.mjs; the pre-commit hook
// repository (pack-pre-commit.mjs) is the same folder with the hook's definition.
import { mkdirSync, readFileSync, writeFileSync, rmSync, cpSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundle } from './bundles.mjs';

export const root = fileURLToPath(new URL('..', import.meta.url));

/** Writes the package into `stage` (emptied first); returns its manifest. */
export async function stageNpmPackage(stage) {
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
    files: [
      'dist/cli.js',
      'dist/server.js',
      'docs/cli.md',
      'docs/editors.md',
      'docs/rules/',
      'schemas/config.schema.json',
    ],
  };
  writeFileSync(path.join(stage, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  cpSync(path.join(root, 'docs', 'npm', 'README.md'), path.join(stage, 'README.md'));
  cpSync(path.join(root, 'LICENSE'), path.join(stage, 'LICENSE'));
  cpSync(path.join(root, 'docs', 'cli.md'), path.join(stage, 'docs', 'cli.md'));
  cpSync(path.join(root, 'docs', 'editors.md'), path.join(stage, 'docs', 'editors.md'));
  mkdirSync(path.join(stage, 'docs', 'rules'), { recursive: true });
  cpSync(path.join(root, 'docs', 'rules'), path.join(stage, 'docs', 'rules'), { recursive: true });
  cpSync(path.join(root, 'schemas', 'config.schema.json'), path.join(stage, 'schemas', 'config.schema.json'));
  return manifest;
}
