// Hardening a Compose service can miss (limits, no-new-privileges, cap_drop ALL, a read-only root filesystem):
// the values that set a limit, and the fixes that add what is missing. The Compose source of the container model
// (sources/compose/container.ts) offers them to the hardening rules in rules/container/.
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { get, keyText, type Val } from './effective';
import { isLegacyCompose, type Service } from './project';
import type { ComposeContext } from '../../rules/composeContext';
import type { Fix, TextEdit } from '../../types';
import { keptOn } from '../../memo';

// ---- resource limits ----

export type LimitKey = 'memory' | 'cpus' | 'pids';

/** The values that set a limit (either spelling), to judge (a limit of 0 is no limit). */
export function limitValues(s: Service, key: LimitKey): Val[] {
  const c = s.config.entries;
  const legacy = key === 'memory' ? 'mem_limit' : key === 'cpus' ? 'cpus' : 'pids_limit';
  return [c?.get(legacy)?.value, get(s.config, 'deploy', 'resources', 'limits', key)].filter(
    (v): v is Val => v !== undefined,
  );
}

/** The limit values a fix writes, as YAML (the CPU count quoted: `'1.0'` must stay a string). */
export function limitValueText(ctx: ComposeContext, key: LimitKey): string {
  const d = ctx.fixDefaults;
  return key === 'memory' ? d.memory : key === 'cpus' ? `'${d.cpus}'` : String(d.pids);
}

const LEGACY_KEY: Record<LimitKey, string> = { memory: 'mem_limit', cpus: 'cpus', pids: 'pids_limit' };

/**
 * Does this file write limits as service keys (`mem_limit`, `cpus`, `pids_limit`) rather than under
 * `deploy.resources.limits`? Yes for a legacy (version 1) or `version: "2.x"` file, and for a file whose services
 * already use those keys and never `deploy.resources`.
 */
function usesLegacyLimitKeys(ctx: ComposeContext): boolean {
  // asked once per service's fix: read the file once (a file of thousands of services made fix-all quadratic)
  let known = legacyLimitKeys.get(ctx);
  if (known === undefined) legacyLimitKeys.set(ctx, (known = readLegacyLimitKeys(ctx)));
  return known;
}
const legacyLimitKeys = keptOn<ComposeContext, boolean>('legacy limit keys');

function readLegacyLimitKeys(ctx: ComposeContext): boolean {
  if (isLegacyCompose(ctx.parsed)) return true;
  const top = ctx.parsed.doc.contents;
  const version = top && isMap(top) ? (top.get('version', true) as Node | undefined) : undefined;
  if (version && isScalar(version) && /^\s*[12](\.|$)/.test(String(version.value))) return true;
  let legacy = false;
  for (const s of ctx.services) {
    const own = ctx.ownMap(s);
    if (!own) continue;
    if (own.has('deploy')) return false;
    if (own.has('mem_limit') || own.has('pids_limit') || own.has('cpus')) legacy = true;
  }
  return legacy;
}

/** One fix that adds the missing limits, in the style the file uses; none when the service is not written here. */
export function limitsFix(ctx: ComposeContext, s: Service, keys: readonly LimitKey[]): Fix[] {
  const map = ctx.ownMap(s);
  if (!map || s.file !== ctx.file || !keys.length) return [];
  const leaves = keys.map((k): [string, string] => [k, limitValueText(ctx, k)]);
  let edit: TextEdit | undefined;
  let title: string;
  if (usesLegacyLimitKeys(ctx)) {
    if (keys.some((k) => map.has(LEGACY_KEY[k]))) return [];
    edit = ctx.edit.insertPairs(
      map,
      leaves.map(([k, v]) => [LEGACY_KEY[k as LimitKey], v]),
    );
    title = `Add ${leaves.map(([k, v]) => `${LEGACY_KEY[k as LimitKey]}: ${v}`).join(', ')}`;
  } else {
    edit = ctx.edit.insertAtPath(map, ['deploy', 'resources', 'limits'], leaves);
    title =
      keys.length === 1
        ? `Add deploy.resources.limits.${leaves[0][0]}: ${leaves[0][1]}`
        : `Add deploy.resources.limits ${leaves.map(([k, v]) => `${k}: ${v}`).join(', ')}`;
  }
  return edit ? [{ title, applicability: 'unsafe', edits: [edit] }] : [];
}

// ---- hardening ----

/** Adds `no-new-privileges:true` to the service's own security_opt (creating it); safe. */
export function noNewPrivilegesFix(ctx: ComposeContext, s: Service): Fix[] {
  const map: YAMLMap | undefined = ctx.ownMap(s);
  if (!map || s.file !== ctx.file) return [];
  const own = map.items.find((p) => keyText(p) === 'security_opt');
  const title = 'Add no-new-privileges:true to security_opt';
  if (own) {
    if (!isSeq(own.value)) return [];
    return [
      {
        title,
        applicability: 'safe',
        edits: [ctx.edit.appendSeqItem(own.value, ctx.edit.quoteLike(own.value, 'no-new-privileges:true'))],
      },
    ];
  }
  // security_opt inherited through an anchor or extends: writing our own would replace the inherited list
  if (s.config.entries?.has('security_opt')) return [];
  return [
    { title, applicability: 'safe', edits: [ctx.edit.insertPair(map, 'security_opt', ['no-new-privileges:true'])] },
  ];
}

/** Adds ALL to the service's own cap_drop (creating it); unsafe (the service may need a default capability). */
export function capDropAllFix(ctx: ComposeContext, s: Service): Fix[] {
  const map = ctx.ownMap(s);
  if (!map || s.file !== ctx.file) return [];
  const own = map.items.find((p) => keyText(p) === 'cap_drop');
  if (own)
    return isSeq(own.value)
      ? [
          {
            title: 'Add ALL to cap_drop',
            applicability: 'unsafe',
            edits: [ctx.edit.appendSeqItem(own.value, ctx.edit.quoteLike(own.value, 'ALL'))],
          },
        ]
      : [];
  if (s.config.entries?.get('cap_drop')) return [];
  return [
    { title: 'Add cap_drop: [ALL]', applicability: 'unsafe', edits: [ctx.edit.insertPair(map, 'cap_drop', ['ALL'])] },
  ];
}

/** Sets or adds `read_only: true` where the service writes it; unsafe (it may write to its filesystem). */
export function readOnlyFix(ctx: ComposeContext, s: Service): Fix[] {
  const e = s.config.entries?.get('read_only');
  if (e && !e.at && e.loc.file === ctx.file && isScalar(e.value.node))
    return [
      { title: 'Set read_only: true', applicability: 'unsafe', edits: [ctx.edit.replaceScalar(e.value.node, 'true')] },
    ];
  const map = ctx.ownMap(s);
  if (!map || e) return [];
  return [
    { title: 'Add read_only: true', applicability: 'unsafe', edits: [ctx.edit.insertPair(map, 'read_only', 'true')] },
  ];
}
