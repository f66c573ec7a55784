// Shared check for the `<key>: host` namespace rules (pid, ipc, uts, userns_mode, cgroup).
import { isHostMode } from './_views';
import { removeEntryEdits, type ComposeContext } from '../composeContext';

export function checkHostNamespace(ctx: ComposeContext, key: string, what: string, risk: string): void {
  for (const s of ctx.services) {
    const e = s.config.entries?.get(key);
    if (!e || !isHostMode(e)) continue;
    ctx.report({
      at: e,
      message:
        `Service '${s.name}' shares the host's ${what} namespace (${key}: host): ${risk} Remove '${key}' unless the ` +
        `service truly needs it.`,
      fixes: () => [{ title: `Remove '${key}: host'`, applicability: 'unsafe', edits: removeEntryEdits(ctx, e) }],
    });
  }
}
