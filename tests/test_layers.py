"""The layers read cleanly: data flows one way (read -> extract -> events -> link -> ledger ->
store -> export/viewer), and no module imports from a layer above its own."""

from __future__ import annotations

import ast
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[1] / "src" / "claimledger"

# Lowest first; a module is in the layer of the longest prefix listed.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("_version", "taxonomy"),
    ("model",),
    ("read", "fetch"),
    ("extract", "population"),
    ("nlp", "events"),
    ("pipeline", "link", "link_features", "link_blocking", "ledger", "report_count", "site_homes"),
    ("store", "store_schema", "store_tables", "derived"),
    ("runner", "ray_run", "exports", "schema"),
    ("viewer", "eval", "cli_output"),
    ("cli", "__init__"),
)


def layer_of(module: str) -> int:
    best = (-1, -1)
    for index, names in enumerate(LAYERS):
        for name in names:
            if module == name or module.startswith(name + "."):
                best = max(best, (len(name), index))
    assert best[1] >= 0, f"{module} is in no layer: add it to LAYERS"
    return best[1]


def modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        parts = path.relative_to(SOURCE).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" and len(parts) > 1 else parts)
        found.append((name, path))
    return found


def imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(
            "claimledger"
        ):
            names.add(node.module.removeprefix("claimledger").lstrip("."))
        elif isinstance(node, ast.Import):
            names |= {a.name.removeprefix("claimledger.") for a in node.names
                      if a.name.startswith("claimledger.")}
    return {name for name in names if name}


def test_no_module_imports_from_a_higher_layer() -> None:
    upward = [
        f"{module} (layer {layer_of(module)}) imports {other} (layer {layer_of(other)})"
        for module, path in modules()
        for other in imported(path)
        if layer_of(other) > layer_of(module)
    ]
    assert upward == []


def test_the_check_sees_an_upward_import() -> None:
    assert layer_of("extract.figures") < layer_of("ledger")
    assert layer_of("read.inputs") < layer_of("extract.people")
