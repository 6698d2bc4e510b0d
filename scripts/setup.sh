#!/usr/bin/env bash
# Installs and builds the plugin, then registers it with an Amplify CLI: the global `amplify` when one
# is installed, else the project's own cached CLI (the one the e2e tier uses, in test/e2e/.cli).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
npm ci --no-audit --no-fund
npm run build
if command -v amplify >/dev/null 2>&1; then
  amplify_bin="$(command -v amplify)"
else
  bash scripts/install-amplify-cli.sh
  amplify_bin="$root/test/e2e/.cli/node_modules/.bin/amplify"
fi
"$amplify_bin" plugin add "$root" < /dev/null
echo
"$amplify_bin" boundary help < /dev/null
echo
echo "amplify-iam-guard is registered with $amplify_bin"
