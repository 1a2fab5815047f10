#!/usr/bin/env bash
# The console's browser test drives a real Chromium (Debian's package) with playwright-core.
# Installs it when missing and this machine can (root, or sudo without a password); otherwise
# says how. CHROMIUM_PATH names another browser binary.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then exit 0; fi
SUDO=""
if [ "$(id -u)" != 0 ]; then
  if sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "chromium is missing: install it (apt-get install chromium) to run the console's browser test" >&2
    exit 1
  fi
fi
echo "installing chromium (Debian package) for the console's browser test..." >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
