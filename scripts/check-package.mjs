// Run by `npm run package` after vsce: every image the Marketplace README names is a relative path to a file the
// .vsix holds (the details page in VS Code reads the README from the installed extension, offline; an image it
// cannot find shows as alt text). Exits 1 with what is missing.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(path.join(root, 'docs', 'marketplace', 'README.md'), 'utf8');
const images = [
  ...[...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)/g)].map((m) => m[1]),
  ...[...readme.matchAll(/<img[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]),
];
const vsix = process.argv[2] ?? path.join(root, 'docker-security-lint.vsix');
// the package's own listing (a .vsix is a zip: its files are under extension/); without unzip, what vsce packs
let listing;
try {
  listing = execFileSync('unzip', ['-Z1', vsix], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
    .split('\n')
    .filter((l) => l.startsWith('extension/'))
    .map((l) => l.slice('extension/'.length));
} catch {
  listing = execFileSync('npx', ['vsce', 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' }).split('\n');
}
const listed = new Set(listing.map((l) => l.trim()).filter(Boolean));
const problems = [];
if (!images.length) problems.push('the README names no image');
for (const img of images) {
  if (/^[a-z]+:/i.test(img)) problems.push(`${img}: not a path inside the package (a URL needs the network)`);
  else if (!listed.has(path.posix.normalize(img))) problems.push(`${img}: not in ${path.basename(vsix)}`);
}
if (problems.length) {
  console.error(`check-package: the Marketplace README's images:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`check-package: ${images.length} images, all in ${path.basename(vsix)}`);
