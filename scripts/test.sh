#!/usr/bin/env bash
# Runs every test layer, installing whatever is missing first:
#   1. formatting and lints (host and wasm)
#   2. host tests of the domain core (no browser)
#   3. the IndexedDB store and tab sync in headless Chromium (wasm-bindgen-test)
#   4. the release build and its size (raw, gzip, brotli)
#   5. end-to-end tests and the scale benchmark on the built app
source "$(dirname "${BASH_SOURCE[0]}")/ensure-tools.sh"
cd "$KITH_ROOT"
ensure_test_tools
started=$SECONDS

say "1/5 formatting and lints"
cargo fmt --all --check
cargo clippy -p kith-core --all-targets -- -D warnings
cargo clippy --target wasm32-unknown-unknown --all-targets -- -D warnings

say "2/5 host tests of the domain core"
cargo test -p kith-core

say "3/5 IndexedDB store and tab sync in headless Chromium"
CHROMEDRIVER=$(command -v chromedriver) WASM_BINDGEN_TEST_TIMEOUT=120 \
    cargo test --target wasm32-unknown-unknown --test idb --test tabs

say "4/5 release build"
trunk build --release --offline
node scripts/size-report.mjs dist
# The same app built to be published under a subpath, for subpath.spec.mjs.
trunk build --release --offline --public-url /kith/ --dist target/dist-kith

say "5/5 end-to-end in headless Chromium"
# A free loopback port, so a server left running elsewhere never collides.
KITH_E2E_PORT=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
export KITH_E2E_PORT
(cd tests/e2e && npx playwright test --grep-invert "stay quick")
say "   scale benchmark, alone so its figures are not shared with other tests"
(cd tests/e2e && npx playwright test scale.spec.mjs --workers=1)

say "all test layers passed in $((SECONDS - started)) s"
