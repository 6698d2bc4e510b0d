#!/usr/bin/env bash
# Installs the Amplify CLI that the e2e tier and the sandbox use as host, into test/e2e/.cli
# (gitignored node_modules, pinned by its own package-lock.json). Reuses the cache when present.
set -euo pipefail
cli_dir="$(cd "$(dirname "$0")/../test/e2e/.cli" && pwd)"
want="$(node -p "require('$cli_dir/package.json').dependencies['@aws-amplify/cli-internal']")"
have="$(node -p "try { require('$cli_dir/node_modules/@aws-amplify/cli-internal/package.json').version } catch { '' }")"
if [ "$have" = "$want" ] && [ -x "$cli_dir/node_modules/.bin/amplify" ]; then
  echo "Amplify CLI $have: using the cache in $cli_dir"
  exit 0
fi
echo "Installing Amplify CLI $want into $cli_dir (about two minutes, 1.4 GB, once)..."
cd "$cli_dir"
npm ci --no-audit --no-fund --loglevel=error
echo "Amplify CLI $(node -p "require('./node_modules/@aws-amplify/cli-internal/package.json').version") installed"
