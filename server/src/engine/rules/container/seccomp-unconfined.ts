import type { ContainerRule } from '../rule';
import { checkSecurityOpt } from './_shared';

export const rule: ContainerRule = {
  meta: {
    name: 'seccomp-unconfined',
    title: 'Seccomp disabled',
    severity: 'error',
    quadrant: 'configuration-profile',
    description:
      'Flags `security_opt` entries `seccomp:unconfined` and `seccomp=unconfined`. In `recommended`, not reported for a privileged container: its privileged finding names it.',
    why:
      "Docker's default seccomp profile blocks about 44 dangerous system calls (mount, kexec_load, bpf, keyctl...); " +
      "without it the kernel's whole syscall surface is open to the container.",
    howToFix:
      'Remove the entry to get the default profile, or write a custom profile that allows only what the service needs.',
    fixes: { unsafe: 'Removes the entry (and `security_opt` when it becomes empty).' },
    cis: ['5.22'],
    cwe: ['CWE-693'],
    references: [
      'https://docs.docker.com/reference/compose-file/services/#security_opt',
      'https://docs.docker.com/engine/security/seccomp/',
    ],
    examples: {
      bad: [
        'services:\n  app:\n    image: alpine:3.20\n    security_opt:\n      - seccomp:unconfined\n',
        'services:\n  app:\n    image: alpine:3.20\n    security_opt: ["seccomp=unconfined"]\n',
      ],
      good: ['services:\n  app:\n    image: alpine:3.20\n    security_opt:\n      - no-new-privileges:true\n'],
    },
    sources: {
      devcontainer: {
        description:
          'Flags `seccomp=unconfined` (or `seccomp:unconfined`) in `securityOpt` or in a `--security-opt` flag of `runArgs`.',
        howToFix: 'Remove `seccomp=unconfined`.',
        fixes: { unsafe: 'Removes the entry from `securityOpt` (or the flag and its value from `runArgs`).' },
        examples: {
          bad: [
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "securityOpt": ["seccomp=unconfined"]\n}\n',
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "runArgs": ["--security-opt", "seccomp=unconfined"]\n}\n',
          ],
          good: [
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "securityOpt": ["no-new-privileges"]\n}\n',
          ],
        },
      },
      run: {
        description: 'Flags `--security-opt seccomp=unconfined` (or `seccomp:unconfined`).',
        howToFix:
          'Remove the option, or give a custom profile that allows the few extra system calls needed (`--security-opt seccomp=profile.json`).',
        fixes: { unsafe: 'Removes the flag and its value.' },
        examples: {
          bad: ['docker run --rm --security-opt seccomp=unconfined alpine:3.20 true\n'],
          good: ['docker run --rm --security-opt no-new-privileges alpine:3.20 true\n'],
        },
      },
    },
  },
  check(ctx) {
    checkSecurityOpt(
      ctx,
      'seccomp',
      'unconfined',
      (subject, c) =>
        `${subject} runs without a seccomp profile (seccomp:unconfined): the kernel's whole syscall surface ` +
        `is exposed. Remove the entry or use a custom profile.` +
        (c.capAdd.some((x) => /^(CAP_)?SYS_PTRACE$/i.test(x.value.trim()))
          ? ` It also adds SYS_PTRACE, and Docker's default seccomp profile allows ptrace to a container that has ` +
            `it (Docker 19.03 and later, kernel 4.8 and later): for a debugger, this entry can simply go.`
          : ''),
    );
  },
};
