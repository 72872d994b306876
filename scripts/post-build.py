#!/usr/bin/env python3
"""Trunk post-build hook, run in the staging dir before it becomes dist/.

1. Repairs the wasm after Debian's binaryen 108 `wasm-opt`: it writes the
   export `__wbindgen_externrefs` pointing at table 0 (the funcref table)
   instead of the externref table, and the browser then refuses to start
   ("WebAssembly.Table.set(): Argument 1 is invalid for table"). The export
   is pointed back at the externref table and the page's integrity hashes
   are renewed. Builds without the bug are left untouched.
2. Writes sw.js with this build's shell file list and a version derived from
   their contents, so every build gets its own cache and the browser notices
   a new service worker.
"""

import base64
import hashlib
import json
import os
import pathlib
import sys

SHELL_SUFFIXES = (".html", ".js", ".wasm", ".css", ".svg")
EXTERNREF = 0x6F
EXPORT_KIND_TABLE = 0x01
TABLE_SECTION, EXPORT_SECTION = 4, 7


def leb(data: bytes, at: int) -> tuple[int, int]:
    value, shift = 0, 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, at


def sections(data: bytes):
    at = 8
    while at < len(data):
        section_id = data[at]
        size, body = leb(data, at + 1)
        yield section_id, body, body + size
        at = body + size


def table_types(data: bytes, body: int) -> list[int]:
    count, at = leb(data, body)
    types = []
    for _ in range(count):
        types.append(data[at])
        flags = data[at + 1]
        _, at = leb(data, at + 2)
        if flags & 1:
            _, at = leb(data, at)
    return types


def repair_externref_export(wasm: bytearray) -> bool:
    """Returns True when the export had to be pointed back."""
    types, export_at = None, None
    for section_id, body, _ in sections(bytes(wasm)):
        if section_id == TABLE_SECTION:
            types = table_types(wasm, body)
        elif section_id == EXPORT_SECTION:
            count, at = leb(wasm, body)
            for _ in range(count):
                length, at = leb(wasm, at)
                name = bytes(wasm[at:at + length])
                at += length
                kind = wasm[at]
                if kind == EXPORT_KIND_TABLE and name == b"__wbindgen_externrefs":
                    export_at = at + 1
                _, at = leb(wasm, at + 1)
    if types is None or export_at is None:
        return False
    exported, _ = leb(wasm, export_at)
    if exported < len(types) and types[exported] == EXTERNREF:
        return False
    externref_tables = [index for index, kind in enumerate(types) if kind == EXTERNREF]
    if len(externref_tables) != 1 or externref_tables[0] > 0x7F or wasm[export_at] > 0x7F:
        raise SystemExit(f"post-build: cannot repair the externref export (tables {types})")
    wasm[export_at] = externref_tables[0]
    return True


def integrity(data: bytes) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()


def repair_wasm(staging: pathlib.Path) -> None:
    index = staging / "index.html"
    html = index.read_text()
    for path in staging.glob("*.wasm"):
        wasm = bytearray(path.read_bytes())
        before = integrity(bytes(wasm))
        if repair_externref_export(wasm):
            path.write_bytes(wasm)
            html = html.replace(before, integrity(bytes(wasm)))
            print(f"post-build: repaired the externref table export of {path.name}", file=sys.stderr)
    index.write_text(html)


def stamp_service_worker(staging: pathlib.Path, source: pathlib.Path) -> None:
    files = sorted(
        path for path in staging.iterdir()
        if path.is_file() and path.suffix in SHELL_SUFFIXES and path.name != "sw.js"
    )
    if not any(path.suffix == ".wasm" for path in files):
        raise SystemExit("post-build: no .wasm in the build")
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    shell = ["/index.html"] + [f"/{path.name}" for path in files if path.name != "index.html"]
    text = (source / "web" / "sw.js").read_text()
    text = text.replace("__DELA_BUILD__", digest.hexdigest()[:16])
    text = text.replace("__DELA_SHELL__", json.dumps(shell))
    (staging / "sw.js").write_text(text)


def main() -> None:
    staging = pathlib.Path(os.environ["TRUNK_STAGING_DIR"])
    repair_wasm(staging)
    stamp_service_worker(staging, pathlib.Path(os.environ["TRUNK_SOURCE_DIR"]))


if __name__ == "__main__":
    main()
