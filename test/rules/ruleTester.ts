// A RuleTester in the spirit of ESLint's: valid code stays clean, invalid code is flagged at exact positions,
// and every fix (and suppression) is checked for the invariants the project promises.
import * as assert from 'node:assert/strict';
import { lint, type LintOptions } from '../../server/src/engine/lint';
import { suppressionFixes } from '../../server/src/engine/config/suppress';
import { applyEdits, LineIndex } from '../../server/src/engine/text';
import { defaultConfig } from '../../server/src/engine/config/config';
import { ruleById } from '../../server/src/engine/rules/index';
import { detectKind } from '../../server/src/engine/kind';
import type { Finding, Fix, Host, Kind, Profile, Severity, SeveritySetting } from '../../server/src/engine/types';

export interface Expected {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  severity?: Severity;
  message?: RegExp;
  /** Its related information: 1-based line and a message pattern each, in order. */
  related?: { line: number; message: RegExp }[];
}
export interface FixExpectation {
  title: RegExp;
  output: string;
  /** Other files after the fix (a fix that edits or creates them). */
  files?: Record<string, string>;
}
/** What a case lints: its code, where, with which files beside it, options, profile and other rules' settings. */
export interface ValidCase {
  name?: string;
  code: string;
  file?: string;
  files?: Record<string, string>;
  options?: Record<string, unknown>;
  profile?: Profile;
  /** Severities the config sets for other rules. */
  rules?: Record<string, SeveritySetting>;
}
export interface InvalidCase extends ValidCase {
  errors: Expected[];
  /** Exact text after applying each listed fix of the first finding that offers it. */
  fixes?: FixExpectation[];
  /** The first finding offers no fix at all. */
  noFix?: boolean;
}
export interface Cases {
  valid: (string | ValidCase)[];
  invalid: InvalidCase[];
}

/** Files in memory; folders are implied by the paths (`/p/.git/` alone makes a folder); the top is `/`. */
export function memHost(files: Record<string, string> = {}): Host {
  return {
    readFile: (p) => (p.endsWith('/') ? undefined : files[p]),
    listDir(dir) {
      const prefix = dir.endsWith('/') ? dir : dir + '/';
      const seen = new Map<string, boolean>();
      for (const f of Object.keys(files)) {
        if (!f.startsWith(prefix)) continue;
        const rest = f.slice(prefix.length);
        const i = rest.indexOf('/');
        if (rest) seen.set(i < 0 ? rest : rest.slice(0, i), i >= 0 || seen.get(rest) === true);
      }
      return seen.size ? [...seen].map(([name, d]) => ({ name, dir: d })) : undefined;
    },
    top: () => '/',
  };
}

/**
 * A rule's table runs under `strict` (every rule on its own), except a rule that only `recommended` runs (a group
 * rule) and a case that names its profile.
 */
function optionsFor(ruleId: string, c: Omit<ValidCase, 'code'>, all = false): LintOptions {
  const config = defaultConfig();
  for (const [id, severity] of Object.entries(c.rules ?? {})) config.rules[id] = { severity, options: {} };
  config.profile = c.profile ?? (ruleById.get(ruleId)?.meta.profiles?.strict === 'off' ? 'recommended' : 'strict');
  if (c.options) config.rules[ruleId] = { options: c.options };
  return { host: memHost(c.files), config, onlyRules: all ? undefined : [ruleId], reportUnusedIgnores: false };
}

const defaultFile = (kind: Kind) =>
  ({
    compose: '/work/p/compose.yaml',
    dockerfile: '/work/p/Dockerfile',
    devcontainer: '/work/p/.devcontainer/devcontainer.json',
    daemon: '/work/p/daemon.json',
    run: '/work/p/run.sh',
  })[kind];

const isGroupRule = (id: string) => [...ruleById.values()].some((r) => r.meta.group === id);

const RANK: Record<Severity, number> = { error: 4, warning: 3, info: 2, hint: 1 };

function key(f: Finding): string {
  return `${f.ruleId}\u0000${f.message}`;
}

function errorCount(file: string, text: string, kind: Kind, opts: LintOptions): number {
  return lint(file, text, { ...opts, kind }).problems.filter((p) => p.severity === 'error').length;
}

