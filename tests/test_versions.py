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
