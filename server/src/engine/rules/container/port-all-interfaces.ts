import type { ContainerRule } from '../rule';
import type { PublishedPort, Setting } from '../../model/container';
import { isAllInterfaces, publicServiceOf } from '../../vocabulary/addresses';

export const rule: ContainerRule = {
  meta: {
    name: 'port-all-interfaces',
    title: 'Port published on all interfaces',
    severity: 'warning',
    quadrant: 'namespaces-cgroups',
    description:
      'Flags a published port without a host IP, or bound to `0.0.0.0` / `[::]`, in short or long syntax. Loopback ' +
      'and other explicit addresses are fine; an interpolated host IP with a default is judged by its default, one ' +
      'without is unknown and not flagged. In the `recommended` profile, the ports of one service are one finding ' +
      'at its `ports` key, listing them, with one fix that binds them all to 127.0.0.1; and a host port that serves ' +
      'the world by design is left out: HTTP and HTTPS (80, 443), mail (25, 465, 587, 110, 995, 143, 993, 4190), ' +
      'DNS (53, 853), DHCP (67), VPN and TURN endpoints (51820, 1194, 500, 4500, 3478, 5349), XMPP (5222, 5269) ' +
      'and Matrix federation (8448). The `strict` profile reports them too. In a Swarm stack (a file named ' +
      '`docker-stack.yml` or `stack.yml`, a Swarm-only `deploy` setting: `placement`, `update_config`, ' +
      '`rollback_config`, `endpoint_mode`, `mode: global`; or an overlay network) every published port is on all ' +
      'interfaces, even one written with an address: Swarm ignores host addresses (moby/moby#32299), so no fix ' +
      'binds it, and the advice is a reverse proxy on an overlay network.',
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
    sources: {
      devcontainer: {
        description:
          'Flags `-p`/`--publish` flags of `runArgs` without a host IP or bound to `0.0.0.0` / `[::]`. ' +
          '`forwardPorts` and `appPort` are not flagged: the editor forwards them, nothing is published on the ' +
          "host's interfaces.",
        howToFix:
          'Use `forwardPorts` (the editor forwards the port to your machine only), or bind the flag to 127.0.0.1.',
        fixes: { unsafe: 'Binds the flag to 127.0.0.1 (`-p 127.0.0.1:5432:5432`).' },
        examples: {
          bad: [
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "runArgs": ["-p", "5432:5432"]\n}\n',
          ],
          good: ['{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "forwardPorts": [5432]\n}\n'],
        },
      },
      run: {
        description:
          "Flags `-p`/`--publish` without a host address (every interface of the host). A workflow service's `ports` are not judged: they publish on the runner, a throwaway VM (the `- 5432:5432` of GitHub's own database examples).",
        howToFix: 'Bind the port to the interface that needs it: `-p 127.0.0.1:5432:5432`.',
        fixes: { unsafe: 'Writes `127.0.0.1:` before the port (quoting and variables kept).' },
        examples: {
          bad: ['docker run --rm -p 5432:5432 postgres:17\n'],
          good: ['docker run --rm -p 127.0.0.1:5432:5432 postgres:17\n'],
        },
      },
    },
  },
  check(ctx) {
    for (const c of ctx.containers) {
      // recommended: a host port that serves the world by design (a proxy's 443, a mail server's 25) is the
      // service's purpose; strict still lists it
      const open = c.ports.filter(
        (p) =>
          p.value.hostIpKnown &&
          isAllInterfaces(p.value.hostIp) &&
          (ctx.profile !== 'recommended' || !publicServiceOf(p.value.published)),
      );
      const what = (p: PublishedPort) =>
        p.published ? `port ${p.published}` : `container port ${p.target ?? ''} (on a random host port)`;
      // recommended: the ports of one container are one finding, where they are listed
      const holder = c.portsHolder;
      if (ctx.profile === 'recommended' && holder && open.length > 1) {
        // a port published for TCP and UDP (`5054:5054/tcp`, `5054:5054/udp`) is named once
        const names = [...new Set(open.map((p) => p.value.published ?? `${p.value.target ?? ''} (random host port)`))];
        ctx.report({
          at: holder,
          message:
            names.length > 1
              ? `${c.subject} publishes ports ${names.join(', ')} ${harm(open, true)}`
              : `${c.subject} publishes port ${names[0]} ${harm(open, false)}`,
          fixes: () => {
            const each = open.map((p) => p.value.loopback());
            return each.every((e) => e.length)
              ? [{ title: 'Bind them to 127.0.0.1', applicability: 'unsafe', edits: each.flat() }]
              : [];
          },
        });
        continue;
      }
      for (const p of open) {
        ctx.report({
          at: p,
          message: `${c.subject} publishes ${what(p.value)} ${harm([p], false)}`,
          fixes: () => loopbackFix(p),
        });
      }
    }
  },
};

/**
 * What publishing `ports` on all interfaces exposes, and what to do: bind them to an address, or, where Swarm
 * ignores addresses (naming those written), reach the service through a proxy.
 */
function harm(ports: readonly Setting<PublishedPort>[], many: boolean): string {
  const [it, is] = many ? ['them', 'they are'] : ['it', 'it is'];
  const swarm = ports.find((p) => p.value.hostIpIgnored)?.value.hostIpIgnored;
  if (!swarm)
    return (
      `on all interfaces: ${is} reachable from every network the host is on, past host firewalls. Bind ${it} to ` +
      '127.0.0.1 or a specific address.'
    );
  const written = [...new Set(ports.flatMap((p) => p.value.hostIpIgnored?.written ?? []))];
  return (
    `on all interfaces${written.length ? `, though ${is} written with ${written.join(', ')}` : ''}: Swarm ignores ` +
    `host addresses (${swarm.why}) and publishes ${it} on every interface of every node, past host firewalls. ` +
    `Reach the service through a reverse proxy on an overlay network, or do not publish ${it}.`
  );
}

function loopbackFix(p: Setting<PublishedPort>) {
  const edits = p.value.loopback();
  return edits.length ? [{ title: 'Bind to 127.0.0.1', applicability: 'unsafe' as const, edits }] : [];
}
