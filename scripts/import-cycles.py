#!/usr/bin/env python3
"""Fails when files of a Rust source tree import each other in a circle.

Reads every `use crate::…`, `use super::…` and `crate::…`/`super::…` path in
`src/` (or the folder given), resolves each to the file of the module it
names (the longest path that is a file), and looks for cycles among files.
A module's `mod.rs` re-exporting its children (`pub use child::X`, `pub mod`)
is not counted: a parent declaring its children is not an import.
Prints each cycle found and exits 1, or prints nothing and exits 0.
"""

import re
import sys
from pathlib import Path

PATH = re.compile(r"\b(crate|super)((?:::[A-Za-z_][A-Za-z0-9_]*)*)(::\{([^;]*?)\})?")


def module_of(root: Path, file: Path) -> list[str]:
    parts = list(file.relative_to(root).with_suffix("").parts)
    if parts[-1] in ("mod", "lib", "main"):
        parts = parts[:-1]
    return parts


def file_of(root: Path, module: list[str]) -> Path | None:
    """The file holding `module`, or its nearest ancestor that is a file."""
    for end in range(len(module), 0, -1):
        base = root.joinpath(*module[:end])
        for candidate in (base.with_suffix(".rs"), base / "mod.rs"):
            if candidate.is_file():
                return candidate
    return None


def strip_comments(text: str) -> str:
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return "\n".join(line.split("//", 1)[0] for line in text.splitlines())


def imports(root: Path, file: Path) -> set[Path]:
    here = module_of(root, file)
    is_mod = file.name in ("mod.rs", "lib.rs", "main.rs")
    found = set()
    text = strip_comments(file.read_text(encoding="utf-8"))
    if is_mod:
        # A parent's re-exports of its own children are not imports.
        text = re.sub(r"pub\s+use\s+[a-z_][a-z0-9_]*::[^;]*;", "", text)
    for match in PATH.finditer(text):
        start, rest, _, group = match.groups()
        if not rest and group is None:
            continue  # `pub(crate)`, `pub(super)`: not a path
        path = [part for part in rest.split("::") if part]
        if start == "crate":
            base = []
        else:
            base = here[:-1]
            while path and path[0] == "super":
                path = path[1:]
                base = base[:-1]
        targets = [base + path]
        if group:
            names = [name.strip(" {}\n").split("::")[0].split(" as ")[0] for name in group.split(",")]
            targets = [base + path + [name] for name in names if name and name != "self"]
            targets.append(base + path)
        for target in targets:
            target_file = file_of(root, target)
            if target_file and target_file != file:
                found.add(target_file)
    return found


def cycles(graph: dict[Path, set[Path]]) -> list[list[Path]]:
    """Strongly connected components with more than one file (Tarjan)."""
    index, low, stack, on_stack, result = {}, {}, [], set(), []
    counter = [0]

    def visit(node: Path) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for other in graph.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                result.append(sorted(component))

    sys.setrecursionlimit(10_000)
    for node in sorted(graph):
        if node not in index:
            visit(node)
    return result


def self_test() -> None:
    """The check finds a planted circle (through `super::{…}` and a nested
    module) and passes a tree whose parent only declares its children."""
    import tempfile

    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        (root / "store").mkdir()
        (root / "lib.rs").write_text("pub mod store;\npub mod page;\n")
        (root / "store" / "mod.rs").write_text("pub mod a;\npub mod b;\npub use a::A;\n")
        (root / "store" / "a.rs").write_text("use super::{b, Store};\npub(super) fn f() {}\n")
        (root / "store" / "b.rs").write_text("pub(crate) fn g() {}\n")
        (root / "page.rs").write_text("use crate::store::a::A;\n")
        clean = {file: imports(root, file) for file in root.rglob("*.rs")}
        assert not cycles(clean), cycles(clean)
        (root / "store" / "b.rs").write_text("// crate::page\nuse crate::page;\n")
        (root / "page.rs").write_text("use crate::store::{a::A};\n")
        planted = {file: imports(root, file) for file in root.rglob("*.rs")}
        found = cycles(planted)
        assert [sorted(p.name for p in c) for c in found] == [["a.rs", "b.rs", "page.rs"]], found


def main() -> int:
    if sys.argv[1:] == ["--self-test"]:
        self_test()
        print("import-cycles: self-test passed")
        return 0
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "src")
    files = sorted(root.rglob("*.rs"))
    graph = {file: imports(root, file) for file in files}
    found = cycles(graph)
    for component in found:
        members = set(component)
        print("import circle among:")
        for file in component:
            inside = sorted(str(other) for other in graph[file] if other in members)
            print(f"  {file} -> {', '.join(inside)}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
