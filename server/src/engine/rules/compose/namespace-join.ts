import { text } from '../../model/compose/effective';
import { isHostMode, isPrivileged, namespaceEntry } from './_views';
import type { Service } from '../../model/compose/project';
import type { ComposeRule } from '../rule';
import type { RelatedInfo } from '../../types';

const KEYS: readonly [string, string][] = [
  ['network_mode', 'network'],
  ['pid', 'PID'],
  ['ipc', 'IPC'],
];

/** What makes a service's namespaces dangerous to join: privileged, or the host's own namespace of that kind. */
function exposure(s: Service, key: string): string | undefined {
  if (isPrivileged(s)) return 'runs privileged';
  return isHostMode(namespaceEntry(s, key))
    ? `shares the host's ${key === 'network_mode' ? 'network' : key.toUpperCase()} namespace`
    : undefined;
}

export const rule: ComposeRule = {
  meta: {
    id: 'compose/namespace-join',
    kind: 'compose',
    title: 'Service joins the namespaces of a privileged or host-namespaced service',
    severity: 'warning',
    quadrant: 'namespaces-cgroups',
    description:
      'Flags `network_mode`, `pid` or `ipc` set to `service:<name>` (or `container:<name>` of a service of the ' +
      'project) when that service runs privileged or shares the same host namespace: the joiner shares its ' +
      'exposure. Reported on the joining line, with related information at the other service.',
    why:
      "Sharing a namespace shares what is in it: joining a service that uses the host's network or PID namespace " +
      'puts this one there too, and a privileged neighbour in the same PID namespace can be reached through /proc.',
    howToFix: 'Give the service its own namespaces, or remove the grant from the service it joins.',
    cis: ['5.9', '5.15', '5.16'],
    cwe: ['CWE-668'],
    references: ['https://docs.docker.com/reference/compose-file/services/#network_mode'],
    examples: {
      bad: [
        'services:\n  vpn:\n    image: vpn:1\n    network_mode: host\n  app:\n    image: app:1\n    network_mode: ' +
          '"service:vpn"\n',
      ],
      good: ['services:\n  vpn:\n    image: vpn:1\n  app:\n    image: app:1\n    network_mode: "service:vpn"\n'],
    },
  },
  check(ctx) {
    const byName = new Map<string, Service>();
    for (const s of ctx.project.services) {
      byName.set(s.name, s);
      const cn = text(s.config.entries?.get('container_name')?.value);
      if (cn && !byName.has(cn)) byName.set(cn, s);
    }
    for (const s of ctx.services) {
      for (const [key, what] of KEYS) {
        const e = namespaceEntry(s, key);
        const m = /^(service|container):(.+)$/.exec(text(e?.value)?.trim() ?? '');
        const other = m ? byName.get(m[2]) : undefined;
        if (!e || !other || other === s) continue;
        const why = exposure(other, key);
        if (!why) continue;
        const related: RelatedInfo[] = [];
        const pf = ctx.project.parsed.get(other.file);
        if (pf)
          related.push({
            file: other.file,
            range: pf.index.range(other.keyLoc.start, other.keyLoc.end),
            message: `'${other.name}' ${why}`,
          });
        ctx.report({
          at: e,
          related,
          message:
            `Service '${s.name}' joins the ${what} namespace of '${other.name}', which ${why}: it shares that ` +
            `exposure. Give it its own namespace or remove the grant from '${other.name}'.`,
        });
      }
    }
  },
};
