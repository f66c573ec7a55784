#!/bin/sh
# Starts the integration test containers: each docker run below hands part of the host over.
set -eu

TEST_IMAGE=registry.example.com/app-tests:1.4.2

docker run -d --name test-db \
  -e POSTGRES_PASSWORD=s3cr3t-pa55 \
  -p 5432:5432 \
  postgres:17

# the tests start sibling containers through the host's daemon
docker run --rm \
  --privileged \
  -v /var/run/docker.sock:/var/run/docker.sock \
  -v "$(pwd)":/src:ro \
  --network host \
  "$TEST_IMAGE" make integration
