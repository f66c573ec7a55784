// What several runtime rules do the same way: the `<namespace>: host` rules and the security option rules.
import type { Namespace } from '../../model/container';
import type { ContainerContext } from '../containerContext';

/** Is a namespace mode `host` (the host's own namespace)? */
export function isHostMode(mode: string | undefined): boolean {
  return mode?.trim().toLowerCase() === 'host';
}

/** Flags a container that joins the host's namespace, with a fix that removes the setting. */
export function checkHostNamespace(ctx: ContainerContext, ns: Namespace, what: string, risk: string): void {
  for (const c of ctx.containers) {
    const e = c.namespaces[ns];
    if (!e || !isHostMode(e.value)) continue;
    ctx.report({
      at: e,
      message:
        `${c.subject} shares the host's ${what} namespace (${e.shown}): ${risk} Remove '${e.holder}' unless the ` +
        `service truly needs it.`,
      fixes: () => [{ title: `Remove '${e.shown}'`, applicability: 'unsafe', edits: e.remove() }],
    });
  }
}

/** A rule over one security option (seccomp/apparmor/label/systempaths): flags and removes the entry. */
export function checkSecurityOpt(
  ctx: ContainerContext,
  name: string,
  bad: string,
  message: (subject: string) => string,
): void {
  for (const c of ctx.containers) {
    for (const o of c.securityOpts) {
      if (o.value.name !== name || o.value.value !== bad) continue;
      ctx.report({
        at: o,
        message: message(c.subject),
        fixes: () => [{ title: `Remove '${o.raw}' from ${o.holder}`, applicability: 'unsafe', edits: o.remove() }],
      });
    }
  }
}
