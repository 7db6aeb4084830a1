"""Refuse PDFs whose compressed streams inflate past a cap, before a parser inflates them in memory."""
from __future__ import annotations

import re
import zlib

from pipeline.errors import ParseFailure
from pipeline.models import TOO_LARGE

_STREAM = re.compile(rb"stream\r?\n")
CHUNK = 1 << 20


def _zlib_header(head: bytes) -> bool:
    """RFC 1950: deflate (CM 8, a window of at most 32 KB), and CMF·256 + FLG a multiple of 31."""
    return len(head) == 2 and head[0] & 0x0F == 8 and head[0] >> 4 <= 7 and (head[0] * 256 + head[1]) % 31 == 0


def check_decompressed_size(data: bytes, cap: int) -> int:
    """Inflate every zlib stream incrementally, at most `cap` bytes in all; the total if under it."""
    total = 0
    for match in _STREAM.finditer(data):
        start = match.end()
        if not _zlib_header(data[start: start + 2]):  # only Flate streams inflate
            continue
        inflater = zlib.decompressobj()
        pending = data[start: start + 64 * CHUNK]
        try:
            while pending and not inflater.eof:
                piece = inflater.decompress(pending, CHUNK)
                total += len(piece)
                if total > cap:
                    raise ParseFailure(TOO_LARGE, f"the PDF's compressed content inflates to more than {cap:,} bytes "
                                                  "(a decompression bomb?); setting max_decompressed_bytes")
                pending = inflater.unconsumed_tail
        except zlib.error:
            continue  # a damaged stream is the parser's business, not a size question
    return total
