#!/usr/bin/env bash
# The QA report's browser test drives Debian's Chromium (/usr/bin/chromium).
# Installs it when missing; quiet and idempotent. Run before the tests.
set -euo pipefail
[ -x /usr/bin/chromium ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Chromium for the report's browser test (Debian package chromium)…" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "The report's browser test needs Chromium at /usr/bin/chromium: install Debian's chromium package (sudo apt-get install chromium), then run npm test again." >&2
  exit 1
fi
