#!/usr/bin/env bash
# Installs Debian's Chromium for the sidebar browser test (test/browser/), only when it is missing.
# Run as root (CI), or as a user with sudo. Idempotent: a machine that has it is left alone.
#   CHROMIUM_PATH  the browser the tests launch (default /usr/bin/chromium)
set -euo pipefail

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"

if [ -x "$CHROMIUM" ]; then
  echo "install-chromium: $CHROMIUM is already installed: $("$CHROMIUM" --version 2>/dev/null || echo 'version unknown')"
  exit 0
fi

if [ "$CHROMIUM" != /usr/bin/chromium ]; then
  echo "install-chromium: CHROMIUM_PATH=$CHROMIUM does not exist; this script only installs Debian's /usr/bin/chromium" >&2
  exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-chromium: apt-get not found: install Chromium at /usr/bin/chromium by other means (or set CHROMIUM_PATH)" >&2
  exit 1
fi

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
  else
    echo "install-chromium: not root and no sudo: run as root to install chromium" >&2
    exit 1
  fi
fi

echo "install-chromium: installing chromium from the Debian repositories"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -q
# fonts-liberation: metric-compatible Arial for the sidebar's font stack, so screenshots are stable.
"${SUDO[@]}" apt-get install -y -q chromium fonts-liberation

"$CHROMIUM" --version
