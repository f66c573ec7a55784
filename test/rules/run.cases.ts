// Table-driven cases for the rules that run on command lines: `docker run` in shell scripts (continuations, quotes,
// `=` forms, bundled short flags, `$(...)`, sudo, variables), Makefile recipes, a Dockerfile's RUN, GitHub Actions
// workflows (run steps, container and service options, volumes, ports, env) and Markdown shell blocks.
import type { Cases } from './ruleTester';

const WF = '/work/p/.github/workflows/ci.yml';
const GL = '/work/p/.gitlab-ci.yml';
/** A workflow whose job container has `options`, and a step. */
const job = (container: string) =>
  `on: push\njobs:\n  build:\n    runs-on: ubuntu-24.04\n    container:\n      image: node:22\n${container}    steps:\n      - run: npm test\n`;

/** A namespace flag's cases (`fix`: the rule offers to remove the flag). */
const ns = (flag: string, fix = true): Cases => ({
  valid: [
    `docker run --${flag}=bridge alpine:3.20\n`,
    { name: 'after the image: the container command', code: `docker run alpine:3.20 --${flag}=host\n` },
    { name: 'an unknown value', code: `docker run --${flag}="$MODE" alpine:3.20\n` },
  ],
  invalid: [
    {
      name: '--flag=host, removed with the space before it',
      code: `docker run --rm --${flag}=host alpine:3.20\n`,
      errors: [{ line: 1, column: 17, endLine: 1, endColumn: 24 + flag.length }],
      fixes: fix ? [{ title: /Remove/, output: 'docker run --rm alpine:3.20\n' }] : [],
    },
    {
      name: 'two words on a continued line: the line goes, the continuation stays',
      code: `#!/bin/sh\nsudo docker run \\\n  --${flag} host \\\n  alpine:3.20\n`,
      errors: [{ line: 3, column: 3 }],
      fixes: fix ? [{ title: /Remove/, output: '#!/bin/sh\nsudo docker run \\\n  alpine:3.20\n' }] : [],
    },
    {
      name: 'workflow container options',
      file: WF,
      code: job(`      options: --${flag}=host --cpus 1\n`),
      errors: [{ line: 7, column: 16 }],
      fixes: fix ? [{ title: /Remove/, output: job('      options: --cpus 1\n') }] : [],
    },
  ],
});

