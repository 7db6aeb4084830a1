"""Versions derived from source and pattern files, so a change is never forgotten."""
from __future__ import annotations

import hashlib
from importlib import resources


def source_version(package: str, files: list[str]) -> str:
    """A short hash of the named files of a package: it changes whenever one of them does."""
    digest = hashlib.sha256()
    root = resources.files(package)
    for name in sorted(files):
        digest.update(name.encode())
        digest.update((root / name).read_bytes())
    return digest.hexdigest()[:12]


# Every file whose change can change a parsed Document; cheap to compute, no parser imported.
PARSER_FILES = ["parse.py", "parse_pdf.py", "parse_html.py", "parse_text.py", "layout.py", "assemble.py", "sniff.py",
                "pdf_guard.py", "pdfium_words.py"]
PARSER_VERSION = source_version("pipeline", PARSER_FILES)
