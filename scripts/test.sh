#!/usr/bin/env bash
# Runs every test layer, installing whatever is missing first:
#   1. formatting and lints (host and wasm)
#   2. host tests of the domain core (no browser), then the importers'
#      property and fuzz tests in release (10,000 cases each) and their
#      linear-time checks, one at a time
#   3. the IndexedDB store and tab sync (wasm-bindgen-test), built once and
#      run in each engine: headless Chromium, headless Firefox ESR, WebKitGTK
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
say "2/5 importers fuzzed: 10,000 cases per property (seed printed), then linear time"
fuzz=(--test fuzz_backup --test fuzz_vcard --test fuzz_csv --test fuzz_merge)
cargo test -p kith-core --release "${fuzz[@]}" -- --skip linear_
cargo test -p kith-core --release "${fuzz[@]}" linear_ -- --test-threads=1

say "3/5 IndexedDB store and tab sync: building the wasm tests"
wasm_tests=(cargo test --target wasm32-unknown-unknown --test idb --test tabs --no-fail-fast)
"${wasm_tests[@]}" --no-run
# The runner picks the browser by which *DRIVER variable is set, so each run
# sets exactly one. A failure names its engine before the script stops.
wasm_tests_in() {
    local engine=$1 driver=$2
    shift 2
    say "3/5 IndexedDB store and tab sync in $engine"
    local began=$SECONDS
    if ! env -u CHROMEDRIVER -u GECKODRIVER -u SAFARIDRIVER \
        "$driver" WASM_BINDGEN_TEST_TIMEOUT=120 "$@" "${wasm_tests[@]}"; then
        say "3/5 IndexedDB store and tab sync FAILED in $engine"
        exit 1
    fi
    say "   $engine: $((SECONDS - began)) s"
}
wasm_tests_in "headless Chromium" "CHROMEDRIVER=$(command -v chromedriver)"
wasm_tests_in "headless Firefox ESR" "GECKODRIVER=$(command -v geckodriver)"
# WebKitGTK has no headless mode: MiniBrowser gets a virtual X display.
wasm_tests_in "WebKitGTK (MiniBrowser under Xvfb)" \
    "SAFARIDRIVER=$(command -v WebKitWebDriver)" xvfb-run -a

say "4/5 release build"
trunk build --release --offline
node scripts/size-report.mjs dist
# The same app built to be published under a subpath, for subpath.spec.mjs.
trunk build --release --offline --public-url /kith/ --dist target/dist-kith

say "5/5 end-to-end: Playwright in headless Chromium"
# A free loopback port, so a server left running elsewhere never collides.
KITH_E2E_PORT=$(node scripts/free-port.mjs)
export KITH_E2E_PORT
(cd tests/e2e && npx playwright test --grep-invert "stay quick")
say "   the core journeys over WebDriver in Chromium, Firefox ESR and WebKitGTK"
# Its own server on a free port and, for WebKitGTK, its own Xvfb; a failure
# prints "[engine] journey: why" and fails the run.
node tests/webdriver/run.mjs
say "   scale benchmark, alone so its figures are not shared with other tests"
(cd tests/e2e && npx playwright test scale.spec.mjs --workers=1)

say "all test layers passed in $((SECONDS - started)) s"
