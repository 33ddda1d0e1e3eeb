#!/usr/bin/env bash
# Everything the tests need, then every test: types, lint, the security scan, the reference
# backend's own tests, unit and integration tests (real backend, real sshd, real TLS and proxy),
# the Playwright e2e suite in Debian's Chromium, and the two-server network topology suite (root).
# Any failing stage stops the run with a non-zero exit.
cd "$(dirname "$0")/.."
source scripts/lib.sh
apt_install chromium fonts-nanum openssh-server openssh-client libpam-oath python3-fastapi python3-uvicorn qpdf xvfb xauth iproute2 nftables openssl tinyproxy
npm_install

passed=0
stage() {
  local name=$1
  shift
  echo "==> $name"
  "$@"
  passed=$((passed + 1))
}

# Every npm script runs on the Node that `npm ci` installed (package.json optionalDependencies),
# not on the system's: say which one this run used.
stage "runtime" npm run --silent versions
stage "typecheck" npm run typecheck
stage "lint" npm run lint
stage "build" npm run build
stage "security scan" npm run security:scan
stage "backend tests" bash -c 'cd backend && /usr/bin/python3 -m unittest discover -s tests'
stage "unit tests" npm run test:unit
stage "integration tests" npm run test:integration
stage "end-to-end tests" npm run test:e2e
stage "network topology tests" npm run test:topology
echo
echo "stages: $passed passed, 0 failed"
