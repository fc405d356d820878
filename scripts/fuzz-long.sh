#!/usr/bin/env bash
# The long fuzz run of the importers (about an hour on 2 cores): every
# property of crates/core/tests/fuzz_*.rs with many more cases, in
# release, each file with its own new seed (printed; replay a failure
# with KITH_FUZZ_SEED=<seed> and the same KITH_FUZZ_CASES). Open findings
# (#[ignore]) are left out; pass --include-ignored to run them too.
#   KITH_FUZZ_CASES  cases per property (default 400000)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export KITH_FUZZ_CASES=${KITH_FUZZ_CASES:-400000}
for t in fuzz_backup fuzz_vcard fuzz_csv fuzz_merge; do
    seed=${KITH_FUZZ_SEED:-$(od -An -N8 -tu8 /dev/urandom | tr -d ' ')}
    echo "== $t: $KITH_FUZZ_CASES cases, KITH_FUZZ_SEED=$seed"
    KITH_FUZZ_SEED=$seed cargo test -p kith-core --release --test "$t" -- "$@"
done
