// Builds the pre-commit hook repository: `npm run pack:pre-commit [-- --destination DIR]` (default
// .cache/pre-commit-hook). It is the npm package (npm-package.mjs: the bundled commands, no dependencies, no
// scripts) with hooks/pre-commit/.pre-commit-hooks.yaml, committed in a git repository of its own and tagged
// v<version>. pre-commit installs a node hook with `npm install` in the repository, `npm pack` and `npm install -g`
// of the tarball: here the first installs nothing, the second runs no script (its standard output is the tarball's
// name alone, which pre-commit 3.0 reads) and the third needs no registry. A release pushes this repository to
// https://github.com/docker-security-lint/pre-commit-hook (see CONTRIBUTING).
import { cpSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { root, stageNpmPackage } from './npm-package.mjs';

const args = process.argv.slice(2);
const at = args.indexOf('--destination');
const destination = path.resolve(at >= 0 ? args[at + 1] : path.join(root, '.cache', 'pre-commit-hook'));
if (existsSync(destination)) rmSync(destination, { recursive: true, force: true });
const manifest = await stageNpmPackage(destination);
cpSync(
  path.join(root, 'hooks', 'pre-commit', '.pre-commit-hooks.yaml'),
  path.join(destination, '.pre-commit-hooks.yaml'),
);
writeFileSync(path.join(destination, '.gitignore'), 'node_modules/\n*.tgz\n');

// a repository of its own, whatever the user's git configuration says (no hooks, no signing, a fixed author)
const git = (...a) =>
  execFileSync(
    'git',
    [
      '-c',
      'core.hooksPath=/dev/null',
      '-c',
      'commit.gpgsign=false',
      '-c',
      'tag.gpgsign=false',
      '-c',
      'user.name=docker-security-lint release',
      '-c',
      'user.email=release@docker-security-lint.invalid',
      '-c',
      'init.defaultBranch=main',
      ...a,
    ],
    { cwd: destination, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' },
  );
git('init', '-q');
git('add', '-A');
git('commit', '-q', '-m', `docker-security-lint ${manifest.version}`);
git('tag', `v${manifest.version}`);
console.log(
  `${path.relative(process.cwd(), destination) || destination}: the pre-commit hook repository, tag v${manifest.version}`,
);
