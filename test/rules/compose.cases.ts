// Table-driven cases for every Compose rule: valid code, invalid code with exact 1-based positions, fix outputs.
import type { Cases } from './ruleTester';

const H = 'services:\n  app:\n    image: alpine:3.20\n';
const ANCHOR = (k: string) => `x-base: &base\n  ${k}\nservices:\n  app:\n    <<: *base\n    image: alpine:3.20\n`;

const ns = (key: string, id: string): Cases => ({
  valid: [H, `${H}    ${key}: "service:db"\n`, `${H}    ${key}: \${NS}\n`],
  invalid: [
    {
      name: 'version-less, plain',
      code: `${H}    ${key}: host\n`,
      errors: [{ line: 4, column: 5, endLine: 4, endColumn: 11 + key.length }],
      fixes: [{ title: /Remove/, output: H }],
    },
    { name: 'string-valued', code: `version: "3.8"\n${H}    ${key}: "host"\n`, errors: [{ line: 5, column: 5 }] },
    {
      name: 'merge key',
      code: ANCHOR(`${key}: host`),
      errors: [{ line: 5, column: 5, endLine: 5, endColumn: 14, message: new RegExp(id) }],
    },
    { name: 'interpolation default', code: `${H}    ${key}: \${NS:-host}\n`, errors: [{ line: 4, column: 5 }] },
  ],
});

