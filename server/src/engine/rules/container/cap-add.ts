import { containerRule } from '../rule';
import { DEFAULT_CAPS, normCap } from '../../vocabulary/capabilities';
import { subsumedByPrivileged, withPurpose } from './_shared';

const ERROR_CAPS = new Set(['ALL', 'SYS_ADMIN', 'SYS_MODULE', 'SYS_RAWIO', 'SYS_PTRACE', 'DAC_READ_SEARCH', 'BPF']);

export const rule = containerRule({
  meta: {
    name: 'cap-add',
    title: 'Dangerous capability added',
    severity: 'warning',
    quadrant: 'capabilities',
    description:
      "Flags `cap_add` entries outside Docker's default set (SYS_ADMIN, NET_ADMIN, SYS_PTRACE, SYS_MODULE, " +
      'SYS_RAWIO, SYS_TIME, SYSLOG, MAC_ADMIN, MAC_OVERRIDE, SETPCAP, SYS_NICE, SYS_RESOURCE, DAC_READ_SEARCH, ' +
      'BPF, PERFMON, ALL...), with or without the `CAP_` prefix, in any case. ALL, SYS_ADMIN, SYS_MODULE, ' +
      "SYS_RAWIO, DAC_READ_SEARCH and BPF are errors, and SYS_PTRACE in a container that shares the host's PID namespace (a warning otherwise: it reaches only the container's own processes). Adding a default capability (CHOWN, " +
      "NET_BIND_SERVICE...) is not flagged. SETPCAP is in Docker's default set but is flagged anyway: it lets a " +
      'process grant itself capabilities from its bounding set. In `recommended`, not reported for a privileged container: its privileged finding names it.',
    why:
      'Capabilities are slices of root. SYS_ADMIN alone allows mounts and most known container escapes; SYS_MODULE ' +
      'loads kernel code; SYS_PTRACE reads other processes; NET_ADMIN rewrites the network stack.',
    howToFix:
      'Drop everything with `cap_drop: [ALL]` and add back only the capabilities the service needs, none from this ' +
      'list if possible.',
    fixes: { unsafe: 'Removes the capability from `cap_add` (and the key when it becomes empty).' },
    options: {
      allow: { type: 'string[]', description: 'Capabilities you accept for this project (without CAP_ prefix).' },
    },
    cis: ['5.3'],
    cwe: ['CWE-250'],
    references: [
      'https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities',
      'https://man7.org/linux/man-pages/man7/capabilities.7.html',
    ],
    examples: {
      bad: [
        'services:\n  app:\n    image: alpine:3.20\n    cap_add:\n      - SYS_ADMIN\n',
        'services:\n  app:\n    image: alpine:3.20\n    cap_add: ["cap_net_admin"]\n',
      ],
      good: ['services:\n  app:\n    image: alpine:3.20\n    cap_drop: [ALL]\n    cap_add: [NET_BIND_SERVICE]\n'],
    },
    sources: {
      devcontainer: {
        description:
          "Flags capabilities outside Docker's default set in `capAdd` and in `--cap-add` flags of `runArgs` (same list and severities as for Compose). `SYS_PTRACE`, which debugger templates add, is a warning: it lets the container read and write the memory of the processes it sees, its own unless it shares the host's PID namespace (then an error).",
        howToFix:
          'Remove the capability. For debuggers, `SYS_PTRACE` is needed only when the debugger attaches to processes it did not start; a debugger that launches the program does not need it.',
        fixes: { unsafe: 'Removes the capability from `capAdd` (or the flag and its value from `runArgs`).' },
        examples: {
          bad: [
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "capAdd": ["SYS_PTRACE"]\n}\n',
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "runArgs": ["--cap-add=SYS_ADMIN"]\n}\n',
          ],
          good: [
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "capAdd": ["NET_BIND_SERVICE"]\n}\n',
          ],
        },
      },
      run: {
        description:
          "Flags `--cap-add` of capabilities outside Docker's default set (same list and severities as for Compose).",
        howToFix: 'Remove the capability, or replace it with the narrower one the program needs.',
        fixes: { unsafe: 'Removes the flag and its value.' },
        examples: {
          bad: [
            'docker run --rm --cap-add SYS_ADMIN alpine:3.20 true\n',
            'docker run --rm --cap-add=ALL alpine:3.20 true\n',
          ],
          good: ['docker run --rm --cap-add NET_BIND_SERVICE alpine:3.20 true\n'],
        },
      },
    },
  },
  check(ctx) {
    const allow = new Set((ctx.options.allow ?? []).map(normCap));
    for (const c of ctx.containers) {
      for (const item of c.capAdd) {
        const t = item.value;
        const cap = normCap(t);
        if (/^cap_all$/i.test(t.trim())) {
          // Docker accepts ALL, not CAP_ALL: the container does not start, which grants nothing but is a mistake
          ctx.report({
            at: item,
            severity: 'warning',
            message:
              `${c.subject} adds '${t.trim()}', which Docker rejects (the name is ALL): the container will ` +
              `not start. Add only the capabilities it needs.`,
            fixes: () => [
              { title: `Remove ${item.raw} from ${item.holder}`, applicability: 'unsafe', edits: item.remove() },
            ],
          });
          continue;
        }
        if (allow.has(cap) || DEFAULT_CAPS.has(cap) || subsumedByPrivileged(ctx, c)) continue;
        // SYS_PTRACE reaches the processes the container sees: its own, unless it shares the host's PID namespace
        const hostPid = c.namespaces.pid?.value === 'host';
        const ptrace = cap === 'SYS_PTRACE';
        const severe = ERROR_CAPS.has(cap) && (!ptrace || hostPid);
        ctx.report(
          withPurpose(
            c,
            `cap:${cap}`,
            {
              at: item,
              severity: severe ? 'error' : 'warning',
              message:
                cap === 'ALL'
                  ? `${c.subject} adds ALL capabilities: that is nearly privileged mode. Add only the ` +
                    `capabilities it needs.`
                  : ptrace
                    ? `${c.subject} adds the capability SYS_PTRACE: it can read and change the memory of every process ` +
                      `it sees${hostPid ? ", and it shares the host's PID namespace: the host's processes" : ' (its own, in its PID namespace)'}. ` +
                      `Remove it unless a debugger must attach to running processes.`
                    : `${c.subject} adds the capability ` +
                      `${cap}${severe ? ', which allows escaping the container' : ''}. Remove it unless the service cannot ` +
                      `work without it.`,
              fixes: () => [
                { title: `Remove ${item.raw} from ${item.holder}`, applicability: 'unsafe', edits: item.remove() },
              ],
            },
            'warning',
          ),
        );
      }
    }
  },
});
