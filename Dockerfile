# syntax=docker/dockerfile:1
# The CLI as a container image for CI:
#   docker build -t docker-security-lint .
#   docker run --rm -v "$PWD:/src:ro" docker-security-lint [options] [paths...]
# It reads /src (mounted read-only) and writes nothing unless given -o or --fix, so it runs as well with
# --read-only --cap-drop ALL --security-opt no-new-privileges. test/cli/image.test.ts lints this file in strict.
#
# Base images are pinned by digest (the digests of node:20-bookworm-slim and distroless nodejs20-debian12:nonroot
# as published; bump them with the tags, e.g. with Dependabot's docker ecosystem).

FROM node:20-bookworm-slim@sha256:2cf067cfed83d5ea958367df9f966191a942351a2df77d6f0193e162b5febfc0 AS build
WORKDIR /build
COPY package.json package-lock.json ./
# No install scripts: esbuild runs from its platform package; nothing else needs one.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts/bundles.mjs scripts/build.mjs ./scripts/
COPY server/src ./server/src
RUN node scripts/build.mjs --production --only=cli

# Distroless: Node.js and nothing else (no shell, no package manager), user nonroot (65532).
FROM gcr.io/distroless/nodejs20-debian12:nonroot@sha256:2cd820156cf039c8b54ae2d2a97e424b6729070714de8707a6b79f20d56f6a9a
COPY --from=build /build/dist/cli.js /opt/docker-security-lint/cli.js
USER 65532:65532
WORKDIR /src
# A one-shot command, not a service: nothing to probe.
HEALTHCHECK NONE
ENTRYPOINT ["/nodejs/bin/node", "/opt/docker-security-lint/cli.js"]
CMD ["."]
