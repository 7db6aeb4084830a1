"""Plain-text bytes to a Document: decoded, form feeds as page breaks, footers set aside."""
from __future__ import annotations

import re

from charset_normalizer import from_bytes

from pipeline.assemble import assemble_document
from pipeline.layout import TextLine, clean_glyphs
from pipeline.models import Document
from pipeline.sniff import TEXT

_CELL_GAP = re.compile(r"\S(\s{3,})\S")
_DIGITS = re.compile(r"\d+")
MARGIN_LINES = 3  # how many lines at the top and bottom of a page can be a running header or footer


def decode_text(data: bytes) -> str:
    """UTF-8 when it is valid, else the best guess of charset-normalizer, else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding:
        try:
            return data.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            pass
    return data.decode("cp1252", errors="replace")


def parse_text(data: bytes) -> Document:
    """Text as it is; runs of three or more spaces inside a line become cell breaks."""
    text = decode_text(data).replace("\r\n", "\n").replace("\r", "\n")
    return text_to_document(text, TEXT)


def text_to_document(text: str, media_type: str, title: str | None = None) -> Document:
    pages = [_page_lines(page) for page in text.split("\f")]
    return assemble_document(pages, _find_text_furniture(pages), media_type=media_type, title=title)


def _page_lines(page: str) -> list[TextLine]:
    lines = []
    for n, raw in enumerate(page.split("\n")):
        raw = clean_glyphs(raw.replace("\x00", ""))
        stripped = raw.strip()
        cells = tuple(c for c in re.split(r"\s{3,}|\t", stripped) if c) or ("",)
        lines.append(TextLine(cells=cells, top=float(n), bottom=float(n) + 1, x0=0.0, cell_x0=(0.0,) * len(cells)))
    return lines


def _find_text_furniture(pages: list[list[TextLine]]) -> set[tuple[int, int]]:
    """Lines in the first or last few non-blank lines of a page that repeat on most pages."""
    if len(pages) < 3:
        return set()
    seen: dict[str, set[int]] = {}
    margins: list[tuple[int, int, str]] = []
    for p, lines in enumerate(pages):
        filled = [i for i, line in enumerate(lines) if line.text.strip()]
        for i in filled[:MARGIN_LINES] + filled[-MARGIN_LINES:]:
            key = _DIGITS.sub("#", " ".join(lines[i].text.split())).lower()
            seen.setdefault(key, set()).add(p)
            margins.append((p, i, key))
    threshold = max(3, len(pages) // 2)
    return {(p, i) for p, i, key in margins if len(seen[key]) >= threshold and len(key) > 3}
