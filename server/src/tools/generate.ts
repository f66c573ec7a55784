// Writes the generated docs and schema: `npm run docs`. With --check, exits 1 when a file is out of date.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generatedFiles } from '../engine/docs';

const root = path.resolve(__dirname, '..', '..', '..', '..');
const check = process.argv.includes('--check');
let stale = 0;
for (const [rel, content] of generatedFiles()) {
  const p = path.join(root, rel);
  const cur = fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : undefined;
  if (cur === content) continue;
  if (check) {
    console.error(`out of date: ${rel}`);
    stale++;
    continue;
  }
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, content);
  console.log(`wrote ${rel}`);
}
process.exitCode = stale ? 1 : 0;
