#!/usr/bin/env bash
# The editor test (tests/editor/neovim.test.ts) drives a real Neovim, 0.7 or
# later: REFLIB_NVIM, Debian's /usr/bin/nvim, or an nvim on the PATH (the test
# looks in the same order). Installs Debian's neovim when none is there; quiet
# and idempotent.
set -euo pipefail

# True when $1 runs and says it is Neovim 0.7 or later (the test uses nvim_create_autocmd and vim.json).
recent_enough() {
  local version
  version=$("$1" --version 2>/dev/null | sed -n '1s/^NVIM v\([0-9]*\)\.\([0-9]*\).*/\1 \2/p') || return 1
  [ -n "$version" ] || return 1
  set -- $version
  [ "$1" -gt 0 ] || [ "$2" -ge 7 ]
}

for candidate in "${REFLIB_NVIM:-}" /usr/bin/nvim "$(command -v nvim || true)"; do
  [ -n "$candidate" ] && [ -x "$candidate" ] && recent_enough "$candidate" && exit 0
done
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Neovim for the editor test (Debian package neovim)…" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq neovim >/dev/null
  recent_enough /usr/bin/nvim && exit 0
  echo "Debian's neovim package is older than 0.7; the editor test needs Neovim 0.7 or later: install it and set REFLIB_NVIM to its nvim." >&2
  exit 1
else
  echo "The editor test needs Neovim 0.7 or later: install Debian's neovim package (sudo apt-get install neovim) or set REFLIB_NVIM to an nvim executable, then run npm test again." >&2
  exit 1
fi
