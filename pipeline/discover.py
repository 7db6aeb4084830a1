"""Find the documents of a local corpus folder and fingerprint their bytes."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from pipeline.models import SourceDocument

SUFFIXES = (".pdf", ".html", ".htm", ".txt")
# (path, device, inode, size, mtime in ns) -> sha256: a run looks at its corpus twice (to
# forecast its work before Prefect starts, then in the flow) and reads each file's bytes once.
_digests: dict[tuple, str] = {}


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
    stat = path.stat()
    key = (os.fsdecode(path), stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)
    if key not in _digests:
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
        _digests[key] = digest.hexdigest()
    # A file name that is not valid UTF-8 is read by its real name and recorded with the bad bytes escaped.
    uri = os.fsencode(path.resolve()).decode("utf-8", "backslashreplace")
    return SourceDocument(uri=uri, path=os.fsdecode(path), sha256=_digests[key], size_bytes=stat.st_size)
