# Shared by the quick-start and test scripts: run as root or through sudo, install Debian packages
# once, and install npm dependencies without ever depending on a download npm cannot make.
set -euo pipefail

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "==> apt-get install ${missing[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

npm_install() {
  # Playwright drives Debian's Chromium: it must never fetch browsers of its own.
  export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
  if [ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then return; fi
  echo "==> npm ci"
  if ! npm ci --no-audit --no-fund; then
    # Electron's installer downloads its binary; where that is impossible (closed networks, CI
    # here), install without it: the web harness then serves the same UI.
    echo "==> Electron's binary could not be downloaded; installing without it (the web harness will be used)"
    ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --no-audit --no-fund
  fi
}
