import { containerRule } from '../rule';
import {
  deviceExposure,
  HARMLESS_DEVICES,
  HOST_FACT_FILES,
  hostControlSocket,
  hostPathOf,
  isServiceSocket,
  normPath,
  SENSITIVE_HOME,
  TIME_ZONE_FILES,
  under,
} from '../../vocabulary/paths';
import { isEngineSocket } from '../../vocabulary/daemon';

export const SENSITIVE = [
  '/',
  '/etc',
  '/proc',
  '/sys',
  '/boot',
  '/dev',
  '/root',
  '/var',
  '/var/lib/docker',
  '/var/lib/containerd',
  '/var/lib/kubelet',
  '/lib',
  '/lib64',
  '/lib/modules',
  '/usr',
  '/bin',
  '/sbin',
  '/var/run',
  '/run',
  '/var/log',
  '/etc/kubernetes',
  '/home',
];

export const rule = containerRule({
  meta: {
    name: 'sensitive-host-mount',
    title: 'Sensitive host path mounted',
    severity: 'error',
    quadrant: 'daemon',
    description: `Flags bind mounts of host system paths: ${SENSITIVE.map((p) => `\`${p}\``).join(', ')} and anything under them (whole path segments: \`/library\` is not \`/lib\`), also through named volumes whose \`driver_opts\` bind a host path (\`o: bind\` with \`device\`, or \`mountpoint\`). Writable mounts are errors, read-only ones warnings; a socket that controls the host (the system D-Bus, systemd's, libvirt's, snapd's, LXD's) is an error even read-only, which does not restrict a socket. Also the home directory (\`~\`) and its credential folders (\`~/.ssh\`, \`~/.aws\`, \`~/.kube\`, \`~/.docker\`...), \`/..\` read as \`/\`, and relative sources that climb from the Compose file's folder up to \`/\` (\`../../../../etc\`). Not flagged: \`/dev/null\`, \`/dev/zero\`, \`/dev/random\`, \`/dev/urandom\` (they expose nothing), the host's time zone (\`/etc/localtime\`, \`/etc/timezone\`, \`/usr/share/zoneinfo\`) and the files that describe the host to anyone on it (${HOST_FACT_FILES.map((p) => `\`${p}\``).join(', ')}) mounted read-only, and a database's or application server's own socket under \`/run\` or \`/var/run\` (\`/var/run/mysqld/mysqld.sock\`, \`/run/postgresql\`): it reaches that service as a network connection would; any other socket there (systemd, D-Bus, containerd...) is still flagged. Engine sockets are left to compose/docker-socket.`,
    why:
      'A writable mount of a host system directory lets the container change the host: add a cron job or SSH key in ' +
      "/etc or /root, replace binaries in /usr, load modules, rewrite Docker's own state. Even read-only, /proc, " +
      '/sys and /etc leak host secrets.',
    howToFix:
      'Mount only the specific file or directory the service needs, read-only (`:ro` or `read_only: true`), or use ' +
      'a named volume.',
    fixes: {
      unsafe:
        'Makes the mount read-only: adds `:ro` in short syntax or `read_only: true` in long syntax. The read-only ' +
        'mount is still reported, as a warning.',
    },
    options: {
      paths: { type: 'string[]', description: 'Extra host paths to treat as sensitive.' },
      allow: {
        type: 'string[]',
        description: 'Host paths (and what is under them) that are fine to mount, such as /var/www for a web root.',
      },
    },
    cis: ['5.5'],
    cwe: ['CWE-668'],
    references: ['https://docs.docker.com/engine/storage/bind-mounts/'],
    examples: {
      bad: [
        'services:\n  app:\n    image: alpine:3.20\n    volumes:\n      - /etc:/host/etc\n',
        'services:\n  app:\n    image: alpine:3.20\n    volumes:\n      - type: bind\n        source: /\n        ' +
          'target: /host\n',
      ],
      good: [
        'services:\n  app:\n    image: alpine:3.20\n    volumes:\n      - ./config:/etc/app:ro\n      - ' +
          '/library/books:/books\n',
      ],
    },
    sources: {
      devcontainer: {
        description:
          'Flags bind mounts of sensitive host paths in `mounts` (string and object forms) and in `-v`/`--mount` flags of `runArgs`: writable ones are errors, read-only ones warnings. `${localEnv:HOME}` (and `USERPROFILE`) is the home folder, so a mount of `${localEnv:HOME}/.ssh` is judged as `~/.ssh`.',
        howToFix:
          'Mount only what the tools need, read-only. Your SSH keys do not need a mount: the editor forwards the SSH agent into the dev container.',
        fixes: { unsafe: 'Adds `readonly` to the mount (or `:ro` to a `-v` flag).' },
        examples: {
          bad: [
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "mounts": ["source=/etc,target=/host/etc,type=bind"]\n}\n',
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "runArgs": ["-v", "${localEnv:HOME}/.ssh:/home/vscode/.ssh"]\n}\n',
          ],
          good: [
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n  "mounts": ["source=${localWorkspaceFolder}/.cache,target=/cache,type=bind"]\n}\n',
          ],
        },
      },
      run: {
        description:
          'Flags `-v`/`--mount` binds of sensitive host paths (the same list as for Compose: `/`, `/etc`, `/proc`, `~/.ssh`, cloud credentials...). `$HOME` reads as the home folder; `$(pwd)` and `$PWD` as the working folder.',
        howToFix: 'Mount only the file or folder the container needs, read-only (`:ro`) when it only reads it.',
        fixes: {
          unsafe: 'Adds `:ro` to the `-v` value (or `,readonly` to a `--mount`), keeping its quoting and variables.',
        },
        examples: {
          bad: [
            'docker run --rm -v /:/host alpine:3.20 true\n',
            'docker run --rm -v $HOME/.ssh:/root/.ssh alpine:3.20 true\n',
          ],
          good: ['docker run --rm -v "$(pwd)":/src alpine:3.20 true\n'],
        },
      },
    },
  },
  check(ctx) {
    const extra = ctx.options.paths ?? [];
    const list = [...SENSITIVE, ...extra];
    const allowed = ctx.options.allow ?? [];
    const sensitive = (src: string) =>
      (list.some((d) => under(src, d)) || src === '~' || SENSITIVE_HOME.slice(1).some((h) => under(src, h))) &&
      !allowed.some((a) => under(src, a)) &&
      !HARMLESS_DEVICES.includes(src);
    // named volumes that bind a host path through driver_opts: reported where the path is written
    for (const b of ctx.boundVolumes()) {
      const src = normPath(b.path);
      if (!sensitive(src) || isEngineSocket(src)) continue;
      ctx.report({
        at: b.setting,
        message:
          `Volume '${b.name}' binds the sensitive host path ${src} (driver_opts): every service that mounts it can ` +
          `change the host. Use a dedicated directory.`,
      });
    }
    for (const c of ctx.containers) {
      for (const m of c.mounts) {
        const v = m.value;
        if (v.type !== 'bind' || !v.source || isEngineSocket(v.source)) continue;
        const src = hostPathOf(v.source, v.base);
        if (src === undefined || !sensitive(src)) continue;
        // the host's time zone, shared read-only: what every such mount is for
        if (v.readOnly && TIME_ZONE_FILES.some((t) => under(src, t))) continue;
        // what a monitoring agent reads to name the host (os-release, passwd, machine-id): nothing secret in it
        if (v.readOnly && HOST_FACT_FILES.includes(src)) continue;
        // a database's socket (/var/run/mysqld/mysqld.sock): the service, as over the network, not the host
        if (isServiceSocket(src)) continue;
        // the system D-Bus, systemd's sockets...: read-only restricts nothing, and root in the container is root there
        const control = hostControlSocket(src);
        if (control) {
          ctx.report({
            at: m,
            severity: 'error',
            message:
              `${c.subject} mounts ${control} (${src}${v.readOnly ? ', read-only, which does not restrict a socket' : ''}): ` +
              `a root process in the container can ask the host's services to act for it (start units, change the ` +
              `network, run as the host's root). Remove the mount.`,
          });
          continue;
        }
        // a device below /dev that is no disk or memory (a GPU's render node, sound, USB): a device, not the host
        if (src !== '/dev' && under(src, '/dev') && deviceExposure(src) !== 'raw') {
          ctx.report({
            at: m,
            severity: 'warning',
            message:
              `${c.subject} binds the host device path ${src}: the container can use what is there (a GPU's ` +
              `render node, sound, USB), though not the host's disks or memory. Map only the devices it needs ` +
              `with devices: instead.`,
          });
          continue;
        }
        ctx.report({
          at: m,
          severity: v.readOnly ? 'warning' : 'error',
          message: v.readOnly
            ? `${c.subject} mounts the sensitive host path ${src} (read-only): it can read host secrets. ` +
              `Mount only what the service needs.`
            : `${c.subject} mounts the sensitive host path ${src} writable: the container can change the ` +
              `host. Mount only what it needs, read-only.`,
          fixes: v.readOnly
            ? undefined
            : () => {
                const ro = v.readOnlyFix?.();
                return ro ? [{ title: ro.title, applicability: 'unsafe', edits: ro.edits }] : [];
              },
        });
      }
    }
  },
});
