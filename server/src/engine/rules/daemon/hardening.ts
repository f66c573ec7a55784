import type { DaemonRule } from '../rule';
import type { DaemonConfig } from '../../sources/daemon/config';

/** Daemon-wide hardening of the CIS Docker Benchmark's section 2 that a daemon.json can be judged on. */
const ITEMS: readonly { what: string; missing: (c: DaemonConfig) => boolean }[] = [
  { what: '"icc": false (2.1)', missing: (c) => c.settings.get('icc')?.value !== false },
  { what: '"userns-remap" (2.8)', missing: (c) => !c.settings.has('userns-remap') },
  {
    what: '"authorization-plugins" (2.11)',
    missing: (c) => !(c.settings.get('authorization-plugins')?.node?.children?.length ?? 0),
  },
  { what: '"live-restore": true (2.14)', missing: (c) => c.settings.get('live-restore')?.value !== true },
  { what: '"userland-proxy": false (2.15)', missing: (c) => c.settings.get('userland-proxy')?.value !== false },
  { what: '"no-new-privileges": true (2.18)', missing: (c) => c.settings.get('no-new-privileges')?.value !== true },
  { what: '"experimental" off (2.17)', missing: (c) => c.settings.get('experimental')?.value === true },
  { what: '"selinux-enabled" on SELinux hosts', missing: (c) => c.settings.get('selinux-enabled')?.value === false },
];

export const rule: DaemonRule = {
  meta: {
    id: 'daemon/hardening',
    kind: 'daemon',
    title: 'Daemon could be hardened',
    severity: 'info',
    profiles: { recommended: 'off' },
    advice: true,
    quadrant: 'daemon',
    description:
      'In the `strict` profile, one finding per daemon.json listing the daemon-wide hardening of the CIS Docker ' +
      'Benchmark (section 2) it does not set: `icc: false`, `userns-remap`, `authorization-plugins`, ' +
      '`live-restore: true`, `userland-proxy: false`, `no-new-privileges: true`, and experimental features or ' +
      '`selinux-enabled: false` left on. Not in `recommended`: each changes every container on the host, and ' +
      'several (user namespaces, authorization plugins) need more than a line of configuration.',
    why:
      'Each item removes a default that helps an attacker who controls one container: talking to every other ' +
      'container, being root on the host when root in the container, gaining privileges through setuid binaries.',
    howToFix:
      'Add the settings the host can live with; user namespace remapping and authorization plugins need testing ' +
      'with the workloads first.',
    cis: ['2.1', '2.8', '2.11', '2.14', '2.15', '2.17', '2.18'],
    cwe: ['CWE-250'],
    references: [
      'https://docs.docker.com/reference/cli/dockerd/#daemon-configuration-file',
      'https://www.cisecurity.org/benchmark/docker',
    ],
    examples: {
      bad: ['{\n  "log-driver": "json-file"\n}\n'],
      good: [
        '{\n  "icc": false,\n  "userns-remap": "default",\n  "authorization-plugins": ["opa-docker-authz"],\n' +
          '  "live-restore": true,\n  "userland-proxy": false,\n  "no-new-privileges": true\n}\n',
      ],
    },
  },
  check(ctx) {
    const c = ctx.config;
    // a systemd drop-in sets a few flags; the rest of the daemon's configuration is elsewhere
    if (c.form !== 'json') return;
    const missing = ITEMS.filter((i) => i.missing(c));
    if (!missing.length) return;
    ctx.report({
      at: c.at,
      message: `The Docker daemon could be hardened: ${missing.map((m) => m.what).join(', ')}.`,
    });
  },
};
