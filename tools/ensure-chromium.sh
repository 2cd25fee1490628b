#!/usr/bin/env bash
# The browser tests (the QA report, the reader page, the packed client) drive
# Chromium: REFLIB_CHROMIUM, Debian's /usr/bin/chromium, or the Chrome that
# GitHub's Ubuntu runners carry (tests/support/chromiumPath.ts keeps the same
# list). Installs Debian's chromium when none is there; quiet and idempotent.
set -euo pipefail
for candidate in "${REFLIB_CHROMIUM:-}" /usr/bin/chromium /usr/bin/google-chrome /usr/bin/chromium-browser; do
  [ -n "$candidate" ] && [ -x "$candidate" ] && exit 0
done
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Chromium for the browser tests (Debian package chromium)…" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "The browser tests need Chromium: install Debian's chromium package (sudo apt-get install chromium) or set REFLIB_CHROMIUM to a Chromium or Chrome executable, then run npm test again." >&2
  exit 1
fi
