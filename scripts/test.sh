#!/usr/bin/env bash
# Runs every test of the project: formatting and lints, native unit and
# server tests, browser tests (wasm-bindgen-test in headless Chromium),
# end-to-end tests (the built app in Chromium over WebDriver) and the size
# budget. As root it also starts a throwaway PostgreSQL cluster, so the
# server's storage and account tests run on PostgreSQL as well as SQLite. Installs what is missing first. Fails if anything fails or if the
# browser tests did not run.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/install-tools.sh"
install_test_tools
cd "$DELA_ROOT"
export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"

say "fetching crates"
cargo fetch --quiet

say "checking formatting"
cargo fmt --all --check

say "building the app once (release); the end-to-end tests and the size report use it"
trunk build --release

say "size of the build"
python3 scripts/size-report.py dist "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/dela.wasm"

say "lints"
python3 scripts/import-cycles.py --self-test
python3 scripts/import-cycles.py src || die "files of src/ import each other in a circle"
cargo clippy --quiet --workspace --all-targets -- -D warnings
cargo clippy --quiet -p dela --target wasm32-unknown-unknown --all-targets --all-features -- -D warnings

say "native tests: core, server over HTTP (on SQLite and PostgreSQL), end-to-end in Chromium"
start_test_postgres
cargo test --workspace

say "browser tests in headless Chromium"
log="$(mktemp)"
if ! cargo test -p dela --target wasm32-unknown-unknown 2>&1 | tee "$log"; then
    die "browser tests failed"
fi
ran="$(grep -Eo 'test result: ok\. [0-9]+ passed' "$log" | awk '{s += $4} END {print s + 0}')"
rm -f "$log"
[ "$ran" -gt 0 ] || die "no browser test ran: is Chromium with chromedriver working?"
say "all tests passed ($ran browser tests)"
