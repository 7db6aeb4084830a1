"""Imports point one way, down (DESIGN.md), and the installed package never imports development tools."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAY_IMPORT = {
    "pipeline": {"pipeline"},
    "extractors": {"extractors", "pipeline"},
    "warehouse": {"warehouse", "pipeline"},
    "corpus": {"corpus", "pipeline"},
    "flows": {"flows", "corpus", "warehouse", "extractors", "pipeline"},
    "schoolpipe": {"schoolpipe", "flows", "corpus", "warehouse", "extractors", "pipeline"},
}
OURS = set(MAY_IMPORT) | {"benchmarks", "tests"}
DEV_ONLY = {"benchmarks", "reportlab", "pytest", "hypothesis", "psutil"}


def imported(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_bytes())):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", sorted(MAY_IMPORT))
def test_imports_point_down(package):
    wrong = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        names = imported(path)
        bad = (names & OURS) - MAY_IMPORT[package] | (names & DEV_ONLY)
        if bad:
            wrong[str(path.relative_to(ROOT))] = sorted(bad)
    assert not wrong, f"imports against the layering: {wrong}"
