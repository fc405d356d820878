#!/usr/bin/env bash
# Installs what building and testing Kith needs, and only what is missing,
# so a warm machine passes through in seconds. Sourced by scripts/serve.sh
# and scripts/test.sh; `ensure_build_tools` and `ensure_test_tools` are the
# entry points. Versions are pinned here and in Trunk.toml / Cargo.lock.
#
# Offline-friendly: Trunk is always run with --offline and given the local
# wasm-bindgen and wasm-opt (see ../shared/TOOLCHAIN.md).

set -euo pipefail

KITH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132
# What `cargo install geckodriver` picked on 2026-11-30; its own lockfile
# resolves offline here, so it installs with --locked.
GECKODRIVER_VERSION=0.37.1
# Shared by every clone on the machine, so CI's fresh clone reuses it.
KITH_TOOLS=${KITH_TOOLS:-$HOME/.cache/kith-tools}
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$KITH_TOOLS/node_modules/.bin:$PATH"

say() { printf '\033[1m[kith]\033[0m %s\n' "$*" >&2; }

# The wasm-bindgen version Cargo.lock resolved; the CLI must match it.
wasm_bindgen_version() {
    awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' \
        "$KITH_ROOT/Cargo.lock"
}

apt_ready=0
apt_install() {
    if [ "$apt_ready" = 0 ]; then
        say "apt-get update"
        apt-get update -qq >/dev/null
        apt_ready=1
    fi
    say "apt-get install $*"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_build_tools() {
    if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
        say "adding the wasm32-unknown-unknown target"
        rustup target add wasm32-unknown-unknown
    fi
    if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION"; then
        say "installing trunk $TRUNK_VERSION (about 9 minutes on 2 cores)"
        cargo install trunk --version "$TRUNK_VERSION" --locked
    fi
    local wbg
    wbg=$(wasm_bindgen_version)
    if ! wasm-bindgen --version 2>/dev/null | grep -q " $wbg"; then
        say "installing wasm-bindgen-cli $wbg (about 3 minutes)"
        # No --locked: the CLI's own lockfile pins a crate the registry lacks.
        cargo install wasm-bindgen-cli --version "$wbg" --force
    fi
    if ! wasm-opt --version 2>/dev/null | grep -q "version $BINARYEN_VERSION"; then
        say "installing wasm-opt (binaryen $BINARYEN_VERSION, from npm)"
        mkdir -p "$KITH_TOOLS"
        npm install --silent --no-audit --no-fund --prefix "$KITH_TOOLS" "binaryen@$BINARYEN_VERSION"
    fi
}

ensure_test_tools() {
    ensure_build_tools
    # The three browser engines the wasm and WebDriver tests run in:
    # Chromium, Firefox ESR (geckodriver) and WebKitGTK (WebKitWebDriver,
    # which needs an X display: xvfb-run, which needs xauth).
    local missing=()
    command -v chromium >/dev/null || missing+=(chromium)
    command -v chromedriver >/dev/null || missing+=(chromium-driver)
    command -v firefox-esr >/dev/null || missing+=(firefox-esr)
    command -v WebKitWebDriver >/dev/null || missing+=(webkit2gtk-driver)
    command -v xvfb-run >/dev/null || missing+=(xvfb)
    command -v xauth >/dev/null || missing+=(xauth)
    if [ ${#missing[@]} -gt 0 ]; then
        apt_install "${missing[@]}"
    fi
    # Read whole, not piped to `grep -q`: geckodriver panics on a closed pipe,
    # and pipefail would then take a good install for a missing one.
    local gecko
    gecko=$(geckodriver --version 2>/dev/null || true)
    if [[ "$gecko" != "geckodriver $GECKODRIVER_VERSION"* ]]; then
        say "installing geckodriver $GECKODRIVER_VERSION (about 3 minutes)"
        cargo install geckodriver --version "$GECKODRIVER_VERSION" --locked --force
    fi
    npm_ci_once "$KITH_ROOT/tests/e2e"
    # The cross-engine WebDriver suite, once it is in the tree.
    if [ -f "$KITH_ROOT/tests/webdriver/package-lock.json" ]; then
        npm_ci_once "$KITH_ROOT/tests/webdriver"
    fi
}

# `npm ci` in a test directory, unless its node_modules came from this very
# package-lock.json (a copy of which is kept beside them).
npm_ci_once() {
    local dir=$1
    if [ ! -f "$dir/node_modules/.package-lock.json" ] \
        || ! cmp -s "$dir/package-lock.json" "$dir/node_modules/.kith-lock"; then
        say "installing the test packages of ${dir#"$KITH_ROOT"/}"
        (cd "$dir" && npm ci --silent --no-audit --no-fund && cp package-lock.json node_modules/.kith-lock)
    fi
}
