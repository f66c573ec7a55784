import type { DaemonRule } from '../rule';

/** A listen address on every interface: no host, a wildcard, or an unspecified address (`:9323`, `0.0.0.0:9323`). */
function everyInterface(addr: string): boolean {
  const a = addr.trim().toLowerCase();
  const colon = a.lastIndexOf(':');
  const host = colon < 0 ? a : a.slice(0, colon);
  return host === '' || host === '0.0.0.0' || host === '[::]' || host === '::' || host === '*';
}

export const rule: DaemonRule = {
  meta: {
    id: 'daemon/metrics-all-interfaces',
    kind: 'daemon',
    title: 'Daemon metrics published on every interface',
    severity: 'warning',
    quadrant: 'daemon',
    description:
      'Flags `"metrics-addr"` (and `--metrics-addr` in a systemd drop-in or on a `dockerd` command line) bound to ' +
      'every interface (`0.0.0.0:9323`, `:9323`, `[::]:9323`).',
    why:
      'The metrics endpoint has no authentication: on every interface, anyone who reaches the host reads the ' +
      "engine's state (containers, images, builds, errors), which maps the host for an attack.",
    howToFix: 'Bind it to the loopback (`127.0.0.1:9323`) and let the collector scrape it locally or through a proxy.',
    cwe: ['CWE-200'],
    references: ['https://docs.docker.com/engine/daemon/prometheus/'],
    examples: {
      bad: ['{\n  "metrics-addr": "0.0.0.0:9323"\n}\n'],
      good: ['{\n  "metrics-addr": "127.0.0.1:9323"\n}\n'],
    },
  },
  check(ctx) {
    const v = ctx.config.settings.get('metrics-addr');
    if (!v || typeof v.value !== 'string' || !everyInterface(v.value)) return;
    ctx.report({
      at: v,
      message:
        `The daemon publishes its metrics on every interface (metrics-addr ${v.value.trim()}), without ` +
        'authentication. Bind it to 127.0.0.1.',
    });
  },
};
