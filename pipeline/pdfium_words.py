"""Word boxes from PDFium's text rectangles: the same input the layout needs, many times faster.

PDFium groups a page's characters into rectangles (a run of text on one line, broken at
gaps and font changes). Each rectangle's text is split into words whose positions are
interpolated across the rectangle; a word cut between two touching rectangles is joined.
"""
from __future__ import annotations

import ctypes

import pypdfium2.raw as pdfium_c

from pipeline.layout import Word

JOIN_GAP = 3.0  # points: rectangles closer than this, without a space between, continue a word (pdfplumber's x_tolerance)
BUFFER_CHARS = 4096  # UTF-16 units of one rectangle's text; longer ones take the slow path
EDGE_INSET = 0.5  # points trimmed off each side of a rectangle before asking for its text
ASCENT, DESCENT = 0.8, 0.2  # of the font size, above and below the baseline: the box pdfplumber gives a char


class _FontReader:
    """Font size, boldness and baseline of a character, through buffers made once per page
    (the wrapper, and ctypes, allocate on every call otherwise)."""

    def __init__(self, raw):
        self.raw = raw
        self.name = ctypes.create_string_buffer(128)
        self.flags = ctypes.c_int()
        self.x, self.y = ctypes.c_double(), ctypes.c_double()
        self.flags_ref, self.x_ref, self.y_ref = ctypes.byref(self.flags), ctypes.byref(self.x), ctypes.byref(self.y)

    def read(self, index: int | None, fallback: float) -> tuple[float, bool, float | None]:
        if index is None or index < 0:
            return fallback, False, None
        raw = self.raw
        size = pdfium_c.FPDFText_GetFontSize(raw, index) or fallback
        bold = pdfium_c.FPDFText_GetFontWeight(raw, index) >= 600
        if not bold and pdfium_c.FPDFText_GetFontInfo(raw, index, self.name, 128, self.flags_ref):
            bold = b"bold" in self.name.value.lower()
        found = pdfium_c.FPDFText_GetCharOrigin(raw, index, self.x_ref, self.y_ref)
        return round(float(size), 1), bold, self.y.value if found else None


def _bounded_text(textpage, buffer, left: float, bottom: float, right: float, top: float) -> str:
    """The text inside a box, read into one reused buffer (the wrapper asks twice and allocates)."""
    count = pdfium_c.FPDFText_GetBoundedText(textpage.raw, left, top, right, bottom, buffer, BUFFER_CHARS)
    if count <= 0:
        return ""
    if count >= BUFFER_CHARS:  # longer than the buffer: let the wrapper size it
        return textpage.get_text_bounded(left, bottom, right, top)
    # the count may include the terminating NUL when the buffer had room for it
    return ctypes.string_at(buffer, 2 * count).decode("utf-16-le", errors="ignore").rstrip("\x00")


def _page_text(raw) -> str | None:
    """All of a page's characters in index order, or None when indices and string positions
    would not line up (characters outside the Basic Multilingual Plane)."""
    count = pdfium_c.FPDFText_CountChars(raw)
    if count <= 0:
        return None
    buffer = (ctypes.c_ushort * (count + 1))()
    written = pdfium_c.FPDFText_GetText(raw, 0, count, buffer)
    text = ctypes.string_at(buffer, 2 * max(written - 1, 0)).decode("utf-16-le", errors="replace")
    return text if len(text) == count else None


class _CharFinder:
    """The index of a character inside a rectangle, for its font.

    Every character of a rectangle belongs to one text object (PDFium starts a new rectangle
    when the object changes), so any of them gives the rectangle's font, size and baseline.
    Rectangles come in character order: the rectangle's first word is looked up in the
    page's text from where the last one was found, and accepted only if that character's box
    lies inside the rectangle. Otherwise, PDFium's own (slower) lookup by position."""

    def __init__(self, textpage):
        self.textpage = textpage
        self.text = _page_text(textpage.raw)
        self.cursor = 0
        self.box = [ctypes.c_double() for _ in range(4)]
        self.pointers = [ctypes.byref(value) for value in self.box]

    def find(self, text: str, left: float, bottom: float, right: float, top: float) -> int | None:
        first = text.split(None, 1)[0] if text.strip() else ""
        if self.text is not None and first:
            index = self.text.find(first, self.cursor)
            if index >= 0 and self._inside(index, left, bottom, right, top):
                self.cursor = index + len(first)
                return index
        index = self.textpage.get_index(left + min(1.0, (right - left) / 2), (top + bottom) / 2, 1.0, 1.0)
        if index is not None and index >= 0:
            self.cursor = index + 1
        return index

    def _inside(self, index: int, left: float, bottom: float, right: float, top: float) -> bool:
        if not pdfium_c.FPDFText_GetCharBox(self.textpage.raw, index, *self.pointers):
            return False
        char_left, char_right, char_bottom, char_top = (value.value for value in self.box)
        x, y = (char_left + char_right) / 2, (char_bottom + char_top) / 2
        return left - 0.5 <= x <= right + 0.5 and bottom - 0.5 <= y <= top + 0.5


def page_words(textpage, page_height: float) -> list[Word]:
    """Words with boxes in top-left coordinates (as pdfplumber gives them)."""
    raw = textpage.raw
    words: list[Word] = []
    pending: Word | None = None   # a word that may continue in the next rectangle
    box = [ctypes.c_double() for _ in range(4)]  # reused: the wrapper allocates per call
    pointers = [ctypes.byref(value) for value in box]
    buffer = (ctypes.c_ushort * BUFFER_CHARS)()
    finder = _CharFinder(textpage)
    fonts = _FontReader(raw)
    for i in range(textpage.count_rects()):
        pdfium_c.FPDFText_GetRect(raw, i, *pointers)
        left, top, right, bottom = box[0].value, box[1].value, box[2].value, box[3].value
        # Shrunk a little: kerned neighbours overlapping the rectangle's edge are not its text.
        inset = min(EDGE_INSET, (right - left) / 4)
        text = _bounded_text(textpage, buffer, left + inset, bottom, right - inset, top)
        text = text.replace("\r", "").replace("\n", " ").replace("\x02", "-")  # \x02: a hyphen at a line end
        if not text:
            continue
        height = max(top - bottom, 1.0)
        index = finder.find(text, left, bottom, right, top)
        size, bold, baseline = fonts.read(index, height)
        if baseline is not None:  # boxes from the baseline: glyphs of one line line up whatever their shape
            y_top, y_bottom = page_height - baseline - ASCENT * size, page_height - baseline + DESCENT * size
        else:
            y_top, y_bottom = page_height - top, page_height - bottom
        step = (right - left) / max(len(text), 1)
        position = 0
        for token in text.split(" "):
            if token:
                x0, x1 = left + step * position, left + step * (position + len(token))
                word = Word(token, x0, x1, y_top, y_bottom, size, bold)
                if position == 0 and pending is not None and _continues(pending, word):
                    word = Word(pending.text + token, pending.x0, x1, min(pending.top, y_top),
                                max(pending.bottom, y_bottom), pending.size, pending.bold)
                    words.pop()
                words.append(word)
            position += len(token) + 1
        pending = words[-1] if words and not text.endswith(" ") else None
    return words


def _continues(previous: Word, word: Word) -> bool:
    same_line = abs(previous.bottom - word.bottom) <= max(previous.size, word.size) / 2
    return same_line and -1.0 <= word.x0 - previous.x1 <= JOIN_GAP
