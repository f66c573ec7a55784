import type { ContainerRule } from '../rule';
import { isHostSetupImage } from '../../vocabulary/images';
import { grantsPrivilegedGives, subsumedByPrivileged, withPurpose } from './_shared';
import type { ContainerReport } from '../containerContext';

export const rule: ContainerRule = {
  meta: {
    name: 'privileged',
    title: 'Privileged container',
    severity: 'error',
    quadrant: 'configuration-profile',
    description:
      'Flags `privileged: true` (also `"true"`, and a `${VAR:-true}` default). An image that only registers ' +
      'emulators in the host kernel (`tonistiigi/binfmt`, `multiarch/qemu-user-static`) is reported at info: it ' +
      'needs privileged by design. In `recommended`, the grants privileged gives anyway that the container also ' +
      'sets (added capabilities, devices, `seccomp` or `apparmor` unconfined) are named by this one finding, as ' +
      'related information, instead of findings of their own; `strict` reports each.',
    why:
      'A privileged container gets every capability, all host devices, and no seccomp, AppArmor or SELinux ' +
      'confinement: escaping to the host is trivial.',
    howToFix:
      'Remove `privileged`. Grant only the capabilities (`cap_add`) or devices (`devices`) the service really needs.',
    fixes: {
      unsafe:
        'Removes the key where the service writes it or where an anchor used by this service alone defines it; ' +
        'otherwise sets `privileged: false` in the service.',
    },
    cis: ['5.4'],
    cwe: ['CWE-250'],
    references: [
      'https://docs.docker.com/reference/compose-file/services/#privileged',
      'https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities',
    ],
    examples: {
      bad: [
        'services:\n  app:\n    image: alpine:3.20\n    privileged: true\n',
        'services:\n  app:\n    image: alpine:3.20\n    privileged: "${PRIV:-true}"\n',
      ],
      good: [
        'services:\n  app:\n    image: alpine:3.20\n    privileged: false\n',
        'services:\n  app:\n    image: alpine:3.20\n    privileged: ${PRIV:-false}\n',
      ],
    },
    sources: {
      devcontainer: {
        description:
          'Flags `"privileged": true`, `--privileged` in `runArgs`, and the features that run the container privileged (`ghcr.io/devcontainers/features/docker-in-docker`, at any version or registry path).',
        howToFix:
          "Remove `privileged` (or `--privileged`); add only the capabilities the tools need. For Docker inside the dev container, prefer the host's daemon through a filtering socket proxy, or rootless Docker.",
        fixes: { unsafe: 'Removes the property, the flag, or the feature.' },
        examples: {
          bad: [
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "privileged": true\n}\n',
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "runArgs": ["--privileged"]\n}\n',
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "features": {\n    "ghcr.io/devcontainers/features/docker-in-docker:2": {}\n  }\n}\n',
          ],
          good: ['{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "privileged": false\n}\n'],
        },
      },
      run: {
        description:
          "Flags `--privileged` (also `--privileged=true`) on `docker run`, `docker create`, `podman run` and `nerdctl run` command lines, and in a workflow container's `options`. `tonistiigi/binfmt` and `multiarch/qemu-user-static`, which only register emulators in the host kernel, are reported at info.",
        howToFix:
          'Remove `--privileged`; add only the capabilities (`--cap-add`) or devices (`--device`) the container needs.',
        fixes: {
          unsafe: 'Removes the flag (and its value), keeping the rest of the command and its line continuations.',
        },
        examples: {
          bad: [
            'docker run --rm --privileged alpine:3.20 true\n',
            'jobs:\n  build:\n    runs-on: ubuntu-24.04\n    container:\n      image: alpine:3.20\n      options: --privileged\n    steps:\n      - run: make\n',
          ],
          good: ['docker run --rm alpine:3.20 true\n'],
        },
      },
    },
  },
  check(ctx) {
    for (const c of ctx.containers) {
      const also = subsumedByPrivileged(ctx, c) ? grantsPrivilegedGives(c) : [];
      const stacked = also.length
        ? ` It also sets ${also.length === 1 ? 'a grant' : `${also.length} grants`} that privileged gives anyway ` +
          `(capabilities, devices, no seccomp or AppArmor profile: see the related information); they go with it.`
        : '';
      c.privileged.forEach((e, k) => {
        const setup = c.image && isHostSetupImage(c.image.value);
        const report: ContainerReport = {
          at: e,
          ...(setup ? { severity: 'info' as const } : {}),
          ...(k === 0 && also.length ? { alsoAt: also } : {}),
          message: setup
            ? `${c.subject} runs ${c.image!.value} privileged: it registers emulators in the host's kernel and ` +
              `needs privileged by design. Run it once, with --rm, from an image pinned by digest.`
            : e.via
              ? `${c.subject} runs privileged: ${e.via} runs it with every capability and host device, with no ` +
                `confinement. Use a rootless alternative (Docker outside of Docker through a socket proxy, or ` +
                `rootless Docker in Docker), or remove the feature.` +
                (k === 0 ? stacked : '')
              : `${c.subject} runs privileged: it gets every capability and host device, with no confinement. ` +
                `Remove privileged and add only the capabilities it needs.` +
                (k === 0 ? stacked : ''),
          fixes: () => {
            const rm = e.remove();
            if (rm.length) return [{ title: `Remove ${e.shown}`, applicability: 'unsafe', edits: rm }];
            const off = e.override?.();
            return off ? [{ title: off.title, applicability: 'unsafe', edits: off.edits }] : [];
          },
        };
        ctx.report(setup ? report : withPurpose(c, 'privileged', report, 'error'));
      });
    }
  },
};
