// Table-driven cases for the rules that run on devcontainer.json: JSON with comments and trailing commas, runArgs
// flags in both spellings, features that imply grants, Compose-backed and Dockerfile-backed dev containers.
import type { Cases } from './ruleTester';

/** A devcontainer.json: line 1 `{`, line 2 the image, the body from line 3. */
const D = (body: string) => `{\n  "image": "mcr.microsoft.com/devcontainers/base:1-ubuntu-24.04",\n${body}}\n`;
/** A Compose-backed one: its runArgs are not used (Compose starts the container), its own properties are. */
const C = (body: string) => `{\n  "dockerComposeFile": "compose.yaml",\n  "service": "app",\n${body}}\n`;
/** A Dockerfile-backed one. */
const B = (body: string) => `{\n  "build": { "dockerfile": "Dockerfile", "context": ".." },\n${body}}\n`;

const ns = (flag: string): Cases => ({
  valid: [D(''), D(`  "runArgs": ["--${flag}=bridge"]\n`), C(`  "runArgs": ["--${flag}=host"]\n`)],
  invalid: [
    {
      name: '--flag=host, the flag removed with its comma',
      code: D(`  "runArgs": ["--init", "--${flag}=host"]\n`),
      errors: [{ line: 3, column: 25, endLine: 3, endColumn: 34 + flag.length }],
      fixes: [{ title: /Remove/, output: D(`  "runArgs": ["--init"]\n`) }],
    },
    {
      name: 'two words (--flag host), one per line, with comments',
      code: D(`  "runArgs": [\n    // shares the host\n    "--${flag}",\n    "host",\n    "--init", // keep\n  ],\n`),
      errors: [{ line: 5, column: 5 }],
      fixes: [{ title: /Remove/, output: D(`  "runArgs": [\n    // shares the host\n    "--init", // keep\n  ],\n`) }],
    },
  ],
});

