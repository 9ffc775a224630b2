#!/usr/bin/env bash
# Installs dependencies when they are missing or older than package.json.
# (`npm ci` is avoided on purpose: lockfiles made here omit optional platform packages.)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package.json -nt node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[factledger] installing dependencies (npm install)"
  npm install --no-fund --no-audit
fi
bash scripts/ensure-chromium.sh
