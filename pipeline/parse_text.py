"""Plain-text bytes to a Document: decoded, form feeds as page breaks, footers set aside.

Text copied from web pages keeps some of the page's markup ("<strong>Anglo</strong>", "<br />",
"&nbsp;") and stray characters a wrong code page made of quotation marks ("βThe provision"):
they are taken out here, so extractors read the words only.
"""
from __future__ import annotations

import html
import re

from charset_normalizer import from_bytes

from pipeline.assemble import assemble_document
from pipeline.layout import TextLine, clean_glyphs
from pipeline.models import Document
from pipeline.sniff import TEXT

_CELL_GAP = re.compile(r"\S(\s{3,})\S")
_DIGITS = re.compile(r"\d+")
_BREAK_TAG = re.compile(r"[ \t]*<(?:br|/?p|/?div|/?li|/?tr)\b[^<>\n]{0,200}?/?>[ \t]*(\n?)", re.I)
_INLINE_TAG = re.compile(r"</?(?:strong|b|i|em|u|span|font|sup|sub|small|a|td|th)\b[^<>\n]{0,200}?/?>", re.I)
_PIPE_CELL_END = re.compile(r"[ \t]*\|[ \t]*$", re.M)  # a table copied with its cell borders as "|"
PIPE_TABLE_LINES = 5
_ENTITY = re.compile(r"&(?:#\d{1,6}|#x[0-9a-f]{1,6}|[a-z]{2,8});", re.I)
# a lone Greek letter glued to the start or end of an English line: a mis-decoded quotation mark
_STRAY_GREEK = re.compile(r"^[\u0370-\u03ff](?=[A-Z'\"\u2018\u201c])|(?<=[.!?'\"\u2019\u201d])[\u0370-\u03ff]$", re.M)
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
    return text_to_document(strip_markup(text), TEXT)


def strip_markup(text: str) -> str:
    """A page's leftover tags and entities out of plain text: a line break tag ends its line,
    inline tags go, entities become their characters; a table's "|" cell borders at line ends go;
    lone mis-decoded quotation marks go."""
    if "<" in text:
        text = _BREAK_TAG.sub("\n", text)
        text = _INLINE_TAG.sub("", text)
    if "&" in text:
        text = _ENTITY.sub(lambda m: html.unescape(m.group()), text)
    if len(_PIPE_CELL_END.findall(text)) >= PIPE_TABLE_LINES:
        text = _PIPE_CELL_END.sub("", text)
    return _STRAY_GREEK.sub("", text)


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
