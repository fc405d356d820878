#!/usr/bin/env bash
# Builds the release app and serves it on http://127.0.0.1:8080/ (loopback
# only). Installs any missing build tool first; see scripts/ensure-tools.sh.
source "$(dirname "${BASH_SOURCE[0]}")/ensure-tools.sh"
cd "$KITH_ROOT"
ensure_build_tools
say "building the release app"
trunk build --release --offline
exec node scripts/serve-dist.mjs --port "${PORT:-8080}"
