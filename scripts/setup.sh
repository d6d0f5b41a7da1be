#!/usr/bin/env bash
# One-time machine setup for the full test suite and `npm start` on a machine without desktop
# VS Code: Debian packages (Chromium, code-server's native build deps, PostgreSQL, Redis), code-server
# into .vscode-test/ (see scripts/setup-code-server.sh), the fixture Medusa app's own packages
# (examples/medusa-app, from its lockfile) and its migrated database in the project's throwaway
# Postgres cluster (scripts/pg.mjs). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
# redis-server: the live-executions test runs its own on a loopback port (scripts/redis.mjs).
for pkg in chromium ripgrep libkrb5-dev libxkbfile-dev libsecret-1-dev libx11-dev pkg-config \
  redis-server; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
# PostgreSQL server binaries (any version Debian ships); scripts/pg.mjs runs its own cluster.
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
if [ -f scripts/setup-code-server.sh ]; then bash scripts/setup-code-server.sh; fi
# The fixture app: a real Medusa 2.21 application with its own lockfile (registry downloads only).
if [ ! -x examples/medusa-app/node_modules/.bin/medusa ] ||
  [ examples/medusa-app/package-lock.json -nt examples/medusa-app/node_modules/.package-lock.json ]; then
  (cd examples/medusa-app && MEDUSA_DISABLE_TELEMETRY=true npm ci --no-audit --no-fund --loglevel=error)
fi
# Its database: initdb + start on a free loopback port, create, `medusa db:migrate`, template copy.
node scripts/pg.mjs start
