import type { ContainerRule } from '../rule';

/** Resources whose unlimited value lets one container exhaust the host. */
const GUARDED = new Set(['nproc', 'nofile', 'memlock', 'as', 'rss', 'sigpending', 'msgqueue', 'locks']);

export const rule: ContainerRule = {
  meta: {
    name: 'ulimits-unlimited',
    title: 'Resource limit (ulimit) raised to unlimited',
    severity: 'warning',
    quadrant: 'namespaces-cgroups',
    description:
      'Flags `ulimits` of `nproc`, `nofile`, `memlock` and the other host-exhausting resources set to `-1` or ' +
      '`unlimited` (as one value, or as `soft`/`hard`).',
    why:
      "Ulimits bound what one container's processes may take of the host's process table, file descriptors and " +
      'locked memory; unlimited removes the bound the daemon gives by default.',
    howToFix: 'Set a finite value that fits the service (for instance `nofile: { soft: 65536, hard: 65536 }`).',
    cis: ['5.18'],
    cwe: ['CWE-770'],
    references: ['https://docs.docker.com/reference/compose-file/services/#ulimits'],
    examples: {
      bad: ['services:\n  app:\n    image: alpine:3.20\n    ulimits:\n      nproc: -1\n'],
      good: ['services:\n  app:\n    image: alpine:3.20\n    ulimits:\n      nofile: { soft: 65536, hard: 65536 }\n'],
    },
    sources: {
      devcontainer: {
        description:
          'Flags `--ulimit` flags of `runArgs` that raise a guarded resource (`nproc`, `nofile`, `memlock`...) to `-1`/`unlimited`.',
        howToFix: 'Set a finite value.',
        examples: {
          bad: [
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "runArgs": ["--ulimit", "nproc=-1"]\n}\n',
          ],
          good: [
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "runArgs": ["--ulimit", "nofile=65536:65536"]\n}\n',
          ],
        },
      },
      run: {
        description: 'Flags `--ulimit` values that lift a limit (`unlimited`, `-1`).',
        howToFix: 'Set a finite value.',
        examples: {
          bad: ['docker run --rm --ulimit nproc=-1 alpine:3.20 true\n'],
          good: ['docker run --rm --ulimit nofile=1024:2048 alpine:3.20 true\n'],
        },
      },
    },
  },
  check(ctx) {
    for (const c of ctx.containers) {
      const seen = new Set<string>();
      for (const u of c.ulimits) {
        // one finding per resource (its soft or hard value, whichever is unlimited first)
        if (!GUARDED.has(u.value.name.toLowerCase()) || seen.has(u.value.name)) continue;
        if (!/^(-1|unlimited|infinity)$/i.test(u.value.value)) continue;
        seen.add(u.value.name);
        ctx.report({
          at: u,
          message:
            `${c.subject} sets the ${u.value.name} ulimit to ${u.value.value}: its processes can exhaust that ` +
            `resource for the whole host. Set a finite value.`,
        });
      }
    }
  },
};
