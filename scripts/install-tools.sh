#!/usr/bin/env bash
# Installs the tools the build and the tests need, once: every step checks
# first and costs nothing when the tool is already there at the right version.
# Sourced by scripts/serve.sh and scripts/test.sh; not meant to be run alone.
set -euo pipefail

DELA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m[dela]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[dela] error:\033[0m %s\n' "$*" >&2; exit 1; }

TRUNK_VERSION_REQ="0.21"

# The wasm-bindgen CLI must equal the crate version in Cargo.lock exactly.
wasm_bindgen_lock_version() {
    awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' \
        "$DELA_ROOT/Cargo.lock"
}

install_wasm_target() {
    if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
        say "adding the wasm32-unknown-unknown target"
        rustup target add wasm32-unknown-unknown
    fi
}

install_trunk() {
    if command -v trunk >/dev/null && trunk --version | grep -q "trunk ${TRUNK_VERSION_REQ}\."; then
        return
    fi
    say "installing trunk ${TRUNK_VERSION_REQ}.x (about 11 minutes, once)"
    cargo install trunk --version "~${TRUNK_VERSION_REQ}" --locked
}

install_wasm_bindgen() {
    local want
    want="$(wasm_bindgen_lock_version)"
    [ -n "$want" ] || die "cannot read the wasm-bindgen version from Cargo.lock"
    if command -v wasm-bindgen >/dev/null && [ "$(wasm-bindgen --version | awk '{print $2}')" = "$want" ]; then
        return
    fi
    say "installing wasm-bindgen-cli $want (about 5 minutes, once)"
    # Without --locked: its lock file pins a dependency the registry does not serve.
    cargo install wasm-bindgen-cli --version "$want" --force
}

# Debian packages: chromium and chromedriver for browser tests, binaryen for wasm-opt.
install_debian_packages() {
    local missing=()
    for pair in "$@"; do
        local bin="${pair%%:*}" pkg="${pair##*:}"
        command -v "$bin" >/dev/null || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return
    if [ "$(id -u)" -ne 0 ]; then
        die "missing Debian packages: ${missing[*]}. Run as root, or: sudo apt-get install -y ${missing[*]}"
    fi
    say "installing Debian packages: ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

install_build_tools() {
    install_wasm_target
    install_debian_packages wasm-opt:binaryen
    install_trunk
    install_wasm_bindgen
}

# twiggy names the biggest items of the wasm in the size report.
TWIGGY_VERSION="0.8.0"

install_twiggy() {
    if command -v twiggy >/dev/null && twiggy --version | grep -q " ${TWIGGY_VERSION}$"; then
        return
    fi
    say "installing twiggy ${TWIGGY_VERSION} (about 2 minutes, once)"
    cargo install twiggy --version "${TWIGGY_VERSION}" --locked
}

# A throwaway PostgreSQL cluster for the storage and account tests, when
# running as root (Debian's package; initdb refuses root, so the cluster
# belongs to the postgres user). Exports DELA_TEST_DATABASE_URL; the cluster
# and its directory go when the calling script exits. Not as root, the tests
# run on SQLite only and say so.
start_test_postgres() {
    if [ "$(id -u)" -ne 0 ]; then
        say "PostgreSQL part skipped (not root): the storage and account tests run on SQLite only"
        return
    fi
    if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
        say "installing Debian's postgresql"
        DEBIAN_FRONTEND=noninteractive apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    fi
    local bin
    bin="$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")"
    PG_TEST_DIR="$(mktemp -d /tmp/dela-pg.XXXXXX)"
    chown postgres "$PG_TEST_DIR"
    local port
    port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    runuser -u postgres -- "$bin/initdb" -D "$PG_TEST_DIR/data" -A trust -U postgres >/dev/null
    PG_TEST_BIN="$bin"
    trap stop_test_postgres EXIT
    runuser -u postgres -- "$bin/pg_ctl" -D "$PG_TEST_DIR/data" -l "$PG_TEST_DIR/log" \
        -o "-p $port -k $PG_TEST_DIR -c listen_addresses=127.0.0.1 -c fsync=off" -w start >/dev/null \
        || die "PostgreSQL did not start: $(cat "$PG_TEST_DIR/log")"
    export DELA_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
    say "PostgreSQL $(basename "$(dirname "$bin")") for the tests on port $port"
}

stop_test_postgres() {
    [ -n "${PG_TEST_DIR:-}" ] || return 0
    runuser -u postgres -- "$PG_TEST_BIN/pg_ctl" -D "$PG_TEST_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_TEST_DIR"
}

install_test_tools() {
    install_build_tools
    install_twiggy
    install_debian_packages chromium:chromium chromedriver:chromium-driver
}
