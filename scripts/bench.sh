#!/usr/bin/env bash
# Runs every benchmark and prints its figures: the core's criterion benches
# (My activities over 100,000 activities; robots) and the browser benchmark
# of My activities in headless Chromium (writes 100,000 activities first);
# the sync server's push and pull of 100,000 mutations over loopback HTTP.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/install-tools.sh"
install_test_tools
cd "$DELA_ROOT"
export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"

say "core benchmarks"
cargo bench -p dela-core

say "sync server benchmark (push and pull over loopback HTTP, SQLite)"
cargo bench -p dela-server --bench sync

say "building the app with the benchmark's seeding (dist-bench/)"
trunk build --release --all-features --dist dist-bench

say "browser benchmark"
DELA_DIST="$DELA_ROOT/dist-bench" cargo bench -p dela-e2e --bench browser
