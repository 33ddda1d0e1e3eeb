#!/usr/bin/env bash
# Install what the app needs, start the reference backend on 127.0.0.1:8030 and open the app
# (or, where Electron cannot run, the same UI in the browser through the web harness).
cd "$(dirname "$0")/.."
source scripts/lib.sh
apt_install python3-fastapi python3-uvicorn
npm_install
npm run build
echo "==> reference backend on http://127.0.0.1:8030"
(cd backend && exec /usr/bin/python3 -m uvicorn main:app --host 127.0.0.1 --port 8030 --log-level warning) &
backend_pid=$!
trap 'kill $backend_pid 2>/dev/null' EXIT
npm start
