import * as assert from 'node:assert/strict';
import {
  commandRules,
  composeRules,
  daemonRules,
  devcontainerRules,
  dockerfileRules,
  runRules,
} from '../../server/src/engine/rules/index';
import { runRuleCases, type Cases } from './ruleTester';
import { composeCases } from './compose.cases';
import { dockerfileCases } from './dockerfile.cases';
import { devcontainerCases } from './devcontainer.cases';
import { daemonCases } from './daemon.cases';
import { runCases } from './run.cases';
import type { Kind } from '../../server/src/engine/types';

/** Each kind of file: its rules and their tables. */
const TABLES: readonly { kind: Kind; rules: readonly { meta: { id: string } }[]; cases: Record<string, Cases> }[] = [
  { kind: 'compose', rules: composeRules, cases: composeCases },
  { kind: 'dockerfile', rules: dockerfileRules, cases: dockerfileCases },
  { kind: 'devcontainer', rules: devcontainerRules, cases: devcontainerCases },
  { kind: 'daemon', rules: daemonRules, cases: daemonCases },
  { kind: 'run', rules: [...runRules, ...commandRules], cases: runCases },
];

describe('rule tables', () => {
  it('every rule has a table with valid and invalid cases', () => {
    for (const { rules, cases } of TABLES) {
      for (const r of rules)
        assert.ok(cases[r.meta.id]?.valid.length && cases[r.meta.id]?.invalid.length, `missing cases for ${r.meta.id}`);
      for (const id of Object.keys(cases))
        assert.ok(
          rules.some((r) => r.meta.id === id),
          `cases for an unknown rule ${id}`,
        );
    }
  });
  it('every Compose rule is tested through a merge key or alias', () => {
    for (const r of composeRules)
      assert.ok(
        composeCases[r.meta.id].invalid.some((c) => /<<:|: \*\w/.test(c.code)),
        `${r.meta.id} has no anchor/merge-key case`,
      );
  });
});

for (const { kind, rules, cases } of TABLES)
  for (const r of rules) if (cases[r.meta.id]) runRuleCases(r.meta.id, kind, cases[r.meta.id]);
