// What several runtime rules do the same way: the `<namespace>: host` rules and the security option rules.
import type { Container, Hardening, LimitKey, MountFields, Namespace, Setting } from '../../model/container';
import { deviceExposure } from '../../vocabulary/paths';
import { isEngineSocket } from '../../vocabulary/daemon';
import type { ContainerContext, ContainerReport } from '../containerContext';
import { purposeImageName, purposeOf, type Grant } from '../../vocabulary/purposes';
import type { Severity } from '../../types';
import { DEFAULT_CAPS, normCap } from '../../vocabulary/capabilities';

/** Is a namespace mode `host` (the host's own namespace)? */
export function isHostMode(mode: string | undefined): boolean {
  return mode?.trim().toLowerCase() === 'host';
}

/** Flags a container that joins the host's namespace, with a fix that removes the setting. */
export function checkHostNamespace(ctx: ContainerContext, ns: Namespace, what: string, risk: string): void {
  for (const c of ctx.containers) {
    const e = c.namespaces[ns];
    if (!e || !isHostMode(e.value)) continue;
    const report: ContainerReport = {
      at: e,
      message:
        `${c.subject} shares the host's ${what} namespace (${e.shown}): ${risk} Remove '${e.holder}' unless the ` +
        `service truly needs it.`,
      fixes: () => [{ title: `Remove '${e.shown}'`, applicability: 'unsafe', edits: e.remove() }],
    };
    const grant = ns === 'pid' ? 'host-pid' : ns === 'network' ? 'host-network' : undefined;
    ctx.report(grant ? withPurpose(c, grant, report, 'error') : report);
  }
}

/** A rule over one security option (seccomp/apparmor/label/systempaths): flags and removes the entry. */
export function checkSecurityOpt(
  ctx: ContainerContext,
  name: string,
  bad: string,
  message: (subject: string, c: Container) => string,
): void {
  for (const c of ctx.containers) {
    // no seccomp or AppArmor confinement is what privileged gives anyway: reported on its finding (recommended)
    if (PRIVILEGED_UNCONFINES.has(name) && subsumedByPrivileged(ctx, c)) continue;
    for (const o of c.securityOpts) {
      if (o.value.name !== name || o.value.value !== bad) continue;
      ctx.report({
        at: o,
        message: message(c.subject, c),
        fixes: () => [{ title: `Remove '${o.raw}' from ${o.holder}`, applicability: 'unsafe', edits: o.remove() }],
      });
    }
  }
}

/**
 * `recommended`: a privileged container's added capabilities, devices and missing seccomp or AppArmor confinement
 * are granted by privileged anyway: one finding (the privileged one) names them, as related information. `strict`
 * keeps a finding for each.
 */
/** The confinements a privileged container runs without anyway: `<name>=unconfined` adds nothing to it. */
const PRIVILEGED_UNCONFINES: ReadonlySet<string> = new Set(['seccomp', 'apparmor']);

export function subsumedByPrivileged(ctx: ContainerContext, c: Container): boolean {
  return ctx.profile === 'recommended' && c.privileged.length > 0;
}

/** What privileged already grants that the container also sets, each with what to say where it is written. */
export function grantsPrivilegedGives(c: Container): { at: Setting<unknown>; message: string }[] {
  return [
    ...c.capAdd
      .filter((x) => !DEFAULT_CAPS.has(normCap(x.value)) && !/^cap_all$/i.test(x.value.trim()))
      .map((x) => ({ at: x, message: `privileged already grants ${normCap(x.value)}: this adds nothing` })),
    ...c.securityOpts
      .filter((o) => PRIVILEGED_UNCONFINES.has(o.value.name) && o.value.value === 'unconfined')
      .map((o) => ({ at: o, message: `privileged already runs it without ${o.value.name} confinement` })),
    ...c.devices
      .filter((d) => deviceExposure(d.value.source) !== 'harmless')
      .map((d) => ({ at: d, message: `privileged already gives it every host device, ${d.value.source} included` })),
    ...c.deviceRules.map((r) => ({ at: r, message: 'privileged already gives it every host device' })),
  ];
}

/** Does the container keep Docker's default capabilities (no ALL in its dropped capabilities)? */
export function keepsDefaultCapabilities(h: Hardening): boolean {
  return !h.capDrop.some((d) => normCap(d.value) === 'ALL');
}

/** Does the container set no `no-new-privileges` at all (a `false` is a finding of its own, not advice)? */
export function lacksNoNewPrivileges(c: Container): boolean {
  return !c.securityOpts.some((o) => o.value.name === 'no-new-privileges');
}

/** Has the container no limit of this kind at all (a CPU quota counts for CPU)? */
export function lacksLimit(h: Hardening, key: LimitKey): boolean {
  if (key === 'cpus' && h.cpuQuota.length) return false;
  return h.limits[key].length === 0;
}

/**
 * For a group rule: each container with hardening settings and the items of the group it lacks (those whose
 * rule the config leaves to the group, and that no suppression comment silences one by one).
 */
export function* lacking<I extends { rule: string }>(
  ctx: ContainerContext,
  items: readonly I[],
  lacks: (item: I, c: Container, h: Hardening) => boolean,
  skip: (c: Container) => boolean = () => false,
): Generator<{ c: Container; h: Hardening; missing: I[] }> {
  const grouped = items.filter((i) => ctx.groupItems.has(i.rule));
  if (!grouped.length) return;
  for (const c of ctx.containers) {
    const h = c.hardening;
    if (!h || skip(c)) continue;
    const missing = grouped.filter((i) => lacks(i, c, h) && !ctx.suppressed(i.rule, c));
    if (missing.length) yield { c, h, missing };
  }
}

/** The engine socket a bind mount binds (its source, or the source as written when a variable hides part of it). */
export function engineSocketOf(m: MountFields): string | undefined {
  const source = m.source ?? m.looseSource;
  return m.type === 'bind' && source !== undefined && isEngineSocket(source) ? source : undefined;
}

/**
 * A grant that a well-known image's documented setup needs (vocabulary/purposes.ts): the finding says what the image
 * uses it for and the safer way if there is one, and "Ignore on this line" offers the purpose as the reason. Where
 * the documentation gives no safer way, the finding is info (still in the Problems panel, once, explained); where one
 * exists, the severity stays. A container that replaces the image's entrypoint does not run what the table
 * describes (a repository could name a well-known image to explain away a grant): no purpose then.
 */
export function withPurpose(c: Container, grant: Grant, r: ContainerReport, severity: Severity): ContainerReport {
  const image = c.image?.value;
  const p = purposeOf(image, grant);
  if (!p || !image || c.commands.some((x) => x.holder === 'entrypoint')) return r;
  const name = purposeImageName(image);
  const own = r.severity ?? severity;
  return {
    ...r,
    severity: !p.safer && (own === 'error' || own === 'warning') ? 'info' : own,
    message:
      `${r.message} ${name} uses it to ${p.purpose}: ` +
      `${p.safer ? `a safer way: ${p.safer}` : 'its documentation gives no safer way'} (${p.docs}).`,
    ignoreReason: `${name} uses it to ${p.purpose} (${p.docs})`,
  };
}
