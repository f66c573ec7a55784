import type { ContainerRule } from '../rule';

export const rule: ContainerRule = {
  meta: {
    name: 'oom-kill-disable',
    title: 'OOM killer disabled for the service',
    severity: 'warning',
    quadrant: 'namespaces-cgroups',
    description: 'Flags `oom_kill_disable: true`.',
    why:
      'When the kernel cannot kill the container under memory pressure it kills host processes instead; without a ' +
      'memory limit the host itself can hang.',
    howToFix: 'Remove `oom_kill_disable` and set a memory limit.',
    fixes: {
      safe: 'Removes `oom_kill_disable: true` (the default lets the kernel reclaim memory from the container).',
    },
    cwe: ['CWE-400'],
    references: ['https://docs.docker.com/reference/compose-file/services/#oom_kill_disable'],
    examples: {
      bad: ['services:\n  app:\n    image: alpine:3.20\n    oom_kill_disable: true\n'],
      good: ['services:\n  app:\n    image: alpine:3.20\n    oom_kill_disable: false\n'],
    },
    sources: {
      devcontainer: {
        description: 'Flags `--oom-kill-disable` in `runArgs`.',
        howToFix: 'Remove the flag.',
        fixes: { safe: 'Removes the flag from `runArgs`.' },
        examples: {
          bad: [
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "runArgs": ["--oom-kill-disable"]\n}\n',
          ],
          good: [
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "runArgs": ["--oom-kill-disable=false"]\n}\n',
          ],
        },
      },
      run: {
        description: 'Flags `--oom-kill-disable`.',
        howToFix: 'Remove `--oom-kill-disable`; set a memory limit (`--memory`) instead.',
        fixes: { safe: 'Removes the flag.' },
        examples: {
          bad: ['docker run --rm --oom-kill-disable alpine:3.20 true\n'],
          good: ['docker run --rm --memory 256m alpine:3.20 true\n'],
        },
      },
    },
  },
  check(ctx) {
    for (const c of ctx.containers) {
      for (const e of c.oomKillDisable) {
        ctx.report({
          at: e,
          message:
            `${c.subject} disables the OOM killer: under memory pressure the kernel kills host processes ` +
            `instead. Remove ${e.holder}.`,
          fixes: () => [{ title: `Remove ${e.holder}`, applicability: 'safe', edits: e.remove() }],
        });
      }
    }
  },
};
