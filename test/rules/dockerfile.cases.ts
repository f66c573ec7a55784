// Table-driven cases for every Dockerfile rule: exact 1-based positions and fix outputs.
import type { Cases } from './ruleTester';

const F = 'FROM alpine:3.20\n';
const U = 'USER 10001\n';

export const dockerfileCases: Record<string, Cases> = {
  'dockerfile/user-root': {
    valid: [
      `${F}${U}`,
      `${F}USER root\nRUN apk add curl\n${U}`,
      `FROM alpine:3.20 AS build\nUSER root\nFROM alpine:3.20\n${U}`,
      `${F}`,
    ],
    invalid: [
      {
        code: `${F}USER root\nCMD ["sh"]\n`,
        errors: [{ line: 2, column: 1, endLine: 2, endColumn: 10 }],
        fixes: [{ title: /USER 10001:10001/, output: `${F}USER 10001:10001\nCMD ["sh"]\n` }],
      },
      { name: 'uid with group', code: `${F}USER 0:0\n`, errors: [{ line: 2, column: 1 }] },
      { name: 'root:group', code: `${F}USER root:wheel\n`, errors: [{ line: 2, column: 1 }] },
      {
        name: 'inherited from an earlier stage',
        code: 'FROM alpine:3.20 AS base\nUSER root\nFROM base\nRUN id\n',
        errors: [{ line: 2, column: 1 }],
        noFix: true,
      },
      {
        name: 'multi-stage: the final stage decides',
        code: `FROM alpine:3.20 AS b\n${U}FROM alpine:3.20\nUSER root\n`,
        errors: [{ line: 4, column: 1 }],
      },
      {
        name: "a dev container's Dockerfile that the dev container runs as a non-root remoteUser: info, as missing-user",
        code: `${F}USER root\nRUN apt-get update\n`,
        file: '/work/p/.devcontainer/Dockerfile',
        files: {
          '/work/p/.devcontainer/devcontainer.json':
            '{\n  "build": { "dockerfile": "Dockerfile" },\n  "remoteUser": "vscode"\n}\n',
        },
        errors: [
          {
            line: 2,
            column: 1,
            severity: 'info',
            message: /the dev containers that build it run it as a non-root user/,
          },
        ],
      },
      {
        name: 'a dev container that runs it as root: still a warning',
        code: `${F}USER root\n`,
        file: '/work/p/.devcontainer/Dockerfile',
        files: { '/work/p/.devcontainer/devcontainer.json': '{ "build": { "dockerfile": "Dockerfile" } }' },
        errors: [{ line: 2, column: 1, severity: 'warning' }],
      },
    ],
  },
  'dockerfile/missing-user': {
    valid: [
      `${F}${U}`,
      `FROM alpine:3.20 AS base\n${U}FROM base\nRUN id\n`,
      {
        name: 'a base documented to run as non-root: distroless nonroot (with a digest), through a stage',
        code:
          'FROM golang:1.23 AS build\nRUN go build -o /app .\n' +
          `FROM gcr.io/distroless/static-debian12:nonroot@sha256:${'1'.repeat(64)} AS run\nFROM run\nCOPY --from=build /app /app\n`,
      },
      {
        name: 'a file of FROM lines only (a list a dependency bot keeps current) builds nothing',
        code: 'ARG V=16\nFROM postgres:${V} AS postgres\nFROM redis:7.4 AS redis\nFROM nginx:1.27\n',
      },
      {
        name: 'Bitnami application images run as 1001',
        code: 'FROM bitnami/postgresql:16.4.0\nCOPY init.sql /docker-entrypoint-initdb.d/\n',
      },
    ],
    invalid: [
      {
        name: 'one FROM line alone may be an image that runs as is: judged',
        code: 'FROM alpine:3.20\n',
        errors: [{ line: 1, column: 1 }],
      },
      {
        name: 'bitnami/minideb is a root base',
        code: 'FROM bitnami/minideb:bookworm\nRUN id\n',
        errors: [{ line: 1, column: 1 }],
      },
      {
        name: "a tag that only contains 'nonroot' inside a word is no promise",
        code: 'FROM acme/app:nonrootless\nRUN id\n',
        errors: [{ line: 1, column: 1 }],
      },
      {
        code: `${F}RUN id\nCMD ["sh"]\n`,
        errors: [{ line: 1, column: 1, endLine: 1, endColumn: 17 }],
        fixes: [{ title: /USER 10001:10001/, output: `${F}RUN id\nUSER 10001:10001\nCMD ["sh"]\n` }],
      },
      {
        name: 'no CMD: appended',
        code: `${F}RUN id\n`,
        errors: [{ line: 1, column: 1 }],
        fixes: [{ title: /USER/, output: `${F}RUN id\nUSER 10001:10001\n` }],
      },
      {
        name: 'only an earlier stage sets USER',
        code: `FROM alpine:3.20 AS b\n${U}FROM scratch\nCOPY --from=b /x /x\n`,
        errors: [{ line: 3, column: 1 }],
      },
      {
        name: 'CRLF',
        code: 'FROM alpine:3.20\r\nCMD ["sh"]\r\n',
        errors: [{ line: 1, column: 1 }],
        fixes: [{ title: /USER/, output: 'FROM alpine:3.20\r\nUSER 10001:10001\r\nCMD ["sh"]\r\n' }],
      },
      {
        name: 'every Compose service that builds it sets a non-root user: info, related at the services',
        code: `${F}CMD ["sh"]\n`,
        files: {
          '/work/compose.yaml':
            'services:\n  api:\n    build: ./p\n    user: "10001"\n  worker:\n    build: { context: p }\n    user: app\n',
        },
        errors: [{ line: 1, column: 1, severity: 'info', message: /services that build it \('api', 'worker'\)/ }],
      },
      {
        name: 'one of them runs it as root: still a warning',
        code: `${F}CMD ["sh"]\n`,
        files: {
          '/work/p/compose.yaml': 'services:\n  api:\n    build: .\n    user: "10001"\n  w:\n    build: .\n',
        },
        errors: [{ line: 1, column: 1, severity: 'warning', message: /the container runs as the base image's user/ }],
      },
      {
        name: 'a dev container that builds it (build.dockerfile) as a non-root remoteUser: info, related there',
        code: `${F}CMD ["sh"]\n`,
        file: '/work/p/.devcontainer/Dockerfile',
        files: {
          '/work/p/.devcontainer/devcontainer.json':
            '{\n  // the image\n  "build": { "dockerfile": "Dockerfile", "context": ".." },\n  "remoteUser": "vscode",\n}\n',
        },
        errors: [
          { line: 1, column: 1, severity: 'info', message: /the dev container \.devcontainer\/devcontainer\.json/ },
        ],
      },
      {
        name: 'the older dockerFile spelling, in a .devcontainer.json one folder above the .devcontainer folder',
        code: `${F}CMD ["sh"]\n`,
        file: '/work/p/.devcontainer/Dockerfile',
        files: { '/work/p/.devcontainer.json': '{ "dockerFile": ".devcontainer/Dockerfile", "remoteUser": "vscode" }' },
        errors: [{ line: 1, column: 1, severity: 'info', message: /the dev container p\/\.devcontainer\.json/ }],
      },
      {
        name: 'a dev container that runs it as root: still a warning',
        code: `${F}CMD ["sh"]\n`,
        files: { '/work/p/.devcontainer.json': '{ "dockerFile": "Dockerfile", "containerUser": "root" }' },
        errors: [{ line: 1, column: 1, severity: 'warning' }],
      },
    ],
  },
  'dockerfile/image-digest': {
    valid: [
      `FROM python:3.12-slim@sha256:${'a'.repeat(64)}\n${U}`,
      // no tag or a moving tag: dockerfile/image-tag's; stages and scratch are not images
      `FROM ubuntu\n${U}`,
      `FROM scratch\n${U}`,
      `FROM python:3.12-slim@sha256:${'a'.repeat(64)} AS build\nFROM build\nCOPY --from=build /a /a\n${U}`,
      { code: `FROM python:3.12-slim\n${U}`, profile: 'recommended' },
    ],
    invalid: [
      {
        name: 'FROM and COPY --from with a tag and no digest (strict)',
        code: `FROM python:3.12-slim\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\n${U}`,
        errors: [
          {
            line: 1,
            column: 6,
            endLine: 1,
            endColumn: 22,
            severity: 'info',
            message: /FROM python:3\.12-slim has a tag but no digest/,
          },
          { line: 2, column: 6, endLine: 2, endColumn: 23, message: /COPY --from=nginx:1\.27 has a tag but no digest/ },
        ],
        noFix: true,
      },
      {
        name: 'an ARG default is resolved',
        code: `ARG BASE=node:22.11-alpine\nFROM \${BASE}\n${U}`,
        errors: [{ line: 2, column: 6, message: /FROM node:22\.11-alpine has a tag but no digest/ }],
      },
    ],
  },
  'dockerfile/untrusted-registry': {
    valid: [
      // not configured: nothing to judge
      `FROM node:22\n${U}`,
      {
        name: 'Docker Hub spellings, path boundaries, a local registry with a port, stages, variables',
        code:
          `FROM nginx:1.27 AS a\nFROM library/redis:7\nFROM index.docker.io/library/alpine:3.20\nFROM a\n` +
          `FROM localhost:5000/app:1\nFROM GHCR.io/Acme/tool:2\nARG BASE\nFROM \${BASE}\nCOPY --from=ghcr.io/acme/x:1 / /\n${U}`,
        options: { trustedRegistries: ['docker.io/library', 'localhost:5000', 'ghcr.io/acme/'] },
      },
    ],
    invalid: [
      {
        name: 'another registry, another path of a trusted registry, a Hub user image, COPY --from',
        code: `FROM quay.io/org/app:1\nFROM ghcr.io/acmex/app:1\nFROM someone/node:22\nCOPY --from=mcr.microsoft.com/x:1 / /\n${U}`,
        options: { trustedRegistries: ['docker.io/library', 'ghcr.io/acme'] },
        errors: [
          {
            line: 1,
            column: 6,
            endLine: 1,
            endColumn: 23,
            severity: 'warning',
            message: /takes quay\.io\/org\/app:1 from quay\.io\/org\/app, which is not in trustedRegistries/,
          },
          { line: 2, column: 6, message: /from ghcr\.io\/acmex\/app/ },
          { line: 3, column: 6, message: /from docker\.io\/someone\/node/ },
          { line: 4, column: 6, message: /COPY --from takes mcr\.microsoft\.com\/x:1/ },
        ],
        noFix: true,
      },
    ],
  },
  'dockerfile/update-without-install': {
    valid: [
      `FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n${U}`,
      `${F}RUN apk update && apk add curl=8.9.1-r0\n${U}`,
      `FROM debian:12\nRUN apt-get update && apt-get upgrade -y && apt-get install -y curl\n${U}`,
      { code: `FROM debian:12\nRUN apt-get update\n${U}`, profile: 'recommended' },
    ],
    invalid: [
      {
        code: `FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n${U}`,
        errors: [
          {
            line: 2,
            column: 5,
            endLine: 2,
            endColumn: 19,
            severity: 'info',
            message: /updates the package index without installing/,
          },
        ],
      },
      {
        name: 'sudo, options before the verb, apk; an install by another manager does not count',
        code: `${F}RUN sudo apt -q update && pip install x==1\nRUN apk -q update\n${U}`,
        errors: [
          { line: 2, column: 5, endLine: 2, endColumn: 23 },
          { line: 3, column: 5, endLine: 3, endColumn: 18 },
        ],
      },
    ],
  },
  'dockerfile/install-recommends': {
    valid: [
      `FROM debian:12\nRUN apt-get install -y --no-install-recommends curl\n${U}`,
      `FROM debian:12\nRUN apt-get -o APT::Install-Recommends=false install -y curl\n${U}`,
      `${F}RUN apk add --no-cache curl\n${U}`,
      { code: `FROM debian:12\nRUN apt-get install -y curl\n${U}`, profile: 'recommended' },
    ],
    invalid: [
      {
        code: `FROM debian:12\nRUN apt-get update && apt-get -y install curl\n${U}`,
        errors: [{ line: 2, column: 23, endLine: 2, endColumn: 41, severity: 'info', message: /recommended packages/ }],
        fixes: [
          {
            title: /Add --no-install-recommends/,
            output: `FROM debian:12\nRUN apt-get update && apt-get -y install --no-install-recommends curl\n${U}`,
          },
        ],
      },
    ],
  },
  'dockerfile/package-version': {
    valid: [
      `FROM debian:12\nRUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 ./local.deb\n${U}`,
      `FROM python:3.12-slim\nRUN pip install -r requirements.txt requests==2.32.3 . git+https://github.com/x/y\n${U}`,
      `FROM node:20-alpine\nRUN npm ci && npm install -g typescript@5.6.3 @scope/pkg@1.0.0\n${U}`,
      `${F}RUN apk add --no-cache bash=5.2.26-r0 curl~8 $EXTRA\n${U}`,
      `FROM ruby:3.3\nRUN gem install rails -v 7.1.0 && gem install bundler:2.5.22\n${U}`,
      `FROM fedora:40\nRUN dnf install -y curl\n${U}`,
      { code: `FROM debian:12\nRUN apt-get install -y curl\n${U}`, profile: 'recommended' },
    ],
    invalid: [
      {
        name: 'one finding per command, over its unpinned names',
        code: `FROM debian:12\nRUN apt-get -y install curl gnupg=2.2.40-1.1 wget\nRUN pip install requests flask==3.0.3\n${U}`,
        errors: [
          {
            line: 2,
            column: 24,
            endLine: 2,
            endColumn: 50,
            severity: 'info',
            message: /installs curl, wget without a version/,
          },
          { line: 3, column: 17, endLine: 3, endColumn: 25, message: /installs requests without/ },
        ],
      },
      {
        name: 'apk, npm -g with a scoped package, gem, python -m pip; five names and more',
        code:
          `${F}RUN apk add --no-cache a b c d e f\nRUN npm install -g prettier @scope/other\n` +
          `RUN gem install bundler && python3 -m pip install --upgrade pip\n${U}`,
        errors: [
          { line: 2, column: 24, endLine: 2, endColumn: 35, message: /installs a, b, c, d and 2 more without/ },
          { line: 3, column: 20, endLine: 3, endColumn: 41, message: /prettier, @scope\/other/ },
          { line: 4, column: 17, endLine: 4, endColumn: 24, message: /bundler/ },
          { line: 4, column: 61, endLine: 4, endColumn: 64, message: /installs pip without/ },
        ],
      },
    ],
  },
  'dockerfile/healthcheck-missing': {
    valid: [
      `${F}HEALTHCHECK CMD wget -qO- http://localhost:8080/ || exit 1\n${U}`,
      `${F}HEALTHCHECK NONE\n${U}`,
      `FROM alpine:3.20 AS base\nHEALTHCHECK CMD true\nFROM base\n${U}`,
      { code: `${F}${U}`, profile: 'recommended' },
    ],
    invalid: [
      {
        code: `FROM alpine:3.20 AS build\nHEALTHCHECK CMD true\nFROM nginx:1.27\n${U}`,
        errors: [
          {
            line: 3,
            column: 6,
            endLine: 3,
            endColumn: 16,
            severity: 'info',
            message: /The final stage \(FROM nginx:1\.27\) defines no HEALTHCHECK/,
          },
        ],
      },
    ],
  },
  'dockerfile/insecure-download': {
    valid: [
      `${F}RUN curl -sSLo /tmp/t.tgz https://example.com/t.tgz && tar -xzf /tmp/t.tgz\n${U}`,
      `${F}RUN wget -O /tmp/a.tgz http://example.com/a.tgz && echo "abc  /tmp/a.tgz" | sha256sum -c -\n${U}`,
      `${F}RUN curl -o /tmp/a http://example.com/a && curl -o /tmp/a.sig https://example.com/a.sig && gpg --verify /tmp/a.sig /tmp/a\n${U}`,
      `${F}RUN curl -f http://localhost:8080/ready && curl http://127.0.0.1/x\n${U}`,
      // piped into a shell: dockerfile/curl-pipe-shell's; ADD: dockerfile/add-remote-url's
      `${F}RUN curl -fsSL http://example.com/i.sh | sh\n${U}`,
      `${F}ADD http://example.com/t.tgz /opt/\n${U}`,
      // package repositories over http: apt and apk verify signatures
      `${F}RUN echo "deb http://deb.debian.org/debian bookworm main" > /etc/apt/sources.list\n${U}`,
      `${F}RUN apk add --no-cache --repository http://dl-cdn.alpinelinux.org/alpine/edge/testing gnuplot\n${U}`,
      `${F}RUN gpg --batch --keyserver keyserver.ubuntu.com --recv-keys 0AB215679C571D1C8325275B9BDB3D89CE49EC21\n${U}`,
      `${F}RUN curl -fsSL https://example.com/key.asc | apt-key add -\n${U}`,
      // an ARG of another stage, an ARG overridden by an ENV, a value with an expansion, a global ARG not declared again
      `FROM alpine:3.20 AS a\nARG U=http://example.com/a\nFROM alpine:3.20\nRUN curl -o /a $U\n${U}`,
      `${F}ENV U=https://example.com/a\nARG U=http://example.com/a\nRUN curl -o /a $U\n${U}`,
      `${F}ARG H=example.com\nENV U=http://$H/a\nRUN curl -o /a $U\n${U}`,
      `ARG U=http://example.com/a\n${F}RUN curl -o /a $U\n${U}`,
    ],
    invalid: [
      {
        name: 'a continued download, not verified; the fix adds the s',
        code: `${F}RUN curl -sSLo /tmp/t.tgz http://example.com/t.tgz \\\n && tar -xzf /tmp/t.tgz -C /opt\n${U}`,
        errors: [
          {
            line: 2,
            column: 27,
            endLine: 2,
            endColumn: 51,
            message: /downloads http:\/\/example\.com\/t\.tgz over plain HTTP/,
          },
        ],
        fixes: [
          {
            title: /Download over https:\/\//,
            output: `${F}RUN curl -sSLo /tmp/t.tgz https://example.com/t.tgz \\\n && tar -xzf /tmp/t.tgz -C /opt\n${U}`,
          },
        ],
      },
      {
        name: 'a quoted URL with a variable: the fix keeps the quotes',
        code: `${F}ARG V=1\nRUN wget "http://example.com/a-\${V}.tgz" -O /tmp/a.tgz\n${U}`,
        errors: [{ line: 3, column: 10, endLine: 3, endColumn: 41 }],
        fixes: [
          { title: /https/, output: `${F}ARG V=1\nRUN wget "https://example.com/a-\${V}.tgz" -O /tmp/a.tgz\n${U}` },
        ],
      },
      {
        name: 'signing keys over http (even with a checksum elsewhere in the RUN) and by a short id',
        code:
          `${F}RUN curl -fsSL http://example.com/key.asc | apt-key add - && sha256sum -c x.sha256\n` +
          `RUN rpm --import http://example.com/RPM-GPG-KEY\n` +
          `RUN apt-key adv --keyserver hkp://keyserver.ubuntu.com:80 --recv-keys 0x7EBFDD5D17ED316D\n${U}`,
        errors: [
          {
            line: 2,
            column: 16,
            endLine: 2,
            endColumn: 42,
            message: /imports a signing key downloaded over plain HTTP/,
          },
          { line: 3, column: 18, endLine: 3, endColumn: 48, message: /imports a signing key/ },
          { line: 4, column: 71, endLine: 4, endColumn: 89, message: /short key id/ },
        ],
      },
      {
        name: 'a URL from an ARG default: reported at its use, related to the ARG, fixed where it is declared',
        code: `${F}ARG TOOL_URL=http://example.com/t.tgz\nRUN curl -sSLo /tmp/t.tgz $TOOL_URL && tar -xzf /tmp/t.tgz\n${U}`,
        errors: [
          {
            line: 3,
            column: 27,
            endLine: 3,
            endColumn: 36,
            message: /downloads http:\/\/example\.com\/t\.tgz over plain HTTP/,
            related: [{ line: 2, message: /declared here/ }],
          },
        ],
        fixes: [
          {
            title: /https/,
            output: `${F}ARG TOOL_URL=https://example.com/t.tgz\nRUN curl -sSLo /tmp/t.tgz $TOOL_URL && tar -xzf /tmp/t.tgz\n${U}`,
          },
        ],
      },
      {
        name: 'an ENV of the stage built on, a global ARG default taken by a bare ARG, a key from an ENV',
        code:
          `ARG MIRROR=http://mirror.example.com\nFROM alpine:3.20 AS base\nENV KEY_URL="http://example.com/key.asc"\n` +
          `FROM base\nARG MIRROR\nRUN wget "\${MIRROR}/x.tar" -O /x.tar\nRUN curl -fsSL \${KEY_URL} | gpg --dearmor -o /k.gpg\n${U}`,
        errors: [
          { line: 6, column: 10, endLine: 6, endColumn: 27, related: [{ line: 1, message: /declared/ }] },
          {
            line: 7,
            column: 16,
            endLine: 7,
            endColumn: 26,
            message: /signing key/,
            related: [{ line: 3, message: /declared/ }],
          },
        ],
      },
    ],
  },
  'dockerfile/secret-in-run': {
    valid: [
      // mounted for the step, logged out in the same RUN, a user name alone in a URL, .git removed
      `${F}RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\n${U}`,
      `${F}RUN cat /run/secrets/t | docker login -u ci --password-stdin r.example.com && docker pull r.example.com/x:1 && docker logout r.example.com\n${U}`,
      `${F}RUN git clone https://git@github.com/org/repo.git\n${U}`,
      `${F}ARG GITHUB_TOKEN\nRUN git clone https://\${GITHUB_TOKEN}@github.com/org/repo.git && rm -rf repo/.git\n${U}`,
      `${F}RUN npm config set //r.example.com/:_authToken "$T" && npm ci && npm config delete //r.example.com/:_authToken\n${U}`,
      `${F}RUN aws configure set region eu-west-1\n${U}`,
      `${F}RUN echo "$USER_NAME:$USER_PASSWORD" | chpasswd\n${U}`,
      // a builder stage the final image is not built on: a token from a variable stays in that stage
      `FROM node:20-alpine AS deps\nRUN npm config set //r.example.com/:_authToken $T && npm ci\nFROM alpine:3.20\nCOPY --from=deps /app /app\n${U}`,
      // a key file the image does not copy in (mounted at run time)
      `${F}ENV GOOGLE_APPLICATION_CREDENTIALS=/run/secrets/gcp.json\n${U}`,
    ],
    invalid: [
      {
        name: 'npm config set of an auth token from a build argument, continued',
        code: `${F}ARG NPM_TOKEN\nRUN npm config set //registry.npmjs.org/:_authToken $NPM_TOKEN \\\n && npm ci\n${U}`,
        errors: [{ line: 3, column: 5, endLine: 3, endColumn: 63, message: /npm config writes it to ~\/\.npmrc/ }],
        noFix: true,
      },
      {
        name: 'passwords written in the Dockerfile: chpasswd, passwd, useradd -p',
        code: `${F}RUN echo "root:root" | chpasswd\nRUN echo -e "pw\\npw" | passwd bob\nRUN useradd -m -p '$6$salt$hash' bob\n${U}`,
        errors: [
          { line: 2, column: 5, endLine: 2, endColumn: 32, message: /sets a password written in the Dockerfile/ },
          { line: 3, column: 5, message: /sets a password written in the Dockerfile/ },
          { line: 4, column: 5, endLine: 4, endColumn: 33, message: /useradd sets a password hash/ },
        ],
      },
      {
        name: 'aws configure set, docker login -p, gcloud, az',
        code:
          `${F}RUN aws configure set default.aws_secret_access_key wJalrXUtnFEMI\n` +
          `RUN docker login -u me -p hunter2 registry.example.com\n` +
          `RUN gcloud auth activate-service-account --key-file=/k.json\n` +
          `RUN az login --service-principal -u app -p $AZ_SECRET --tenant t\n${U}`,
        errors: [
          { line: 2, column: 5, endLine: 2, endColumn: 66, message: /AWS secret key in the image/ },
          { line: 3, column: 5, endLine: 3, endColumn: 34, message: /password written in the Dockerfile/ },
          { line: 4, column: 5, endLine: 4, endColumn: 60, message: /gcloud keeps its credentials/ },
          { line: 5, column: 5, endLine: 5, endColumn: 54, message: /Azure/ },
        ],
      },
      {
        name: 'docker login --password-stdin without logout; podman login --password=',
        code: `${F}RUN echo $T | docker login -u me --password-stdin r.example.com\nRUN podman login --password=$P r.example.com\n${U}`,
        errors: [
          { line: 2, column: 15, endLine: 2, endColumn: 50, message: /never logs out/ },
          { line: 3, column: 5, endLine: 3, endColumn: 31, message: /never logs out/ },
        ],
      },
      {
        name: 'URL credentials: a literal password, a token variable kept by git, an .npmrc written',
        code:
          `${F}RUN git clone https://user:s3cret@github.com/org/repo.git\n` +
          `RUN git clone https://oauth2:\${CI_JOB_TOKEN}@gitlab.com/org/repo.git\n` +
          `RUN echo "//registry.npmjs.org/:_authToken=\${NPM_TOKEN}" > ~/.npmrc && npm ci\n${U}`,
        errors: [
          { line: 2, column: 15, endLine: 2, endColumn: 58, message: /git keeps them in \.git\/config/ },
          { line: 3, column: 5, message: /git keeps the URL, token included/ },
          { line: 4, column: 5, message: /writes a registry auth token to ~\/\.npmrc/ },
        ],
      },
      {
        name: 'a literal password is reported in a builder stage too',
        code: `FROM alpine:3.20 AS build\nRUN docker login -p hunter2 r.example.com\nFROM alpine:3.20\n${U}`,
        errors: [{ line: 2, column: 5, message: /password written in the Dockerfile/ }],
      },
      {
        name: 'ENV credential files copied in, with the COPY as related information',
        code: `${F}COPY key.json /secrets/key.json\nENV GOOGLE_APPLICATION_CREDENTIALS=/secrets/key.json\nCOPY kube/config /root/.kube/\nENV KUBECONFIG=/root/.kube/config\n${U}`,
        errors: [
          {
            line: 3,
            column: 5,
            endLine: 3,
            endColumn: 53,
            message: /ENV GOOGLE_APPLICATION_CREDENTIALS points at \/secrets\/key\.json, a file COPY puts/,
            related: [{ line: 2, message: /copied in here/ }],
          },
          { line: 5, column: 5, message: /KUBECONFIG/, related: [{ line: 4, message: /copied in here/ }] },
        ],
      },
    ],
  },
  'dockerfile/sshd': {
    valid: [
      `${F}RUN apk add --no-cache openssh-client git\n${U}`,
      `${F}RUN echo openssh-server > /tmp/list\nCMD ["sshd-keygen-helper"]\n`,
    ],
    invalid: [
      {
        code: `${F}RUN apt-get update && apt-get install -y --no-install-recommends curl openssh-server=1:9.2\n${U}`,
        errors: [{ line: 2, column: 71, endLine: 2, endColumn: 91, message: /installs the SSH server openssh-server/ }],
      },
      {
        name: 'Alpine openssh, dropbear, and sshd started by CMD or ENTRYPOINT',
        code: `${F}RUN apk --no-cache add openssh && /sbin/apk add dropbear\nCMD ["/usr/sbin/sshd", "-D"]\nENTRYPOINT sshd -D\n`,
        errors: [
          { line: 2, column: 24, message: /openssh/ },
          { line: 2, column: 49, message: /dropbear/ },
          { line: 3, column: 1, message: /CMD starts sshd/ },
          { line: 4, column: 1, message: /ENTRYPOINT starts sshd/ },
        ],
      },
    ],
  },
  'dockerfile/volume-socket': {
    valid: [`${F}VOLUME /data /var/lib/app\n${U}`, `${F}VOLUME ["/data"]\n${U}`],
    invalid: [
      {
        code: `${F}VOLUME /data /var/run/docker.sock\n${U}`,
        errors: [{ line: 2, column: 14, endLine: 2, endColumn: 34, message: /VOLUME \/var\/run\/docker\.sock asks/ }],
        fixes: [{ title: /Remove \/var\/run\/docker\.sock from VOLUME/, output: `${F}VOLUME /data\n${U}` }],
      },
      {
        name: 'JSON form, a rootless socket path; the only path: the fix removes the instruction',
        code: `${F}VOLUME ["/run/user/1000/docker.sock"]\nVOLUME /srv/podman.sock\n${U}`,
        errors: [
          { line: 2, column: 8, message: /\/run\/user\/1000\/docker\.sock/ },
          { line: 3, column: 8, message: /podman\.sock/ },
        ],
        fixes: [{ title: /Remove \/srv\/podman\.sock/, output: `${F}VOLUME ["/run/user/1000/docker.sock"]\n${U}` }],
      },
    ],
  },
  'dockerfile/context-leak': {
    valid: [
      { name: 'nothing sensitive in the context', code: `${F}COPY . /app\n${U}`, files: { '/work/p/app.js': '' } },
      {
        name: 'excluded by .dockerignore (a folder pattern covers its files)',
        code: `${F}COPY . /app\n${U}`,
        files: { '/work/p/.env': 'A=1\n', '/work/p/certs/a.key': '', '/work/p/.dockerignore': '# x\n.env\n/certs/\n' },
      },
      {
        name: 'excluded by <Dockerfile>.dockerignore, which wins over .dockerignore',
        code: `${F}COPY . /app\n${U}`,
        files: { '/work/p/.env': '', '/work/p/Dockerfile.dockerignore': '**/.env\n', '/work/p/.dockerignore': '' },
      },
      {
        name: 'copied only into a build stage the image does not build on',
        code: `FROM node:22 AS b\nCOPY . .\nRUN make\n${F}COPY --from=b /app/dist /app\n${U}`,
        files: { '/work/p/.env': '' },
      },
      {
        name: 'examples, public keys, dependencies',
        code: `${F}COPY . /app\n${U}`,
        files: { '/work/p/.env.example': '', '/work/p/id_rsa.pub': '', '/work/p/node_modules/x/k.pem': '' },
      },
      { name: 'copies named files', code: `${F}COPY app.js /app/\n${U}`, files: { '/work/p/.env': '' } },
    ],
    invalid: [
      {
        name: 'no .dockerignore: the fix creates it',
        code: `${F}WORKDIR /app\nCOPY . .\n${U}`,
        files: { '/work/p/.env': 'X=1\n', '/work/p/.git/config': '', '/work/p/app.js': '' },
        errors: [
          {
            line: 3,
            column: 1,
            endLine: 3,
            endColumn: 9,
            message: /no \.dockerignore to keep out \.env \(environment file\), \.git \(Git history\)\./,
          },
        ],
        fixes: [
          {
            title: /Add \*\*\/\.env, \.git to \.dockerignore/,
            output: `${F}WORKDIR /app\nCOPY . .\n${U}`,
            files: { '/work/p/.dockerignore': '**/.env\n.git\n' },
          },
        ],
      },
      {
        name: 'a .dockerignore without a final newline; a key deeper in the context',
        code: `${F}COPY --chown=app ./ /app\n${U}`,
        files: { '/work/p/certs/server.key': '', '/work/p/.dockerignore': 'node_modules' },
        errors: [{ line: 2, column: 1, message: /\.dockerignore lets in certs\/server\.key \(private key\)/ }],
        fixes: [
          {
            title: /Add/,
            output: `${F}COPY --chown=app ./ /app\n${U}`,
            files: { '/work/p/.dockerignore': 'node_modules\n**/*.key\n' },
          },
        ],
      },
      {
        name: 'a dev container\'s build context (".." from .devcontainer/) is the one judged',
        code: `${F}COPY . /src\n${U}`,
        file: '/work/p/.devcontainer/Dockerfile',
        files: {
          '/work/p/.devcontainer/devcontainer.json': '{ "build": { "dockerfile": "Dockerfile", "context": ".." } }',
          '/work/p/.env': 'X=1\n',
        },
        errors: [{ line: 2, column: 1, message: /build context \(\.\.\)/ }],
      },
      {
        name: 'a ! exception lets a file back in',
        code: `${F}COPY . /app\n${U}`,
        files: { '/work/p/src/.env': '', '/work/p/.dockerignore': '*\n!src\n' },
        errors: [{ line: 2, column: 1, message: /lets in src\/\.env/ }],
      },
      {
        name: 'the context is the Compose build.context, above the Dockerfile',
        file: '/work/p/docker/Dockerfile',
        code: `${F}COPY . /app\n${U}`,
        files: {
          '/work/p/compose.yaml':
            'services:\n  app:\n    build:\n      context: .\n      dockerfile: docker/Dockerfile\n',
          '/work/p/.npmrc': '',
        },
        errors: [{ line: 2, column: 1, message: /the build context \(\.\.\).*\.npmrc \(npm credentials\)/ }],
      },
    ],
  },
  'dockerfile/insecure-run': {
    valid: [`${F}RUN --security=sandbox id\n${U}`],
    invalid: [
      {
        code: `${F}RUN --security=insecure id\n${U}`,
        errors: [{ line: 2, column: 5, endLine: 2, endColumn: 24 }],
        fixes: [{ title: /Remove/, output: `${F}RUN id\n${U}` }],
      },
    ],
  },
  'dockerfile/host-network': {
    valid: [`${F}RUN --network=none id\n${U}`],
    invalid: [
      {
        code: `${F}RUN --network=host apk add git\n${U}`,
        errors: [{ line: 2, column: 5, endLine: 2, endColumn: 19 }],
        fixes: [{ title: /Remove/, output: `${F}RUN apk add git\n${U}` }],
      },
      {
        name: 'with other flags',
        code: `${F}RUN --mount=type=cache,target=/c --network=host id\n${U}`,
        errors: [{ line: 2, column: 34 }],
        fixes: [{ title: /Remove/, output: `${F}RUN --mount=type=cache,target=/c id\n${U}` }],
      },
    ],
  },
  'dockerfile/secret-in-arg-env': {
    valid: [
      {
        name: 'empty values, paths, durations, method names, dotted module names are not secrets',
        code:
          `${F}ENV PASSWORD=\nENV SSH_KEY=/root/.ssh/id_rsa\nENV REGISTRY_AUTH=htpasswd\nENV TOKEN_LIFETIME=30m\n` +
          `ENV AIRFLOW__API__AUTH_BACKENDS=airflow.api.auth.backend.basic_auth\nENV CACHE_KEY=abc\n${U}`,
      },
      {
        name: 'a Compose service passes it in build.args: reported once, there',
        code: `${F}ARG GITHUB_TOKEN\nRUN id\n${U}`,
        files: {
          '/work/compose.yaml':
            'services:\n  app:\n    build:\n      context: p\n      args:\n        - GITHUB_TOKEN\n',
        },
      },
      `${F}ARG VERSION=1\nENV GPG_KEY=ABCDEF PUBLIC_KEY=x PASSWORD_FILE=/run/secrets/p\n${U}`,
      `${F}ENV APP_SECRET=\${APP_SECRET}\n${U}`,
    ],
    invalid: [
      {
        name: 'one vocabulary with Compose: DB_PASS, JWT, SENTRY_DSN, SSH_KEY, SIGNING_KEY; weak defaults said so',
        code: `${F}ARG DB_PASS\nARG JWT\nENV SENTRY_DSN=https://k:s@sentry.io/1 SSH_KEY=k SIGNING_KEY=k2\nENV DB_PASSWORD=changeme\n${U}`,
        errors: [
          { line: 2, column: 5, message: /ARG DB_PASS looks like a secret/ },
          { line: 3, column: 5, message: /ARG JWT/ },
          { line: 4, column: 5, message: /ENV SENTRY_DSN/ },
          { line: 4, column: 40, message: /ENV SSH_KEY/ },
          { line: 4, column: 50, message: /ENV SIGNING_KEY/ },
          { line: 5, column: 5, message: /ENV DB_PASSWORD is set to 'changeme', a well-known default password/ },
        ],
      },
      { code: `${F}ARG GITHUB_TOKEN\n${U}`, errors: [{ line: 2, column: 5, endLine: 2, endColumn: 17 }] },
      {
        name: 'ENV with value, two properties',
        code: `${F}ENV DB_PASSWORD=hunter2 LOG=info AWS_SECRET_ACCESS_KEY=x\n${U}`,
        errors: [
          { line: 2, column: 5 },
          { line: 2, column: 34 },
        ],
      },
      { name: 'legacy ENV form', code: `${F}ENV API_KEY abc\n${U}`, errors: [{ line: 2, column: 5 }] },
      {
        name: 'value that looks like a credential',
        code: `${F}ENV REPO_URL=https://bot:s3cr3t@git.example.com/r.git\n${U}`,
        errors: [{ line: 2, column: 5 }],
      },
      { name: 'ENV copies a build arg', code: `${F}ARG X\nENV DB_PASSWORD=$X\n${U}`, errors: [{ line: 3, column: 5 }] },
    ],
  },
  'dockerfile/add-remote-url': {
    valid: [
      `${F}ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://e.com/a.tgz /\n${U}`,
      `${F}ADD https://github.com/moby/buildkit.git#0123456789abcdef0123456789abcdef01234567 /src\n${U}`,
    ],
    invalid: [
      {
        code: `${F}ADD https://e.com/tool.tgz /opt/\n${U}`,
        errors: [{ line: 2, column: 5, endLine: 2, endColumn: 27 }],
      },
      {
        name: 'git URL not pinned',
        code: `${F}ADD git@github.com:moby/buildkit.git /src\n${U}`,
        errors: [{ line: 2, column: 5 }],
      },
    ],
  },
  'dockerfile/add-instead-of-copy': {
    valid: [`${F}ADD rootfs.tar.gz /\nADD "a.tgz" /x\nCOPY app /app\n${U}`],
    invalid: [
      {
        code: `${F}ADD app.py /app/\n${U}`,
        errors: [{ line: 2, column: 1, endLine: 2, endColumn: 17, severity: 'info' }],
        fixes: [{ title: /COPY/, output: `${F}COPY app.py /app/\n${U}` }],
      },
      {
        name: 'flags kept, lower case',
        code: `${F}add --chown=app:app src/ /app/\n${U}`,
        errors: [{ line: 2, column: 1 }],
        fixes: [{ title: /COPY/, output: `${F}copy --chown=app:app src/ /app/\n${U}` }],
      },
    ],
  },
  'dockerfile/curl-pipe-shell': {
    valid: [`${F}RUN curl -fsSLo /tmp/i.sh https://e.com/i.sh && sh /tmp/i.sh\n${U}`, `${F}RUN echo hi | sh\n${U}`],
    invalid: [
      {
        code: `${F}RUN curl -fsSL https://e.com/i.sh | sh\n${U}`,
        errors: [{ line: 2, column: 5, endLine: 2, endColumn: 39 }],
      },
      {
        name: 'after && with sudo bash',
        code: `${F}RUN apk add curl && wget -qO- https://e.com/i | sudo bash -s --\n${U}`,
        errors: [{ line: 2, column: 21 }],
      },
      {
        name: 'across a continuation line',
        code: `${F}RUN curl -fsSL https://e.com/i.sh \\\n    | python3 -\n${U}`,
        errors: [{ line: 2, column: 5, endLine: 3, endColumn: 16 }],
      },
      {
        name: 'process substitution',
        code: `${F}RUN bash <(curl -s https://e.com/i.sh)\n${U}`,
        errors: [{ line: 2, column: 5 }],
      },
      {
        name: 'sh -c with a pipe inside',
        code: `${F}RUN ["sh", "-c", "curl -s https://e.com/i | sh"]\n${U}`,
        errors: [{ line: 2, column: 19 }],
      },
      {
        name: 'heredoc body',
        code: `${F}RUN <<EOF\nset -e\ncurl -s https://e.com/i | sh\nEOF\n${U}`,
        errors: [{ line: 4, column: 1 }],
      },
    ],
  },
  'dockerfile/sudo': {
    valid: [`${F}RUN echo sudo\n${U}`, `${F}RUN apk add sudo-rs\n${U}`],
    invalid: [
      {
        code: `${F}RUN sudo apk add git\n${U}`,
        errors: [{ line: 2, column: 5, endLine: 2, endColumn: 9 }],
        fixes: [{ title: /assumes/, output: `${F}RUN apk add git\n${U}` }],
      },
      {
        name: 'explicit root: safe fix',
        code: `${F}USER root\nRUN apk update && sudo apk add git\n${U}`,
        errors: [{ line: 3, column: 19 }],
        fixes: [{ title: /USER is root/, output: `${F}USER root\nRUN apk update && apk add git\n${U}` }],
      },
      {
        name: 'non-root user: no fix',
        code: `${F}USER app\nRUN sudo -u app id\n`,
        errors: [{ line: 3, column: 5 }],
        noFix: true,
      },
      {
        name: 'escape directive and continuation',
        code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo a `\n  ; sudo id\nUSER app\n',
        errors: [{ line: 4, column: 5 }],
      },
    ],
  },
  'dockerfile/world-writable': {
    valid: [
      `${F}RUN chmod 755 /app && chmod 1777 /scratch && chmod o-w /x && chmod u+w /y\nCOPY --chmod=644 a /a\n${U}`,
    ],
    invalid: [
      { code: `${F}RUN chmod -R 777 /app\n${U}`, errors: [{ line: 2, column: 5, endLine: 2, endColumn: 17 }] },
      {
        name: 'symbolic',
        code: `${F}RUN chmod a+rwx /a; chmod o+w /b\n${U}`,
        errors: [
          { line: 2, column: 5 },
          { line: 2, column: 21 },
        ],
      },
      { name: 'COPY --chmod', code: `${F}COPY --chmod=0777 run.sh /\n${U}`, errors: [{ line: 2, column: 6 }] },
    ],
  },
  'dockerfile/expose-ssh': {
    valid: [`${F}EXPOSE 80 2222 443/tcp\n${U}`],
    invalid: [
      {
        code: `${F}EXPOSE 22\n${U}`,
        errors: [{ line: 2, column: 8, endLine: 2, endColumn: 10 }],
        fixes: [{ title: /Remove/, output: `${F}${U}` }],
      },
      {
        name: 'in a list with protocol',
        code: `${F}EXPOSE 80 22/tcp 443\n${U}`,
        errors: [{ line: 2, column: 11 }],
        fixes: [{ title: /Remove/, output: `${F}EXPOSE 80 443\n${U}` }],
      },
      { name: 'range', code: `${F}EXPOSE 20-25\n${U}`, errors: [{ line: 2, column: 8 }], noFix: true },
      { name: 'ARG default', code: `ARG P=22\n${F}EXPOSE $P\n${U}`, errors: [{ line: 3, column: 8 }] },
    ],
  },
  'dockerfile/docker-daemon-tcp': {
    valid: [`${F}ENV DOCKER_HOST=tcp://d:2376\nEXPOSE 2376\n${U}`],
    invalid: [
      { code: `${F}EXPOSE 2375\n${U}`, errors: [{ line: 2, column: 8 }] },
      { name: 'ENV', code: `${F}ENV DOCKER_HOST=tcp://docker:2375\n${U}`, errors: [{ line: 2, column: 5 }] },
      {
        name: 'dockerd in CMD',
        code: `${F}CMD ["dockerd", "-H", "tcp://0.0.0.0:2375"]\n${U}`,
        errors: [{ line: 2, column: 1 }],
      },
    ],
  },
  'dockerfile/image-tag': {
    valid: [
      { code: 'FROM acme/base:latest\nFROM docker.io/acme/tools\n', options: { ownImages: ['acme/*'] } },
      'FROM alpine:3.20\n',
      'FROM scratch\n',
      'FROM alpine:3.20 AS a\nFROM a\n',
      'ARG BASE=node:22\nFROM ${BASE}\n',
      'ARG BASE\nFROM ${BASE}\n',
      'FROM alpine@sha256:0000000000000000000000000000000000000000000000000000000000000000\n',
      {
        name: 'a moving name followed by a build or version is pinned',
        code: 'FROM app:main-3f2a1b9\nFROM b:dev-20240101\n',
      },
      { name: 'a commit hash of letters only is no variant', code: 'FROM app:deadbeef\n' },
      {
        name: "a distribution's release name is its version",
        code: 'FROM debian:bookworm-slim\nFROM ubuntu:jammy\nFROM buildpack-deps:trixie-scm\n',
      },
      { name: 'allowLatest', code: 'FROM corp/base\n', options: { allowLatest: ['corp/base'] } },
    ],
    invalid: [
      {
        name: 'COPY --from an image, untagged, moving or a variant without a version; stages and pinned images are fine',
        code:
          'FROM golang:1.23 AS build\nFROM alpine:3.20\nCOPY --from=build /out /app\nCOPY --from=0 /out /b\n' +
          'COPY --from=tianon/true / /\nCOPY --from=docker:cli /usr/local/bin/docker /usr/bin/\n' +
          'COPY --from=busybox:stable /bin/sh /sh\n',
        errors: [
          { line: 5, column: 6, message: /COPY --from=tianon\/true uses no tag/ },
          { line: 6, column: 6, message: /moving tag 'cli'/ },
          { line: 7, column: 6, message: /moving tag 'stable'/ },
        ],
      },
      {
        name: 'variants without a version: the newest release of that variant',
        code: 'FROM postgres:alpine\nFROM redis:bookworm AS r\nFROM nextcloud:fpm-alpine\n',
        errors: [
          { line: 1, column: 6, message: /moving tag 'alpine'/ },
          { line: 2, column: 6, message: /moving tag 'bookworm'/ },
          { line: 3, column: 6, message: /moving tag 'fpm-alpine'/ },
        ],
      },
      {
        name: 'moving tags besides latest',
        code: 'FROM debian:stable\nFROM rust:nightly AS b\n',
        errors: [
          { line: 1, column: 6, message: /moving tag 'stable'/ },
          { line: 2, column: 6, message: /moving tag 'nightly'/ },
        ],
      },
      {
        name: "distributions' rolling channels, and moving tags with a variant suffix",
        code: 'FROM debian:sid-slim\nFROM fedora:rawhide AS f\nFROM debian:stable-slim AS s\nFROM node:lts-alpine AS n\n',
        errors: [
          { line: 1, column: 6, message: /moving tag 'sid-slim'/ },
          { line: 2, column: 6, message: /moving tag 'rawhide'/ },
          { line: 3, column: 6, message: /moving tag 'stable-slim'/ },
          { line: 4, column: 6, message: /moving tag 'lts-alpine'/ },
        ],
      },
      { code: 'FROM ubuntu\n', errors: [{ line: 1, column: 6, endLine: 1, endColumn: 12, severity: 'info' }] },
      { name: 'latest with a stage name', code: 'FROM node:latest AS build\n', errors: [{ line: 1, column: 6 }] },
      { name: 'ARG default', code: 'ARG BASE=python\nFROM ${BASE}\n', errors: [{ line: 2, column: 6 }] },
      { name: 'registry with port', code: 'FROM localhost:5000/app\n', errors: [{ line: 1, column: 6 }] },
      {
        name: 'platform flag',
        code: 'FROM --platform=$BUILDPLATFORM golang AS b\n',
        errors: [{ line: 1, column: 32 }],
      },
    ],
  },
  'dockerfile/verification-disabled': {
    valid: [
      `${F}RUN curl -fsSL https://e.com -o /x && wget https://e.com && pip install x\nRUN yum-config-manager ` +
        `--save --setopt=sslverify=1 && echo "sslverify=0"\n${U}`,
    ],
    invalid: [
      {
        code: `${F}RUN curl -k https://e.com -o /x\n${U}`,
        errors: [{ line: 2, column: 10, endLine: 2, endColumn: 12 }],
        fixes: [{ title: /Remove -k/, output: `${F}RUN curl https://e.com -o /x\n${U}` }],
      },
      {
        name: 'combined short flags',
        code: `${F}RUN curl -fsSLk https://e.com\n${U}`,
        errors: [{ line: 2, column: 10 }],
        fixes: [{ title: /Remove/, output: `${F}RUN curl -fsSL https://e.com\n${U}` }],
      },
      {
        name: 'pip trusted host with value',
        code: `${F}RUN pip install --trusted-host pypi.corp x\n${U}`,
        errors: [{ line: 2, column: 17 }],
        fixes: [{ title: /Remove/, output: `${F}RUN pip install x\n${U}` }],
      },
      {
        name: 'package managers',
        code:
          `${F}RUN apk add --allow-untrusted x && apt-get install -y --force-yes y && yum install --nogpgcheck z && ` +
          `rpm -i --nosignature a.rpm\n${U}`,
        errors: [
          { line: 2, column: 13 },
          { line: 2, column: 55 },
          { line: 2, column: 84 },
          { line: 2, column: 109 },
        ],
      },
      {
        name: 'npm and git',
        code: `${F}RUN npm config set strict-ssl false && git -c http.sslVerify=false clone x\n${U}`,
        errors: [
          { line: 2, column: 20 },
          { line: 2, column: 47 },
        ],
      },
      {
        name: 'ENV switches',
        code: `${F}ENV NODE_TLS_REJECT_UNAUTHORIZED=0 PYTHONHTTPSVERIFY=0 GIT_SSL_NO_VERIFY=1\n${U}`,
        errors: [
          { line: 2, column: 5 },
          { line: 2, column: 36 },
          { line: 2, column: 56 },
        ],
      },
      {
        name: 'sslverify in a repo file',
        code: `${F}RUN echo "sslverify=false" >> /etc/yum.conf\n${U}`,
        errors: [{ line: 2, column: 10 }],
      },
      {
        name: 'heredoc',
        code: `${F}RUN <<EOF\nwget --no-check-certificate https://e.com\nEOF\n${U}`,
        errors: [{ line: 3, column: 6 }],
      },
    ],
  },
};
