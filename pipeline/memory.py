"""This process's memory: its resident size, and handing freed heap back to the system.

glibc keeps the heap a process freed for its next allocations; a long-lived process whose peak
was a passing one (a worker after a huge PDF, the writer after a checkpoint's index build) holds
that size until it ends unless it asks glibc to give it back (`malloc_trim`). Linux and glibc
only; elsewhere these do nothing."""
from __future__ import annotations

import ctypes
import ctypes.util
import os
from functools import cache


def resident_mb() -> float | None:
    """This process's resident memory in MB (Linux), or None."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return None


@cache
def _malloc_trim():
    """glibc's malloc_trim, or None on another C library."""
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None


def give_back_freed_heap() -> bool:
    """Hand the heap this process freed back to the system; False where that cannot be done."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True
