"""What a worker may do to a document, deterministically: hang, die, or fail in its own code.
Only the document named "bad" is harmed; the others are read as usual. Module-level, so that
spawned workers can import them by name."""
from __future__ import annotations

import os
import time

from flows.workers import _process


def hang(source, settings):
    if source.uri == "bad":
        time.sleep(3600)
    return _process(source, settings)


def die(source, settings):
    if source.uri == "bad":
        os._exit(7)  # as a library crash or the kernel's OOM killer would end it
    return _process(source, settings)


def raise_error(source, settings):
    if source.uri == "bad":
        raise RuntimeError("a fault inside the worker's own code")
    return _process(source, settings)


_kept: list = []


def bloat(source, settings):
    """Leaves 200 MB of freed heap behind a small block still in use (as reading a PDF of millions
    of drawing operators does): only malloc_trim hands it back."""
    if source.uri == "bad":
        blobs = [bytes(4000) for _ in range(50_000)]
        _kept.append(bytearray(4000))  # allocated after them: the heap's top stays in use
        del blobs
    return _process(source, settings)
