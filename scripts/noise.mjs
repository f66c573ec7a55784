// npm run noise: what a user sees on real repositories. Lints ../shared/corpus/realworld (or the folder given)
// with the built CLI and prints figures, not pass/fail: files found by name versus present by content, services,
// findings per Compose service and per Dockerfile, the most frequent rules, and the findings that are active
// grants (the ones a reviewer must never miss).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument, isMap } from 'yaml';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const corpus = resolve(process.argv[2] ?? join(root, '..', 'shared', 'corpus', 'realworld'));
const cli = join(root, 'dist', 'cli.js');

/** Findings that grant the container host access or leak secrets: privileged, host namespaces, sockets... */
const GRANTS = new Set([
  'compose/privileged',
  'compose/host-network',
  'compose/host-pid',
  'compose/host-ipc',
  'compose/host-uts',
  'compose/host-userns',
  'compose/host-cgroupns',
  'compose/docker-socket',
  'compose/docker-daemon-tcp',
  'compose/seccomp-unconfined',
  'compose/apparmor-unconfined',
  'compose/selinux-disabled',
  'compose/systempaths-unconfined',
  'compose/secret-in-environment',
  'compose/user-root',
  'compose/devices',
  'dockerfile/curl-pipe-shell',
  'dockerfile/secret-in-arg-env',
  'dockerfile/user-root',
  'dockerfile/docker-daemon-tcp',
  'dockerfile/host-network',
]);
const isGrant = (f) =>
  GRANTS.has(f.ruleId) ||
  ((f.ruleId === 'compose/cap-add' || f.ruleId === 'compose/sensitive-host-mount') && f.severity === 'error');

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === '.git' || name === 'node_modules') continue;
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) walk(p, out);
    else if (st.isFile()) out.push(p);
  }
  return out;
}

/** A YAML file Compose would read: top-level `services`, or (legacy v1) top-level entries that look like services. */
function composeByContent(text) {
  let doc;
  try {
    doc = parseDocument(text, { uniqueKeys: false, maxAliasCount: 1000 });
  } catch {
    return undefined; // not YAML this script can read: not counted as Compose
  }
  const top = doc.contents;
  if (!isMap(top)) return undefined;
  const services = top.get('services', true);
  if (services && isMap(services)) return { legacy: false, services: services.items.length };
  const SERVICE_KEYS = /^(image|build|privileged|volumes|ports|command|environment|links|net|pid)$/;
  const legacy = top.items.filter(
    (p) => isMap(p.value) && p.value.items.some((q) => SERVICE_KEYS.test(String(q.key?.value))),
  );
  return legacy.length && legacy.length === top.items.length ? { legacy: true, services: legacy.length } : undefined;
}

const run = (profile) =>
  JSON.parse(
    execFileSync(process.execPath, [cli, '--format', 'json', '--fail-on', 'none', '--profile', profile, '.'], {
      cwd: corpus,
      maxBuffer: 1 << 30,
      encoding: 'utf8',
    }),
  );
const report = run('recommended');
const strict = run('strict');
const found = new Map(report.files.map((f) => [f.path, f.kind]));

let composeFiles = 0,
  legacyFiles = 0,
  services = 0,
  dockerfiles = 0,
  missed = 0,
  missedLegacy = 0,
  zeroServices = 0;