export const runCases: Record<string, Cases> = {
  'run/privileged': {
    valid: [
      'docker run --rm alpine:3.20 true\n',
      {
        name: 'GitLab CI: the job image, dind services and variables are not command lines',
        file: GL,
        code:
          'variables:\n  DOCKER_TLS_CERTDIR: "/certs"\nbuild:\n  image: docker:27\n  services: [docker:27-dind]\n' +
          '  script:\n    - docker build -t app .\n    - echo "--privileged"\n',
      },
      'docker run --privileged=false alpine:3.20\n',
      { name: 'docker exec is not a container start', code: 'docker exec --privileged web sh\n' },
      { name: 'docker compose run', code: 'docker compose run --rm web\n' },
      { name: 'a flag of the container command', code: 'docker run alpine:3.20 sh -c "x --privileged"\n' },
      {
        name: 'after an image in a variable, the words are the container command (a quoted variable, an image name)',
        code:
          'img="${IMAGE:-app:dev}"\ndocker run --rm "$img" --privileged --net=host\n' +
          'docker run --rm $APP_IMAGE --privileged\ndocker run --rm ${TAG} --privileged\n',
      },
      {
        name: 'GitLab CI: a !reference list is not a command line, and no warning about the tag',
        file: GL,
        code: '.setup:\n  script: [echo setup]\njob:\n  script:\n    - !reference [.setup, script]\n    - docker run --rm alpine:3\n',
      },
      { name: 'a here-document body', code: 'ssh host <<EOF\ndocker run --privileged x\nEOF\n' },
      {
        name: "a justfile: settings, assignments and a Python recipe's body are not command lines",
        file: '/work/p/justfile',
        code:
          'set shell := ["bash", "-c"]\nflags := "--privileged"\n\nlint:\n    #!/usr/bin/env python3\n' +
          '    os.system("docker run --privileged x")\n',
      },
      { name: 'a comment', code: '# docker run --privileged x\n' },
      {
        name: 'recommended: Markdown is documentation',
        profile: 'recommended',
        file: '/work/p/README.md',
        code: '```sh\ndocker run --privileged x\n```\n',
      },
      {
        name: "another language's code block",
        file: '/work/p/README.md',
        code: '```python\ndocker run --privileged x\n```\n',
      },
    ],
    invalid: [
      {
        name: '$SUDO before the engine: a prefix we cannot read, or an empty one, and the engine runs either way',
        code:
          'SUDO=""\nif [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi\n$SUDO docker run --privileged x\n' +
          '${AS_ROOT} podman run --privileged y\n',
        errors: [
          { line: 3, column: 18, message: /`docker run` \(line 3\) runs privileged/ },
          { line: 4, column: 23, message: /`podman run` \(line 4\) runs privileged/ },
        ],
      },
      {
        name: "a justfile's recipes, just's prefixes and interpolations: the grant where written, the image unknown, no fix",
        file: '/work/p/justfile',
        code:
          'export PODMAN := if path_exists("/usr/bin/podman") == "true" { "podman" } else { "docker" }\n' +
          'image := "x"\n\n[private]\nrun-vm $img=image:\n    @podman run --rm --privileged {{ img }} bash\n' +
          '    -${PODMAN} run --rm \\\n        --privileged x\n' +
          'deploy:\n    #!/usr/bin/env bash\n    docker run --privileged "{{image}}"\n',
        errors: [
          { line: 6, column: 22, message: /container of `podman run` \(line 6\) runs privileged/ },
          // a continuation line keeps its dashes; a variable just's expression sets to an engine is that engine
          { line: 8, column: 9, message: /`podman run` \(line 7\) runs privileged/ },
          { line: 11, column: 16, message: /`docker run` \(line 11\) runs privileged/ },
        ],
        noFix: true,
      },
      {
        name: "a dev container's lifecycle commands are command lines (string, exec and parallel forms)",
        file: '/work/p/.devcontainer/devcontainer.json',
        code:
          '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n' +
          '  "postCreateCommand": "docker run --rm --privileged alpine:3.20 true",\n' +
          '  "postStartCommand": { "a": ["docker", "run", "--privileged", "alpine:3.20"] }\n}\n',
        errors: [
          { line: 3, column: 41, message: /runs privileged/ },
          { line: 4, column: 49, message: /runs privileged/ },
        ],
        fixes: [
          {
            title: /Remove --privileged/,
            output:
              '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n' +
              '  "postCreateCommand": "docker run --rm alpine:3.20 true",\n' +
              '  "postStartCommand": { "a": ["docker", "run", "--privileged", "alpine:3.20"] }\n}\n',
          },
        ],
      },
      {
        name: 'recommended: the grants privileged gives anyway are related information of its one finding',
        profile: 'recommended',
        code: 'docker run --rm --privileged --cap-add SYS_ADMIN --security-opt apparmor=unconfined alpine:3.20 true\n',
        errors: [{ line: 1, column: 17, message: /It also sets 2 grants that privileged gives anyway/ }],
      },
      {
        name: 'a variable named for options may hold flags: what follows it is still read as docker flags',
        code: 'docker run --rm "$DOCKER_OPTS" --privileged alpine:3.20\n',
        errors: [{ line: 1, column: 32, message: /runs privileged/ }],
      },
      {
        name: 'GitLab CI: script, before_script, after_script (string or list, an anchor), a block scalar',
        file: GL,
        code:
          '.dind: &dind\n  - docker run -d --privileged docker:27-dind\ntest:\n  before_script: *dind\n' +
          '  after_script: docker run --privileged y:1\n  script:\n    - |\n      docker run --rm \\\n' +
          '        --privileged x:1\n',
        errors: [
          { line: 2, column: 19, endLine: 2, endColumn: 31, severity: 'error' },
          { line: 5, column: 28, endLine: 5, endColumn: 40 },
          { line: 9, column: 9, endLine: 9, endColumn: 21 },
        ],
        fixes: [
          {
            title: /^Remove --privileged$/,
            output:
              '.dind: &dind\n  - docker run -d docker:27-dind\ntest:\n  before_script: *dind\n' +
              '  after_script: docker run --privileged y:1\n  script:\n    - |\n      docker run --rm \\\n' +
              '        --privileged x:1\n',
          },
        ],
      },
      {
        name: 'a continued command: the flag and its continuation go',
        code: 'docker run --rm \\\n  --privileged \\\n  -v "$(pwd)":/src \\\n  alpine:3.20 true\n',
        errors: [{ line: 2, column: 3, endLine: 2, endColumn: 15, severity: 'error' }],
        fixes: [
          { title: /^Remove --privileged$/, output: 'docker run --rm \\\n  -v "$(pwd)":/src \\\n  alpine:3.20 true\n' },
        ],
      },
      {
        name: 'inside $(...), after sudo and a chain',
        code: 'cd /x && ID=$(sudo docker run -d --privileged=true alpine:3.20) || exit 1\n',
        errors: [{ line: 1, column: 34, endLine: 1, endColumn: 51 }],
        fixes: [{ title: /Remove/, output: 'cd /x && ID=$(sudo docker run -d alpine:3.20) || exit 1\n' }],
      },
      {
        name: 'podman, docker create, docker container run, global options',
        code: 'podman run --privileged a\ndocker create --privileged b\ndocker -H ssh://x container run --privileged c\n',
        errors: [
          { line: 1, column: 12 },
          { line: 2, column: 15 },
          { line: 3, column: 33 },
        ],
      },
      {
        name: "podman's own boolean flags, and a flag we do not know, before --privileged",
        code:
          'podman run -d --replace --name web --privileged a\npodman run --rmi --privileged b\n' +
          'docker run --some-future-flag --privileged c\n',
        errors: [
          { line: 1, column: 36 },
          { line: 2, column: 18 },
          { line: 3, column: 31 },
        ],
      },
      {
        name: "nerdctl (containerd's CLI), with its own options before the subcommand",
        code: 'nerdctl -n k8s.io run --privileged a\nsudo nerdctl --address /run/containerd/containerd.sock container run --privileged b\n',
        errors: [
          { line: 1, column: 23, message: /`nerdctl run`/ },
          { line: 2, column: 70 },
        ],
      },
      {
        name: 'behind timeout, nice, setsid, stdbuf (their options and arguments skipped)',
        code:
          'timeout 60 docker run --privileged a\ntimeout -s KILL -k 5 10m docker run --privileged b\n' +
          'nice -n 10 docker run --privileged c\nsetsid -f docker run --privileged d\nstdbuf -oL -e 0 docker run --privileged e\n' +
          'timeout 60\n',
        errors: [
          { line: 1, column: 23 },
          { line: 2, column: 37 },
          { line: 3, column: 23 },
          { line: 4, column: 22 },
          { line: 5, column: 28 },
        ],
      },
      {
        name: 'a script run by sh -c or on a remote host by ssh (one word, or the words after the destination)',
        code:
          'bash -c "docker run --privileged a"\nssh -i ~/.ssh/k -p 2222 deploy@prod "docker run --privileged b"\n' +
          'ssh prod docker run --privileged c\nssh prod\nssh -T git@github.com\n',
        errors: [
          { line: 1, column: 21 },
          { line: 2, column: 49 },
          { line: 3, column: 21 },
        ],
      },
      {
        name: 'the program from a variable with a default (docker unless the caller says podman)',
        code:
          'DOCKER=${DOCKER:-docker}\n$DOCKER run --privileged a\n"${CONTAINER_ENGINE:-podman}" run --privileged b\n' +
          '${RUNTIME-/usr/bin/nerdctl} container run --privileged c\n${CMD:-echo} run --privileged d\n${CMD:+docker} run --privileged e\n',
        errors: [
          { line: 2, column: 13, message: /`docker run`/ },
          { line: 3, column: 35, message: /`podman run`/ },
          { line: 4, column: 43, message: /`nerdctl run`/ },
        ],
      },
      {
        name: 'a variable assigned a literal in the file',
        code: 'OPTS="--privileged --rm"\ndocker run $OPTS alpine:3.20\n',
        errors: [{ line: 2, column: 12, endLine: 2, endColumn: 17 }],
        fixes: [],
      },
      {
        name: 'a Makefile recipe (make variables unknown, $$ is the shell)',
        file: '/work/p/Makefile',
        code: 'IMAGE ?= app\n\ntest: build\n\t@docker run --rm --privileged -v $$(pwd):/src $(IMAGE) make check\n',
        errors: [{ line: 4, column: 19 }],
        fixes: [
          {
            title: /Remove/,
            output: 'IMAGE ?= app\n\ntest: build\n\t@docker run --rm -v $$(pwd):/src $(IMAGE) make check\n',
          },
        ],
      },
      {
        name: 'a make variable assigned once is substituted (and split) where a recipe uses it',
        file: '/work/p/Makefile',
        code: 'RUN_OPTS := --rm --privileged\nDIR = $(CURDIR)\nD := docker run --privileged -v $(shell pwd):/s\n\nt:\n\tdocker run $(RUN_OPTS) -v $(DIR):/src x\n\t${D} y\n',
        errors: [
          { line: 6, column: 13, endLine: 6, endColumn: 24 },
          { line: 7, column: 2, endLine: 7, endColumn: 6 },
        ],
        fixes: [],
      },
      {
        name: 'a Dockerfile build step',
        file: '/work/p/Dockerfile',
        code: 'FROM docker:27-cli\nRUN docker run --privileged \\\n    alpine:3.20 true\nUSER 1000\n',
        errors: [{ line: 2, column: 16 }],
        fixes: [
          { title: /Remove/, output: 'FROM docker:27-cli\nRUN docker run \\\n    alpine:3.20 true\nUSER 1000\n' },
        ],
      },
      {
        name: 'a workflow run step (a literal block)',
        file: WF,
        code: 'on: push\njobs:\n  t:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: |\n          docker run --privileged \\\n            alpine:3.20 true\n',
        errors: [{ line: 7, column: 22 }],
        fixes: [
          {
            title: /Remove/,
            output:
              'on: push\njobs:\n  t:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: |\n          docker run \\\n            alpine:3.20 true\n',
          },
        ],
      },
      {
        name: 'binfmt handlers: privileged by design, info',
        code: 'docker run --privileged --rm tonistiigi/binfmt:qemu-v8.1.5 --install all\n',
        errors: [{ line: 1, column: 12, severity: 'info' }],
      },
      {
        name: 'a workflow container option',
        file: WF,
        code: job('      options: --privileged\n'),
        errors: [{ line: 7, column: 16 }],
      },
      {
        name: 'Markdown in strict: info, in the shell block only',
        file: '/work/p/README.md',
        code: '# Run\n\n```console\n$ docker run --privileged x\nout --privileged\n```\n',
        errors: [{ line: 4, column: 14, severity: 'info' }],
      },
    ],
  },
  'run/cap-add': {
    valid: ['docker run --cap-add NET_BIND_SERVICE x\n', 'docker run --cap-add "$CAP" x\n'],
    invalid: [
      {
        name: '--cap-add VALUE and --cap-add=VALUE',
        code: 'docker run --cap-add SYS_ADMIN --cap-add=NET_ADMIN x\n',
        errors: [
          { line: 1, column: 12, endLine: 1, endColumn: 31 },
          { line: 1, column: 32, endLine: 1, endColumn: 51 },
        ],
        fixes: [
          { title: /Remove --cap-add SYS_ADMIN/, output: 'docker run --cap-add=NET_ADMIN x\n' },
          { title: /Remove --cap-add=NET_ADMIN/, output: 'docker run --cap-add SYS_ADMIN x\n' },
        ],
      },
    ],
  },
  'run/docker-socket': {
    valid: ['docker run -v "$(pwd)":/src x\n', 'docker run -v $SOCK:/var/run/docker.sock x\n'],
    invalid: [
      {
        name: 'a folded YAML scalar: found, but no fix (an emptied line would split the command in two)',
        file: GL,
        code: 'it:\n  script:\n    - >\n      docker run --rm\n      -v /var/run/docker.sock:/var/run/docker.sock\n      x:1 make\n',
        errors: [{ line: 5, column: 7, endLine: 5, endColumn: 51, severity: 'error' }],
        noFix: true,
      },
      {
        name: '-v and --mount',
        code: 'docker run -v /var/run/docker.sock:/var/run/docker.sock --mount type=bind,src=/run/podman/podman.sock,dst=/p.sock x\n',
        errors: [
          { line: 1, column: 12 },
          { line: 1, column: 57 },
        ],
        fixes: [
          { title: /docker\.sock/, output: 'docker run --mount type=bind,src=/run/podman/podman.sock,dst=/p.sock x\n' },
          { title: /podman\.sock/, output: 'docker run -v /var/run/docker.sock:/var/run/docker.sock x\n' },
        ],
      },
      {
        name: 'a workflow service volume: the list item goes',
        file: WF,
        code: 'on: push\njobs:\n  b:\n    runs-on: ubuntu-24.04\n    services:\n      dind:\n        image: docker:27-cli\n        volumes:\n          - /var/run/docker.sock:/var/run/docker.sock\n          - /tmp:/tmp\n    steps:\n      - run: make\n',
        errors: [{ line: 9, column: 13 }],
        fixes: [
          {
            title: /Remove/,
            output:
              'on: push\njobs:\n  b:\n    runs-on: ubuntu-24.04\n    services:\n      dind:\n        image: docker:27-cli\n        volumes:\n          - /tmp:/tmp\n    steps:\n      - run: make\n',
          },
        ],
      },
    ],
  },
  'run/host-network': ns('network', false),
  'run/host-pid': ns('pid'),
  'run/host-ipc': ns('ipc'),
  'run/host-uts': ns('uts'),
  'run/host-userns': ns('userns'),
  'run/host-cgroupns': ns('cgroupns'),
  'run/seccomp-unconfined': {
    valid: ['docker run --security-opt seccomp=./profile.json x\n'],
    invalid: [
      {
        name: 'quoted value',
        code: "docker run --security-opt 'seccomp=unconfined' x\n",
        errors: [{ line: 1, column: 12, endLine: 1, endColumn: 47 }],
        fixes: [{ title: /Remove/, output: 'docker run x\n' }],
      },
    ],
  },
  'run/apparmor-unconfined': {
    valid: ['docker run --security-opt apparmor=docker-default x\n'],
    invalid: [{ code: 'docker run --security-opt=apparmor:unconfined x\n', errors: [{ line: 1, column: 12 }] }],
  },
  'run/selinux-disabled': {
    valid: ['docker run --security-opt label=type:svirt_apache_t x\n'],
    invalid: [{ code: 'docker run --security-opt label=disable x\n', errors: [{ line: 1, column: 12 }] }],
  },
  'run/systempaths-unconfined': {
    valid: ['docker run x\n'],
    invalid: [{ code: 'docker run --security-opt systempaths=unconfined x\n', errors: [{ line: 1, column: 12 }] }],
  },
  'run/sensitive-host-mount': {
    valid: ['docker run -v "$(pwd)":/src -v ${PWD}/out:/out -v data:/data x\n', 'docker run -v "$DIR":/d x\n'],
    invalid: [
      {
        name: '$HOME reads as the home folder; :ro is added inside the quotes',
        code: 'docker run -v "$HOME/.ssh:/root/.ssh" x\n',
        errors: [{ line: 1, column: 12 }],
        fixes: [{ title: /read-only/, output: 'docker run -v "$HOME/.ssh:/root/.ssh:ro" x\n' }],
      },
      {
        name: '-v=/:/host bundled, and a --mount',
        code: 'docker run -v/:/host --mount type=bind,source=/etc,target=/e x\n',
        errors: [
          { line: 1, column: 12 },
          { line: 1, column: 22 },
        ],
        fixes: [
          { title: /:ro/, output: 'docker run -v/:/host:ro --mount type=bind,source=/etc,target=/e x\n' },
          { title: /readonly/, output: 'docker run -v/:/host --mount type=bind,source=/etc,target=/e,readonly x\n' },
        ],
      },
    ],
  },
  'run/mount-propagation': {
    valid: ['docker run -v /mnt:/mnt:ro x\n'],
    invalid: [{ code: 'docker run -v /mnt:/mnt:rshared x\n', errors: [{ line: 1, column: 12 }] }],
  },
  'run/devices': {
    valid: ['docker run x\n'],
    invalid: [{ code: 'docker run --device=/dev/mem:/dev/mem x\n', errors: [{ line: 1, column: 12 }] }],
  },
  'run/secret-in-environment': {
    valid: [
      'docker run -e DB_PASSWORD -e API_TOKEN="$API_TOKEN" x\n',
      {
        name: 'a workflow expression',
        file: WF,
        code: job('      env:\n        DB_PASSWORD: ${{ secrets.DB_PASSWORD }}\n'),
      },
    ],
    invalid: [
      {
        code: 'docker run -e DB_PASSWORD=hunter2 -eAPI_TOKEN=abc123def x\n',
        errors: [
          { line: 1, column: 12 },
          { line: 1, column: 35 },
        ],
      },
      {
        name: 'a workflow container env',
        file: WF,
        code: job('      env:\n        DB_PASSWORD: hunter2\n'),
        errors: [{ line: 8, column: 9 }],
      },
    ],
  },
  'run/user-root': {
    valid: ['docker run -u 1000:1000 x\n', 'docker run -u "$(id -u)" x\n'],
    invalid: [
      {
        code: 'docker run -u root x\n',
        errors: [{ line: 1, column: 12 }],
        fixes: [{ title: /10001/, output: 'docker run -u 10001:10001 x\n' }],
      },
      {
        name: '--user=0',
        code: 'docker run --user=0 x\n',
        errors: [{ line: 1, column: 12 }],
        fixes: [{ title: /10001/, output: 'docker run --user=10001:10001 x\n' }],
      },
    ],
  },
  'run/oom-kill-disable': {
    valid: ['docker run --memory 1g x\n'],
    invalid: [
      {
        code: 'docker run --oom-kill-disable -it x\n',
        errors: [{ line: 1, column: 12 }],
        fixes: [{ title: /Remove/, output: 'docker run -it x\n' }],
      },
    ],
  },
  'run/ulimits-unlimited': {
    valid: ['docker run --ulimit nofile=1024:2048 x\n'],
    invalid: [{ code: 'docker run --ulimit nproc=-1 x\n', errors: [{ line: 1, column: 12 }] }],
  },
  'run/cgroup-parent': {
    valid: ['docker run x\n'],
    invalid: [{ code: 'docker run --cgroup-parent=/system.slice x\n', errors: [{ line: 1, column: 12 }] }],
  },
  'run/tmpfs-options': {
    valid: [
      'docker run --tmpfs /tmp --tmpfs /run:size=64m,noexec x\n',
      'docker run --tmpfs=/tmp:exec,noexec x\n',
      { code: 'docker run --tmpfs /tmp:exec x\n', profile: 'recommended' },
    ],
    invalid: [
      {
        code: 'docker run --read-only \\\n  --tmpfs /tmp:rw,exec,size=64m x\n',
        errors: [
          {
            line: 2,
            column: 3,
            endLine: 2,
            endColumn: 32,
            severity: 'info',
            message: /mounts a tmpfs at \/tmp with exec/,
          },
        ],
      },
    ],
  },
  'run/logging-disabled': {
    valid: ['docker run --log-driver json-file x\n'],
    invalid: [{ code: 'docker run --log-driver=none x\n', errors: [{ line: 1, column: 12 }] }],
  },
  'run/port-all-interfaces': {
    valid: [
      'docker run -p 127.0.0.1:5432:5432 x\n',
      'docker run -p "$BIND":5432:5432 x\n',
      {
        name: "a workflow service's ports publish on the runner",
        file: WF,
        code: 'on: push\njobs:\n  b:\n    runs-on: ubuntu-24.04\n    services:\n      db:\n        image: postgres:17\n        ports:\n          - 5432:5432\n    steps:\n      - run: make\n',
      },
    ],
    invalid: [
      {
        name: 'bundled -p: the address is written in front',
        code: 'docker run -p5432:5432 x\n',
        errors: [{ line: 1, column: 12, endLine: 1, endColumn: 23 }],
        fixes: [{ title: /127\.0\.0\.1/, output: 'docker run -p127.0.0.1:5432:5432 x\n' }],
      },
      {
        name: '--publish "VALUE": inside the quotes',
        code: 'docker run --publish "8080:80" x\n',
        errors: [{ line: 1, column: 12 }],
        fixes: [{ title: /127\.0\.0\.1/, output: 'docker run --publish "127.0.0.1:8080:80" x\n' }],
      },
    ],
  },
  'run/admin-port': {
    valid: ['docker run -p 127.0.0.1:8080:80 x\n'],
    invalid: [{ code: 'docker run -p 2222:22 x\n', errors: [{ line: 1, column: 12 }] }],
  },
  'run/docker-daemon-tcp': {
    valid: ['docker run -e DOCKER_HOST=unix:///var/run/docker.sock x\n'],
    invalid: [{ code: 'docker run -e DOCKER_HOST=tcp://10.0.0.5:2375 x\n', errors: [{ line: 1, column: 12 }] }],
  },
  'run/exec-privileged': {
    valid: [
      'docker exec -it app sh\n',
      { name: "after the container: the command's own argument", code: 'docker exec app ls --privileged\n' },
      { name: 'explicitly false', code: 'docker exec --privileged=false app sh\n' },
    ],
    invalid: [
      {
        name: 'removed with the space before it',
        code: 'docker exec --privileged -it app sh\n',
        errors: [
          {
            line: 1,
            column: 13,
            endLine: 1,
            endColumn: 25,
            severity: 'error',
            message: /^`docker exec` \(line 1\) runs its command privileged/,
          },
        ],
        fixes: [{ title: /^Remove --privileged$/, output: 'docker exec -it app sh\n' }],
      },
      {
        name: 'behind sudo, as podman container exec',
        code: 'sudo podman container exec --privileged app sh\n',
        errors: [{ line: 1, column: 28, message: /`podman container exec`/ }],
      },
    ],
  },
  'run/build-entitlement': {
    valid: [
      'docker buildx build -t app .\n',
      'docker build --network=none .\n',
      { name: 'an unknown value is not judged', code: 'docker buildx build --allow "$ENT" .\n' },
      { name: 'a run, not a build', code: 'docker run --network=bridge alpine:3.20\n' },
    ],
    invalid: [
      {
        name: 'security.insecure is an error; network.host a warning; both in one --allow',
        code: 'docker buildx build --allow security.insecure,network.host -t app .\n',
        errors: [
          { line: 1, column: 21, endColumn: 59, severity: 'error', message: /without a sandbox/ },
          { line: 1, column: 21, severity: 'warning', message: /host's network/ },
        ],
        fixes: [
          { title: /^Remove --allow security\.insecure,network\.host$/, output: 'docker buildx build -t app .\n' },
        ],
      },
      {
        name: '--network host after the context path (build flags may follow it)',
        code: 'docker build . -t app --network=host\n',
        errors: [{ line: 1, column: 23, severity: 'warning' }],
        fixes: [{ title: /^Remove --network=host$/, output: 'docker build . -t app\n' }],
      },
      {
        name: 'the builder daemon that grants them',
        code: 'buildkitd --allow-insecure-entitlement security.insecure &\n',
        errors: [
          {
            line: 1,
            column: 11,
            severity: 'error',
            message: /^`buildkitd` \(line 1\) lets builds run without a sandbox/,
          },
        ],
        fixes: [{ title: /^Remove --allow-insecure-entitlement security\.insecure$/, output: 'buildkitd &\n' }],
      },
    ],
  },
  'run/plugin-all-permissions': {
    valid: ['docker plugin install vieux/sshfs:1.0\n'],
    invalid: [
      {
        code: 'docker plugin install --grant-all-permissions vieux/sshfs:1.0\n',
        errors: [{ line: 1, column: 23, endColumn: 46, severity: 'warning' }],
        fixes: [{ title: /^Remove --grant-all-permissions$/, output: 'docker plugin install vieux/sshfs:1.0\n' }],
      },
    ],
  },
};
