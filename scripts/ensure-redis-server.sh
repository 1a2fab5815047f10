#!/usr/bin/env bash
# The Redis store tests run against a real redis-server (Debian's package). Installs it when it
# is missing and this machine can (root, or sudo without a password); otherwise says how.
set -euo pipefail
if command -v redis-server >/dev/null 2>&1; then exit 0; fi
SUDO=""
if [ "$(id -u)" != 0 ]; then
  if sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "redis-server is missing: install it (apt-get install redis-server) to run the Redis tests" >&2
    exit 1
  fi
fi
echo "installing redis-server (Debian package) for the Redis store tests..." >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq redis-server >/dev/null
