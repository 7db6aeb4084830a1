"""Find the documents of a local corpus folder, read each once, and keep the bytes that were read.

Discovery cannot be fooled by the file system: a symlink is followed only to a file or folder
inside the corpus folder (a linked folder outside it is recorded as `link_outside`; each real
folder is read once, so a link loop ends), only regular files are opened (a FIFO named `x.pdf` would block a reader for
ever), and whatever cannot be read is recorded with a status instead of stopping the run. The
bytes read are hashed and copied into the raw store, and the workers parse that copy: the
sha256 recorded is always that of the bytes parsed, even if the file changes meanwhile, and
`schoolpipe reprocess` reads exactly what was loaded.
"""
from __future__ import annotations

import errno
import hashlib
import os
import stat
from pathlib import Path

from corpus.rawstore import RawStore
from pipeline.models import BROKEN_LINK, LINK_OUTSIDE, NOT_A_FILE, TOO_LARGE, UNREADABLE, SourceDocument

SUFFIXES = (".pdf", ".html", ".htm", ".txt")
# (path, device, inode, size, mtime in ns) -> sha256: a run looks at its corpus twice (to
# forecast its work before Prefect starts, then in the flow) and reads each file's bytes once.
_digests: dict[tuple, str] = {}


def discover_folder(folder: str | Path, store: RawStore | None = None,
                    max_bytes: int | None = None) -> list[SourceDocument]:
    """Every PDF, HTML and text file under `folder`, in a stable order; those that cannot be
    read come back with a `problem` status. With a store, the bytes read are kept there."""
    root = Path(folder)
    if not root.is_dir():
        raise FileNotFoundError(f"corpus folder {root} does not exist")
    root = root.resolve()
    found: list[SourceDocument] = []
    walked: set[Path] = set()  # real folders already read: a link to one, or a link loop, reads it once

    def visit(folder: Path) -> None:
        real = folder.resolve()
        if real in walked:
            return
        walked.add(real)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as error:
            found.append(_problem(folder, UNREADABLE, f"the folder cannot be read ({error.strerror}); its documents "
                                                      "were skipped: give the run read permission"))
            return
        folders = []
        for entry in entries:
            path = Path(entry.path)
            if entry.is_dir(follow_symlinks=False):
                folders.append(path)
            elif entry.is_symlink() and path.is_dir():  # a linked folder: followed only inside the corpus
                target = path.resolve()
                if target.is_relative_to(root):
                    folders.append(path)
                else:
                    found.append(_problem(path, LINK_OUTSIDE, f"a symlinked folder to {target}, outside the corpus "
                                                              f"folder {root}: not followed; copy or move its files "
                                                              "into the folder to load them"))
            elif entry.name.lower().endswith(SUFFIXES):
                document = read_entry(path, root, store, max_bytes)
                if document is not None:
                    found.append(document)
        for sub in folders:
            visit(sub)

    visit(root)
    return found


def read_entry(path: Path, root: Path, store: RawStore | None = None,
               max_bytes: int | None = None) -> SourceDocument | None:
    """One corpus entry as a document to process, or None when it vanished before it was read."""
    try:
        link = os.lstat(path)
    except FileNotFoundError:
        return None
    target = path
    if stat.S_ISLNK(link.st_mode):
        try:
            target = path.resolve(strict=True)
        except FileNotFoundError:
            return _problem(path, BROKEN_LINK, f"a symlink to {os.readlink(path)}, which does not exist; "
                                               "fix or remove the link")
        except (RuntimeError, OSError):
            return _problem(path, BROKEN_LINK, "a symlink that loops back on itself; fix or remove the link")
        if not target.is_relative_to(root):
            return _problem(path, LINK_OUTSIDE, f"a symlink to {target}, outside the corpus folder {root}: "
                                                "not followed; copy the file into the folder to load it")
    try:
        fd = os.open(target, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # swapped for a link after we looked
            return _problem(path, BROKEN_LINK, "became a symlink while the run read it; run again")
        return _problem(path, UNREADABLE, f"cannot be read ({exc.strerror}); give the run read permission")
    try:
        info = os.fstat(fd)  # what was opened, not what a name pointed to a moment before
        if not stat.S_ISREG(info.st_mode):
            return _problem(path, NOT_A_FILE, f"not a regular file (a {_file_type(info.st_mode)}): skipped")
        if max_bytes is not None and info.st_size > max_bytes:
            return _problem(path, TOO_LARGE, f"{info.st_size:,} bytes, over the cap of {max_bytes:,} "
                                             "(setting max_bytes)", size=info.st_size)
        return _read(fd, info, target, store)
    except OSError as exc:
        return _problem(path, UNREADABLE, f"reading it failed ({exc.strerror}); check the disk and run again")
    finally:
        os.close(fd)


def _read(fd: int, info: os.stat_result, path: Path, store: RawStore | None) -> SourceDocument:
    uri = _uri(path)
    key = (os.fsdecode(path), info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)
    known = _digests.get(key)
    if known is not None and (store is None or store.has(known)):
        kept = store.path_for(known) if store is not None else path
        return SourceDocument(uri=uri, path=os.fsdecode(kept), sha256=known, size_bytes=info.st_size)
    with os.fdopen(os.dup(fd), "rb") as handle:
        data = handle.read()
    sha = hashlib.sha256(data).hexdigest()
    if store is not None:
        _, kept = store.put(data)
    else:
        kept = path
    if len(data) == info.st_size:  # unchanged while read: safe to remember by its identity
        _digests[key] = sha
    return SourceDocument(uri=uri, path=os.fsdecode(kept), sha256=sha, size_bytes=len(data))


def _problem(path: Path, status: str, error: str, size: int = 0) -> SourceDocument:
    return SourceDocument(uri=_uri(Path(os.path.abspath(path))), path=os.fsdecode(path), sha256=None,
                          size_bytes=size, problem=status, error=error)


def _uri(path: Path) -> str:
    # A file name that is not valid UTF-8 is read by its real name and recorded with the bad bytes escaped.
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _file_type(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "FIFO"), (stat.S_ISSOCK, "socket"), (stat.S_ISCHR, "character device"),
                       (stat.S_ISBLK, "block device"), (stat.S_ISDIR, "folder")):
        if test(mode):
            return name
    return "special file"
