import type { ContainerRule } from '../rule';
import { isRootUser } from '../../vocabulary/users';

export const rule: ContainerRule = {
  meta: {
    name: 'user-root',
    title: 'Service runs as root',
    severity: 'warning',
    quadrant: 'configuration-profile',
    description:
      'Flags `user: root`, `user: 0`, `0:0`, `root:<group>`, and `PUID=0` / `PGID=0` in the environment (images ' +
      "that switch to the user those name, linuxserver.io's and others, then keep root).",
    why:
      "Root in a container is root on the host kernel's view of many resources; any escape or mis-mounted path " +
      'becomes a host compromise.',
    howToFix: 'Run as an unprivileged user (`user: "10001:10001"`) that owns only what the service writes.',
    fixes: {
      unsafe:
        'Replaces the value with the configured non-root user (`10001:10001` unless `fixes.user` says otherwise).',
    },
    cis: ['4.1'],
    cwe: ['CWE-250'],
    references: ['https://docs.docker.com/reference/compose-file/services/#user'],
    examples: {
      bad: [
        'services:\n  app:\n    image: alpine:3.20\n    user: root\n',
        'services:\n  app:\n    image: alpine:3.20\n    user: "0:0"\n',
      ],
      good: ['services:\n  app:\n    image: alpine:3.20\n    user: "10001:10001"\n'],
    },
    sources: {
      devcontainer: {
        description:
          'Flags `"containerUser": "root"` (the container\'s processes run as root), `"remoteUser": "root"` (the tools and terminals of the editor do), and `-u`/`--user` root in `runArgs`.',
        howToFix:
          "Use the image's unprivileged user (`vscode`, `node`, `codespace`...), and `sudo` inside the container for the rare task that needs root.",
        fixes: {
          unsafe:
            'For `-u`/`--user` in `runArgs`, sets the user to the `fixes.user` value of the config (default 10001:10001). No fix for `remoteUser` and `containerUser`: the user must exist in the image (`vscode`, `node`, `codespace`...).',
        },
        examples: {
          bad: [
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "remoteUser": "root"\n}\n',
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "containerUser": "root"\n}\n',
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "runArgs": ["--user=0"]\n}\n',
          ],
          good: ['{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "remoteUser": "vscode"\n}\n'],
        },
      },
      run: {
        description: 'Flags `-u root` / `--user 0` (root, by name or id).',
        howToFix: 'Run as an unprivileged user (`-u 1000:1000`), or drop `-u` when the image sets a non-root `USER`.',
        fixes: { unsafe: 'Sets the user to the `fixes.user` value of the config (default 10001:10001).' },
        examples: {
          bad: ['docker run --rm -u root alpine:3.20 id\n'],
          good: ['docker run --rm -u 1000:1000 alpine:3.20 id\n'],
        },
      },
    },
  },
  check(ctx) {
    for (const c of ctx.containers) {
      for (const e of c.user) {
        if (!isRootUser(e.value)) continue;
        ctx.report({
          at: e,
          message: `${c.subject} runs as root (${e.shown}). Run it as an unprivileged user.`,
          fixes: () => [
            {
              title: `Run as ${ctx.fixDefaults.user}`,
              applicability: 'unsafe',
              edits: e.replace?.(ctx.fixDefaults.user) ?? [],
            },
          ],
        });
      }
      // images that drop to the user PUID/PGID name (linuxserver.io's and many others'): 0 keeps root
      for (const e of c.env) {
        const v = e.value;
        if ((v.name !== 'PUID' && v.name !== 'PGID') || v.literal?.trim() !== '0') continue;
        ctx.report({
          at: e,
          message:
            `${c.subject} sets ${v.name}=0: images that switch to the user ${v.name} names (linuxserver.io's and ` +
            `others) keep running their service as root. Use the id of an unprivileged user (1000).`,
        });
      }
    }
  },
};
