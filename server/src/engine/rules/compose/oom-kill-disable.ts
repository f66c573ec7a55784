import { isTrue } from '../../model/compose/effective';
import type { ComposeRule } from '../rule';
import { removeEntryEdits } from '../composeContext';

export const rule: ComposeRule = {
  meta: {
    id: 'compose/oom-kill-disable',
    kind: 'compose',
    title: 'OOM killer disabled for the service',
    severity: 'warning',
    quadrant: 'namespaces-cgroups',
    description: 'Flags `oom_kill_disable: true`.',
    why:
      'When the kernel cannot kill the container under memory pressure it kills host processes instead; without a ' +
      'memory limit the host itself can hang.',
    howToFix: 'Remove `oom_kill_disable` and set a memory limit.',
    fixes: {
      safe: 'Removes `oom_kill_disable: true` (the default lets the kernel reclaim memory from the container).',
    },
    cwe: ['CWE-400'],
    references: ['https://docs.docker.com/reference/compose-file/services/#oom_kill_disable'],
    examples: {
      bad: ['services:\n  app:\n    image: alpine:3.20\n    oom_kill_disable: true\n'],
      good: ['services:\n  app:\n    image: alpine:3.20\n    oom_kill_disable: false\n'],
    },
  },
  check(ctx) {
    for (const s of ctx.services) {
      const e = s.config.entries?.get('oom_kill_disable');
      if (!e || !isTrue(e.value)) continue;
      ctx.report({
        at: e,
        message:
          `Service '${s.name}' disables the OOM killer: under memory pressure the kernel kills host processes ` +
          `instead. Remove oom_kill_disable.`,
        fixes: () => [{ title: 'Remove oom_kill_disable', applicability: 'safe', edits: removeEntryEdits(ctx, e) }],
      });
    }
  },
};
