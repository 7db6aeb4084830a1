"""Parser and extractor versions cover every module they import and the libraries they use."""
from __future__ import annotations

import shutil

from pipeline import versions as v


def names(entry: str) -> set[str]:
    return {f"{p.parent.name}/{p.name}" for p in v.module_closure(entry)}


def test_the_parser_version_covers_every_module_parsing_imports():
    closure = names("pipeline.parse")
    assert {"pipeline/models.py", "pipeline/pdfium_words.py", "pipeline/layout.py", "pipeline/errors.py"} <= closure
    assert "pipeline/interrupts.py" not in closure  # signal handling does not change what a document parses to


def test_the_extractor_version_covers_shared_modules():
    closure = names("extractors.extract")
    assert {"extractors/prefilter.py", "pipeline/models.py", "extractors/nlp.py"} <= closure


def test_library_versions_change_the_version():
    assert v.code_version("pipeline.parse", ("pdfplumber",)) != v.code_version("pipeline.parse", ())
    assert v.library_versions(("pdfplumber", "no-such-library")) == [
        f"pdfplumber=={v.metadata.version('pdfplumber')}", "no-such-library absent"]


def test_a_change_in_an_imported_module_changes_the_version(tmp_path, monkeypatch):
    root = tmp_path / "tree"
    shutil.copytree(v.ROOT / "pipeline", root / "pipeline", ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(v, "package_dir", lambda package: root / package)
    before = v.code_version("pipeline.parse")
    with open(root / "pipeline" / "models.py", "a", encoding="utf-8") as handle:
        handle.write("\n# a change far from the parser's own files\n")
    assert v.code_version("pipeline.parse") != before


def _ast_imports(path) -> set[str]:
    """What the import statements name, by Python's own parser: the reference `_imports` must cover."""
    import ast

    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_bytes())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_imports_read_as_text_miss_nothing_the_parser_finds(tmp_path):
    tricky = tmp_path / "tricky.py"
    tricky.write_text(
        "from pipeline import (fetch,  # a comment inside\n    layout)\n"
        "from pipeline import \\\n    models\n"
        "import os; import pipeline.sniff\n"
        "if True: import pipeline.ocr\n"
        "try: from pipeline import errors\nexcept ImportError: pass\n"
        "from pipeline import(parse)\n"
        "def f():\n    from extractors import kind as k, dates\n", encoding="utf-8")
    files = [tricky, *[p for package in ("pipeline", "extractors", "flows", "warehouse", "schoolpipe")
                       for p in sorted((v.ROOT / package).glob("*.py"))]]
    missed = {str(p): _ast_imports(p) - v._imports(p) for p in files}
    assert {p: m for p, m in missed.items() if m} == {}
    assert {"pipeline.layout", "pipeline.models", "pipeline.ocr", "pipeline.errors", "pipeline.parse",
            "extractors.dates"} <= v._imports(tricky)
