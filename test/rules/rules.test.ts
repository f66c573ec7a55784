import * as assert from 'node:assert/strict';
import { composeRules, daemonRules, devcontainerRules, dockerfileRules } from '../../server/src/engine/rules/index';
import { runRuleCases } from './ruleTester';
import { composeCases } from './compose.cases';
import { dockerfileCases } from './dockerfile.cases';
import { devcontainerCases } from './devcontainer.cases';
import { daemonCases } from './daemon.cases';

describe('rule tables', () => {
  it('every rule has a table with valid and invalid cases', () => {
    for (const r of composeRules)
      assert.ok(
        composeCases[r.meta.id]?.valid.length && composeCases[r.meta.id]?.invalid.length,
        `missing cases for ${r.meta.id}`,
      );
    for (const r of dockerfileRules)
      assert.ok(
        dockerfileCases[r.meta.id]?.valid.length && dockerfileCases[r.meta.id]?.invalid.length,
        `missing cases for ${r.meta.id}`,
      );
    for (const r of devcontainerRules)
      assert.ok(
        devcontainerCases[r.meta.id]?.valid.length && devcontainerCases[r.meta.id]?.invalid.length,
        `missing cases for ${r.meta.id}`,
      );
    for (const r of daemonRules)
      assert.ok(
        daemonCases[r.meta.id]?.valid.length && daemonCases[r.meta.id]?.invalid.length,
        `missing cases for ${r.meta.id}`,
      );
    for (const id of [
      ...Object.keys(composeCases),
      ...Object.keys(dockerfileCases),
      ...Object.keys(devcontainerCases),
      ...Object.keys(daemonCases),
    ])
      assert.ok(
        [...composeRules, ...dockerfileRules, ...devcontainerRules, ...daemonRules].some((r) => r.meta.id === id),
        `cases for an unknown rule ${id}`,
      );
  });
  it('every Compose rule is tested through a merge key or alias', () => {
    for (const r of composeRules)
      assert.ok(
        composeCases[r.meta.id].invalid.some((c) => /<<:|: \*\w/.test(c.code)),
        `${r.meta.id} has no anchor/merge-key case`,
      );
  });
});

for (const r of composeRules) if (composeCases[r.meta.id]) runRuleCases(r.meta.id, 'compose', composeCases[r.meta.id]);
for (const r of dockerfileRules)
  if (dockerfileCases[r.meta.id]) runRuleCases(r.meta.id, 'dockerfile', dockerfileCases[r.meta.id]);
for (const r of devcontainerRules)
  if (devcontainerCases[r.meta.id]) runRuleCases(r.meta.id, 'devcontainer', devcontainerCases[r.meta.id]);
for (const r of daemonRules) if (daemonCases[r.meta.id]) runRuleCases(r.meta.id, 'daemon', daemonCases[r.meta.id]);
