import { isScalar, isMap } from 'yaml';
import { composeRule } from '../rule';
import { boundVolumes, mounts, splitVolume, under, type Mount } from './_views';
import * as path from 'node:path';
import { HARMLESS_DEVICES, hostPathOf, normPath, SENSITIVE_HOME, TIME_ZONE_FILES } from '../../vocabulary/paths';
import { isEngineSocket } from '../../vocabulary/daemon';
import type { ComposeContext } from '../composeContext';
import type { Fix } from '../../types';

export const SENSITIVE = [
  '/',
  '/etc',
  '/proc',
  '/sys',
  '/boot',
  '/dev',
  '/root',
  '/var',
  '/var/lib/docker',
  '/var/lib/containerd',
  '/var/lib/kubelet',
  '/lib',
  '/lib64',
  '/lib/modules',
  '/usr',
  '/bin',
  '/sbin',
  '/var/run',
  '/run',
  '/var/log',
  '/etc/kubernetes',
  '/home',
];

export const rule = composeRule({
  meta: {
    id: 'compose/sensitive-host-mount',
    kind: 'compose',
    title: 'Sensitive host path mounted',
    severity: 'error',
    quadrant: 'daemon',
    description: `Flags bind mounts of host system paths: ${SENSITIVE.map((p) => `\`${p}\``).join(', ')} and anything under them (whole path segments: \`/library\` is not \`/lib\`), also through named volumes whose \`driver_opts\` bind a host path (\`o: bind\` with \`device\`, or \`mountpoint\`). Writable mounts are errors, read-only ones warnings. Also the home directory (\`~\`) and its credential folders (\`~/.ssh\`, \`~/.aws\`, \`~/.kube\`, \`~/.docker\`...), \`/..\` read as \`/\`, and relative sources that climb from the Compose file's folder up to \`/\` (\`../../../../etc\`). Not flagged: \`/dev/null\`, \`/dev/zero\`, \`/dev/random\`, \`/dev/urandom\` (they expose nothing), and the host's time zone (\`/etc/localtime\`, \`/etc/timezone\`, \`/usr/share/zoneinfo\`) mounted read-only. Engine sockets are left to compose/docker-socket.`,
    why:
      'A writable mount of a host system directory lets the container change the host: add a cron job or SSH key in ' +
      "/etc or /root, replace binaries in /usr, load modules, rewrite Docker's own state. Even read-only, /proc, " +
      '/sys and /etc leak host secrets.',
    howToFix:
      'Mount only the specific file or directory the service needs, read-only (`:ro` or `read_only: true`), or use ' +
      'a named volume.',
    fixes: {
      unsafe:
        'Makes the mount read-only: adds `:ro` in short syntax or `read_only: true` in long syntax. The read-only ' +
        'mount is still reported, as a warning.',
    },
    options: {
      paths: { type: 'string[]', description: 'Extra host paths to treat as sensitive.' },
      allow: {
        type: 'string[]',
        description: 'Host paths (and what is under them) that are fine to mount, such as /var/www for a web root.',
      },
    },
    cis: ['5.5'],
    cwe: ['CWE-668'],
    references: ['https://docs.docker.com/engine/storage/bind-mounts/'],
    examples: {
      bad: [
        'services:\n  app:\n    image: alpine:3.20\n    volumes:\n      - /etc:/host/etc\n',
        'services:\n  app:\n    image: alpine:3.20\n    volumes:\n      - type: bind\n        source: /\n        ' +
          'target: /host\n',
      ],
      good: [
        'services:\n  app:\n    image: alpine:3.20\n    volumes:\n      - ./config:/etc/app:ro\n      - ' +
          '/library/books:/books\n',
      ],
    },
  },
  check(ctx) {
    const extra = ctx.options.paths ?? [];
    const list = [...SENSITIVE, ...extra];
    const allowed = ctx.options.allow ?? [];
    const sensitive = (src: string) =>
      (list.some((d) => under(src, d)) || src === '~' || SENSITIVE_HOME.slice(1).some((h) => under(src, h))) &&
      !allowed.some((a) => under(src, a)) &&
      !HARMLESS_DEVICES.includes(src);
    // named volumes that bind a host path through driver_opts: reported where the path is written
    for (const [name, b] of boundVolumes(ctx.project)) {
      const src = normPath(b.path);
      if (!sensitive(src) || isEngineSocket(src)) continue;
      ctx.report({
        at: b.at,
        message:
          `Volume '${name}' binds the sensitive host path ${src} (driver_opts): every service that mounts it can ` +
          `change the host. Use a dedicated directory.`,
      });
    }
    for (const s of ctx.services) {
      for (const m of mounts(s)) {
        if (m.type !== 'bind' || !m.source || isEngineSocket(m.source)) continue;
        const src = hostPathOf(m.source, path.dirname(m.item.loc.file));
        if (src === undefined || !sensitive(src)) continue;
        // the host's time zone, shared read-only: what every such mount is for
        if (m.readOnly && TIME_ZONE_FILES.some((t) => under(src, t))) continue;
        ctx.report({
          at: m.item,
          severity: m.readOnly ? 'warning' : 'error',
          message: m.readOnly
            ? `Service '${s.name}' mounts the sensitive host path ${src} (read-only): it can read host secrets. ` +
              `Mount only what the service needs.`
            : `Service '${s.name}' mounts the sensitive host path ${src} writable: the container can change the ` +
              `host. Mount only what it needs, read-only.`,
          fixes: m.readOnly ? undefined : () => readOnlyFix(ctx, m),
        });
      }
    }
  },
});

function readOnlyFix(ctx: ComposeContext, m: Mount): Fix[] {
  if (m.item.at || m.item.loc.file !== ctx.file) return [];
  const node = m.item.node;
  if (m.short && isScalar(node)) {
    const parts = splitVolume(String(node.value));
    const opts = parts.length >= 3 ? parts[2].split(',').filter((o) => o && o !== 'rw') : [];
    const fixed = [parts[0], parts[1], ['ro', ...opts].join(',')].join(':');
    return [
      { title: 'Mount it read-only (:ro)', applicability: 'unsafe', edits: [ctx.edit.replaceScalar(node, fixed)] },
    ];
  }
  if (isMap(node)) {
    const ro = node.items.find((p) => isScalar(p.key) && p.key.value === 'read_only');
    if (ro && isScalar(ro.value))
      return [
        {
          title: 'Mount it read-only (read_only: true)',
          applicability: 'unsafe',
          edits: [ctx.edit.replaceScalar(ro.value, 'true')],
        },
      ];
    return [
      {
        title: 'Mount it read-only (read_only: true)',
        applicability: 'unsafe',
        edits: [ctx.edit.insertPair(node, 'read_only', 'true')],
      },
    ];
  }
  return [];
}
