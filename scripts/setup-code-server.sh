#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3, the last line running on Node 20) into
# .vscode-test/code-server for the e2e suite and `npm start` (see vscode-e2e.md). Idempotent:
# does nothing when the install is complete. Needs the Debian packages scripts/setup.sh installs.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=4.100.3
ROOT="$PWD/.vscode-test/code-server"
CS="$ROOT/node_modules/code-server"
MARK="$ROOT/.installed-$VERSION"
if [ -f "$MARK" ] && [ -f "$CS/out/node/entry.js" ]; then
  echo "code-server $VERSION already installed in $ROOT"
  exit 0
fi
command -v rg >/dev/null || { echo "ripgrep (rg) is required: run npm run setup" >&2; exit 1; }
mkdir -p "$ROOT"
cd "$ROOT"
[ -f package.json ] || echo '{ "name": "code-server-host", "private": true }' > package.json
echo "installing code-server@$VERSION into $ROOT (about three minutes)"
npm install --no-audit --no-fund --ignore-scripts "code-server@$VERSION"
cd "$CS/lib/vscode"
npm install --no-audit --no-fund --omit=dev --ignore-scripts
# @vscode/ripgrep's install script downloads from GitHub; it exits early when bin/ exists.
mkdir -p node_modules/@vscode/ripgrep/bin
cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
cd "$CS"
npm_config_unsafe_perm=true npm_config_user_agent="npm/11 node/v20 linux x64" sh ./postinstall.sh
cd "$CS/lib/vscode"
npm_config_yes=true npm rebuild
cd "$ROOT"
npm rebuild argon2
touch "$MARK"
echo "code-server $VERSION installed"
