"""Decide what a document is from its bytes, never from its name or a server's header."""
from __future__ import annotations

PDF = "application/pdf"
HTML = "text/html"
TEXT = "text/plain"
BINARY = "application/octet-stream"

_HTML_OPENINGS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<!--", b"<meta", b"<title", b"<div", b"<p>", b"<?xml")


def sniff_media_type(data: bytes) -> str:
    """The media type the bytes really are: PDF, HTML, plain text or binary."""
    head = data[:1024]
    if b"%PDF-" in head:
        return PDF
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith(_HTML_OPENINGS) or b"<html" in stripped[:512]:
        return HTML
    if looks_like_text(data[:65536]):
        return TEXT
    return BINARY


def looks_like_text(sample: bytes) -> bool:
    """Text has no NUL bytes and few control characters."""
    if not sample:
        return True
    if b"\x00" in sample:
        return False
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls / len(sample) < 0.01
