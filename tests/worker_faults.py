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
