// Writes the generated docs and schema: `npm run docs`. With --check, exits 1 when a file is out of date.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generatedFiles, ruleSettingProperties } from '../engine/docs';

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
// package.json: the rules setting's known properties (for the Settings UI)
const pkgPath = path.join(root, 'package.json');
const pkgText = fs.readFileSync(pkgPath, 'utf8');
const pkg = JSON.parse(pkgText) as {
  contributes: { configuration: { properties: Record<string, { properties?: unknown }> }[] };
};
const section = pkg.contributes.configuration.find((c) => c.properties['docker-security-lint.rules']);
if (section) section.properties['docker-security-lint.rules'].properties = ruleSettingProperties();
const nextPkg = JSON.stringify(pkg, null, 2) + '\n';
if (nextPkg !== pkgText) {
  if (check) {
    console.error('out of date: package.json (the rules setting)');
    stale++;
  } else {
    fs.writeFileSync(pkgPath, nextPkg);
    console.log('wrote package.json (the rules setting)');
  }
}
process.exitCode = stale ? 1 : 0;
