#!/usr/bin/env python3
"""Trunk post-build hook: writes sw.js into the staging dir with this build's
shell file list and a version derived from their contents, so every build
gets its own cache and the browser notices a new service worker."""

import hashlib
import json
import os
import pathlib
import sys

SHELL_SUFFIXES = (".html", ".js", ".wasm", ".css", ".svg")


def main() -> int:
    staging = pathlib.Path(os.environ["TRUNK_STAGING_DIR"])
    source = pathlib.Path(os.environ["TRUNK_SOURCE_DIR"]) / "web" / "sw.js"
    files = sorted(
        path for path in staging.iterdir()
        if path.is_file() and path.suffix in SHELL_SUFFIXES and path.name != "sw.js"
    )
    if not any(path.suffix == ".wasm" for path in files):
        print("stamp-service-worker: no .wasm in the build", file=sys.stderr)
        return 1
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    shell = ["/index.html"] + [f"/{path.name}" for path in files if path.name != "index.html"]
    text = source.read_text()
    text = text.replace("__DELA_BUILD__", digest.hexdigest()[:16])
    text = text.replace("__DELA_SHELL__", json.dumps(shell))
    (staging / "sw.js").write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
