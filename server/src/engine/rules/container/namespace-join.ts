import type { ContainerRule } from '../rule';
import type { Container, Namespace } from '../../model/container';
import { isHostMode } from './_shared';

const KINDS: readonly [Namespace, string][] = [
  ['network', 'network'],
  ['pid', 'PID'],
  ['ipc', 'IPC'],
];

/** What makes a container's namespaces dangerous to join: privileged, or the host's own namespace of that kind. */
function exposure(c: Container, ns: Namespace): string | undefined {
  if (c.privileged.length) return 'runs privileged';
  return isHostMode(c.namespaces[ns]?.value)
    ? `shares the host's ${ns === 'network' ? 'network' : ns.toUpperCase()} namespace`
    : undefined;
}

export const rule: ContainerRule = {
  meta: {
    name: 'namespace-join',
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
    // joins a container of the same project: only Compose declares several (a dev container's
    // --network=container:x names a container this file does not declare)
    sources: {},
  },
  check(ctx) {
    for (const c of ctx.containers) {
      for (const [ns, what] of KINDS) {
        const e = c.namespaces[ns];
        const m = /^(service|container):(.+)$/.exec(e?.value ?? '');
        const other = m ? ctx.peer(m[2]) : undefined;
        if (!e || !other || other.name === c.name) continue;
        const why = exposure(other, ns);
        if (!why) continue;
        ctx.report({
          at: e,
          related: other.declared ? [{ ...other.declared, message: `'${other.name}' ${why}` }] : [],
          message:
            `${c.subject} joins the ${what} namespace of '${other.name}', which ${why}: it shares that ` +
            `exposure. Give it its own namespace or remove the grant from '${other.name}'.`,
        });
      }
    }
  },
};
