"""The inflation cap sees every Flate stream, whatever window size its zlib header declares."""
from __future__ import annotations

import zlib

import pytest

from pipeline.errors import ParseFailure
from pipeline.models import TOO_LARGE
from pipeline.pdf_guard import check_decompressed_size


def pdf_with_stream(window_bits: int, size: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, window_bits)
    body = packer.compress(b"\0" * size) + packer.flush()
    return b"%PDF-1.4\n1 0 obj << /Filter /FlateDecode >>\nstream\n" + body + b"\nendstream\nendobj\n"


@pytest.mark.parametrize("window_bits", [9, 12, 15])
def test_a_bomb_is_refused_whatever_its_window(window_bits):
    with pytest.raises(ParseFailure) as refused:
        check_decompressed_size(pdf_with_stream(window_bits, 5_000_000), cap=1_000_000)
    assert refused.value.status == TOO_LARGE


def test_a_stream_under_the_cap_is_counted():
    assert check_decompressed_size(pdf_with_stream(12, 50_000), cap=1_000_000) == 50_000
