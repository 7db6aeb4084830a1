"""Builders of hostile and broken documents, written by the tests (never committed as files)."""
from __future__ import annotations

import io
import os
import zlib
from pathlib import Path

from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen import canvas

REPORT_LINES = ["School report", "Oak Primary School", "Oak Lane, Leeds LS6 2AB",
                "Inspection dates 9–10 November 2016", "Overall effectiveness                      Good"]


def report_pdf(encrypt: StandardEncryption | None = None, pages: int = 1) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, invariant=1, encrypt=encrypt)
    for n in range(pages):
        y = 780
        for line in REPORT_LINES if n == 0 else [f"Page {n + 1} of a long document about the school."]:
            pdf.drawString(60, y, line)
            y -= 20
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def raw_pdf(content: bytes, extra_objects: list[bytes] = ()) -> bytes:
    """A minimal PDF by hand: one page whose content stream is `content` (already encoded)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream",
               *extra_objects]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def bomb_pdf(inflated_mb: int = 400) -> bytes:
    """A content stream of spaces that inflates to hundreds of megabytes from well under one."""
    packer = zlib.compressobj(9)
    block = b" " * (1 << 20)
    packed = b"".join(packer.compress(block) for _ in range(inflated_mb)) + packer.flush()
    return raw_pdf(packed)


def slow_pdf(operators: int = 3_000_000) -> bytes:
    """Under the size caps, but millions of drawing operators: slow to interpret."""
    return raw_pdf(zlib.compress(b"1 0 0 1 0 0 cm 0 0 m 1 1 l S\n" * operators, 9))


def nested_pdf(depth: int = 200_000) -> bytes:
    return raw_pdf(zlib.compress(b"BT /F1 12 Tf 72 712 Td (Hello) Tj ET"), [b"[" * depth + b"]" * depth])


def write_hostile_corpus(folder: Path) -> dict[str, set[str]]:
    """Write every bad input into `folder`; returns file name -> the statuses it may end in."""
    folder.mkdir(parents=True, exist_ok=True)
    good = report_pdf()
    files: dict[str, tuple[bytes, set[str]]] = {
        "empty.pdf": (b"", {"empty"}),
        "truncated.pdf": (good[: len(good) // 2], {"corrupt", "needs_ocr"}),
        "encrypted-user-password.pdf": (report_pdf(StandardEncryption("secret", "owner")), {"encrypted"}),
        "encrypted-empty-password.pdf": (report_pdf(StandardEncryption("", "owner")), {"ok"}),
        # only lines drawn: OCR reads nothing there (empty), or is off (needs_ocr)
        "no-text-layer.pdf": (raw_pdf(zlib.compress(b"0 0 m 100 100 l S 10 10 200 200 re f")), {"needs_ocr", "empty"}),
        "random-after-header.pdf": (b"%PDF-1.7\n" + os.urandom(50_000), {"corrupt"}),
        "decompression-bomb.pdf": (bomb_pdf(), {"too_large"}),
        "slow-operators.pdf": (slow_pdf(), {"timeout", "needs_ocr", "crashed", "too_large"}),
        "deeply-nested.pdf": (nested_pdf(), {"needs_ocr", "empty", "corrupt", "timeout", "crashed"}),  # empty: OCR finds nothing
        "thousands-of-pages.pdf": (report_pdf(pages=2100), {"too_large"}),
        "cp1252-no-charset.html": ("<html><body><main><p>St Mary\u2019s partnership \u2013 caf\u00e9</p></main></body></html>"
                                   .encode("cp1252"), {"ok"}),
        "charset-lies-utf8.html": ('<html><head><meta charset="iso-8859-1"></head><body><p>Caf\u00e9 \u2013 '
                                   'St Mary\u2019s Learning Trust</p></body></html>'.encode("utf-8"), {"ok"}),
        "charset-lies-cp1252.html": ('<html><head><meta charset="utf-8"></head><body><p>Caf\u00e9 \u2013 '
                                     'St Mary\u2019s</p></body></html>'.encode("cp1252"), {"ok"}),
        "binary.html": (bytes(range(256)) * 64, {"unsupported"}),
        "binary.txt": (b"\x00\x01\x02" * 5000, {"unsupported"}),
        "error-page.pdf": (b"<!DOCTYPE html><html><body><h1>404 Not Found</h1></body></html>", {"wrong_type"}),
    }
    expected = {}
    for name, (data, statuses) in files.items():
        (folder / name).write_bytes(data)
        expected[name] = statuses
    bad_name = os.fsencode(folder) + b"/caf\xe9-letter.txt"  # not valid UTF-8
    with open(bad_name, "wb") as handle:
        handle.write(b"Short inspection of Oak Primary School\nThis school continues to be good.\n")
    expected["caf\\xe9-letter.txt"] = {"ok"}
    return expected
