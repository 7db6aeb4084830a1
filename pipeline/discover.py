"""Find the documents of a local corpus folder and fingerprint their bytes."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from pipeline.models import SourceDocument

SUFFIXES = (".pdf", ".html", ".htm", ".txt")


def discover_folder(folder: str | Path) -> list[SourceDocument]:
    """Every PDF, HTML and text file under `folder`, in a stable order."""
    root = Path(folder)
    if not root.is_dir():
        raise FileNotFoundError(f"corpus folder {root} does not exist")
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            if name.lower().endswith(SUFFIXES):
                found.append(fingerprint(Path(dirpath) / name))
    return found


def fingerprint(path: Path) -> SourceDocument:
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
            size += len(chunk)
    # A file name that is not valid UTF-8 is read by its real name and recorded with the bad bytes escaped.
    uri = os.fsencode(path.resolve()).decode("utf-8", "backslashreplace")
    return SourceDocument(uri=uri, path=os.fsdecode(path), sha256=digest.hexdigest(), size_bytes=size)
