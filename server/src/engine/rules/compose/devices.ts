import { isMap } from 'yaml';
import { get, text } from '../../model/compose/effective';
import type { ComposeRule } from '../rule';
import { deviceExposure } from '../../vocabulary/paths';

export const rule: ComposeRule = {
  meta: {
    id: 'compose/devices',
    kind: 'compose',
    title: 'Host device mapped into the container',
    severity: 'warning',
    quadrant: 'configuration-profile',
    description:
      'Flags `devices` entries (short or long syntax), by what they expose: raw memory (`/dev/mem`, `/dev/kmem`, ' +
      '`/dev/port`), disks and block devices and `/dev/kvm` are errors; `/dev/net/tun` (the VPN tunnel device) is ' +
      'info; others (`/dev/fuse`, GPUs...) are warnings; `/dev/null`, `/dev/zero`, `/dev/random`, `/dev/urandom` ' +
      'expose nothing. Flags `device_cgroup_rules` that allow all devices (`a *:* rwm`).',
    why:
      'A host device in the container bypasses the filesystem and namespaces: raw memory or a disk device gives full ' +
      'control over the host.',
    howToFix: 'Map only the device the service needs, never raw memory or disks; prefer a volume over a block device.',
    cis: ['5.18'],
    cwe: ['CWE-668'],
    references: ['https://docs.docker.com/reference/compose-file/services/#devices'],
    examples: {
      bad: [
        'services:\n  app:\n    image: alpine:3.20\n    devices:\n      - /dev/sda:/dev/sda\n',
        'services:\n  app:\n    image: alpine:3.20\n    device_cgroup_rules:\n      - "a *:* rwm"\n',
      ],
      good: ['services:\n  app:\n    image: alpine:3.20\n'],
    },
  },
  check(ctx) {
    for (const s of ctx.services) {
      for (const it of s.config.entries?.get('devices')?.value.items ?? []) {
        const src = isMap(it.node) ? text(get(it, 'source')) : text(it)?.split(':')[0];
        if (!src) continue;
        const exposure = deviceExposure(src);
        if (exposure === 'harmless') continue;
        ctx.report({
          at: it,
          severity: exposure === 'raw' ? 'error' : exposure === 'tunnel' ? 'info' : 'warning',
          message:
            exposure === 'raw'
              ? `Service '${s.name}' maps the host device ${src}: raw memory or disk access gives full control of ` +
                `the host. Remove it.`
              : exposure === 'tunnel'
                ? `Service '${s.name}' maps /dev/net/tun, the tunnel device VPN clients need: it can create ` +
                  `network interfaces in the container's namespace. Keep it only for a VPN service.`
                : `Service '${s.name}' maps the host device ${src} into the container: make sure it needs it.`,
        });
      }
      for (const it of s.config.entries?.get('device_cgroup_rules')?.value.items ?? []) {
        const r = text(it)?.trim();
        if (r && /^a(\s+\*:\*)?(\s+[rwm]+)?$/.test(r)) {
          ctx.report({
            at: it,
            severity: 'error',
            message:
              `Service '${s.name}' allows access to every host device (device_cgroup_rules: ${r}). Allow only the ` +
              `devices it needs.`,
          });
        }
      }
    }
  },
};
