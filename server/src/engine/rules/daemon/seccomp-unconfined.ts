import type { DaemonRule } from '../rule';

export const rule: DaemonRule = {
  meta: {
    id: 'daemon/seccomp-unconfined',
    kind: 'daemon',
    title: 'Seccomp turned off for every container',
    severity: 'error',
    quadrant: 'configuration-profile',
    description:
      'Flags `"seccomp-profile": "unconfined"` in a daemon.json (and `--seccomp-profile unconfined` in a systemd ' +
      'drop-in or on a `dockerd` command line): the default profile of every container is no profile.',
    why:
      "Docker's default seccomp profile blocks about 50 system calls that containers do not need and that many " +
      'kernel exploits use. Turning it off daemon-wide removes that layer from every container on the host.',
    howToFix: 'Remove the setting (the default profile applies), or point it at a custom profile file.',
    fixes: { unsafe: 'Removes the setting.' },
    cis: ['2.16'],
    cwe: ['CWE-250'],
    references: ['https://docs.docker.com/engine/security/seccomp/'],
    examples: {
      bad: ['{\n  "seccomp-profile": "unconfined"\n}\n'],
      good: ['{\n  "seccomp-profile": "/etc/docker/seccomp.json"\n}\n'],
    },
  },
  check(ctx) {
    const v = ctx.config.settings.get('seccomp-profile');
    if (!v || typeof v.value !== 'string' || v.value.trim().toLowerCase() !== 'unconfined') return;
    ctx.report({
      at: v,
      message:
        "The daemon runs every container without a seccomp profile (seccomp-profile: unconfined): the kernel's " +
        'whole system-call surface is exposed. Remove the setting.',
      fixes: () => [{ title: 'Remove seccomp-profile', applicability: 'unsafe', edits: ctx.removeEdits(v) }],
    });
  },
};