const composeSet = new Set();
const servicesOf = new Map();
const legacySet = new Set();
for (const p of walk(corpus)) {
  const rel = relative(corpus, p);
  if (/\.ya?ml$/i.test(p)) {
    const c = composeByContent(readFileSync(p, 'utf8'));
    if (!c) continue;
    composeFiles++;
    if (c.legacy) {
      legacyFiles++;
      legacySet.add(rel);
    }
    services += c.services;
    servicesOf.set(rel, c.services);
    if (c.services === 0) zeroServices++;
    composeSet.add(rel);
    if (found.get(rel) !== 'compose') {
      missed++;
      if (c.legacy) missedLegacy++;
    }
  }
}
for (const [, kind] of found) if (kind === 'dockerfile') dockerfiles++;
const visible = (f) => f.severity !== 'hint'; // what the Problems panel shows (hints are not listed there)
const fmt = (n) => n.toFixed(2);
console.log(`docker-security-lint noise on ${relative(process.cwd(), corpus) || corpus}`);
console.log(
  `Compose files present by content: ${composeFiles} (legacy v1: ${legacyFiles}); found and linted as Compose: ${composeFiles - missed}; missed: ${missed} (legacy: ${missedLegacy}); with zero services: ${zeroServices}`,
);
console.log(`Compose services: ${services}; Dockerfiles linted: ${dockerfiles}`);
const legacyFindings = report.findings.filter((f) => legacySet.has(f.file)).length;
console.log(
  `legacy v1 files: ${legacyFiles}, with ${legacyFindings} findings${legacyFiles && !legacyFindings ? ' (none: their services are not analysed)' : ''}`,
);
for (const [name, r] of [
  ['recommended (default)', report],
  ['strict', strict],
]) {
  const compose = r.findings.filter((f) => composeSet.has(f.file));
  const dockerfile = r.findings.filter((f) => found.get(f.file) === 'dockerfile');
  const hints = r.findings.filter((f) => !visible(f)).length;
  console.log(`profile ${name}:`);
  console.log(
    `  findings per Compose service, in the Problems panel: ${fmt(compose.filter(visible).length / Math.max(1, services))} (${compose.filter(visible).length} findings; ${hints} hints besides, shown only in the editor)`,
  );
  console.log(
    `  findings per Dockerfile: ${fmt(dockerfile.filter(visible).length / Math.max(1, dockerfiles))} (${dockerfile.filter(visible).length} findings)`,
  );
  console.log(`  active-grant findings: ${r.findings.filter(isGrant).length}`);
  const byRule = new Map();
  for (const f of r.findings.filter(visible)) byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
  console.log('  the ten most frequent rules in the Problems panel:');
  for (const [id, n] of [...byRule].sort((a, b) => b[1] - a[1]).slice(0, 10))
    console.log(`    ${String(n).padStart(5)}  ${id}`);
}
// every active grant of strict is in recommended: same file and rule (a value several services inherit may be
// reported once, at its first service)
// a literal secret in a test/CI or development file that recommended leaves out is a made-up password there (a
// throwaway database's `postgres`: the rule marks it routine), counted apart
const key = (f) => `${f.file}\u0000${f.ruleId}`;
const kept = new Set(report.findings.filter(isGrant).map(key));
const contextOf = new Map(report.files.map((f) => [f.path, f.context ?? 'none']));
const throwaway = (f) =>
  f.ruleId.endsWith('/secret-in-environment') && ['test-ci', 'development'].includes(contextOf.get(f.file));
const missing = strict.findings.filter(isGrant).filter((f) => !kept.has(key(f)));
const lost = missing.filter((f) => !throwaway(f));
const routine = missing.length - lost.length;
console.log(
  `active grants of strict not reported by recommended (same file and rule): ${lost.length}${lost.length ? ` (${lost.map((f) => `${f.file}:${f.line} ${f.ruleId}`).join(', ')})` : ''}; made-up passwords in test/CI and development files, left out there on purpose: ${routine}`,
);

// by context (engine/context.ts): what the Problems panel holds for each, per file and per service, by the source
// family of the rule, and the share at warning and above (what a reviewer is asked to act on)
const leftOut = report.leftOut ?? [];
console.log(
  `by context (recommended); third-party folders or files left out of the walk: ${leftOut.length}${
    leftOut.length
      ? ` (${leftOut
          .slice(0, 8)
          .map((l) => l.path)
          .join(', ')}${leftOut.length > 8 ? ', ...' : ''})`
      : ''
  }`,
);
for (const ctx of ['deployment', 'development', 'test-ci', 'third-party']) {
  const files = [...contextOf].filter(([, c]) => c === ctx).map(([p]) => p);
  if (!files.length) continue;
  const set = new Set(files);
  const shown = report.findings.filter((f) => set.has(f.file) && visible(f));
  const high = shown.filter((f) => f.severity === 'error' || f.severity === 'warning').length;
  const svc = files.reduce((n, p) => n + (servicesOf.get(p) ?? 0), 0);
  const inCompose = shown.filter((f) => servicesOf.has(f.file)).length;
  const families = new Map();
  for (const f of shown) {
    const fam = f.ruleId.slice(0, f.ruleId.indexOf('/'));
    families.set(fam, (families.get(fam) ?? 0) + 1);
  }
  console.log(
    `  ${ctx}: ${files.length} files, ${shown.length} findings in the Problems panel (${fmt(shown.length / files.length)} per file` +
      `${svc ? `, ${fmt(inCompose / svc)} per Compose service` : ''}); at warning or above: ${high} ` +
      `(${shown.length ? Math.round((100 * high) / shown.length) : 0}%); by family: ` +
      ([...families]
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => `${k} ${n}`)
        .join(', ') || 'none'),
  );
}
