#!/usr/bin/env bash
# Everything the tests need, then every test: types, lint, unit and integration (real backend,
# real sshd), the reference backend's own tests, the Playwright e2e suite in Debian's Chromium,
# and the two-server network topology suite (root only).
cd "$(dirname "$0")/.."
source scripts/lib.sh
apt_install chromium fonts-nanum openssh-server openssh-client python3-fastapi python3-uvicorn xvfb xauth iproute2 nftables openssl tinyproxy
npm_install

echo "==> typecheck";   npm run typecheck
echo "==> lint";        npm run lint
echo "==> build";       npm run build
echo "==> security scan"; npm run security:scan
echo "==> backend tests"; (cd backend && /usr/bin/python3 -m unittest discover -s tests)
echo "==> unit and integration tests"; npm test
echo "==> end-to-end tests"; npm run test:e2e
echo "==> network topology tests"; npm run test:topology
