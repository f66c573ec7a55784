// Table-driven cases for the daemon rules: a daemon.json (strict JSON), a systemd drop-in for docker.service, and a
// dockerd started by a command line (a script, a Makefile recipe, a workflow step).
import type { Cases } from './ruleTester';

const UNIT = '/work/p/etc/systemd/system/docker.service.d/override.conf';
const SCRIPT = '/work/p/ci/start-docker.sh';
const unit = (execStart: string) => `[Service]\nExecStart=\nExecStart=${execStart}\n`;

export const daemonCases: Record<string, Cases> = {
  'daemon/tcp-without-tls': {
    valid: [
      '{\n  "hosts": ["unix:///var/run/docker.sock"]\n}\n',
      '{\n  "hosts": ["tcp://0.0.0.0:2376"],\n  "tlsverify": true,\n  "tlscacert": "/etc/docker/ca.pem"\n}\n',
      {
        name: 'a drop-in with --tlsverify',
        file: UNIT,
        code: unit('/usr/bin/dockerd -H tcp://0.0.0.0:2376 --tlsverify'),
      },
      {
        name: 'a script: dockerd on the socket, and on TCP with client verification; a host from a variable',
        file: SCRIPT,
        code:
          '#!/bin/sh\nsudo dockerd -H unix:///var/run/docker.sock &\n' +
          'dockerd -H tcp://0.0.0.0:2376 --tlsverify --tlscacert ca.pem &\ndockerd -H "$DOCKER_HOST" &\necho dockerd -H tcp://0.0.0.0:2375\n',
      },
      {
        name: "another tool's daemon.json",
        code: '{\n  "hosts": ["tcp://0.0.0.0:9000"], "name": "x"\n}\n'.replace('"hosts"', '"peers"'),
      },
    ],
    invalid: [
      {
        name: 'tcp on every interface, no TLS',
        code: '{\n  "hosts": ["unix:///var/run/docker.sock", "tcp://0.0.0.0:2375"]\n}\n',
        errors: [{ line: 2, column: 44, endLine: 2, endColumn: 64, severity: 'error', message: /without TLS: anyone/ }],
      },
      {
        name: 'TLS without client verification; loopback is a warning',
        code: '{\n  "tls": true,\n  "hosts": ["tcp://127.0.0.1:2376", "tcp://10.0.0.5:2376"]\n}\n',
        errors: [
          {
            line: 3,
            column: 13,
            severity: 'warning',
            message: /with TLS but without client verification: every local/,
          },
          { line: 3, column: 37, severity: 'error' },
        ],
      },
      {
        name: 'a systemd drop-in: ExecStart=dockerd -H tcp://0.0.0.0:2375',
        file: UNIT,
        code: unit('/usr/bin/dockerd -H fd:// -H tcp://0.0.0.0:2375 --containerd=/run/containerd/containerd.sock'),
        errors: [{ line: 3, column: 37, endLine: 3, endColumn: 58 }],
      },
      {
        name: 'a script starting dockerd on TCP (each command line is its own daemon: TLS on one does not cover another)',
        file: SCRIPT,
        code: '#!/bin/sh\nsudo nohup dockerd --host=tcp://0.0.0.0:2375 > /tmp/d.log 2>&1 &\ndockerd -H tcp://127.0.0.1:2375 &\ndockerd --tlsverify -H tcp://0.0.0.0:2376 &\n',
        errors: [
          { line: 2, column: 20, endLine: 2, endColumn: 45, severity: 'error' },
          { line: 3, column: 9, severity: 'warning' },
        ],
      },
      {
        name: 'a workflow step',
        file: '/work/p/.github/workflows/ci.yml',
        code: 'jobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: sudo dockerd -H tcp://0.0.0.0:2375 &\n',
        errors: [{ line: 5, column: 27 }],
      },
      {
        name: '--host= in docker.service',
        file: '/work/p/docker.service',
        code: '[Service]\nExecStart=/usr/bin/dockerd --host=tcp://0.0.0.0\n',
        errors: [{ line: 2, column: 28 }],
      },
    ],
  },
  'daemon/insecure-registries': {
    valid: ['{\n  "insecure-registries": ["127.0.0.1:5000", "localhost:5000"]\n}\n', '{\n  "log-driver": "local"\n}\n'],
    invalid: [
      {
        code: '{\n  "insecure-registries": [\n    "registry.internal:5000",\n    "10.0.0.5:5000"\n  ],\n  "icc": false\n}\n',
        errors: [
          { line: 3, column: 5 },
          { line: 4, column: 5 },
        ],
        fixes: [
          {
            title: /Remove registry\.internal:5000/,
            output: '{\n  "insecure-registries": [\n    "10.0.0.5:5000"\n  ],\n  "icc": false\n}\n',
          },
        ],
      },
      {
        name: 'a plain-HTTP registry mirror, the last of the list',
        code: '{\n  "registry-mirrors": [\n    "https://mirror.gcr.io",\n    "http://mirror.example.com"\n  ]\n}\n',
        errors: [{ line: 4, column: 5, message: /over plain HTTP/ }],
        fixes: [
          {
            title: /Remove http:\/\/mirror\.example\.com/,
            output: '{\n  "registry-mirrors": [\n    "https://mirror.gcr.io"\n  ]\n}\n',
          },
        ],
      },
      {
        name: 'a drop-in flag',
        file: UNIT,
        code: unit('/usr/bin/dockerd --insecure-registry=registry.internal:5000'),
        errors: [{ line: 3, column: 28 }],
      },
    ],
  },
  'daemon/metrics-all-interfaces': {
    valid: [
      '{\n  "metrics-addr": "127.0.0.1:9323"\n}\n',
      '{\n  "metrics-addr": "10.0.0.5:9323"\n}\n',
      { name: 'not set', code: '{\n  "log-driver": "json-file"\n}\n' },
    ],
    invalid: [
      {
        code: '{\n  "metrics-addr": "0.0.0.0:9323"\n}\n',
        errors: [
          {
            line: 2,
            column: 3,
            severity: 'warning',
            message: /metrics on every interface \(metrics-addr 0\.0\.0\.0:9323\)/,
          },
        ],
      },
      {
        name: 'no host, or IPv6 unspecified',
        code: '{\n  "metrics-addr": ":9323"\n}\n',
        errors: [{ line: 2, column: 3 }],
      },
      {
        name: 'a drop-in: dockerd --metrics-addr',
        file: '/work/p/docker.service.d/override.conf',
        code: '[Service]\nExecStart=\nExecStart=/usr/bin/dockerd --metrics-addr [::]:9323\n',
        errors: [{ line: 3, column: 28 }],
      },
    ],
  },
  'daemon/seccomp-unconfined': {
    valid: ['{\n  "seccomp-profile": "/etc/docker/seccomp.json"\n}\n'],
    invalid: [
      {
        code: '{\n  "log-driver": "local",\n  "seccomp-profile": "unconfined"\n}\n',
        errors: [{ line: 3, column: 3, endLine: 3, endColumn: 34 }],
        fixes: [{ title: /Remove seccomp-profile/, output: '{\n  "log-driver": "local"\n}\n' }],
      },
      {
        name: 'on a dockerd command line (no fix: the script is not a configuration to edit)',
        file: SCRIPT,
        code: 'dockerd --seccomp-profile unconfined --insecure-registry 10.0.0.5:5000 &\n',
        errors: [{ line: 1, column: 9, endLine: 1, endColumn: 37 }],
        fixes: [],
      },
    ],
  },
  'daemon/socket-permissions': {
    valid: [
      {
        name: 'group access, others removed, not a socket, umask-bound +w, an unknown mode',
        file: SCRIPT,
        code:
          'chmod 660 /var/run/docker.sock\nsudo chmod o-w /var/run/docker.sock\nchmod 666 /tmp/shared.txt\n' +
          'chmod +w /var/run/docker.sock\nchmod "$MODE" /var/run/docker.sock\nchmod 0664 /run/docker.sock\n',
      },
    ],
    invalid: [
      {
        name: 'octal, after sudo',
        file: SCRIPT,
        code: '#!/bin/sh\nsudo chmod 666 /var/run/docker.sock\n',
        errors: [{ line: 2, column: 12, endLine: 2, endColumn: 15, message: /chmod 666 lets every user write/ }],
      },
      {
        name: 'symbolic, with options, on any engine socket',
        file: SCRIPT,
        code: 'chmod -v a+rw /run/user/1000/docker.sock\nchmod u+x,o+w /run/podman/podman.sock\nchmod 0777 /var/run/docker.sock\n',
        errors: [
          { line: 1, column: 10 },
          { line: 2, column: 7 },
          { line: 3, column: 7 },
        ],
      },
      {
        name: 'a Makefile recipe',
        file: '/work/p/Makefile',
        code: 'setup:\n\tsudo chmod 777 /var/run/docker.sock\n',
        errors: [{ line: 2, column: 13 }],
      },
    ],
  },
  'daemon/hardening': {
    valid: [
      '{\n  "icc": false,\n  "userns-remap": "default",\n  "authorization-plugins": ["authz"],\n' +
        '  "live-restore": true,\n  "userland-proxy": false,\n  "no-new-privileges": true\n}\n',
      { name: 'recommended: off', profile: 'recommended', code: '{\n  "log-driver": "local"\n}\n' },
      { name: 'a drop-in is not judged on it', file: UNIT, code: unit('/usr/bin/dockerd -H fd://') },
    ],
    invalid: [
      {
        code: '{\n  "log-driver": "local",\n  "icc": true,\n  "experimental": true\n}\n',
        errors: [{ line: 1, column: 1, severity: 'info', message: /"icc": false \(2\.1\).*"experimental" off/ }],
      },
    ],
  },
};
