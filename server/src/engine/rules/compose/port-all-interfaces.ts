import { isMap, isScalar } from 'yaml';
import type { ComposeRule } from '../rule';
import { isAllInterfaces, ports, type Port } from './_views';
import type { ComposeContext } from '../composeContext';
import type { Fix } from '../../types';

export const rule: ComposeRule = {
  meta: {
    id: 'compose/port-all-interfaces',
    kind: 'compose',
    title: 'Port published on all interfaces',
    severity: 'warning',
    quadrant: 'namespaces-cgroups',
    description:
      'Flags a published port without a host IP, or bound to `0.0.0.0` / `[::]`, in short or long syntax. Loopback ' +
      'and other explicit addresses are fine; an interpolated host IP with a default is judged by its default, one ' +
      'without is unknown and not flagged. In the `recommended` profile, the ports of one service are one finding ' +
      'at its `ports` key, listing them, with one fix that binds them all to 127.0.0.1.',
    why:
      'Docker publishes ports by writing its own firewall rules, which bypass host firewalls such as ufw: a port on ' +
      'all interfaces is reachable from every network the host is on.',
    howToFix:
      'Bind the port to the interface that should reach it, usually `127.0.0.1:8080:80` behind a reverse proxy.',
    fixes: {
      unsafe: 'Binds the port to 127.0.0.1 (short syntax: prefix `127.0.0.1:`; long syntax: `host_ip: 127.0.0.1`).',
    },
    cis: ['5.14'],
    cwe: ['CWE-668'],
    references: [
      'https://docs.docker.com/reference/compose-file/services/#ports',
      'https://docs.docker.com/engine/network/packet-filtering-firewalls/',
    ],
    examples: {
      bad: [
        'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n',
        'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - target: 80\n        published: 8080\n',
      ],
      good: [
        'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:8080:80"\n      - "[::1]:8443:443"\n',
        'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "${BIND:-127.0.0.1}:8080:80"\n',
      ],
    },
  },
  check(ctx) {
    for (const s of ctx.services) {
      const published = ports(s);
      const open = (published?.list ?? []).filter((p) => p.hostIpKnown && isAllInterfaces(p.hostIp));
      const what = (p: Port) =>
        p.published ? `port ${p.published}` : `container port ${p.target ?? ''} (on a random host port)`;
      const harm =
        'on all interfaces: it is reachable from every network the host is on, past host firewalls. Bind it to ' +
        '127.0.0.1 or a specific address.';
      // recommended: the ports of one service are one finding, at its `ports` key
      if (ctx.profile === 'recommended' && published && open.length > 1) {
        const names = open.map((p) => p.published ?? `${p.target ?? ''} (random host port)`);
        ctx.report({
          at: published.owner,
          message: `Service '${s.name}' publishes ports ${names.join(', ')} ${harm.replace('it is reachable', 'they are reachable').replace('Bind it', 'Bind them')}`,
          fixes: () => {
            const edits = open.flatMap((p) => loopbackFix(ctx, p).flatMap((f) => f.edits));
            return edits.length === open.length
              ? [{ title: 'Bind them to 127.0.0.1', applicability: 'unsafe', edits }]
              : [];
          },
        });
        continue;
      }
      for (const p of open) {
        ctx.report({
          at: p.item,
          message: `Service '${s.name}' publishes ${what(p)} ${harm}`,
          fixes: () => loopbackFix(ctx, p),
        });
      }
    }
  },
};

function loopbackFix(ctx: ComposeContext, p: Port): Fix[] {
  if (p.item.at || p.item.loc.file !== ctx.file) return [];
  const node = p.item.node;
  const title = 'Bind to 127.0.0.1';
  if (isScalar(node)) {
    const raw = String(node.value);
    let next: string;
    if (/^(0\.0\.0\.0|\[::\]|::):/.test(raw)) next = raw.replace(/^(0\.0\.0\.0|\[::\]|::):/, '127.0.0.1:');
    else if (raw.includes(':')) next = `127.0.0.1:${raw}`;
    else next = `127.0.0.1::${raw}`;
    // a plain scalar with `:` stays valid YAML; numbers (`- 80`) become strings, so quote them
    const s = node;
    if (s.type === 'PLAIN' && typeof s.value === 'number')
      return [
        { title, applicability: 'unsafe', edits: [{ start: s.range![0], end: s.range![1], newText: `"${next}"` }] },
      ];
    return [{ title, applicability: 'unsafe', edits: [ctx.edit.replaceScalar(s, next)] }];
  }
  if (isMap(node)) {
    const ip = node.items.find((x) => isScalar(x.key) && x.key.value === 'host_ip');
    if (ip && isScalar(ip.value))
      return [{ title, applicability: 'unsafe', edits: [ctx.edit.replaceScalar(ip.value, '127.0.0.1')] }];
    if (ip) return [];
    return [{ title, applicability: 'unsafe', edits: [ctx.edit.insertPair(node, 'host_ip', '127.0.0.1')] }];
  }
  return [];
}
