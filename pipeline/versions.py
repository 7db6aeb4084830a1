"""Versions derived from code, pattern files and libraries, so a change is never forgotten.

A version covers every module of ours that its entry module imports, directly or through
others (found by reading the import statements, nothing imported), and the versions of the
libraries whose behaviour shapes the result: a change in any of them reprocesses documents.
"""
from __future__ import annotations

import functools
import hashlib
import importlib.util
import re
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUR_PACKAGES = ("pipeline", "extractors")
PARSER_LIBRARIES = ("pdfplumber", "pdfminer.six", "pypdfium2", "beautifulsoup4", "lxml", "charset-normalizer",
                    "tesserocr")  # OCR installed (or upgraded) reprocesses what it can now read


@functools.cache
def package_dir(package: str) -> Path:
    """Where a package of ours is imported from (found, not imported): a checkout's copy or ROOT's."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return ROOT / package
    return Path(list(spec.submodule_search_locations)[0])


def module_file(name: str) -> Path | None:
    """The file of one of our modules (`pipeline.layout`), or None if it is not ours."""
    top, *rest = name.split(".")
    if top not in OUR_PACKAGES:
        return None
    base = package_dir(top).joinpath(*rest) if rest else package_dir(top)
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


_STATEMENT_START = r"(?:^|[;:])[ \t]*"  # a line's start, or after `;` or a compound statement's `:`
_IMPORT = re.compile(_STATEMENT_START + r"(?:from[ \t]+([A-Za-z_][\w.]*)[ \t]+import[ \t]*(\([^)]*\)|[^\n#;]*)"
                     r"|import[ \t]+([^\n#;]+))", re.M)


def _imports(path: Path) -> set[str]:
    """The modules a file's import statements name, read as text (parsing every module's syntax
    tree at each start cost a quarter of a second). Continuation lines are joined and comments
    inside brackets dropped first; a line that only looks like an import (in a string) can only
    add a file to a version, never leave one out. tests/test_versions.py compares it with `ast`."""
    text = path.read_text(encoding="utf-8").replace("\\\n", " ")
    names: set[str] = set()
    for module, imported, plain in _IMPORT.findall(text):
        if module:
            names.add(module)
            for alias in re.sub(r"#[^\n]*", "", imported).strip("()").split(","):  # `from pipeline import fetch`
                if alias.split():
                    names.add(f"{module}.{alias.split()[0]}")
        else:
            names.update(alias.split()[0] for alias in plain.split(",") if alias.split())
    return names


def module_closure(entry: str) -> list[Path]:
    """Every module of ours that `entry` imports, itself included, in a stable order."""
    seen: dict[Path, None] = {}
    todo = [entry]
    while todo:
        name = todo.pop()
        path = module_file(name)
        if path is None or path in seen:
            continue
        seen[path] = None
        parts = name.split(".")
        todo.extend(".".join(parts[:i]) for i in range(1, len(parts)))  # packages run their __init__
        todo.extend(_imports(path))
    return sorted(seen)


def library_versions(names: tuple[str, ...]) -> list[str]:
    found = []
    for name in names:
        try:
            found.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} absent")
    return found


def code_version(entry: str, libraries: tuple[str, ...] = (), data_files: tuple[Path, ...] = ()) -> str:
    """A short hash of `entry`'s module closure, the data files and the libraries' versions."""
    digest = hashlib.sha256()
    for path in [*module_closure(entry), *sorted(data_files)]:
        digest.update(f"{path.parent.name}/{path.name}".encode())  # the same in every checkout
        digest.update(path.read_bytes())
    for line in library_versions(libraries):
        digest.update(line.encode())
    return digest.hexdigest()[:12]


PARSER_VERSION = code_version("pipeline.parse", PARSER_LIBRARIES)