export const composeCases: Record<string, Cases> = {
  'compose/host-network': {
    valid: [H, `${H}    network_mode: bridge\n`, `${H}    network_mode: "service:db"\n`],
    invalid: [
      {
        name: 'legacy (version 1) file: net: host',
        code: 'vpn:\n  image: alpine:3.20\n  net: host\n',
        errors: [{ line: 3, column: 3, message: /\(net: host\)/ }],
      },
      {
        code: `${H}    network_mode: host\n`,
        errors: [{ line: 4, column: 5, endLine: 4, endColumn: 23, severity: 'error' }],
        noFix: true,
      },
      { name: 'string-valued', code: `${H}    network_mode: "host"\n`, errors: [{ line: 4, column: 5 }] },
      { name: 'merge key', code: ANCHOR('network_mode: host'), errors: [{ line: 5, column: 5 }] },
    ],
  },
  'compose/host-pid': ns('pid', 'host-pid|PID'),
  'compose/host-ipc': ns('ipc', 'IPC'),
  'compose/host-uts': ns('uts', 'UTS'),
  'compose/host-userns': ns('userns_mode', 'user'),
  'compose/host-cgroupns': ns('cgroup', 'cgroup'),
  'compose/resource-limits': {
    valid: [
      {
        name: "a fragment (no image, build or extends: an override's labels) is judged where the service is defined",
        code: 'services:\n  frontend:\n    labels:\n      - traefik.enable=true\n',
      },
      `${H}    deploy:\n      resources:\n        limits:\n          memory: 1G\n          cpus: '1'\n          pids: 64\n`,
      `${H}    mem_limit: 1g\n    cpu_quota: 50000\n    pids_limit: 64\n`,
      {
        name: 'a limit the config sets to off is not listed; the others are set',
        code: `${H}    mem_limit: 1g\n    cpus: 0.5\n`,
        rules: { 'compose/pids-limit': 'off' },
      },
      { name: 'strict: the rules of each limit report instead', code: H, profile: 'strict' },
    ],
    invalid: [
      {
        name: 'nothing set: one finding, one fix that adds exactly the missing limits',
        code: H,
        errors: [
          {
            line: 2,
            column: 3,
            endLine: 2,
            endColumn: 6,
            severity: 'warning',
            message: /^Service 'app' has no memory, CPU or PID limit: .* \(memory, cpus, pids\)\.$/,
          },
        ],
        fixes: [
          {
            title: /Add deploy\.resources\.limits memory: 512M, cpus: '1\.0', pids: 256/,
            output: `${H}    deploy:\n      resources:\n        limits:\n          memory: 512M\n          cpus: '1.0'\n          pids: 256\n`,
          },
        ],
      },
      {
        name: 'three services without limits: one finding at the first, the others as related information, one fix',
        code: `${H}  db:\n    image: postgres:16\n    mem_limit: 1g\n  cache:\n    image: redis:7\n`,
        errors: [
          {
            line: 2,
            column: 3,
            severity: 'warning',
            message:
              /^3 services of this file have no memory, CPU or PID limit \(app, db and cache\): each can exhaust the host's memory, CPUs and process table/,
            related: [
              { line: 4, message: /^Service 'db' has no CPU or PID limit either$/ },
              { line: 7, message: /^Service 'cache' has no memory, CPU or PID limit either$/ },
            ],
          },
        ],
        fixes: [
          {
            title: /^Add the missing limits to the 3 services$/,
            // the file writes limits as service keys (db): every service gets service keys
            output:
              `${H}    mem_limit: 512M\n    cpus: '1.0'\n    pids_limit: 256\n` +
              `  db:\n    image: postgres:16\n    mem_limit: 1g\n    cpus: '1.0'\n    pids_limit: 256\n` +
              `  cache:\n    image: redis:7\n    mem_limit: 512M\n    cpus: '1.0'\n    pids_limit: 256\n`,
          },
        ],
      },
      {
        name: 'into an existing limits mapping, only what is missing',
        code: `${H}    deploy:\n      resources:\n        limits:\n          memory: 1G\n`,
        errors: [{ line: 2, column: 3, message: /has no CPU or PID limit/ }],
        fixes: [
          {
            title: /cpus: '1\.0', pids: 256/,
            output: `${H}    deploy:\n      resources:\n        limits:\n          memory: 1G\n          cpus: '1.0'\n          pids: 256\n`,
          },
        ],
      },
      {
        name: 'a file that writes limits as service keys gets service keys',
        code: `services:\n  db:\n    image: postgres:16\n    mem_limit: 1g\n    cpus: 1\n    pids_limit: 64\n${H.slice(10)}`,
        errors: [{ line: 7, column: 3, message: /'app' has no memory, CPU or PID limit/ }],
        fixes: [
          {
            title: /Add mem_limit: 512M, cpus: '1\.0', pids_limit: 256/,
            output:
              `services:\n  db:\n    image: postgres:16\n    mem_limit: 1g\n    cpus: 1\n    pids_limit: 64\n${H.slice(10)}` +
              `    mem_limit: 512M\n    cpus: '1.0'\n    pids_limit: 256\n`,
          },
        ],
      },
      {
        name: 'version 2 file: service keys',
        code: `version: "2.4"\n${H}`,
        errors: [{ line: 3, column: 3 }],
        fixes: [
          {
            title: /mem_limit/,
            output: `version: "2.4"\n${H}    mem_limit: 512M\n    cpus: '1.0'\n    pids_limit: 256\n`,
          },
        ],
      },
      {
        name: 'a limit the config turns off is left out',
        code: `${H}    mem_limit: 1g\n`,
        rules: { 'compose/pids-limit': 'off' },
        errors: [{ line: 2, column: 3, message: /has no CPU limit: it can exhaust the host's CPUs\. .* \(cpus\)\.$/ }],
      },
      {
        name: 'merge key: the memory limit comes from the anchor',
        code: 'x-lim: &lim\n  mem_limit: 1g\nservices:\n  app:\n    <<: *lim\n    image: a:1\n',
        errors: [{ line: 4, column: 3, message: /has no CPU or PID limit/ }],
      },
    ],
  },
  'compose/hardening': {
    valid: [
      `${H}    read_only: true\n    cap_drop: [ALL]\n    security_opt: [no-new-privileges:true]\n`,
      { name: 'privileged overrides it (compose/privileged reports)', code: `${H}    privileged: true\n` },
      {
        name: 'privileged through the docker-in-docker feature of the dev container that runs the service',
        code: H,
        files: {
          '/work/p/.devcontainer/devcontainer.json':
            '{\n  // runs the app service\n  "dockerComposeFile": ["../compose.yaml"],\n  "service": "app",\n' +
            '  "features": { "ghcr.io/devcontainers/features/docker-in-docker:2": {} },\n}\n',
        },
      },
      { name: 'strict: each rule reports on its own', code: H, profile: 'strict' },
      {
        name: "items the config configures are their rules' own",
        code: `${H}    read_only: true\n`,
        rules: { 'compose/cap-drop-missing': 'off', 'compose/no-new-privileges': 'warning' },
      },
    ],
    invalid: [
      {
        name: 'nothing set: one hint; a safe fix for no-new-privileges, unsafe ones for the rest',
        code: H,
        errors: [
          {
            line: 2,
            column: 3,
            severity: 'hint',
            message:
              /^Service 'app' could be hardened: add no-new-privileges:true, cap_drop: \[ALL\], read_only: true\.$/,
          },
        ],
        fixes: [
          {
            title: /^Add no-new-privileges:true to security_opt$/,
            output: `${H}    security_opt:\n      - no-new-privileges:true\n`,
          },
          { title: /^Add cap_drop: \[ALL\]$/, output: `${H}    cap_drop:\n      - ALL\n` },
          { title: /^Add read_only: true$/, output: `${H}    read_only: true\n` },
        ],
      },
      {
        name: "read_only: false written; no-new-privileges:false is its own rule's",
        code: `${H}    read_only: false\n    cap_drop: [ALL]\n    security_opt: [no-new-privileges:false]\n`,
        errors: [{ line: 2, column: 3, message: /could be hardened: add read_only: true\.$/ }],
        fixes: [
          {
            title: /Set read_only: true/,
            output: `${H}    read_only: true\n    cap_drop: [ALL]\n    security_opt: [no-new-privileges:false]\n`,
          },
        ],
      },
      {
        name: 'merge key: cap_drop from the anchor counts',
        code: 'x-h: &h\n  cap_drop: [ALL]\nservices:\n  app:\n    <<: *h\n    image: a:1\n',
        errors: [{ line: 4, column: 3, message: /add no-new-privileges:true, read_only: true\.$/ }],
      },
    ],
  },
  'compose/namespace-join': {
    valid: [
      {
        name: 'a dev container for another compose file does not count',
        code: 'services:\n  vpn:\n    image: v:1\n  app:\n    image: a:1\n    network_mode: "service:vpn"\n',
        files: {
          '/work/p/.devcontainer/devcontainer.json':
            '{ "dockerComposeFile": "other.yaml", "service": "vpn", "privileged": true }',
        },
      },
      'services:\n  vpn:\n    image: v:1\n  app:\n    image: a:1\n    network_mode: "service:vpn"\n',
      { name: 'a container outside the project', code: `${H}    network_mode: "container:sidecar"\n` },
      {
        name: 'the same namespace kind must be the host one',
        code: 'services:\n  mon:\n    image: m:1\n    pid: host\n  app:\n    image: a:1\n    network_mode: service:mon\n',
      },
    ],
    invalid: [
      {
        name: 'joins a service on the host network',
        code: 'services:\n  vpn:\n    image: v:1\n    network_mode: host\n  app:\n    image: a:1\n    network_mode: "service:vpn"\n',
        errors: [
          {
            line: 7,
            column: 5,
            message: /joins the network namespace of 'vpn', which shares the host's network namespace/,
          },
        ],
      },
      {
        name: 'joins a service that its dev container makes privileged (devcontainer.json beside the compose file)',
        code: 'services:\n  vpn:\n    image: v:1\n  app:\n    image: a:1\n    network_mode: "service:vpn"\n',
        files: {
          '/work/p/devcontainer.json': '{ "dockerComposeFile": "compose.yaml", "service": "vpn", "privileged": true }',
          '/work/p/.devcontainer.json': '{ "dockerComposeFile": "compose.yaml", "service": "vpn", "privileged": true }',
        },
        errors: [{ line: 6, column: 5, message: /namespace of 'vpn', which runs privileged/ }],
      },
      {
        name: 'the PID namespace of a privileged service, through a merge key; by container_name too',
        code:
          'x-j: &j\n  pid: "service:db"\nservices:\n  db:\n    image: d:1\n    privileged: true\n    container_name: pg\n' +
          '  app:\n    <<: *j\n    image: a:1\n  tool:\n    image: t:1\n    ipc: container:pg\n',
        errors: [
          { line: 9, column: 5, message: /joins the PID namespace of 'db', which runs privileged/ },
          { line: 13, column: 5, message: /joins the IPC namespace of 'db'/ },
        ],
      },
    ],
  },
  'compose/logging-disabled': {
    valid: [`${H}    logging:\n      driver: local\n`, `${H}    logging:\n      driver: \${LOG_DRIVER}\n`],
    invalid: [
      { code: `${H}    logging:\n      driver: none\n`, errors: [{ line: 5, column: 15, severity: 'info' }] },
      {
        name: 'merge key',
        code: 'x-l: &l\n  logging: { driver: "none" }\nservices:\n  app:\n    <<: *l\n    image: a:1\n',
        errors: [{ line: 5, column: 5, message: /discards its logs/ }],
      },
    ],
  },
  'compose/admin-port': {
    valid: [
      `${H}    expose: ["22"]\n    ports: ["8022:8080"]\n`,
      `${H}    ports: ["2375:2375"]\n`,
      // SSH is the service: a forge's Git over SSH, an SFTP server (their documented setups)
      'services:\n  server:\n    image: gitea/gitea:1.21\n    ports:\n      - "3000:3000"\n      - "222:22"\n',
      'services:\n  sftp:\n    image: atmoz/sftp:alpine\n    ports: ["2022:22"]\n',
      'services:\n  ssh:\n    image: lscr.io/linuxserver/openssh-server:latest\n    ports: ["2222:22"]\n',
      'services:\n  gitlab:\n    image: gitlab/gitlab-ce:16.11.0-ce.0\n    ports: ["22:22"]\n',
    ],
    invalid: [
      {
        code: `${H}    ports:\n      - "127.0.0.1:2222:22"\n      - target: 10250\n        published: 10250\n      - 6443/tcp\n`,
        errors: [
          { line: 5, column: 9, severity: 'info', message: /publishes port 22 \(SSH\) on the host\. If it is a shell/ },
          { line: 6, column: 9, message: /10250 \(the kubelet API\)/ },
          { line: 8, column: 9, message: /6443 \(the Kubernetes API\)/ },
        ],
      },
      {
        name: 'merge key',
        code: 'x-p: &p\n  ports: ["2379:2379"]\nservices:\n  etcd:\n    <<: *p\n    image: e:1\n',
        errors: [{ line: 5, column: 5, message: /etcd/ }],
      },
    ],
  },
  'compose/ulimits-unlimited': {
    valid: [`${H}    ulimits:\n      nofile: { soft: 65536, hard: 65536 }\n      core: -1\n`],
    invalid: [
      {
        code: `${H}    ulimits:\n      nproc: -1\n      nofile:\n        soft: 1024\n        hard: unlimited\n`,
        errors: [
          { line: 5, column: 14, message: /sets the nproc ulimit to -1/ },
          { line: 8, column: 15, message: /nofile ulimit to unlimited/ },
        ],
      },
      {
        name: 'merge key',
        code: 'x-u: &u\n  ulimits: { memlock: -1 }\nservices:\n  app:\n    <<: *u\n    image: a:1\n',
        errors: [{ line: 5, column: 5, message: /memlock/ }],
      },
    ],
  },
  'compose/image-digest': {
    valid: [
      'services:\n  api:\n    build: .\n    image: ghcr.io/acme/api:1.4\n  worker:\n    image: ghcr.io/acme/api:1.4\n',
      `services:\n  app:\n    image: alpine:3.20@sha256:${'a'.repeat(64)}\n`,
      // no tag, a moving tag: image-tag's; a service that builds: its Dockerfile's
      'services:\n  app:\n    image: alpine\n',
      'services:\n  app:\n    image: alpine:latest\n',
      'services:\n  app:\n    build: .\n    image: registry.example.com/app:1.0\n',
      { code: H, profile: 'recommended' },
    ],
    invalid: [
      {
        name: 'an image from a merge key',
        code: 'x-base: &base\n  image: redis:7.4\nservices:\n  cache:\n    <<: *base\n',
        errors: [{ line: 5, column: 5, message: /Service 'cache' runs redis:7\.4/ }],
      },
      {
        code: H,
        errors: [
          {
            line: 3,
            column: 12,
            endLine: 3,
            endColumn: 23,
            severity: 'info',
            message: /runs alpine:3\.20, a tag without a digest/,
          },
        ],
        noFix: true,
      },
      {
        name: 'interpolated from .env',
        code: 'services:\n  app:\n    image: postgres:${PG_VERSION}\n',
        files: { '/work/p/.env': 'PG_VERSION=17.2\n' },
        errors: [{ line: 3, column: 12, message: /postgres:17\.2, a tag without a digest/ }],
      },
    ],
  },
  'compose/privileged-port': {
    valid: [
      `${H}    ports:\n      - "8080:80"\n      - "127.0.0.1:5432:5432"\n      - "80"\n`,
      `${H}    ports:\n      - target: 80\n        published: 8080\n`,
      { code: `${H}    ports:\n      - "80:80"\n`, profile: 'recommended' },
    ],
    invalid: [
      {
        name: 'ports from an alias',
        code: 'x-web: &web\n  - "443:8443"\nservices:\n  app:\n    image: a:1\n    ports: *web\n',
        errors: [{ line: 6, column: 12, message: /port 443/, related: [{ line: 2, message: /defined here/ }] }],
      },
      {
        name: 'short and long syntax, a range, an interpolated default',
        code:
          `${H}    ports:\n      - "80:8080"\n      - "127.0.0.1:443:8443"\n      - target: 53\n        published: 53\n` +
          `      - "1000-1010:1000-1010"\n      - "\${HTTP_PORT:-80}:8080"\n`,
        errors: [
          { line: 5, column: 9, endLine: 5, endColumn: 18, severity: 'info', message: /privileged host port 80:/ },
          { line: 6, column: 9, message: /port 443/ },
          { line: 7, column: 9, message: /port 53/ },
          { line: 9, column: 9, message: /port 1000/ },
          { line: 10, column: 9, message: /port 80/ },
        ],
      },
    ],
  },
  'compose/healthcheck-missing': {
    valid: [
      `${H}    healthcheck:\n      test: ["CMD", "true"]\n`,
      `${H}    healthcheck:\n      disable: true\n`,
      'services:\n  app:\n    build: .\n',
      { code: H, profile: 'recommended' },
      {
        name: 'declared in the default override file',
        code: H,
        files: {
          '/work/p/compose.override.yaml': 'services:\n  app:\n    healthcheck:\n      test: ["CMD", "true"]\n',
        },
      },
    ],
    invalid: [
      {
        name: 'an image from a merge key; the healthcheck of an anchor counts',
        code:
          'x-base: &base\n  image: redis:7\nx-hc: &hc\n  healthcheck:\n    test: ["CMD", "redis-cli", "ping"]\n' +
          'services:\n  a:\n    <<: *base\n  b:\n    <<: [*base, *hc]\n',
        errors: [{ line: 7, column: 3, message: /Service 'a' declares no healthcheck/ }],
      },
      {
        code: `${H}  db:\n    image: postgres:17\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n`,
        errors: [
          {
            line: 2,
            column: 3,
            endLine: 2,
            endColumn: 6,
            severity: 'info',
            message: /Service 'app' declares no healthcheck/,
          },
        ],
      },
    ],
  },
  'compose/untrusted-registry': {
    valid: [
      'services:\n  app:\n    image: quay.io/x/y:1\n',
      {
        code: 'services:\n  app:\n    image: redis:7\n  b:\n    build: .\n    image: quay.io/x/y:1\n  c:\n    image: ${IMG}\n',
        options: { trustedRegistries: ['docker.io/library'] },
      },
    ],
    invalid: [
      {
        code: 'services:\n  app:\n    image: quay.io/x/y:1\n',
        options: { trustedRegistries: ['docker.io/library'] },
        errors: [
          {
            line: 3,
            column: 12,
            endLine: 3,
            endColumn: 25,
            severity: 'warning',
            message: /Service 'app' runs quay\.io\/x\/y:1 from quay\.io\/x\/y, which is not in trustedRegistries/,
          },
        ],
      },
      {
        name: 'an image from a merge key',
        code: 'x-base: &base\n  image: quay.io/x/y:1\nservices:\n  app:\n    <<: *base\n',
        options: { trustedRegistries: ['ghcr.io'] },
        errors: [{ line: 5, column: 5, message: /quay\.io/, related: [{ line: 2, message: /defined here/ }] }],
      },
    ],
  },
  'compose/tmpfs-options': {
    valid: [
      `${H}    tmpfs: /tmp\n`,
      `${H}    tmpfs:\n      - /tmp:size=64m,mode=1777\n      - /run:exec,noexec\n`,
      { code: `${H}    tmpfs: /tmp:exec\n`, profile: 'recommended' },
    ],
    invalid: [
      {
        name: 'a string and a list',
        code: `${H}    tmpfs: /run:exec\n  b:\n    image: b:1\n    tmpfs:\n      - /x\n      - /tmp:rw,suid,dev\n`,
        errors: [
          {
            line: 4,
            column: 12,
            endLine: 4,
            endColumn: 21,
            severity: 'info',
            message: /Service 'app' mounts a tmpfs at \/run with exec: programs written there can be run/,
          },
          { line: 9, column: 9, endLine: 9, endColumn: 25, message: /at \/tmp with suid, dev/ },
        ],
        noFix: true,
      },
      {
        name: 'from an alias',
        code: `x-tmp: &tmp\n  - /tmp:exec\nservices:\n  app:\n    image: a:1\n    tmpfs: *tmp\n`,
        errors: [{ line: 6, column: 12, message: /with exec/ }],
      },
    ],
  },
  'compose/cgroup-parent': {
    valid: [H, `${H}    cgroup_parent: ""\n`],
    invalid: [
      { code: `${H}    cgroup_parent: m-executor\n`, errors: [{ line: 4, column: 5, severity: 'info' }] },
      {
        name: 'merge key',
        code: 'x-c: &c\n  cgroup_parent: shared\nservices:\n  app:\n    <<: *c\n    image: a:1\n',
        errors: [{ line: 5, column: 5, message: /custom cgroup parent shared/ }],
      },
    ],
  },
  'compose/memory-limit': {
    valid: [
      {
        name: "a fragment (no image, build or extends: an override's labels) is judged where the service is defined",
        code: 'services:\n  frontend:\n    labels:\n      - traefik.enable=true\n',
      },
      `${H}    mem_limit: 512m\n`,
      `${H}    deploy:\n      resources:\n        limits:\n          memory: 1G\n`,
      {
        name: 'limit from the default override file',
        code: H,
        files: { '/work/p/compose.override.yaml': 'services:\n  app:\n    mem_limit: 256m\n' },
      },
      {
        name: 'limit through extends',
        code: 'services:\n  base:\n    image: a:1\n    mem_limit: 1g\n  app:\n    extends: base\n',
        file: '/work/p/x.yaml',
      },
    ],
    invalid: [
      {
        name: 'zero in any spelling is no limit',
        code: `${H}    mem_limit: 0m\n    deploy:\n      resources:\n        limits:\n          memory: "\${MEM:-0}"\n`,
        errors: [
          { line: 4, column: 16, message: /memory limit to 0m, which is no limit/ },
          { line: 8, column: 19 },
        ],
        fixes: [
          {
            title: /Set the memory limit to 512M/,
            output: `${H}    mem_limit: 512M\n    deploy:\n      resources:\n        limits:\n          memory: "\${MEM:-0}"\n`,
          },
        ],
      },
      { name: '-1', code: `${H}    mem_limit: -1\n`, errors: [{ line: 4, column: 16 }] },
      {
        code: H,
        errors: [{ line: 2, column: 3, endLine: 2, endColumn: 6 }],
        fixes: [
          {
            title: /memory: 512M/,
            output: `${H}    deploy:\n      resources:\n        limits:\n          memory: 512M\n`,
          },
        ],
      },
      {
        name: 'merges into existing deploy.resources.limits',
        code: `${H}    deploy:\n      resources:\n        limits:\n          cpus: "0.5"\n`,
        errors: [{ line: 2, column: 3 }],
        fixes: [
          {
            title: /memory/,
            output: `${H}    deploy:\n      resources:\n        limits:\n          cpus: "0.5"\n          memory: 512M\n`,
          },
        ],
      },
      {
        name: '4-space indentation and CRLF kept',
        code: 'services:\r\n    app:\r\n        image: a:1\r\n',
        errors: [{ line: 2, column: 5 }],
        fixes: [
          {
            title: /memory/,
            output:
              'services:\r\n    app:\r\n        image: a:1\r\n        deploy:\r\n            resources:\r\n        ' +
              '        limits:\r\n                    memory: 512M\r\n',
          },
        ],
      },
      {
        name: 'flow-style service',
        code: 'services:\n  app: {image: a:1}\n',
        errors: [{ line: 2, column: 3 }],
        fixes: [
          {
            title: /memory/,
            output: 'services:\n  app: {image: a:1, deploy: {resources: {limits: {memory: 512M}}}}\n',
          },
        ],
      },
      { name: 'merge key without a limit', code: ANCHOR('cpus: 1'), errors: [{ line: 4, column: 3 }] },
      {
        name: 'string-valued cpu_shares is no memory limit',
        code: `${H}    cpu_shares: "512"\n`,
        errors: [{ line: 2, column: 3 }],
      },
    ],
  },
  'compose/cpu-limit': {
    valid: [
      `${H}    cpus: 0.5\n`,
      `${H}    cpu_quota: 50000\n`,
      `${H}    deploy:\n      resources:\n        limits:\n          cpus: "1"\n`,
      { name: 'from an anchor', code: ANCHOR('cpus: "0.5"') },
    ],
    invalid: [
      {
        name: 'zero cpus and an unlimited quota are no limit',
        code: `${H}    cpus: 0\n    cpu_quota: -1\n`,
        errors: [
          { line: 4, column: 11, message: /CPU limit to 0, which is no limit/ },
          { line: 5, column: 16, message: /CPU quota limit to -1/ },
        ],
        fixes: [
          { title: /Set the CPU limit to 1\.0/, output: `${H}    cpus: 1.0\n    cpu_quota: -1\n` },
          { title: /Set the CPU quota limit to 100000/, output: `${H}    cpus: 0\n    cpu_quota: 100000\n` },
        ],
      },
      {
        code: `${H}    cpu_shares: 512\n`,
        errors: [{ line: 2, column: 3 }],
        fixes: [
          {
            title: /cpus/,
            output: `${H}    cpu_shares: 512\n    deploy:\n      resources:\n        limits:\n          cpus: '1.0'\n`,
          },
        ],
      },
      { name: 'merge key', code: ANCHOR('mem_limit: "1g"'), errors: [{ line: 4, column: 3 }] },
      { name: 'custom default', code: H, options: {}, errors: [{ line: 2, column: 3 }] },
    ],
  },
  'compose/pids-limit': {
    valid: [
      `${H}    pids_limit: 100\n`,
      `${H}    deploy:\n      resources:\n        limits:\n          pids: 50\n`,
      `${H}    pids_limit: \${PIDS}\n`,
    ],
    invalid: [
      {
        code: H,
        errors: [{ line: 2, column: 3 }],
        fixes: [
          { title: /pids: 256/, output: `${H}    deploy:\n      resources:\n        limits:\n          pids: 256\n` },
        ],
      },
      {
        name: 'unlimited',
        code: `${H}    pids_limit: -1\n`,
        errors: [{ line: 4, column: 17, endLine: 4, endColumn: 19 }],
        fixes: [{ title: /256/, output: `${H}    pids_limit: 256\n` }],
      },
      {
        name: 'string-valued unlimited',
        code: `${H}    pids_limit: "0"\n`,
        errors: [{ line: 4, column: 17 }],
        fixes: [{ title: /256/, output: `${H}    pids_limit: "256"\n` }],
      },
      { name: 'merge key unlimited', code: ANCHOR('pids_limit: -1'), errors: [{ line: 5, column: 5 }] },
    ],
  },
  'compose/oom-kill-disable': {
    valid: [H, `${H}    oom_kill_disable: false\n`],
    invalid: [
      {
        code: `${H}    oom_kill_disable: true\n`,
        errors: [{ line: 4, column: 5 }],
        fixes: [{ title: /Remove/, output: H }],
      },
      { name: 'string-valued', code: `${H}    oom_kill_disable: "true"\n`, errors: [{ line: 4, column: 5 }] },
      {
        name: 'merge key',
        code: ANCHOR('oom_kill_disable: true'),
        errors: [{ line: 5, column: 5 }],
        fixes: [
          { title: /Remove/, output: 'x-base: &base\nservices:\n  app:\n    <<: *base\n    image: alpine:3.20\n' },
        ],
      },
    ],
  },
  'compose/docker-socket': {
    valid: [
      `${H}    volumes:\n      - /var/run/dockerd:/x\n      - ./docker.socket:/y\n      - \${DATA}:/data\n`,
      `${H}    use_api_socket: false\n`,
    ],
    invalid: [
      {
        code: `${H}    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n`,
        errors: [
          { line: 5, column: 9, endLine: 5, endColumn: 53, severity: 'error', message: /read-only does not restrict/ },
        ],
        fixes: [{ title: /Remove/, output: H }],
      },
      {
        name: 'long syntax',
        code:
          `${H}    volumes:\n      - type: bind\n        source: /run/docker.sock\n        target: ` +
          `/var/run/docker.sock\n`,
        errors: [{ line: 5, column: 9 }],
      },
      {
        name: 'quoted, second item',
        code: `${H}    volumes:\n      - ./a:/a\n      - "/run/containerd/containerd.sock:/c.sock"\n`,
        errors: [{ line: 6, column: 9 }],
        fixes: [{ title: /Remove/, output: `${H}    volumes:\n      - ./a:/a\n` }],
      },
      {
        name: 'rootless and podman',
        code:
          `${H}    volumes: [/run/user/1000/docker.sock:/d.sock, /run/podman/podman.sock:/p.sock, ` +
          `~/.docker/run/docker.sock:/x.sock]\n`,
        errors: [
          { line: 4, column: 15 },
          { line: 4, column: 51 },
          { line: 4, column: 84 },
        ],
      },
      {
        name: 'merge key',
        code: ANCHOR('volumes: [/var/run/docker.sock:/var/run/docker.sock]'),
        errors: [{ line: 5, column: 5 }],
      },
      {
        name: 'a socket file name at any path, and behind an unknown variable',
        code:
          `${H}    volumes:\n      - ./docker.sock:/tmp/docker.sock\n      - \${XDG_RUNTIME_DIR}/docker.sock:/var/run/docker.sock\n` +
          `      - /srv/ci/podman.sock:/p.sock\n`,
        errors: [
          { line: 5, column: 9 },
          { line: 6, column: 9, message: /\$\{XDG_RUNTIME_DIR\}\/docker\.sock/ },
          { line: 7, column: 9 },
        ],
        fixes: [
          {
            title: /Remove the \.\/docker\.sock/,
            output: `${H}    volumes:\n      - \${XDG_RUNTIME_DIR}/docker.sock:/var/run/docker.sock\n      - /srv/ci/podman.sock:/p.sock\n`,
          },
        ],
      },
      {
        name: 'long syntax without type: a path source is a bind',
        code: `${H}    volumes:\n      - source: /var/run/docker.sock\n        target: /var/run/docker.sock\n`,
        errors: [{ line: 5, column: 9 }],
      },
      {
        name: 'use_api_socket',
        code: `${H}    use_api_socket: true\n`,
        errors: [{ line: 4, column: 5, endLine: 4, endColumn: 25, message: /use_api_socket: true/ }],
        fixes: [{ title: /Remove use_api_socket/, output: H }],
      },
    ],
  },
  'compose/docker-daemon-tcp': {
    valid: [
      `${H}    environment:\n      DOCKER_HOST: tcp://dind:2376\n`,
      `${H}    environment:\n      DOCKER_HOST: unix:///var/run/docker.sock\n`,
      `${H}    command: dockerd -H tcp://0.0.0.0:2376 --tlsverify\n`,
      {
        name: 'DOCKER_HOST at a socket proxy of the project (mounts the socket, not published)',
        code:
          `${H}    environment:\n      DOCKER_HOST: tcp://socket-proxy:2375\n  socket-proxy:\n    image: p:1\n` +
          `    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n    expose: ["2375"]\n`,
      },
    ],
    invalid: [
      {
        name: 'a service of that name that does not hold the socket, or that publishes 2375, is no proxy',
        code:
          `${H}    environment:\n      DOCKER_HOST: tcp://dind:2375\n      X_HOST: tcp://proxy:2375\n  dind:\n` +
          `    image: docker:dind\n  app2:\n    image: a:1\n    environment: [DOCKER_HOST=tcp://proxy]\n  proxy:\n` +
          `    image: p:1\n    volumes: [/var/run/docker.sock:/var/run/docker.sock]\n    ports: ["2375:2375"]\n`,
        errors: [
          { line: 5, column: 7, message: /plain TCP \(tcp:\/\/dind:2375\)/ },
          { line: 11, column: 19, message: /plain TCP \(tcp:\/\/proxy\)/ },
          { line: 15, column: 13, message: /publishes port 2375/ },
        ],
      },
      { code: `${H}    environment:\n      DOCKER_HOST: tcp://dind:2375\n`, errors: [{ line: 5, column: 7 }] },
      {
        name: 'list syntax, no port',
        code: `${H}    environment:\n      - DOCKER_HOST=tcp://dind\n`,
        errors: [{ line: 5, column: 9 }],
      },
      {
        name: 'command',
        code: `${H}    command: ["dockerd", "--host=tcp://0.0.0.0:2375"]\n`,
        errors: [{ line: 4, column: 5 }],
      },
      {
        name: 'published port',
        code: `${H}    ports:\n      - "127.0.0.1:2375:2375"\n`,
        errors: [{ line: 5, column: 9 }],
      },
      {
        name: 'merge key',
        code: ANCHOR('environment: {DOCKER_HOST: "tcp://x:2375"}'),
        errors: [{ line: 5, column: 5 }],
      },
    ],
  },
  'compose/sensitive-host-mount': {
    valid: [
      `${H}    volumes:\n      - ./etc:/etc/app\n      - /library:/lib2\n      - data:/var/lib/data\n      - ` +
        `/opt/app:/app\n`,
      { name: 'allow option', code: `${H}    volumes:\n      - /var/www:/www\n`, options: { allow: ['/var/www'] } },
      {
        name: 'time zone read-only, harmless devices, project-relative and home project paths',
        code:
          `${H}    volumes:\n      - /etc/localtime:/etc/localtime:ro\n      - /usr/share/zoneinfo:/usr/share/zoneinfo:ro\n` +
          `      - /dev/null:/app/secret.txt\n      - ../shared:/shared\n      - ~/projects/app:/app\n`,
      },
      {
        name: "what names the host, read-only (a monitoring agent's), and a database's own socket under /run",
        code:
          `${H}    volumes:\n      - /etc/os-release:/host/etc/os-release:ro\n      - /etc/passwd:/host/etc/passwd:ro\n` +
          `      - /etc/machine-id:/etc/machine-id:ro\n      - /var/run/mysqld/mysqld.sock:/var/run/mysqld/mysqld.sock\n` +
          `      - /run/postgresql:/run/postgresql\n`,
      },
    ],
    invalid: [
      {
        name: "a GPU's render nodes bound from /dev: a warning about a device (devices: is the way), not the host's disks",
        code: 'services:\n  jellyfin:\n    image: jellyfin/jellyfin:10.9.6\n    volumes:\n      - /dev/dri:/dev/dri\n      - /dev/sda:/dev/sda\n      - /dev:/dev\n',
        errors: [
          {
            line: 5,
            column: 9,
            severity: 'warning',
            message: /binds the host device path \/dev\/dri: .* devices: instead/,
          },
          { line: 6, column: 9, severity: 'error', message: /\/dev\/sda writable: the container can change the host/ },
          { line: 7, column: 9, severity: 'error', message: /\/dev writable/ },
        ],
      },
      {
        name: 'the home directory and its credentials',
        code: `${H}    volumes:\n      - ~/.ssh:/root/.ssh:ro\n      - ~:/home/me\n`,
        errors: [
          { line: 5, column: 9, severity: 'warning', message: /~\/\.ssh \(read-only\)/ },
          { line: 6, column: 9, severity: 'error' },
        ],
      },
      {
        name: 'relative paths that climb to / and /.. segments',
        code: `${H}    volumes:\n      - ../../../../etc:/host-etc\n      - /tmp/../etc/ssl:/ssl:ro\n`,
        errors: [
          { line: 5, column: 9, message: /host path \/etc writable/ },
          { line: 6, column: 9, message: /\/etc\/ssl \(read-only\)/ },
        ],
      },
      {
        name: 'a host file writable, and the sockets under /run that control the host, are still flagged',
        code:
          `${H}    volumes:\n      - /etc/passwd:/etc/passwd\n      - /run/systemd/private:/run/systemd/private\n` +
          `      - /var/run/dbus/system_bus_socket:/var/run/dbus/system_bus_socket\n      - /run/mysqld/x/y:/y\n`,
        errors: [
          { line: 5, column: 9, severity: 'error', message: /\/etc\/passwd writable/ },
          {
            line: 6,
            column: 9,
            severity: 'error',
            message: /mounts systemd's private socket \(\/run\/systemd\/private\): a root/,
          },
          {
            line: 7,
            column: 9,
            severity: 'error',
            message: /mounts the host's system D-Bus \(\/var\/run\/dbus\/system_bus_socket\)/,
          },
          { line: 8, column: 9, severity: 'error', message: /\/run\/mysqld\/x\/y writable/ },
        ],
      },
      {
        name: "home-assistant's /run/dbus read-only: a socket, which read-only does not restrict, is an error",
        code: `${H}    volumes:\n      - /run/dbus:/run/dbus:ro\n      - /run/systemd/journal:/run/systemd/journal:ro\n`,
        errors: [
          {
            line: 5,
            column: 9,
            severity: 'error',
            message:
              /the host's system D-Bus \(\/run\/dbus, read-only, which does not restrict a socket\): a root process/,
          },
          // where services log: a host path under /run read-only, as before (a warning), not a control socket
          {
            line: 6,
            column: 9,
            severity: 'warning',
            message: /sensitive host path \/run\/systemd\/journal \(read-only\)/,
          },
        ],
        noFix: true,
      },
      {
        name: 'the time zone mounted writable is still a host file',
        code: `${H}    volumes:\n      - /etc/localtime:/etc/localtime\n`,
        errors: [{ line: 5, column: 9, severity: 'error' }],
      },
      {
        code: `${H}    volumes:\n      - /etc:/host/etc\n`,
        errors: [{ line: 5, column: 9, severity: 'error' }],
        fixes: [{ title: /read-only/, output: `${H}    volumes:\n      - /etc:/host/etc:ro\n` }],
      },
      {
        name: 'read-only is a warning',
        code: `${H}    volumes:\n      - /proc:/host/proc:ro\n`,
        errors: [{ line: 5, column: 9, severity: 'warning' }],
        noFix: true,
      },
      {
        name: 'rw becomes ro, quotes kept',
        code: `${H}    volumes:\n      - "/:/rootfs:rw,z"\n`,
        errors: [{ line: 5, column: 9 }],
        fixes: [{ title: /read-only/, output: `${H}    volumes:\n      - "/:/rootfs:ro,z"\n` }],
      },
      {
        name: 'long syntax',
        code: `${H}    volumes:\n      - type: bind\n        source: /var/lib/docker\n        target: /d\n`,
        errors: [{ line: 5, column: 9 }],
        fixes: [
          {
            title: /read_only/,
            output:
              `${H}    volumes:\n      - type: bind\n        source: /var/lib/docker\n        target: /d\n        ` +
              `read_only: true\n`,
          },
        ],
      },
      {
        name: 'extra path option',
        code: `${H}    volumes:\n      - /srv/secrets:/s\n`,
        options: { paths: ['/srv/secrets'] },
        errors: [{ line: 5, column: 9 }],
      },
      {
        name: 'named volume binding a host path',
        code: `${H}    volumes: [v:/v]\nvolumes:\n  v:\n    driver_opts: {type: none, o: bind, device: /etc}\n`,
        errors: [{ line: 7, column: 48 }],
      },
      { name: 'merge key', code: ANCHOR('volumes: ["/boot:/boot"]'), errors: [{ line: 5, column: 5 }] },
    ],
  },
  'compose/mount-propagation': {
    valid: [`${H}    volumes:\n      - ./d:/d:rprivate\n`],
    invalid: [
      { code: `${H}    volumes:\n      - ./d:/d:rshared\n`, errors: [{ line: 5, column: 9 }] },
      {
        name: 'long syntax',
        code:
          `${H}    volumes:\n      - type: bind\n        source: ./d\n        target: /d\n        bind:\n          ` +
          `propagation: "slave"\n`,
        errors: [{ line: 5, column: 9 }],
      },
      { name: 'merge key', code: ANCHOR('volumes: ["./d:/d:ro,rslave"]'), errors: [{ line: 5, column: 5 }] },
    ],
  },
  'compose/privileged': {
    valid: [H, `${H}    privileged: false\n`, `${H}    privileged: \${P:-false}\n`, `${H}    privileged: \${P}\n`],
    invalid: [
      {
        name: 'a grant in a fragment is reported (it reaches the service it is merged into)',
        code: 'services:\n  frontend:\n    privileged: true\n',
        errors: [{ line: 3, column: 5 }],
      },
      {
        code: `${H}    privileged: true\n`,
        errors: [{ line: 4, column: 5, endLine: 4, endColumn: 21, severity: 'error' }],
        fixes: [{ title: /Remove/, output: H }],
      },
      { name: 'string-valued', code: `${H}    privileged: "true"\n`, errors: [{ line: 4, column: 5 }] },
      {
        name: 'recommended: one finding speaks for the grants privileged gives anyway (strict keeps each)',
        profile: 'recommended',
        rules: { 'compose/hardening': 'off' }, // it leaves privileged services alone: not this case's subject
        code:
          `${H}    privileged: true\n    cap_add: [SYS_ADMIN, CHOWN]\n` +
          `    security_opt: ["seccomp:unconfined", "no-new-privileges:true"]\n    devices: ["/dev/fuse", "/dev/null"]\n`,
        errors: [
          {
            line: 4,
            column: 5,
            severity: 'error',
            message: /It also sets 3 grants that privileged gives anyway .*; they go with it\.$/,
          },
        ],
        fixes: [
          {
            title: /Remove/,
            output:
              `${H}    cap_add: [SYS_ADMIN, CHOWN]\n` +
              `    security_opt: ["seccomp:unconfined", "no-new-privileges:true"]\n    devices: ["/dev/fuse", "/dev/null"]\n`,
          },
        ],
      },
      {
        name: 'an image that registers binfmt handlers: info',
        code: 'services:\n  binfmt:\n    image: tonistiigi/binfmt:qemu-v8.1.5\n    privileged: true\n',
        errors: [{ line: 4, column: 5, severity: 'info' }],
      },
      { name: 'YAML 1.1 y', code: `${H}    privileged: y\n`, errors: [{ line: 4, column: 5 }] },
      { name: 'YAML 1.1 Y, quoted', code: `${H}    privileged: "Y"\n`, errors: [{ line: 4, column: 5 }] },
      { name: 'YAML 1.1 on, quoted', code: `${H}    privileged: 'on'\n`, errors: [{ line: 4, column: 5 }] },
      { name: 'default true', code: `${H}    privileged: \${P:-true}\n`, errors: [{ line: 4, column: 5 }] },
      {
        name: 'comments kept',
        code: `${H}    # keep me\n    privileged: true # why\n    read_only: true\n`,
        errors: [{ line: 5, column: 5 }],
        fixes: [{ title: /Remove/, output: `${H}    # keep me\n    read_only: true\n` }],
      },
      {
        name: 'merge key, sole user: removed at the anchor',
        code: ANCHOR('privileged: true'),
        errors: [{ line: 5, column: 5 }],
        fixes: [
          { title: /Remove/, output: 'x-base: &base\nservices:\n  app:\n    <<: *base\n    image: alpine:3.20\n' },
        ],
      },
      {
        name: 'merge key, two users: overridden in the service',
        code: 'x-base: &base\n  privileged: true\nservices:\n  a:\n    <<: *base\n  b:\n    <<: *base\n',
        errors: [
          { line: 5, column: 5 },
          { line: 7, column: 5 },
        ],
        fixes: [
          {
            title: /Override/,
            output:
              'x-base: &base\n  privileged: true\nservices:\n  a:\n    <<: *base\n    privileged: false\n  b:\n    ' +
              '<<: *base\n',
          },
        ],
      },
      {
        name: 'through extends in another file',
        code: 'services:\n  app:\n    extends:\n      file: base.yaml\n      service: web\n',
        files: { '/work/p/base.yaml': 'services:\n  web:\n    image: a:1\n    privileged: true\n' },
        errors: [{ line: 3, column: 5 }],
      },
      {
        name: 'override file: reported in the override',
        code: 'services:\n  app:\n    privileged: true\n',
        file: '/work/p/compose.override.yaml',
        files: { '/work/p/compose.yaml': H },
        errors: [{ line: 3, column: 5 }],
      },
    ],
  },
  'compose/insecure-build': {
    valid: [
      'services:\n  app:\n    build: .\n',
      'services:\n  app:\n    build:\n      context: .\n      network: none\n',
    ],
    invalid: [
      {
        code: 'services:\n  app:\n    build:\n      context: .\n      network: host\n',
        errors: [{ line: 5, column: 7 }],
      },
      {
        name: 'privileged string',
        code: 'services:\n  app:\n    build:\n      context: .\n      privileged: "true"\n',
        errors: [{ line: 5, column: 7 }],
      },
      {
        name: 'entitlements',
        code:
          'services:\n  app:\n    build:\n      context: .\n      entitlements:\n        - network.host\n        - ' +
          'security.insecure\n',
        errors: [
          { line: 6, column: 11 },
          { line: 7, column: 11 },
        ],
      },
      {
        name: 'merge key',
        code: 'x-b: &b\n  context: .\n  network: host\nservices:\n  app:\n    build:\n      <<: *b\n',
        errors: [{ line: 7, column: 7 }],
      },
    ],
  },
  'compose/seccomp-unconfined': {
    valid: [`${H}    security_opt: [seccomp:profile.json]\n`],
    invalid: [
      {
        code: `${H}    security_opt:\n      - seccomp:unconfined\n      - no-new-privileges:true\n`,
        errors: [{ line: 5, column: 9 }],
        fixes: [{ title: /Remove/, output: `${H}    security_opt:\n      - no-new-privileges:true\n` }],
      },
      {
        name: 'equals form, flow, sole entry removes the key',
        code: `${H}    security_opt: ["seccomp=unconfined"]\n    read_only: true\n`,
        errors: [{ line: 4, column: 20 }],
        fixes: [{ title: /Remove/, output: `${H}    read_only: true\n` }],
      },
      { name: 'merge key', code: ANCHOR('security_opt: [seccomp:unconfined]'), errors: [{ line: 5, column: 5 }] },
    ],
  },
  'compose/apparmor-unconfined': {
    valid: [`${H}    security_opt: [apparmor:docker-default]\n`],
    invalid: [
      {
        code: `${H}    security_opt: [apparmor:unconfined, no-new-privileges]\n`,
        errors: [{ line: 4, column: 20 }],
        fixes: [{ title: /Remove/, output: `${H}    security_opt: [no-new-privileges]\n` }],
      },
      { name: 'merge key', code: ANCHOR('security_opt: ["apparmor=unconfined"]'), errors: [{ line: 5, column: 5 }] },
    ],
  },
  'compose/selinux-disabled': {
    valid: [`${H}    security_opt: ["label:type:svirt_apache_t"]\n`],
    invalid: [
      {
        code: `${H}    security_opt:\n      - label:disable\n`,
        errors: [{ line: 5, column: 9 }],
        fixes: [{ title: /Remove/, output: H }],
      },
      { name: 'merge key', code: ANCHOR('security_opt: ["label=disable"]'), errors: [{ line: 5, column: 5 }] },
    ],
  },
  'compose/systempaths-unconfined': {
    valid: [H],
    invalid: [
      { code: `${H}    security_opt:\n      - systempaths=unconfined\n`, errors: [{ line: 5, column: 9 }] },
      { name: 'merge key', code: ANCHOR('security_opt: ["systempaths=unconfined"]'), errors: [{ line: 5, column: 5 }] },
    ],
  },
  'compose/no-new-privileges': {
    valid: [
      `${H}    security_opt: [no-new-privileges:true]\n`,
      `${H}    security_opt: ["no-new-privileges=true"]\n`,
      `${H}    security_opt:\n      - no-new-privileges\n`,
      { name: 'from an anchor', code: ANCHOR('security_opt: [no-new-privileges:true]') },
    ],
    invalid: [
      {
        code: H,
        errors: [{ line: 2, column: 3 }],
        fixes: [{ title: /Add/, output: `${H}    security_opt:\n      - no-new-privileges:true\n` }],
      },
      {
        name: 'appends to a block list, quotes kept',
        code: `${H}    security_opt:\n      - "apparmor:docker-default"\n`,
        errors: [{ line: 2, column: 3 }],
        fixes: [
          {
            title: /Add/,
            output: `${H}    security_opt:\n      - "apparmor:docker-default"\n      - "no-new-privileges:true"\n`,
          },
        ],
      },
      {
        name: 'appends to a flow list',
        code: `${H}    security_opt: [label:type:x]\n`,
        errors: [{ line: 2, column: 3 }],
        fixes: [{ title: /Add/, output: `${H}    security_opt: [label:type:x, no-new-privileges:true]\n` }],
      },
      {
        name: 'set to false',
        code: `${H}    security_opt: ["no-new-privileges:false"]\n`,
        errors: [{ line: 4, column: 20 }],
        fixes: [{ title: /Set/, output: `${H}    security_opt: ["no-new-privileges:true"]\n` }],
      },
      { name: 'merge key without it', code: ANCHOR('read_only: true'), errors: [{ line: 4, column: 3 }] },
    ],
  },
  'compose/read-only-rootfs': {
    valid: [`${H}    read_only: true\n`, `${H}    read_only: "true"\n`],
    invalid: [
      {
        code: H,
        errors: [{ line: 2, column: 3, severity: 'info' }],
        fixes: [{ title: /read_only/, output: `${H}    read_only: true\n` }],
      },
      {
        name: 'set to false',
        code: `${H}    read_only: false\n`,
        errors: [{ line: 4, column: 5 }],
        fixes: [{ title: /read_only/, output: `${H}    read_only: true\n` }],
      },
      { name: 'merge key', code: ANCHOR('read_only: false'), errors: [{ line: 5, column: 5 }] },
    ],
  },
  'compose/user-root': {
    valid: [
      H,
      `${H}    user: "1000:1000"\n`,
      `${H}    user: app\n`,
      `${H}    user: \${UID}\n`,
      { name: 'PUID of an unprivileged user', code: `${H}    environment:\n      PUID: "1000"\n      PGID: 1000\n` },
    ],
    invalid: [
      {
        name: "PUID=0 / PGID=0: images that drop to that user keep root (linuxserver.io's)",
        code: 'services:\n  app:\n    image: lscr.io/linuxserver/sonarr:4.0.10\n    environment:\n      - PUID=0\n      - PGID=0\n',
        errors: [
          { line: 5, column: 9, severity: 'warning', message: /^Service 'app' sets PUID=0: images that switch/ },
          { line: 6, column: 9, message: /PGID=0/ },
        ],
      },
      {
        code: `${H}    user: root\n`,
        errors: [{ line: 4, column: 5 }],
        fixes: [{ title: /10001/, output: `${H}    user: 10001:10001\n` }],
      },
      {
        name: 'string-valued uid',
        code: `${H}    user: "0:0"\n`,
        errors: [{ line: 4, column: 5 }],
        fixes: [{ title: /10001/, output: `${H}    user: "10001:10001"\n` }],
      },
      { name: 'number', code: `${H}    user: 0\n`, errors: [{ line: 4, column: 5 }] },
      { name: 'merge key', code: ANCHOR('user: "root:wheel"'), errors: [{ line: 5, column: 5 }] },
    ],
  },
  'compose/devices': {
    valid: [H, `${H}    devices:\n      - /dev/urandom:/dev/random\n      - /dev/null\n`],
    invalid: [
      {
        name: "/dev/kvm: a warning that says what it is (virtual machines on the host's kernel), not raw memory",
        code: `${H}    devices:\n      - /dev/kvm\n`,
        errors: [{ line: 5, column: 9, severity: 'warning', message: /maps \/dev\/kvm: it can run virtual machines/ }],
      },
      {
        name: 'by exposure: the VPN tunnel device, FUSE',
        code: `${H}    devices:\n      - /dev/net/tun:/dev/net/tun\n      - /dev/fuse\n`,
        errors: [
          { line: 5, column: 9, severity: 'info', message: /tunnel device VPN clients need/ },
          { line: 6, column: 9, severity: 'warning' },
        ],
      },
      {
        code: `${H}    devices:\n      - /dev/sda:/dev/sda\n      - "/dev/ttyUSB0:/dev/ttyUSB0"\n`,
        errors: [
          { line: 5, column: 9, severity: 'error' },
          { line: 6, column: 9, severity: 'warning' },
        ],
      },
      {
        name: 'long syntax /dev/mem',
        code: `${H}    devices:\n      - source: /dev/mem\n        target: /dev/mem\n`,
        errors: [{ line: 5, column: 9, severity: 'error' }],
      },
      {
        name: 'cgroup rule',
        code: `${H}    device_cgroup_rules: ["a *:* rwm"]\n`,
        errors: [{ line: 4, column: 27, severity: 'error' }],
      },
      { name: 'merge key', code: ANCHOR('devices: [/dev/kmem]'), errors: [{ line: 5, column: 5 }] },
    ],
  },
  'compose/port-all-interfaces': {
    valid: [
      `${H}    ports:\n      - "127.0.0.1:8080:80"\n      - "[::1]:8443:443"\n      - 10.0.0.5:53:53/udp\n`,
      `${H}    expose: ["80"]\n`,
      `${H}    ports:\n      - "\${BIND:-127.0.0.1}:80:80"\n      - "\${BIND}:81:81"\n`,
      `${H}    ports:\n      - target: 80\n        host_ip: 127.0.0.1\n        published: "8080"\n`,
      {
        name: 'replicas and resources alone, or a stack of another kind by name, are no Swarm stack: loopback holds',
        file: '/p/elk-stack.yml',
        code: `${H}    ports:\n      - "127.0.0.1:8001:80"\n    deploy:\n      replicas: 2\n      mode: replicated\n`,
      },
    ],
    invalid: [
      {
        name: 'recommended: the ports of one service are one finding at its ports key, with one fix for all',
        profile: 'recommended',
        code: `${H}    ports:\n      - "8080:80"\n      - 127.0.0.1:9000:9000\n      - 8443:443\n`,
        errors: [{ line: 4, column: 5, message: /publishes ports 8080, 8443 on all interfaces: they are reachable/ }],
        fixes: [
          {
            title: /Bind them to 127\.0\.0\.1/,
            output: `${H}    ports:\n      - "127.0.0.1:8080:80"\n      - 127.0.0.1:9000:9000\n      - 127.0.0.1:8443:443\n`,
          },
        ],
      },
      {
        name: "recommended: a port that serves the world by design (a proxy's 443, a mail server's 25) is left out",
        profile: 'recommended',
        code:
          `${H}    ports:\n      - "\${HTTPS_PORT:-443}:443"\n      - "25:25"\n      - 53:53/udp\n      - 67:67/udp\n      - "8080:80"\n` +
          `      - "5432:5432"\n`,
        errors: [{ line: 4, column: 5, message: /publishes ports 8080, 5432 on all interfaces/ }],
      },
      {
        name: 'a Swarm stack (deploy.placement) ignores host addresses: 127.0.0.1 is every interface, and no fix binds',
        code:
          'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:8001:80"\n    deploy:\n' +
          '      placement:\n        constraints: [node.role == manager]\n',
        errors: [
          {
            line: 5,
            column: 9,
            message:
              /publishes port 8001 on all interfaces, though it is written with 127\.0\.0\.1: Swarm ignores host addresses \(the file reads as a Swarm stack by deploy\.placement\).*reverse proxy on an overlay network/,
          },
        ],
        noFix: true,
      },
      {
        name: 'an overlay network makes a Swarm stack too',
        code: `${H}    ports: ["127.0.0.1:8001:80"]\nnetworks:\n  front:\n    driver: overlay\n`,
        errors: [{ line: 4, column: 13, message: /by an overlay network/ }],
        noFix: true,
      },
      {
        name: 'a stack file by its name; recommended groups its ports, with no fix',
        file: '/p/docker-stack.yml',
        profile: 'recommended',
        code: `${H}    ports:\n      - "127.0.0.1:8001:80"\n      - target: 82\n        published: 8002\n      - 0.0.0.0:8003:83\n`,
        errors: [
          {
            line: 4,
            column: 5,
            // 0.0.0.0 is every interface anyway: not named among the addresses Swarm ignores
            message:
              /publishes ports 8001, 8002, 8003 on all interfaces, though they are written with 127\.0\.0\.1: .*by its name\) and publishes them/,
          },
        ],
        noFix: true,
      },
      {
        name: 'recommended: a port published for TCP and UDP is named once',
        profile: 'recommended',
        code: `${H}    ports:\n      - "5054:5054/tcp"\n      - "5054:5054/udp"\n`,
        errors: [{ line: 4, column: 5, message: /publishes port 5054 on all interfaces: it is reachable .* Bind it/ }],
        fixes: [
          {
            title: /Bind them to 127\.0\.0\.1/,
            output: `${H}    ports:\n      - "127.0.0.1:5054:5054/tcp"\n      - "127.0.0.1:5054:5054/udp"\n`,
          },
        ],
      },
      {
        name: 'strict: the same ports are all reported',
        code: `${H}    ports:\n      - "\${HTTPS_PORT:-443}:443"\n      - "25:25"\n      - 53:53/udp\n`,
        errors: [
          { line: 5, column: 9, message: /port 443 on all/ },
          { line: 6, column: 9, message: /port 25 on all/ },
          { line: 7, column: 9, message: /port 53 on all/ },
        ],
      },
      {
        code: `${H}    ports:\n      - "8080:80"\n`,
        errors: [{ line: 5, column: 9, endLine: 5, endColumn: 18 }],
        fixes: [{ title: /127/, output: `${H}    ports:\n      - "127.0.0.1:8080:80"\n` }],
      },
      {
        name: 'container port only, a number',
        code: `${H}    ports:\n      - 80\n`,
        errors: [{ line: 5, column: 9 }],
        fixes: [{ title: /127/, output: `${H}    ports:\n      - "127.0.0.1::80"\n` }],
      },
      {
        name: 'every IPv6 spelling of the unspecified address',
        code: `${H}    ports: ["[::0]:80:80", "[::ffff:0.0.0.0]:81:81", "[::ffff:0:0]:82:82", "[0:0::0]:83:83"]\n`,
        errors: [
          { line: 4, column: 13 },
          { line: 4, column: 28 },
          { line: 4, column: 54 },
          { line: 4, column: 76 },
        ],
      },
      {
        name: 'an interpolated host port with no address still binds every interface',
        code: `${H}    ports:\n      - "\${PORT}:80"\n`,
        errors: [{ line: 5, column: 9, message: /port \$\{PORT\}/ }],
        fixes: [{ title: /127/, output: `${H}    ports:\n      - "127.0.0.1:\${PORT}:80"\n` }],
      },
      {
        name: 'a port that is a variable on both sides is named as written, not by a placeholder',
        code: `${H}    ports:\n      - \${TALK_PORT}:\${TALK_PORT}/tcp\n`,
        errors: [{ line: 5, column: 9, message: /publishes port \$\{TALK_PORT\} on all interfaces/ }],
        fixes: [{ title: /127/, output: `${H}    ports:\n      - 127.0.0.1:\${TALK_PORT}:\${TALK_PORT}/tcp\n` }],
      },
      {
        name: 'explicit 0.0.0.0 and [::]',
        code: `${H}    ports: ["0.0.0.0:80:80", "[::]:443:443"]\n`,
        errors: [
          { line: 4, column: 13 },
          { line: 4, column: 30 },
        ],
        fixes: [{ title: /127/, output: `${H}    ports: ["127.0.0.1:80:80", "[::]:443:443"]\n` }],
      },
      {
        name: 'long syntax',
        code: `${H}    ports:\n      - target: 80\n        published: 8080\n`,
        errors: [{ line: 5, column: 9 }],
        fixes: [
          {
            title: /127/,
            output: `${H}    ports:\n      - target: 80\n        published: 8080\n        host_ip: 127.0.0.1\n`,
          },
        ],
      },
      {
        name: 'interpolated default',
        code: `${H}    ports:\n      - "\${BIND:-0.0.0.0}:80:80"\n`,
        errors: [{ line: 5, column: 9 }],
      },
      { name: 'merge key', code: ANCHOR('ports: ["80:80"]'), errors: [{ line: 5, column: 5 }] },
    ],
  },
  'compose/secret-in-environment': {
    valid: [
      {
        name: 'one vocabulary: empty values, paths, methods, module names, durations, references are not secrets',
        code:
          `${H}    environment:\n      ADMIN_PASSWORD: ""\n      SSH_KEY: /run/keys/id_ed25519\n      REGISTRY_AUTH: htpasswd\n` +
          `      AIRFLOW__API__AUTH_BACKENDS: airflow.api.auth.backend.basic_auth\n      TOKEN_LIFETIME: 30m\n` +
          `      JWT_EXPIRY: 3600s\n      ENCRYPTION_KEY: \${ENCRYPTION_KEY}\n      CACHE_KEY: abc123\n      BYPASS_CACHE: "1"\n`,
      },
      {
        name: "switches about a secret and lists of auth modules are not secrets (the database images' setups)",
        code:
          'services:\n  db:\n    image: mysql:8.0\n    environment:\n      MYSQL_RANDOM_ROOT_PASSWORD: "1"\n' +
          '      MARIADB_ALLOW_EMPTY_ROOT_PASSWORD: "no"\n      POSTGRES_HOST_AUTH_METHOD: scram-sha-256\n' +
          '  mq:\n    image: rabbitmq:3.13-management\n    environment:\n' +
          '      RABBITMQ_AUTH_BACKENDS: rabbit_auth_backend_ldap,rabbit_auth_backend_internal\n' +
          '      SASL_MECHANISMS: PLAIN,AMQPLAIN\n',
      },
      {
        name: 'a build argument the Dockerfile does not declare, or one not named like a secret',
        code: 'services:\n  app:\n    build:\n      context: .\n      args:\n        GITHUB_TOKEN: ${T}\n        VERSION: "1"\n',
        files: { '/work/p/Dockerfile': 'FROM alpine:3.20\nARG VERSION\n' },
      },
      `${H}    environment:\n      POSTGRES_PASSWORD: \${POSTGRES_PASSWORD}\n      POSTGRES_PASSWORD_FILE: ` +
        `/run/secrets/pw\n      TOKEN_URL: https://auth/token\n      AUTH_ENABLED: "true"\n      ` +
        `PASSWORD_MIN_LENGTH: 8\n`,
      `${H}    environment:\n      - API_KEY\n      - SECRET_KEY=$SECRET_KEY\n`,
      {
        name: 'settings about secrets, and a password that is a variable',
        code:
          `${H}    environment:\n      ACCESS_TOKEN_EXPIRE_MINUTES: 30\n      ENABLE_TOKEN: "1"\n      JWT_LIFETIME: 3600\n` +
          `      DATABASE_URL: postgres://app:\${DB_PASSWORD}@db/app\n`,
      },
      {
        name: "settings about secrets in Coolify's templates: a DSN without credentials, expiry, audience, flags",
        code:
          `${H}    environment:\n      - SIGNOZ_TELEMETRYSTORE_CLICKHOUSE_DSN=tcp://clickhouse:9000\n` +
          `      - SENTRY_DSN=https://k@sentry.io/1\n      - GOTRUE_JWT_EXP=3600\n      - GOTRUE_JWT_AUD=authenticated\n` +
          `      - GOTRUE_JWT_ADMIN_ROLES=service_role\n      - AUTH=\${AUTH:-1}\n      - JEAN_NO_TOKEN=0\n` +
          `      - SERVER_AUTH_COOKIE_DOMAIN=localhost:8080\n      - NTFY_AUTH_DEFAULT_ACCESS=read-write\n` +
          `      - AUTHENTICATION_APIKEY_USERS=admin@example.com\n`,
      },
      {
        name: "a password's hashing scheme, and a default that turns the feature off (mailcow's compose file)",
        code:
          `${H}    environment:\n      - MAILCOW_PASS_SCHEME=\${MAILCOW_PASS_SCHEME:-BLF-CRYPT}\n` +
          `      - API_KEY=\${API_KEY:-invalid}\n      - WEBHOOK_TOKEN=disabled\n`,
      },
      {
        name: 'allowNames',
        code: `${H}    environment:\n      DEMO_PASSWORD: demo\n`,
        options: { allowNames: ['DEMO_PASSWORD'] },
      },
    ],
    invalid: [
      {
        name: 'a database that lets anyone in without a password (MYSQL_ALLOW_EMPTY_PASSWORD, host auth trust)',
        code:
          'services:\n  db:\n    image: mysql:8.0\n    environment:\n      MYSQL_ALLOW_EMPTY_PASSWORD: "yes"\n' +
          '  pg:\n    image: postgres:16\n    environment:\n      - POSTGRES_HOST_AUTH_METHOD=trust\n',
        errors: [
          {
            line: 5,
            column: 7,
            severity: 'warning',
            message:
              /^Service 'db' sets MYSQL_ALLOW_EMPTY_PASSWORD=yes: the database accepts root with an empty password/,
          },
          { line: 9, column: 9, message: /POSTGRES_HOST_AUTH_METHOD=trust: the database lets every client in/ },
        ],
      },
      {
        name: 'one vocabulary with the Dockerfile rules; a well-known default gets a stronger message',
        code:
          `${H}    environment:\n      ADMIN_PASS: s3cr3t-pass\n      LDAP_ROOTPASS: s3cr3t-pass\n      DB_USER_PASSWORD: x9-y8\n` +
          `      MAIL_PASS: hunter22\n      ENCRYPTION_KEY: 0f3a9c\n      SSH_KEY: ssh-key-text\n      SENTRY_DSN: https://pub:priv@sentry.io/1\n` +
          `      POSTGRES_PASSWORD: changeme\n`,
        errors: [
          { line: 5, column: 7, message: /sets ADMIN_PASS to a literal secret/ },
          { line: 6, column: 7, message: /LDAP_ROOTPASS/ },
          { line: 7, column: 7, message: /DB_USER_PASSWORD/ },
          { line: 8, column: 7, message: /MAIL_PASS/ },
          { line: 9, column: 7, message: /ENCRYPTION_KEY/ },
          { line: 10, column: 7, message: /SSH_KEY/ },
          { line: 11, column: 7, message: /SENTRY_DSN/ },
          { line: 12, column: 7, message: /sets POSTGRES_PASSWORD to 'changeme', a well-known default password/ },
        ],
      },
      {
        name: 'a build argument that feeds an ARG named like a secret: once, here, related at the ARG',
        code: 'services:\n  app:\n    build:\n      context: .\n      args:\n        - GITHUB_TOKEN\n        - NPM_TOKEN=${NPM_TOKEN}\n',
        files: { '/work/p/Dockerfile': 'FROM alpine:3.20\nARG GITHUB_TOKEN\nARG NPM_TOKEN\n' },
        errors: [
          { line: 6, column: 11, message: /passes GITHUB_TOKEN to its build as a build argument/ },
          { line: 7, column: 11, message: /passes NPM_TOKEN to its build/ },
        ],
      },
      {
        name: 'connection strings with a literal password, also with an empty or interpolated user',
        code:
          `${H}    environment:\n      REDIS_URL: redis://:s3cret@cache:6379\n` +
          `      DATABASE_URL: postgres://\${DB_USER}:hunter2@db/app\n`,
        errors: [
          { line: 5, column: 7 },
          { line: 6, column: 7 },
        ],
      },
      {
        code: `${H}    environment:\n      POSTGRES_PASSWORD: hunter2\n`,
        errors: [{ line: 5, column: 7, endLine: 5, endColumn: 33 }],
      },
      {
        name: 'list syntax',
        code: `${H}    environment:\n      - API_TOKEN=abc123def\n      - apiKey=xyz\n`,
        errors: [
          { line: 5, column: 9 },
          { line: 6, column: 9 },
        ],
      },
      {
        name: 'default is a literal',
        code: `${H}    environment:\n      DB_PASS: \${DB_PASS:-changeme}\n`,
        errors: [{ line: 5, column: 7 }],
      },
      {
        name: 'build args and credential URL',
        code:
          'services:\n  app:\n    build:\n      context: .\n      args:\n        NPM_TOKEN: "npm_abc"\n    ' +
          'environment:\n      DATABASE_URL: postgres://u:pw@db/app\n',
        errors: [
          { line: 6, column: 9 },
          { line: 8, column: 7 },
        ],
      },
      { name: 'merge key', code: ANCHOR('environment: {MYSQL_ROOT_PASSWORD: root}'), errors: [{ line: 5, column: 5 }] },
    ],
  },
  'compose/image-tag': {
    valid: [
      {
        name: "an image the config names as the project's own (ownImages: a pattern with *)",
        code: 'services:\n  snuba:\n    image: ghcr.io/getsentry/snuba:nightly\n',
        options: { ownImages: ['ghcr.io/getsentry/*'] },
      },
      {
        name: "the project's own image: another service builds it (build: with this image: name)",
        code:
          'services:\n  api:\n    build: ./api\n    image: acme/api:dev\n  worker:\n    image: acme/api:dev\n' +
          '    command: ["worker"]\n  migrate:\n    image: acme/api\n',
      },
      'services:\n  app:\n    image: nginx:1.27\n',
      'services:\n  app:\n    image: nginx@sha256:0000000000000000000000000000000000000000000000000000000000000000\n',
      'services:\n  app:\n    image: myapp\n    build: .\n',
      'services:\n  app:\n    image: localhost:5000/app:2\n',
      'services:\n  app:\n    image: ${IMAGE}\n',
      {
        name: 'tags that only contain a channel word are versions',
        code: 'services:\n  a:\n    image: node:22-lts-alpine\n',
      },
    ],
    invalid: [
      {
        name: 'moving tags besides latest: stable, edge, nightly, lts, main, master, dev, rolling',
        code: 'services:\n  a:\n    image: traefik:stable\n  b:\n    image: alpine:EDGE\n  c:\n    image: node:lts\n',
        errors: [
          { line: 3, column: 12, message: /moving tag 'stable'/ },
          { line: 5, column: 12, message: /moving tag 'EDGE'/ },
          { line: 7, column: 12, message: /moving tag 'lts'/ },
        ],
      },
      {
        code: 'services:\n  app:\n    image: nginx\n',
        errors: [{ line: 3, column: 12, endLine: 3, endColumn: 17, severity: 'info' }],
      },
      {
        name: 'latest, quoted',
        code: 'services:\n  app:\n    image: "nginx:latest"\n',
        errors: [{ line: 3, column: 12 }],
      },
      {
        name: 'registry port, no tag',
        code: 'services:\n  app:\n    image: localhost:5000/app\n',
        errors: [{ line: 3, column: 12 }],
      },
      {
        name: 'merge key',
        code: 'x-b: &b\n  image: redis\nservices:\n  app:\n    <<: *b\n',
        errors: [{ line: 5, column: 5 }],
      },
    ],
  },
  'compose/cap-add': {
    valid: [
      {
        name: 'recommended: a privileged service gets its capabilities anyway (said on the privileged finding)',
        profile: 'recommended',
        code: `${H}    privileged: true\n    cap_add: [SYS_ADMIN]\n`,
      },
      `${H}    cap_add: [NET_BIND_SERVICE, CHOWN]\n`,
      { name: 'allow', code: `${H}    cap_add: [NET_ADMIN]\n`, options: { allow: ['NET_ADMIN'] } },
    ],
    invalid: [
      {
        name: 'strict: each grant of a privileged service is its own finding',
        code: `${H}    privileged: true\n    cap_add: [SYS_ADMIN]\n`,
        errors: [{ line: 5, column: 15, severity: 'error' }],
        fixes: [{ title: /Remove SYS_ADMIN/, output: `${H}    privileged: true\n` }],
      },
      {
        name: 'CAP_ALL is not a name Docker accepts',
        code: `${H}    cap_add: [CAP_ALL]\n`,
        errors: [{ line: 4, column: 15, severity: 'warning', message: /Docker rejects/ }],
        fixes: [{ title: /Remove CAP_ALL/, output: H }],
      },
      {
        code: `${H}    cap_add:\n      - SYS_ADMIN\n      - NET_ADMIN\n`,
        errors: [
          { line: 5, column: 9, severity: 'error' },
          { line: 6, column: 9, severity: 'warning' },
        ],
        fixes: [{ title: /Remove SYS_ADMIN/, output: `${H}    cap_add:\n      - NET_ADMIN\n` }],
      },
      {
        name: 'prefix and case',
        code: `${H}    cap_add: ["cap_sys_ptrace", all]\n`,
        errors: [
          { line: 4, column: 15, severity: 'warning', message: /SYS_PTRACE/ },
          { line: 4, column: 33, severity: 'error', message: /ALL/ },
        ],
        fixes: [{ title: /Remove all/, output: `${H}    cap_add: ["cap_sys_ptrace"]\n` }],
      },
      {
        name: "SYS_PTRACE with the host's PID namespace: an error, the host's processes",
        code: `${H}    pid: host\n    cap_add: [SYS_PTRACE]\n`,
        errors: [{ line: 5, column: 15, severity: 'error', message: /shares the host's PID namespace/ }],
        fixes: [{ title: /Remove SYS_PTRACE/, output: `${H}    pid: host\n` }],
      },
      {
        name: 'SETPCAP is flagged though default',
        code: `${H}    cap_add: [SETPCAP]\n`,
        errors: [{ line: 4, column: 15 }],
        fixes: [{ title: /Remove/, output: H }],
      },
      {
        name: 'alias of a list',
        code: 'x-caps: &caps [SYS_TIME]\nservices:\n  app:\n    image: a:1\n    cap_add: *caps\n',
        errors: [{ line: 5, column: 14 }],
      },
      { name: 'merge key', code: ANCHOR('cap_add: [SYS_MODULE]'), errors: [{ line: 5, column: 5 }] },
    ],
  },
  'compose/cap-drop-missing': {
    valid: [
      `${H}    cap_drop: [ALL]\n`,
      `${H}    cap_drop:\n      - all\n`,
      { name: 'from an anchor', code: ANCHOR('cap_drop: [ALL]') },
    ],
    invalid: [
      {
        code: H,
        errors: [{ line: 2, column: 3, severity: 'info' }],
        fixes: [{ title: /cap_drop/, output: `${H}    cap_drop:\n      - ALL\n` }],
      },
      {
        name: 'adds ALL to an existing list',
        code: `${H}    cap_drop: ["NET_RAW"]\n`,
        errors: [{ line: 2, column: 3 }],
        fixes: [{ title: /ALL/, output: `${H}    cap_drop: ["NET_RAW", "ALL"]\n` }],
      },
      { name: 'merge key', code: ANCHOR('cap_drop: [NET_RAW]'), errors: [{ line: 4, column: 3 }] },
    ],
  },
};