/** Checks a fix's promises: parses, fixed finding gone, nothing new, rest of the file untouched. */
export function checkFixInvariants(
  ruleId: string,
  kind: Kind,
  file: string,
  text: string,
  finding: Finding,
  edits: { start: number; end: number; newText: string }[],
  opts: LintOptions,
  label: string,
): string {
  const out = applyEdits(text, edits);
  assert.notEqual(out, text, `${label}: the fix changes nothing`);
  const lo = Math.min(...edits.map((e) => e.start));
  const hi = Math.max(...edits.map((e) => e.end));
  assert.equal(out.slice(0, lo), text.slice(0, lo), `${label}: text before the edit changed`);
  assert.equal(out.slice(out.length - (text.length - hi)), text.slice(hi), `${label}: text after the edit changed`);
  const allOpts = { ...opts, onlyRules: undefined };
  assert.ok(
    errorCount(file, out, kind, allOpts) <= errorCount(file, text, kind, allOpts),
    `${label}: the fixed file does not parse:\n${out}`,
  );
  const beforeFindings = lint(file, text, { ...allOpts, kind }).findings;
  const before = beforeFindings.map(key);
  const remaining = [...before];
  remaining.splice(remaining.indexOf(key(finding)), 1);
  const afterFindings = lint(file, out, { ...allOpts, kind }).findings;
  for (const f of afterFindings) {
    const i = remaining.indexOf(key(f));
    if (i >= 0) {
      remaining.splice(i, 1);
      continue;
    }
    // the exceptions: the same rule may still report the same thing at a strictly lower severity (a writable
    // sensitive mount made read-only is still a read-only sensitive mount), and a group finding fixed in part
    // lists what is left, at the same place
    const downgrade = f.ruleId === finding.ruleId && RANK[f.severity] < RANK[finding.severity];
    const shorter =
      f.ruleId === finding.ruleId &&
      isGroupRule(f.ruleId) &&
      f.range.start.line === finding.range.start.line &&
      f.message.length < finding.message.length;
    // a finding of another rule, at the same place, that lost a note about what the fix removed (seccomp:unconfined
    // no longer says that SYS_PTRACE, now gone, would not need it)
    const lostNote = beforeFindings.some(
      (b) =>
        b.ruleId === f.ruleId &&
        JSON.stringify(b.range) === JSON.stringify(f.range) &&
        b.message.length > f.message.length &&
        b.message.startsWith(f.message),
    );
    // a grant the fixed finding spoke for, now reported on its own (privileged removed: its cap_add is a finding
    // again, in recommended), at text its related information named
    const beforeIndex = new LineIndex(text);
    const spokenFor = (finding.related ?? []).some(
      (r) =>
        r.file === file &&
        text.slice(beforeIndex.offset(r.range.start), beforeIndex.offset(r.range.end)) === out.slice(f.start, f.end),
    );
    assert.ok(
      downgrade || shorter || lostNote || spokenFor,
      `${label}: the fix introduced a finding: ${f.ruleId} ${f.message}\n--- fixed text:\n${out}`,
    );
  }
  const same = (f: Finding) => key(f) === key(finding) && f.severity === finding.severity;
  const sameBefore = lint(file, text, { ...allOpts, kind }).findings.filter(same).length;
  assert.ok(afterFindings.filter(same).length < sameBefore, `${label}: the fixed finding is still there:\n${out}`);
  return out;
}

/**
 * A fix that edits or creates other files: each says truly whether the file exists and what it holds, is never
 * safe, and once applied (here and there) removes its finding and adds none.
 */
function checkFileFix(
  kind: Kind,
  file: string,
  text: string,
  files: Record<string, string>,
  finding: Finding,
  fix: Fix,
  opts: LintOptions,
  label: string,
): void {
  assert.notEqual(fix.applicability, 'safe', `${label}: a fix that edits other files is never safe`);
  const after = { ...files };
  for (const fe of fix.files ?? []) {
    assert.equal(fe.create, !(fe.file in files), `${label}: create says whether ${fe.file} exists`);
    assert.equal(fe.before, files[fe.file] ?? '', `${label}: the text the edits of ${fe.file} refer to`);
    after[fe.file] = applyEdits(fe.before, fe.edits);
  }
  const out = applyEdits(text, fix.edits);
  const all = { ...opts, onlyRules: undefined, kind };
  const before = lint(file, text, all).findings.map(key);
  const remaining = [...before];
  remaining.splice(remaining.indexOf(key(finding)), 1);
  for (const f of lint(file, out, { ...all, host: memHost(after) }).findings) {
    const i = remaining.indexOf(key(f));
    assert.ok(i >= 0, `${label}: after the fix, ${f.ruleId} ${f.message}`);
    remaining.splice(i, 1);
  }
}

