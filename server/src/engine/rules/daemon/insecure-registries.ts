import type { DaemonRule } from '../rule';

export const rule: DaemonRule = {
  meta: {
    id: 'daemon/insecure-registries',
    kind: 'daemon',
    title: 'Insecure registry allowed',
    severity: 'warning',
    quadrant: 'supply-chain',
    description:
      'Flags each entry of `insecure-registries` in a daemon.json (and `--insecure-registry` in a systemd ' +
      'drop-in or on a `dockerd` command line), except loopback addresses, which Docker treats as insecure anyway, and each `registry-mirrors` ' +
      'entry on plain `http://`.',
    why:
      'The daemon pulls from an insecure registry over plain HTTP, or over HTTPS without checking its certificate: ' +
      'anyone on the network path can substitute the images every container on the host runs.',
    howToFix:
      'Give the registry a certificate the host trusts (`/etc/docker/certs.d/<registry>/ca.crt`) and remove it.',
    fixes: { unsafe: 'Removes the entry (pulls from that registry then fail until it has a trusted certificate).' },
    cis: ['2.4'],
    cwe: ['CWE-295', 'CWE-319'],
    references: ['https://docs.docker.com/reference/cli/dockerd/#insecure-registries'],
    examples: {
      bad: [
        '{\n  "insecure-registries": ["registry.internal:5000"]\n}\n',
        '{\n  "registry-mirrors": ["http://mirror.example.com"]\n}\n',
      ],
      good: ['{\n  "insecure-registries": ["127.0.0.1:5000"],\n  "registry-mirrors": ["https://mirror.gcr.io"]\n}\n'],
    },
  },
  check(ctx) {
    for (const r of ctx.config.insecureRegistries) {
      const name = typeof r.value === 'string' ? r.value.trim() : '';
      if (!name || /^(localhost|127\.\d+\.\d+\.\d+|\[?::1\]?)(:\d+)?$/i.test(name)) continue;
      ctx.report({
        at: r,
        message:
          `The daemon pulls from ${name} without TLS verification: anyone on the network path can substitute ` +
          `the images it runs. Give the registry a trusted certificate and remove it from insecure-registries.`,
        fixes: () => [
          { title: `Remove ${name} from insecure-registries`, applicability: 'unsafe', edits: ctx.removeEdits(r) },
        ],
      });
    }
    for (const m of ctx.config.mirrors) {
      const url = typeof m.value === 'string' ? m.value.trim() : '';
      if (!/^http:\/\//i.test(url) || /^http:\/\/(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:|\/|$)/i.test(url)) continue;
      ctx.report({
        at: m,
        message:
          `The daemon pulls Docker Hub images through the mirror ${url} over plain HTTP: anyone on the network ` +
          `path can substitute them. Use an https:// mirror.`,
        fixes: () => [
          { title: `Remove ${url} from registry-mirrors`, applicability: 'unsafe', edits: ctx.removeEdits(m) },
        ],
      });
    }
  },
};
