#!/usr/bin/env bash
# Chromium for the browser tests (tests/web/): the Debian package, never a Playwright download.
# Prints NEWSGRAPH_CHROMIUM=PATH on stdout (read by dev.py as a test env var); all else goes to stderr.
set -euo pipefail
exec 3>&1 1>&2
path=""
for candidate in /usr/bin/chromium /usr/bin/chromium-browser; do
  if [ -x "$candidate" ]; then path="$candidate"; break; fi
done
if [ -z "$path" ] && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || true
  apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null || true
  [ -x /usr/bin/chromium ] && path=/usr/bin/chromium
fi
if [ -n "$path" ]; then
  "$path" --headless --no-sandbox --disable-gpu --version >&2 || true
  echo "NEWSGRAPH_CHROMIUM=$path" >&3
else
  echo "chromium.sh: could not install Chromium; browser tests will skip" >&2
fi
