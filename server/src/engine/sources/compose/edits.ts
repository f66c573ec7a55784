// Edits the Compose source offers container fixes: a port bound to the loopback address, a mount made read-only,
// each written the way the file already writes it (short or long syntax).
import { isMap, isScalar } from 'yaml';
import type { ComposeContext } from '../../rules/composeContext';
import type { TextEdit } from '../../types';
import { loopbackPortSpec, splitVolume } from '../../vocabulary/dockerOptions';
import type { Mount as ComposeMount, Port } from './views';

/** A published port bound to 127.0.0.1: the short spec rewritten, or `host_ip` set. */
export function loopbackEdits(ctx: ComposeContext, p: Port): TextEdit[] {
  if (p.item.at || p.item.loc.file !== ctx.file) return [];
  const node = p.item.node;
  if (isScalar(node)) {
    const next = loopbackPortSpec(String(node.value));
    // a plain scalar with `:` stays valid YAML; numbers (`- 80`) become strings, so quote them
    if (node.type === 'PLAIN' && typeof node.value === 'number')
      return [{ start: node.range![0], end: node.range![1], newText: `"${next}"` }];
    return [ctx.edit.replaceScalar(node, next)];
  }
  if (isMap(node)) {
    const ip = node.items.find((x) => isScalar(x.key) && x.key.value === 'host_ip');
    if (ip && isScalar(ip.value)) return [ctx.edit.replaceScalar(ip.value, '127.0.0.1')];
    if (ip) return [];
    return [ctx.edit.insertPair(node, 'host_ip', '127.0.0.1')];
  }
  return [];
}

/** A mount made read-only: `:ro` in the short syntax, `read_only: true` in the long one. */
export function readOnlyFix(ctx: ComposeContext, m: ComposeMount): { title: string; edits: TextEdit[] } | undefined {
  if (m.item.at || m.item.loc.file !== ctx.file) return undefined;
  const node = m.item.node;
  if (m.short && isScalar(node)) {
    const parts = splitVolume(String(node.value));
    const opts = parts.length >= 3 ? parts[2].split(',').filter((o) => o && o !== 'rw') : [];
    const fixed = [parts[0], parts[1], ['ro', ...opts].join(',')].join(':');
    return { title: 'Mount it read-only (:ro)', edits: [ctx.edit.replaceScalar(node, fixed)] };
  }
  if (isMap(node)) {
    const ro = node.items.find((p) => isScalar(p.key) && p.key.value === 'read_only');
    if (ro && isScalar(ro.value))
      return { title: 'Mount it read-only (read_only: true)', edits: [ctx.edit.replaceScalar(ro.value, 'true')] };
    return { title: 'Mount it read-only (read_only: true)', edits: [ctx.edit.insertPair(node, 'read_only', 'true')] };
  }
  return undefined;
}
