#!/usr/bin/env bash
# One-time machine setup for the full test suite and `npm start` on a machine without desktop
# VS Code: Debian packages (Chromium and code-server's native build deps), then code-server
# into .vscode-test/ (see scripts/setup-code-server.sh). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
for pkg in chromium ripgrep libkrb5-dev libxkbfile-dev libsecret-1-dev libx11-dev pkg-config; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
if [ -f scripts/setup-code-server.sh ]; then bash scripts/setup-code-server.sh; fi
