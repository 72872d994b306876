#!/usr/bin/env bash
# The main job: installs what is missing, builds the app in release mode and
# starts dela-server, which serves it and the JSON API on
# http://127.0.0.1:8080 with its SQLite file under ./data/.
# Arguments go to dela-server, e.g. `scripts/serve.sh --port 9000`.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/install-tools.sh"
install_build_tools
cd "$DELA_ROOT"

say "fetching crates"
cargo fetch --quiet
say "building the app (release)"
trunk build --release
say "building the server (release, unwinding on panic: profile server)"
cargo build --profile server --quiet -p dela-server
exec target/server/dela-server "$@"
