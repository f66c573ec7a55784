// The container model changed how the Compose runtime rules are written, not what they report: every case of the
// Compose rule tables as they were before the change (their code, files, options and profile), with the findings,
// positions, related information and fixes the engine gave then (recorded from commit 1f942a7), gives the same
// today. Two cases were recorded again where a rule changed on purpose: SYS_PTRACE without the host's PID namespace
// is a warning that says what it reaches (issue 32); `SENTRY_DSN: d` is no secret (a DSN is judged by the
// credentials in it, 2026-12-08).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lint } from '../../server/src/engine/lint';
import { defaultConfig } from '../../server/src/engine/config/config';
import { ruleById } from '../../server/src/engine/rules/index';
import { memHost } from '../rules/ruleTester';
import type { Finding, Profile, SeveritySetting } from '../../server/src/engine/types';

interface Recorded {
  ruleId: string;
  file: string;
  code: string;
  files?: Record<string, string>;
  options?: Record<string, unknown>;
  profile?: Profile;
  rules?: Record<string, SeveritySetting>;
  findings: unknown[];
}

const root = path.resolve(__dirname, '..', '..', '..');
const recorded = JSON.parse(
  fs.readFileSync(path.join(root, 'test', 'fixtures', 'compose-cases-before-container-model.json'), 'utf8'),
) as Recorded[];

function shape(f: Finding): unknown {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    range: f.range,
    related: f.related ?? [],
    fixes: (f.fixes ?? []).map((x) => ({ title: x.title, applicability: x.applicability, edits: x.edits })),
  };
}

describe('the container model: Compose findings as before it', () => {
  it('records enough cases to mean something', () => {
    assert.ok(recorded.length > 250, `${recorded.length} cases`);
    assert.ok(recorded.filter((r) => r.findings.length).length > 150, 'most with findings');
  });
  it('every recorded Compose case gives the same findings, positions, related information and fixes', () => {
    const differ: string[] = [];
    for (const c of recorded) {
      const config = defaultConfig();
      for (const [id, severity] of Object.entries(c.rules ?? {})) config.rules[id] = { severity, options: {} };
      config.profile =
        c.profile ?? (ruleById.get(c.ruleId)?.meta.profiles?.strict === 'off' ? 'recommended' : 'strict');
      if (c.options) config.rules[c.ruleId] = { options: c.options };
      const r = lint(c.file, c.code, {
        host: memHost(c.files),
        config,
        onlyRules: [c.ruleId],
        reportUnusedIgnores: false,
        kind: 'compose',
      });
      // JSON round trip: the recording is JSON (undefined fields dropped)
      const now = JSON.parse(JSON.stringify(r.findings.map(shape))) as unknown[];
      if (JSON.stringify(now) !== JSON.stringify(c.findings)) differ.push(`${c.ruleId}: ${c.code.slice(0, 80)}`);
      else assert.deepEqual(now, c.findings);
    }
    assert.deepEqual(differ, []);
  });
});
