import type { ContainerRule } from '../rule';
import { lookupTable } from '../../vocabulary/lookup';

/** Mount options that undo Docker's tmpfs defaults (noexec, nosuid, nodev), and what each one allows. */
const WEAKENING: Record<string, string> = lookupTable({
  exec: 'programs written there can be run',
  suid: 'setuid and setgid programs there run with their owner’s privileges',
  dev: 'device files created there work',
});

export const rule: ContainerRule = {
  meta: {
    name: 'tmpfs-options',
    title: 'tmpfs mount with exec, suid or dev',
    severity: 'info',
    profiles: { recommended: 'off' },
    advice: true,
    quadrant: 'configuration-profile',
    description:
      'In the `strict` profile: a tmpfs mount whose options turn back on what Docker turns off by default: `exec`, ' +
      '`suid` or `dev` (`tmpfs: /tmp:exec`, `--tmpfs /run:suid`).',
    why:
      'Docker mounts tmpfs noexec, nosuid and nodev so that a writable scratch folder cannot become a place to drop ' +
      'and run a payload, a setuid binary or a device node. With a read-only root filesystem, an `exec` tmpfs is the ' +
      'one place an intruder can still write and run a binary.',
    howToFix:
      'Remove the option. If the application must run files it writes (some JIT compilers, native module builds), ' +
      'keep `exec` on a tmpfs of its own and say why with a suppression comment.',
    cwe: ['CWE-732'],
    references: [
      'https://docs.docker.com/engine/storage/tmpfs/',
      'https://docs.docker.com/reference/compose-file/services/#tmpfs',
    ],
    examples: {
      bad: ['services:\n  app:\n    image: alpine:3.20\n    read_only: true\n    tmpfs:\n      - /tmp:exec,size=64m\n'],
      good: ['services:\n  app:\n    image: alpine:3.20\n    read_only: true\n    tmpfs:\n      - /tmp:size=64m\n'],
    },
    sources: {
      devcontainer: {
        description: 'In the `strict` profile: a `--tmpfs` flag of `runArgs` with `exec`, `suid` or `dev`.',
        examples: {
          bad: ['{\n  "image": "mcr.microsoft.com/devcontainers/base:1",\n  "runArgs": ["--tmpfs", "/tmp:exec"]\n}\n'],
          good: ['{\n  "image": "mcr.microsoft.com/devcontainers/base:1",\n  "runArgs": ["--tmpfs", "/tmp"]\n}\n'],
        },
      },
      run: {
        description: 'In the `strict` profile: `--tmpfs` with `exec`, `suid` or `dev`.',
        examples: {
          bad: ['docker run --rm --read-only --tmpfs /tmp:exec alpine:3.20 sh\n'],
          good: ['docker run --rm --read-only --tmpfs /tmp alpine:3.20 sh\n'],
        },
      },
    },
  },
  check(ctx) {
    for (const c of ctx.containers) {
      for (const t of c.tmpfs) {
        // the last of exec/noexec (suid/nosuid, dev/nodev) wins, as in mount(8)
        const on = Object.keys(WEAKENING).filter((o) => {
          const last = [...t.value.options].reverse().find((x) => x === o || x === `no${o}`);
          return last === o;
        });
        if (!on.length) continue;
        ctx.report({
          at: t,
          message: `${c.subject} mounts a tmpfs at ${t.value.target} with ${on.join(', ')}: ${on.map((o) => WEAKENING[o]).join('; ')}. Remove ${on.length > 1 ? 'them' : 'it'} unless the application needs ${on.length > 1 ? 'them' : 'it'}.`,
        });
      }
    }
  },
};
