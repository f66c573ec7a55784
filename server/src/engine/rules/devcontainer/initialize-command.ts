import type { DevcontainerRule } from '../rule';

export const rule: DevcontainerRule = {
  meta: {
    id: 'devcontainer/initialize-command',
    kind: 'devcontainer',
    title: 'Command run on the host when the folder opens',
    severity: 'info',
    quadrant: 'daemon',
    description:
      '`initializeCommand` runs on the host, not in the container, as the user who opens the folder in a dev ' +
      'container (and again on every rebuild). Reported at info with the command, so that a reviewer sees it.',
    why:
      'The dev container is the boundary a cloned repository is expected to stay inside. `initializeCommand` runs ' +
      'outside it, with the access of the person who opens the folder: their files, keys and Docker daemon. A ' +
      'change to it in a pull request is a change to what runs on every contributor’s machine.',
    howToFix:
      'Move the work into the container (`onCreateCommand`, `postCreateCommand`) unless it must prepare the host. ' +
      'Keep what stays small and reviewed.',
    cwe: ['CWE-829'],
    references: [
      'https://containers.dev/implementors/json_reference/#lifecycle-scripts',
      'https://code.visualstudio.com/docs/devcontainers/containers#_workspace-trust',
    ],
    examples: {
      bad: [
        '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n' +
          '  "initializeCommand": "./scripts/prepare-host.sh"\n}\n',
      ],
      good: [
        '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n' + '  "postCreateCommand": "npm ci"\n}\n',
      ],
    },
  },
  check(ctx) {
    for (const c of ctx.containers) {
      for (const cmd of c.hostCommands) {
        const shown = cmd.value.length > 120 ? `${cmd.value.slice(0, 117)}...` : cmd.value;
        ctx.report({
          at: cmd,
          message:
            `${cmd.holder} runs on the host, outside the container, when the folder is opened in a dev ` +
            `container: ${shown}. Review it as code that runs on every contributor's machine.`,
        });
      }
    }
  },
};
