#!/usr/bin/env bash
# Finds or installs the Chromium the timeline page's browser test drives
# (Debian's `chromium` package; Playwright's own browser download is not used).
# Called by ensure-deps.sh, so `npm start` and `npm test` share it. A machine
# where it cannot be installed still starts; only the browser test then fails, saying why.
set -uo pipefail
if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then exit 0; fi
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
  echo "[factledger] chromium is missing and this user cannot install it: apt-get install -y chromium (the timeline browser test needs it)" >&2
  exit 0
fi
if command -v apt-get >/dev/null 2>&1; then
  echo "[factledger] installing chromium (apt-get) for the timeline page's browser test"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium >/dev/null || echo "[factledger] could not install chromium; the timeline browser test will fail" >&2
else
  echo "[factledger] chromium is missing and there is no apt-get: install Chromium and set CHROMIUM_PATH" >&2
fi
exit 0