export function runRuleCases(ruleId: string, tableKind: Kind, cases: Cases): void {
  // a command-line rule's case may name a Dockerfile (RUN docker run ...), and a daemon rule's a script (dockerd
  // ...): that file's kind, as lint decides it
  const kindFor = (c: ValidCase): Kind =>
    (tableKind === 'run' || tableKind === 'daemon') && c.file
      ? (detectKind(c.file, c.code, true) ?? tableKind)
      : tableKind;
  describe(ruleId, () => {
    cases.valid.forEach((v, i) => {
      const c: ValidCase = typeof v === 'string' ? { code: v } : v;
      const kind = kindFor(c);
      it(`valid #${i + 1}${c.name ? `: ${c.name}` : ''}`, () => {
        const r = lint(c.file ?? defaultFile(kind), c.code, { ...optionsFor(ruleId, c), kind });
        assert.deepEqual(
          r.findings.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}`),
          [],
          'expected no finding',
        );
      });
    });
    cases.invalid.forEach((c, i) => {
      const kind = kindFor(c);
      const file = c.file ?? defaultFile(kind);
      const label = `${ruleId} invalid #${i + 1}${c.name ? ` (${c.name})` : ''}`;
      it(`invalid #${i + 1}${c.name ? `: ${c.name}` : ''}`, () => {
        const opts = optionsFor(ruleId, c);
        const r = lint(file, c.code, { ...opts, kind });
        const got = r.findings.filter((f) => f.ruleId === ruleId);
        const show = got
          .map(
            (f) =>
              `${f.range.start.line + 1}:${f.range.start.character + 1}-${f.range.end.line + 1}:${f.range.end.character + 1} ${f.severity} ${f.message}`,
          )
          .join('\n');
        assert.equal(got.length, c.errors.length, `${label}: expected ${c.errors.length} finding(s), got:\n${show}`);
        c.errors.forEach((e, k) => {
          const f = got[k];
          assert.equal(
            `${f.range.start.line + 1}:${f.range.start.character + 1}`,
            `${e.line}:${e.column}`,
            `${label}: finding ${k + 1} position\n${show}`,
          );
          if (e.endLine !== undefined)
            assert.equal(
              `${f.range.end.line + 1}:${f.range.end.character + 1}`,
              `${e.endLine}:${e.endColumn}`,
              `${label}: finding ${k + 1} end`,
            );
          if (e.severity) assert.equal(f.severity, e.severity, `${label}: finding ${k + 1} severity`);
          if (e.message) assert.match(f.message, e.message);
          if (e.related) {
            const rel = f.related ?? [];
            assert.equal(rel.length, e.related.length, `${label}: finding ${k + 1} related information`);
            e.related.forEach((r, j) => {
              assert.equal(rel[j].range.start.line + 1, r.line, `${label}: finding ${k + 1} related ${j + 1} line`);
              assert.match(rel[j].message, r.message);
            });
          }
        });
        // every offered fix keeps its promises
        for (const f of got)
          for (const fix of f.fixes ?? [])
            if (fix.files?.length)
              checkFileFix(kind, file, c.code, c.files ?? {}, f, fix, opts, `${label} fix '${fix.title}'`);
            else checkFixInvariants(ruleId, kind, file, c.code, f, fix.edits, opts, `${label} fix '${fix.title}'`);
        if (c.noFix) assert.equal(got[0].fixes?.length ?? 0, 0, `${label}: expected no fix`);
        for (const exp of c.fixes ?? []) {
          const f = got.find((x) => x.fixes?.some((y) => exp.title.test(y.title)));
          assert.ok(
            f,
            `${label}: no finding offers a fix titled ${exp.title} (offered: ${got
              .flatMap((x) => x.fixes ?? [])
              .map((y) => y.title)
              .join(', ')})`,
          );
          const fix = f.fixes!.find((y) => exp.title.test(y.title))!;
          assert.equal(applyEdits(c.code, fix.edits), exp.output, `${label}: text after '${fix.title}'`);
          if (exp.files || fix.files)
            assert.deepEqual(
              Object.fromEntries((fix.files ?? []).map((fe) => [fe.file, applyEdits(fe.before, fe.edits)])),
              exp.files ?? {},
              `${label}: other files after '${fix.title}'`,
            );
        }
        // suppression edits silence exactly this finding
        const index = new LineIndex(c.code);
        for (const sup of suppressionFixes(kind, index, got[0])) {
          const out = applyEdits(c.code, sup.edits);
          const after = lint(file, out, { ...opts, kind, reportUnusedIgnores: true, onlyRules: undefined });
          const left = after.findings.filter((x) => x.ruleId === ruleId);
          if (sup.title.endsWith('in this file'))
            assert.equal(left.length, 0, `${label}: '${sup.title}' left findings:\n${out}`);
          else
            assert.ok(
              left.length < got.length &&
                !left.some((x) => x.message === got[0].message && x.range.start.line === got[0].range.start.line + 1),
              `${label}: '${sup.title}' did not silence the finding:\n${out}`,
            );
          assert.ok(
            !after.findings.some((x) => x.ruleId === 'meta/unused-ignore'),
            `${label}: '${sup.title}' left an unused ignore:\n${out}`,
          );
        }
      });
    });
    it('the fixes it offers are the ones its metadata declares (safe, unsafe)', () => {
      const meta = ruleById.get(ruleId)?.meta;
      assert.ok(meta, `${ruleId} is registered`);
      const offered = new Set<string>();
      for (const c of cases.invalid) {
        const kind = kindFor(c);
        const r = lint(c.file ?? defaultFile(kind), c.code, { ...optionsFor(ruleId, c), kind });
        for (const f of r.findings) for (const fix of f.fixes ?? []) offered.add(fix.applicability);
      }
      const declared = new Set(Object.keys(meta.fixes ?? {}));
      assert.deepEqual(
        [...offered].sort(),
        [...declared].sort(),
        `${ruleId}: fixes offered by the cases vs meta.fixes`,
      );
    });
  });
}

export { defaultConfig };
