// Where a CLI run's time goes, by phase, from a V8 CPU profile (CONTRIBUTING, Performance):
//   node --cpu-prof --cpu-prof-dir=/tmp/p dist/cli.js --jobs 1 --format json --fail-on none <dir> > /dev/null
//   node scripts/profile-phases.mjs /tmp/p/*.cpuprofile
// Each sample goes to the first phase, in the order below, that a function on its stack belongs to (by name, as
// esbuild keeps them); garbage collection and idle time are their own phases. Self time, so the phases add up.
import fs from 'node:fs';

const PHASES = [
  ['YAML parse', ['parseYaml']],
  ['Dockerfile parse and model', ['parseDockerfile']],
  ['walk and configs', ['collect']],
  ['reading linted files', ['readBytes']],
  ['report (JSON, SARIF...)', ['finish']],
  ['results kept (fixes settled, baseline)', ['record', 'settle']],
  ['Compose project (merge, .env, extends)', ['loadProject']],
  ['files read for a lint (neighbours, contexts)', ['readFile', 'listDir']],
  ['rules', ['runRules', 'runRule', 'runRules2']],
  ['the rest of a lint', ['lint']],
];

const file = process.argv[2];
if (!file) {
  console.error('usage: node scripts/profile-phases.mjs <file.cpuprofile>');
  process.exit(2);
}
const p = JSON.parse(fs.readFileSync(file, 'utf8'));
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const selfTime = new Map();
for (let i = 0; i < p.samples.length; i++)
  selfTime.set(p.samples[i], (selfTime.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0));
const byPhase = new Map();
let total = 0;
for (const [id, t] of selfTime) {
  total += t;
  const leaf = byId.get(id).callFrame.functionName;
  const names = new Set();
  for (let x = id; x !== undefined; x = parent.get(x)) names.add(byId.get(x).callFrame.functionName);
  let phase;
  if (leaf === '(garbage collector)') phase = 'garbage collection';
  else if (leaf === '(idle)' || leaf === '(program)') phase = leaf;
  else phase = PHASES.find(([, fns]) => fns.some((f) => names.has(f)))?.[0] ?? 'start-up and the rest';
  byPhase.set(phase, (byPhase.get(phase) ?? 0) + t);
}
console.log(`${(total / 1000).toFixed(0)} ms sampled`);
for (const [phase, t] of [...byPhase].sort((a, b) => b[1] - a[1]))
  console.log(`${(t / 1000).toFixed(0).padStart(7)} ms ${((100 * t) / total).toFixed(1).padStart(5)}%  ${phase}`);
