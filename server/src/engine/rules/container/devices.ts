import type { ContainerRule } from '../rule';
import { deviceExposure } from '../../vocabulary/paths';
import { subsumedByPrivileged, withPurpose } from './_shared';

export const rule: ContainerRule = {
  meta: {
    name: 'devices',
    title: 'Host device mapped into the container',
    severity: 'warning',
    quadrant: 'configuration-profile',
    description:
      'Flags `devices` entries (short or long syntax), by what they expose: raw memory (`/dev/mem`, `/dev/kmem`, ' +
      '`/dev/port`), disks and block devices are errors; `/dev/net/tun` (the VPN tunnel device) is info; ' +
      '`/dev/kvm` (virtual machines on the host kernel: a large attack surface, not the host) and others ' +
      '(`/dev/fuse`, GPUs...) are warnings; `/dev/null`, `/dev/zero`, `/dev/random`, `/dev/urandom` ' +
      'expose nothing. Flags `device_cgroup_rules` that allow all devices (`a *:* rwm`). In `recommended`, not reported for a privileged container: its privileged finding names it.',
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
    sources: {
      devcontainer: {
        description: 'Flags `--device` and `--device-cgroup-rule` flags of `runArgs` (same judgement as for Compose).',
        howToFix: 'Remove the device, or map only the one the tools need.',
        examples: {
          bad: [
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "runArgs": ["--device=/dev/mem"]\n}\n',
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "runArgs": ["--device-cgroup-rule", "a *:* rwm"]\n}\n',
          ],
          good: ['{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "runArgs": ["--init"]\n}\n'],
        },
      },
      run: {
        description: 'Flags `--device` and `--device-cgroup-rule` (same judgement as for Compose).',
        howToFix: 'Remove the device, or map only the one the program needs.',
        examples: {
          bad: ['docker run --rm --device /dev/mem alpine:3.20 true\n'],
          good: ['docker run --rm alpine:3.20 true\n'],
        },
      },
    },
  },
  check(ctx) {
    for (const c of ctx.containers) {
      if (subsumedByPrivileged(ctx, c)) continue; // privileged gives every device: said on its finding
      for (const it of c.devices) {
        const src = it.value.source;
        const exposure = deviceExposure(src);
        if (exposure === 'harmless') continue;
        ctx.report(
          withPurpose(
            c,
            `device:${src}`,
            {
              at: it,
              severity: exposure === 'raw' ? 'error' : exposure === 'tunnel' ? 'info' : 'warning',
              message:
                exposure === 'raw'
                  ? `${c.subject} maps the host device ${src}: raw memory or disk access gives full control of ` +
                    `the host. Remove it.`
                  : exposure === 'tunnel'
                    ? `${c.subject} maps /dev/net/tun, the tunnel device VPN clients need: it can create ` +
                      `network interfaces in the container's namespace. Keep it only for a VPN service.`
                    : exposure === 'kvm'
                      ? `${c.subject} maps /dev/kvm: it can run virtual machines on the host's kernel, whose ` +
                        `virtualisation interface is a large attack surface. Keep it only for a service that runs ` +
                        `virtual machines.`
                      : `${c.subject} maps the host device ${src} into the container: make sure it needs it.`,
            },
            'warning',
          ),
        );
      }
      for (const it of c.deviceRules) {
        const r = it.value;
        if (/^a(\s+\*:\*)?(\s+[rwm]+)?$/.test(r)) {
          ctx.report({
            at: it,
            severity: 'error',
            message:
              `${c.subject} allows access to every host device (${it.shown}). Allow only the ` + `devices it needs.`,
          });
        }
      }
    }
  },
};