export const devcontainerCases: Record<string, Cases> = {
  'devcontainer/privileged': {
    valid: [
      D('  "privileged": false\n'),
      D('  "runArgs": ["--privileged=false"]\n'),
      D('  "features": {\n    "ghcr.io/devcontainers/features/node:1": {}\n  }\n'),
      { name: 'a feature turned off', code: D('  "features": {\n    "docker-in-docker": false\n  }\n') },
    ],
    invalid: [
      {
        name: 'the property, with a comment and a trailing comma',
        code: D('  // needed for the kernel module tests\n  "privileged": true,\n  "remoteUser": "vscode",\n'),
        errors: [{ line: 4, column: 3, endLine: 4, endColumn: 21, severity: 'error' }],
        fixes: [
          {
            title: /Remove "privileged": true/,
            output: D('  // needed for the kernel module tests\n  "remoteUser": "vscode",\n'),
          },
        ],
      },
      {
        name: 'the last property: the comma before it goes too',
        code: D('  "remoteUser": "vscode",\n  "privileged": true\n'),
        errors: [{ line: 4, column: 3 }],
        fixes: [{ title: /Remove/, output: D('  "remoteUser": "vscode"\n') }],
      },
      {
        name: 'runArgs --privileged',
        code: D('  "runArgs": ["--privileged", "--init"]\n'),
        errors: [{ line: 3, column: 15, endLine: 3, endColumn: 29 }],
        fixes: [{ title: /Remove --privileged/, output: D('  "runArgs": ["--init"]\n') }],
      },
      {
        name: 'the docker-in-docker feature, at any version',
        code: D(
          '  "features": {\n    "ghcr.io/devcontainers/features/docker-in-docker:2": { "moby": true },\n' +
            '    "ghcr.io/devcontainers/features/node:1": {},\n  },\n',
        ),
        errors: [{ line: 4, column: 5, message: /feature ghcr\.io\/devcontainers\/features\/docker-in-docker:2/ }],
        fixes: [
          {
            title: /Remove/,
            output: D('  "features": {\n    "ghcr.io/devcontainers/features/node:1": {},\n  },\n'),
          },
        ],
      },
      {
        name: 'Compose-backed: its own property applies (the runArgs would not)',
        code: C('  "privileged": true,\n  "runArgs": ["--privileged"]\n'),
        errors: [{ line: 4, column: 3 }],
      },
    ],
  },
  'devcontainer/cap-add': {
    valid: [D('  "capAdd": ["NET_BIND_SERVICE"]\n'), D('  "runArgs": ["--cap-drop=ALL"]\n')],
    invalid: [
      {
        name: 'capAdd, the debugger template: a warning, its own processes (not an escape)',
        code: D('  "capAdd": ["SYS_PTRACE"],\n  "securityOpt": ["seccomp=unconfined"]\n'),
        errors: [
          {
            line: 3,
            column: 14,
            endLine: 3,
            endColumn: 26,
            severity: 'warning',
            message: /SYS_PTRACE: it can read and change the memory of every process it sees \(its own/,
          },
        ],
        fixes: [
          {
            title: /Remove SYS_PTRACE from capAdd/,
            output: D('  "capAdd": [],\n  "securityOpt": ["seccomp=unconfined"]\n'),
          },
        ],
      },
      {
        name: 'runArgs, both spellings',
        code: D('  "runArgs": ["--cap-add=NET_ADMIN", "--cap-add", "SYS_ADMIN"]\n'),
        errors: [
          { line: 3, column: 15, severity: 'warning' },
          { line: 3, column: 38, endLine: 3, endColumn: 62, severity: 'error' },
        ],
        fixes: [{ title: /Remove --cap-add SYS_ADMIN/, output: D('  "runArgs": ["--cap-add=NET_ADMIN"]\n') }],
      },
      {
        name: 'Dockerfile-backed',
        code: B('  "capAdd": ["SYS_MODULE"]\n'),
        errors: [{ line: 3, column: 14 }],
      },
    ],
  },
  'devcontainer/host-network': {
    valid: [D(''), D('  "runArgs": ["--network=bridge"]\n'), C('  "runArgs": ["--network=host"]\n')],
    invalid: [
      {
        name: '--network=host',
        code: D('  "runArgs": ["--network=host"]\n'),
        errors: [{ line: 3, column: 15, endLine: 3, endColumn: 31, message: /\(--network=host\)/ }],
        noFix: true,
      },
      {
        name: 'the legacy --net, two words',
        code: D('  "runArgs": ["--net", "host"]\n'),
        errors: [{ line: 3, column: 15 }],
      },
    ],
  },
  'devcontainer/host-pid': ns('pid'),
  'devcontainer/host-ipc': ns('ipc'),
  'devcontainer/host-uts': ns('uts'),
  'devcontainer/host-userns': ns('userns'),
  'devcontainer/host-cgroupns': ns('cgroupns'),
  'devcontainer/seccomp-unconfined': {
    valid: [D('  "securityOpt": ["seccomp=/profiles/dev.json"]\n')],
    invalid: [
      {
        name: 'securityOpt with = and with :',
        code: D('  "securityOpt": ["seccomp=unconfined", "label:disable"]\n'),
        errors: [{ line: 3, column: 19, endLine: 3, endColumn: 39 }],
        fixes: [
          { title: /Remove 'seccomp=unconfined' from securityOpt/, output: D('  "securityOpt": ["label:disable"]\n') },
        ],
      },
      {
        name: 'runArgs --security-opt, two words',
        code: D('  "runArgs": ["--security-opt", "seccomp=unconfined"]\n'),
        errors: [{ line: 3, column: 15 }],
        fixes: [{ title: /Remove/, output: D('  "runArgs": []\n') }],
      },
      {
        name: "the debugger template: Docker's default profile already allows ptrace with SYS_PTRACE, and says so",
        code: D('  "capAdd": ["SYS_PTRACE"],\n  "securityOpt": ["seccomp=unconfined"]\n'),
        errors: [{ line: 4, column: 19, message: /default seccomp profile allows ptrace .* this entry can simply go/ }],
        fixes: [
          { title: /Remove 'seccomp=unconfined'/, output: D('  "capAdd": ["SYS_PTRACE"],\n  "securityOpt": []\n') },
        ],
      },
    ],
  },
  'devcontainer/apparmor-unconfined': {
    valid: [D('  "securityOpt": ["apparmor=docker-default"]\n')],
    invalid: [{ code: D('  "securityOpt": ["apparmor=unconfined"]\n'), errors: [{ line: 3, column: 19 }] }],
  },
  'devcontainer/selinux-disabled': {
    valid: [D('  "securityOpt": ["label=type:container_t"]\n')],
    invalid: [{ code: D('  "runArgs": ["--security-opt=label=disable"]\n'), errors: [{ line: 3, column: 15 }] }],
  },
  'devcontainer/systempaths-unconfined': {
    valid: [D('  "securityOpt": ["no-new-privileges"]\n')],
    invalid: [{ code: D('  "securityOpt": ["systempaths=unconfined"]\n'), errors: [{ line: 3, column: 19 }] }],
  },
  'devcontainer/docker-socket': {
    valid: [
      D('  "mounts": ["source=dind-var-lib-docker,target=/var/lib/docker,type=volume"]\n'),
      D('  "features": {\n    "ghcr.io/devcontainers/features/github-cli:1": {}\n  }\n'),
    ],
    invalid: [
      {
        name: 'a mounts string',
        code: D('  "mounts": [\n    "source=/var/run/docker.sock,target=/var/run/docker.sock,type=bind",\n  ]\n'),
        errors: [{ line: 4, column: 5 }],
        fixes: [{ title: /Remove the \/var\/run\/docker\.sock mount/, output: D('  "mounts": [\n  ]\n') }],
      },
      {
        name: 'a mounts object',
        code: D(
          '  "mounts": [{ "source": "/run/podman/podman.sock", "target": "/run/podman.sock", "type": "bind" }]\n',
        ),
        errors: [{ line: 3, column: 14 }],
      },
      {
        name: 'runArgs -v',
        code: D('  "runArgs": ["-v", "/var/run/docker.sock:/var/run/docker.sock:ro"]\n'),
        errors: [{ line: 3, column: 15, message: /read-only does not restrict/ }],
      },
      {
        name: 'the docker-outside-of-docker feature, and its older name',
        code: D(
          '  "features": {\n    "ghcr.io/devcontainers/features/docker-outside-of-docker:1": {},\n' +
            '    "docker-from-docker": "latest"\n  }\n',
        ),
        errors: [
          { line: 4, column: 5, message: /through the feature/ },
          { line: 5, column: 5 },
        ],
        fixes: [
          {
            title: /Remove the \/var\/run\/docker\.sock mount/,
            output: D('  "features": {\n    "docker-from-docker": "latest"\n  }\n'),
          },
        ],
      },
    ],
  },
  'devcontainer/sensitive-host-mount': {
    valid: [
      D('  "mounts": ["source=${localWorkspaceFolder}/.cache,target=/cache,type=bind"]\n'),
      D('  "mounts": ["source=${localEnv:SOME_DIR},target=/data,type=bind"]\n'),
    ],
    invalid: [
      {
        name: "${env:HOME}${env:USERPROFILE}, the official templates' spelling of the home folder",
        code: D('  "mounts": ["source=${env:HOME}${env:USERPROFILE}/.ssh,target=/home/vscode/.ssh,type=bind"]\n'),
        errors: [{ line: 3, column: 14, message: /sensitive host path ~\/\.ssh writable/ }],
      },
      {
        name: 'the home folder variables: ~/.ssh, made read-only by the fix',
        code: D(
          '  "mounts": ["source=${localEnv:HOME}${localEnv:USERPROFILE}/.ssh,target=/home/vscode/.ssh,type=bind"]\n',
        ),
        errors: [{ line: 3, column: 14, severity: 'error', message: /~\/\.ssh writable/ }],
        fixes: [
          {
            title: /read-only/,
            output: D(
              '  "mounts": ["source=${localEnv:HOME}${localEnv:USERPROFILE}/.ssh,target=/home/vscode/.ssh,type=bind,readonly"]\n',
            ),
          },
        ],
      },
      {
        name: 'runArgs -v of / (two words), :ro added',
        code: D('  "runArgs": ["-v", "/:/host"]\n'),
        errors: [{ line: 3, column: 15, severity: 'error' }],
        fixes: [{ title: /read-only \(:ro\)/, output: D('  "runArgs": ["-v", "/:/host:ro"]\n') }],
      },
      {
        name: 'read-only: a warning',
        code: D('  "mounts": ["type=bind,source=/etc,target=/host/etc,readonly"]\n'),
        errors: [{ line: 3, column: 14, severity: 'warning' }],
      },
      {
        name: 'a workspace mount that climbs to the root',
        code: D('  "workspaceMount": "source=${localWorkspaceFolder}/../../../../../..,target=/w,type=bind"\n'),
        file: '/work/p/.devcontainer/devcontainer.json',
        errors: [{ line: 3, column: 21 }],
      },
    ],
  },
  'devcontainer/devices': {
    valid: [D('  "runArgs": ["--device=/dev/null"]\n')],
    invalid: [
      {
        code: D('  "runArgs": ["--device", "/dev/mem", "--device-cgroup-rule=a *:* rwm"]\n'),
        errors: [
          { line: 3, column: 15, severity: 'error' },
          { line: 3, column: 39, severity: 'error', message: /every host device/ },
        ],
      },
    ],
  },
  'devcontainer/user-root': {
    valid: [D('  "remoteUser": "vscode",\n  "containerUser": "vscode"\n'), D('  "runArgs": ["--user=1000"]\n')],
    invalid: [
      {
        name: 'remoteUser and containerUser: no fix (the user must exist in the image)',
        code: D('  "containerUser": "root",\n  "remoteUser": "root"\n'),
        errors: [
          { line: 3, column: 3, message: /"containerUser": "root"/ },
          { line: 4, column: 3 },
        ],
        noFix: true,
      },
      {
        name: 'runArgs -u 0: the value rewritten',
        code: D('  "runArgs": ["-u", "0", "--init"]\n'),
        errors: [{ line: 3, column: 15 }],
        fixes: [{ title: /Run as 10001:10001/, output: D('  "runArgs": ["-u", "10001:10001", "--init"]\n') }],
      },
      {
        name: 'runArgs --user=root: the word rewritten',
        code: D('  "runArgs": ["--user=root"]\n'),
        errors: [{ line: 3, column: 15 }],
        fixes: [{ title: /Run as/, output: D('  "runArgs": ["--user=10001:10001"]\n') }],
      },
    ],
  },
  'devcontainer/secret-in-environment': {
    valid: [
      D('  "containerEnv": {\n    "API_TOKEN": "${localEnv:API_TOKEN}",\n    "DEBUG": "1"\n  }\n'),
      D('  "runArgs": ["-e", "GITHUB_TOKEN"]\n'),
    ],
    invalid: [
      {
        name: 'containerEnv and remoteEnv',
        code: D(
          '  "containerEnv": { "DB_PASSWORD": "hunter2" },\n  "remoteEnv": { "NPM_TOKEN": "npm_abcdefghijklmnopqrstuvwxyz0123456789" }\n',
        ),
        errors: [
          { line: 3, column: 21, message: /in containerEnv/ },
          { line: 4, column: 18, message: /\$\{localEnv:NPM_TOKEN\}/ },
        ],
      },
      {
        name: 'a default written in the file is a literal',
        code: D('  "containerEnv": { "API_KEY": "${localEnv:API_KEY:sk-live-1234567890abcdef}" }\n'),
        errors: [{ line: 3, column: 21 }],
      },
      {
        name: 'runArgs -e',
        code: D('  "runArgs": ["--env=AWS_SECRET_ACCESS_KEY=abcd1234abcd1234abcd"]\n'),
        errors: [{ line: 3, column: 15 }],
      },
    ],
  },
  'devcontainer/port-all-interfaces': {
    valid: [
      D('  "forwardPorts": [5432, "db:5432"],\n  "appPort": [3000]\n'),
      D('  "runArgs": ["-p", "127.0.0.1:5432:5432"]\n'),
      C('  "runArgs": ["-p", "5432:5432"]\n'),
    ],
    invalid: [
      {
        name: '-p, two words: bound to 127.0.0.1 by the fix',
        code: D('  "runArgs": ["-p", "5432:5432"]\n'),
        errors: [{ line: 3, column: 15, endLine: 3, endColumn: 32, message: /publishes port 5432 on all interfaces/ }],
        fixes: [{ title: /Bind to 127\.0\.0\.1/, output: D('  "runArgs": ["-p", "127.0.0.1:5432:5432"]\n') }],
      },
      {
        name: '--publish=0.0.0.0:...: the address replaced',
        code: D('  "runArgs": ["--publish=0.0.0.0:8080:80"]\n'),
        errors: [{ line: 3, column: 15 }],
        fixes: [{ title: /Bind to/, output: D('  "runArgs": ["--publish=127.0.0.1:8080:80"]\n') }],
      },
      {
        name: 'recommended: two ports are one finding at runArgs, one fix for both',
        profile: 'recommended',
        code: D('  "runArgs": ["-p", "5432:5432", "-p8080:80"]\n'),
        errors: [{ line: 3, column: 3, message: /ports 5432, 8080/ }],
        fixes: [
          {
            title: /Bind them to 127\.0\.0\.1/,
            output: D('  "runArgs": ["-p", "127.0.0.1:5432:5432", "-p127.0.0.1:8080:80"]\n'),
          },
        ],
      },
    ],
  },
  'devcontainer/mount-propagation': {
    valid: [D('  "mounts": ["type=bind,source=/mnt/data,target=/data,bind-propagation=rprivate"]\n')],
    invalid: [
      {
        code: D('  "mounts": ["type=bind,source=/mnt/data,target=/data,bind-propagation=rshared"]\n'),
        errors: [{ line: 3, column: 14, message: /rshared propagation/ }],
      },
      {
        name: '-v with :rslave',
        code: D('  "runArgs": ["-v", "/mnt/x:/x:rslave"]\n'),
        errors: [{ line: 3, column: 15 }],
      },
    ],
  },
  'devcontainer/oom-kill-disable': {
    valid: [D('  "runArgs": ["--oom-kill-disable=false"]\n')],
    invalid: [
      {
        code: D('  "runArgs": ["--init", "--oom-kill-disable"]\n'),
        errors: [{ line: 3, column: 25 }],
        fixes: [{ title: /Remove --oom-kill-disable/, output: D('  "runArgs": ["--init"]\n') }],
      },
    ],
  },
  'devcontainer/ulimits-unlimited': {
    valid: [D('  "runArgs": ["--ulimit", "nofile=65536:65536"]\n'), D('  "runArgs": ["--ulimit=core=-1"]\n')],
    invalid: [
      {
        name: 'soft and hard unlimited: one finding',
        code: D('  "runArgs": ["--ulimit", "nproc=-1:-1"]\n'),
        errors: [{ line: 3, column: 15, message: /nproc ulimit to -1/ }],
      },
    ],
  },
  'devcontainer/cgroup-parent': {
    valid: [D('  "runArgs": ["--init"]\n')],
    invalid: [{ code: D('  "runArgs": ["--cgroup-parent", "/system.slice"]\n'), errors: [{ line: 3, column: 15 }] }],
  },
  'devcontainer/tmpfs-options': {
    valid: [
      D('  "runArgs": ["--tmpfs", "/tmp"]\n'),
      { code: D('  "runArgs": ["--tmpfs=/tmp:exec"]\n'), profile: 'recommended' },
    ],
    invalid: [
      {
        code: D('  "runArgs": ["--tmpfs", "/tmp:suid,dev"]\n'),
        errors: [{ line: 3, column: 15, severity: 'info', message: /with suid, dev/ }],
      },
    ],
  },
  'devcontainer/logging-disabled': {
    valid: [D('  "runArgs": ["--log-driver", "json-file"]\n')],
    invalid: [{ code: D('  "runArgs": ["--log-driver=NONE"]\n'), errors: [{ line: 3, column: 15 }] }],
  },
  'devcontainer/admin-port': {
    valid: [D('  "forwardPorts": [22, 6443]\n'), D('  "runArgs": ["-p", "8080:80"]\n')],
    invalid: [
      {
        code: D('  "runArgs": ["-p", "127.0.0.1:6443:6443", "-p", "2222:22"]\n'),
        errors: [
          { line: 3, column: 15, severity: 'warning', message: /Kubernetes API/ },
          { line: 3, column: 44, severity: 'info' },
        ],
      },
    ],
  },
  'devcontainer/image-digest': {
    valid: [
      `{ "image": "mcr.microsoft.com/devcontainers/base:1-ubuntu-24.04@sha256:${'a'.repeat(64)}" }`,
      '{ "image": "mcr.microsoft.com/devcontainers/universal:latest" }',
      { name: 'built from a Dockerfile', code: B('  "image": "ignored:1.0"\n') },
      { code: D(''), profile: 'recommended' },
    ],
    invalid: [
      {
        code: D(''),
        errors: [
          { line: 2, column: 12, endLine: 2, endColumn: 65, severity: 'info', message: /a tag without a digest/ },
        ],
      },
    ],
  },
  'devcontainer/untrusted-registry': {
    valid: [
      D(''),
      { code: D(''), options: { trustedRegistries: ['mcr.microsoft.com/devcontainers'] } },
      {
        name: 'built from a Dockerfile',
        code: B('  "image": "quay.io/x:1"\n'),
        options: { trustedRegistries: ['ghcr.io'] },
      },
    ],
    invalid: [
      {
        code: D(''),
        options: { trustedRegistries: ['ghcr.io/acme'] },
        errors: [
          {
            line: 2,
            column: 12,
            endLine: 2,
            endColumn: 65,
            severity: 'warning',
            message: /from mcr\.microsoft\.com\/devcontainers\/base, which is not in trustedRegistries/,
          },
        ],
      },
    ],
  },
  'devcontainer/image-tag': {
    valid: [
      D(''),
      { name: 'built from a Dockerfile', code: B('  "image": "ignored:latest"\n') },
      { name: 'Compose-backed', code: C('  "image": "x:latest"\n') },
    ],
    invalid: [
      {
        name: 'latest',
        code: '{\n  // the universal image\n  "image": "mcr.microsoft.com/devcontainers/universal:latest",\n}\n',
        errors: [{ line: 3, column: 12, message: /moving tag 'latest'/ }],
      },
      { name: 'no tag', code: '{ "image": "node" }', errors: [{ line: 1, column: 12, message: /no tag/ }] },
    ],
  },
  'devcontainer/docker-daemon-tcp': {
    valid: [
      D('  "containerEnv": { "DOCKER_HOST": "unix:///var/run/docker-host.sock" }\n'),
      D('  "remoteEnv": { "DOCKER_HOST": "${localEnv:DOCKER_HOST}" }\n'),
      D('  "postStartCommand": "dockerd -H tcp://0.0.0.0:2376 --tlsverify"\n'),
    ],
    invalid: [
      {
        name: 'the host daemon over plain TCP',
        code: D('  "containerEnv": {\n    "DOCKER_HOST": "tcp://host.docker.internal:2375",\n  },\n'),
        errors: [{ line: 4, column: 5, message: /tcp:\/\/host\.docker\.internal:2375/ }],
      },
      {
        name: 'a lifecycle command that starts the daemon on TCP, and -e in runArgs',
        code: D(
          '  "postStartCommand": ["sudo", "dockerd", "-H", "tcp://0.0.0.0:2375"],\n' +
            '  "runArgs": ["-e", "DOCKER_HOST=tcp://dind:2375"]\n',
        ),
        errors: [
          { line: 3, column: 3 },
          { line: 4, column: 15 },
        ],
      },
    ],
  },
  'devcontainer/initialize-command': {
    valid: [D('  "postCreateCommand": "npm ci"\n')],
    invalid: [
      {
        name: 'a string',
        code: D('  "initializeCommand": "docker login -u me -p $TOKEN"\n'),
        errors: [{ line: 3, column: 3, severity: 'info', message: /docker login -u me -p \$TOKEN/ }],
      },
      {
        name: 'an array and an object of commands',
        code: D('  "initializeCommand": { "env": ["bash", "-c", "env > .env"] }\n'),
        errors: [{ line: 3, column: 3, message: /env: bash -c env > \.env/ }],
      },
    ],
  },
};
