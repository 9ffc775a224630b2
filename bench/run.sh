#!/usr/bin/env bash
# `npm run bench [-- options]`: installs the bench's own dependencies (the
# Emmett peer) when missing or stale, then runs every case. Options: --help.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
if [ ! -f bench/node_modules/.package-lock.json ] || [ bench/package.json -nt bench/node_modules/.package-lock.json ]; then
  echo "[bench] installing bench dependencies (npm install in bench/)"
  (cd bench && npm install --no-fund --no-audit)
fi
exec node -r ./tools/register.cjs bench/main.ts "$@"
