#!/usr/bin/env bash
# Installs Debian's chromium and chromium-driver when missing (the browser tests drive them; nothing is
# downloaded by the test driver itself) and prints the browser's path. Root, or sudo when not root.
# Usage: scripts/chromium.sh
set -euo pipefail

browser=/usr/bin/chromium
driver=/usr/bin/chromedriver

if [ ! -x "$browser" ] || [ ! -x "$driver" ]; then
  if [ "$(id -u)" -eq 0 ]; then
    as_root=()
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
  else
    echo "chromium.sh: chromium and chromium-driver are not installed, and installing them needs root (or sudo without a password)." >&2
    echo "chromium.sh: install them once with: apt-get install -y --no-install-recommends chromium chromium-driver" >&2
    exit 1
  fi
  if ! command -v apt-get >/dev/null; then
    echo "chromium.sh: apt-get not found; install Debian's chromium and chromium-driver packages (or set them up at $browser and $driver)." >&2
    exit 1
  fi
  echo "Installing chromium and chromium-driver (apt-get)..." >&2
  export DEBIAN_FRONTEND=noninteractive
  if ! "${as_root[@]}" apt-get update -qq >&2 \
    || ! "${as_root[@]}" apt-get install -y -qq --no-install-recommends chromium chromium-driver >&2; then
    echo "chromium.sh: apt-get could not install chromium and chromium-driver (see above)." >&2
    exit 1
  fi
fi

if ! "$browser" --version >/dev/null 2>&1; then
  echo "chromium.sh: $browser is installed but does not run ('$browser --version' failed)." >&2
  exit 1
fi
echo "$browser"
