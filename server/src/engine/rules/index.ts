// The rule registry. Docs, SARIF metadata and the config schema are generated from it.
// test/engine/registry.test.ts checks that every rule file is listed here.
import type { ComposeRule, DockerfileRule, RuleMeta } from './rule';
import { rule as r1 } from './compose/apparmor-unconfined';
import { rule as r2 } from './compose/cap-add';
import { rule as r3 } from './compose/cap-drop-missing';
import { rule as r4 } from './compose/cpu-limit';
import { rule as r5 } from './compose/devices';
import { rule as r6 } from './compose/docker-daemon-tcp';
import { rule as r7 } from './compose/docker-socket';
import { rule as r8 } from './compose/host-cgroupns';
import { rule as r9 } from './compose/host-ipc';
import { rule as r10 } from './compose/host-network';
import { rule as r11 } from './compose/host-pid';
import { rule as r12 } from './compose/host-userns';
import { rule as r13 } from './compose/host-uts';
import { rule as r14 } from './compose/image-tag';
import { rule as r15 } from './compose/insecure-build';
import { rule as r16 } from './compose/memory-limit';
import { rule as r17 } from './compose/mount-propagation';
import { rule as r18 } from './compose/no-new-privileges';
import { rule as r19 } from './compose/oom-kill-disable';
import { rule as r20 } from './compose/pids-limit';
import { rule as r21 } from './compose/port-all-interfaces';
import { rule as r22 } from './compose/privileged';
import { rule as r23 } from './compose/read-only-rootfs';
import { rule as r24 } from './compose/seccomp-unconfined';
import { rule as r25 } from './compose/secret-in-environment';
import { rule as r26 } from './compose/selinux-disabled';
import { rule as r27 } from './compose/sensitive-host-mount';
import { rule as r28 } from './compose/systempaths-unconfined';
import { rule as r29 } from './compose/user-root';
import { rule as r30 } from './dockerfile/add-instead-of-copy';
import { rule as r31 } from './dockerfile/add-remote-url';
import { rule as r32 } from './dockerfile/curl-pipe-shell';
import { rule as r33 } from './dockerfile/docker-daemon-tcp';
import { rule as r34 } from './dockerfile/expose-ssh';
import { rule as r35 } from './dockerfile/host-network';
import { rule as r36 } from './dockerfile/image-tag';
import { rule as r37 } from './dockerfile/insecure-run';
import { rule as r38 } from './dockerfile/missing-user';
import { rule as r39 } from './dockerfile/secret-in-arg-env';
import { rule as r40 } from './dockerfile/sudo';
import { rule as r41 } from './dockerfile/user-root';
import { rule as r42 } from './dockerfile/verification-disabled';
import { rule as r43 } from './dockerfile/world-writable';

export const composeRules: ComposeRule[] = [
  r1,
  r2,
  r3,
  r4,
  r5,
  r6,
  r7,
  r8,
  r9,
  r10,
  r11,
  r12,
  r13,
  r14,
  r15,
  r16,
  r17,
  r18,
  r19,
  r20,
  r21,
  r22,
  r23,
  r24,
  r25,
  r26,
  r27,
  r28,
  r29,
];
export const dockerfileRules: DockerfileRule[] = [r30, r31, r32, r33, r34, r35, r36, r37, r38, r39, r40, r41, r42, r43];

/** Findings about suppression comments themselves. */
export const metaRules: RuleMeta[] = [
  {
    id: 'meta/unused-ignore',
    kind: 'compose',
    title: 'Suppression comment suppresses nothing',
    severity: 'info',
    quadrant: 'configuration-profile',
    description:
      'Flags a `# docker-security-lint ignore=...` or `ignore-file=...` comment (or one of its rule ids) that suppressed no finding, so stale suppressions do not pile up. Works in Compose files and Dockerfiles.',
    why: 'A stale suppression hides the next real finding of that rule on that line.',
    howToFix: 'Remove the comment, or the rule id that no longer applies.',
    references: [],
    examples: {
      bad: [
        'services:\n  app:\n    image: alpine:3.20\n    # docker-security-lint ignore=compose/privileged -- legacy\n    read_only: true\n',
      ],
      good: [
        'services:\n  app:\n    image: alpine:3.20\n    # docker-security-lint ignore=compose/privileged -- needs /dev access for the USB bridge\n    privileged: true\n',
      ],
    },
  },
  {
    id: 'meta/ignore-without-reason',
    kind: 'compose',
    title: 'Suppression comment without a reason',
    severity: 'warning',
    quadrant: 'configuration-profile',
    description: 'With `--require-ignore-reason`, flags a suppression comment that gives no reason after `--`.',
    why: 'A suppression without a reason cannot be reviewed: nobody knows later whether it still holds.',
    howToFix:
      'Write why after `--`: `# docker-security-lint ignore=compose/privileged -- needs /dev/kvm for the emulator`.',
    references: [],
    examples: { bad: [], good: [] },
  },
];

export const allRules = [...composeRules, ...dockerfileRules];
export const ruleById = new Map<string, ComposeRule | DockerfileRule>(allRules.map((r) => [r.meta.id, r]));
export const allMeta: RuleMeta[] = [...allRules.map((r) => r.meta), ...metaRules];

/** Rule id -> names of its options (for config validation). */
export function knownRuleOptions(): Map<string, Set<string>> {
  return new Map(allMeta.map((m) => [m.id, new Set(Object.keys(m.options ?? {}))]));
}
