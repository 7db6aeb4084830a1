"""Word boxes from PDFium's character stream: the words the pdfplumber reference gives, fast.

PDFium's page text holds the page's characters in content order, with spaces and line
breaks it generates where a producer placed words apart without a space glyph. Its
guesses are checked against the page: a generated space between characters that touch is
dropped ("However ,"), and a run of text drawn by several text objects is parted where the
objects stand apart (PDFium drops some space glyphs set in another font: "10.Initial") or
where the baseline jumps (a footnote marker). Inside one text object the run is one word,
its box from its first and last characters, its font from its first letter (a possessive's
apostrophe is often set in a font of its own).
"""
from __future__ import annotations

import ctypes
import re

import pypdfium2.raw as pdfium_c

from pipeline.layout import (
    BASELINE_JUMP_EMS,
    OBJECT_GAP_EMS,
    WORD_GAP_EMS,
    Word,
    is_bold_font,
    word_from_baseline,
)

RUN = re.compile(r"\S+")  # a word candidate; NUL marks a dropped false space inside it
MAX_CHAR_EMS = 1.5  # a run wider than this many font sizes per character is not one word
TOUCH_EMS = 0.02  # characters this close (or overlapping) touch
LINE_END_HYPHENS = {0x02: "-", 0xFFFE: "-"}  # how PDFium marks a hyphen it saw at a line end


def _address_returning(function):
    """The same PDFium function, returning a plain address: ctypes' cast of a returned pointer
    costs more than the call itself."""
    address = ctypes.cast(function, ctypes.c_void_p).value
    return ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)(address)


_TEXT_OBJECT = _address_returning(pdfium_c.FPDFText_GetTextObject)
_LETTER = re.compile(r"[^\W_]")


class _Chars:
    """Per-character reads through buffers made once per page (ctypes allocates on every call otherwise)."""

    def __init__(self, raw):
        self.raw = raw
        self.address = ctypes.cast(raw, ctypes.c_void_p).value
        self.box = pdfium_c.FS_RECTF()
        self.box_ref = ctypes.byref(self.box)
        self.x, self.y = ctypes.c_double(), ctypes.c_double()
        self.x_ref, self.y_ref = ctypes.byref(self.x), ctypes.byref(self.y)
        self.matrix = pdfium_c.FS_MATRIX()
        self.matrix_ref = ctypes.byref(self.matrix)
        self.name = ctypes.create_string_buffer(256)
        self.flags = ctypes.c_int()
        self.flags_ref = ctypes.byref(self.flags)
        self.fonts: dict[int, tuple[float, bool]] = {}  # text object -> (size, bold)

    def span(self, index: int) -> tuple[float, float, float]:
        """Left, right and bottom of a character's loose box (advance width, font ascent and descent)."""
        pdfium_c.FPDFText_GetLooseCharBox(self.raw, index, self.box_ref)
        return self.box.left, self.box.right, self.box.bottom

    def baseline(self, index: int) -> float:
        pdfium_c.FPDFText_GetCharOrigin(self.raw, index, self.x_ref, self.y_ref)
        return self.y.value

    def text_object(self, index: int) -> int:
        return _TEXT_OBJECT(self.address, index) or 0

    def font(self, index: int, obj: int | None = None) -> tuple[float, bool]:
        """Size as drawn (the font size times the text and page matrices' scale) and boldness,
        read once per text object."""
        key = (obj if obj is not None else self.text_object(index)) or -index - 1
        found = self.fonts.get(key)
        if found is None:
            size = pdfium_c.FPDFText_GetFontSize(self.raw, index) or 1.0
            if pdfium_c.FPDFText_GetMatrix(self.raw, index, self.matrix_ref):
                size *= (self.matrix.c ** 2 + self.matrix.d ** 2) ** 0.5 or 1.0
            pdfium_c.FPDFText_GetFontInfo(self.raw, index, self.name, 256, self.flags_ref)
            found = (round(float(size), 1), is_bold_font(self.name.value.decode("latin-1")))
            self.fonts[key] = found
        return found

    def false_space(self, left: int, right: int) -> bool:
        """A space PDFium generated between two characters that touch on one baseline: within
        one text object (a kerning gap it misread), or across objects without any gap at all."""
        size = self.font(left)[0]
        _, end, bottom = self.span(left)
        start, _, other_bottom = self.span(right)
        if abs(bottom - other_bottom) > BASELINE_JUMP_EMS * size:
            return False
        gap = start - end
        if self.text_object(left) == self.text_object(right):
            return gap < WORD_GAP_EMS * size
        return gap <= TOUCH_EMS * size


def _page_text(raw, count: int) -> str:
    """Every character of the page in index order, one string position per character."""
    buffer = (ctypes.c_ushort * (count + 1))()
    written = pdfium_c.FPDFText_GetText(raw, 0, count, buffer)
    text = ctypes.string_at(buffer, 2 * max(written - 1, 0)).decode("utf-16-le", errors="replace")
    if len(text) == count:
        return text
    # characters outside the Basic Multilingual Plane take two positions: read one by one
    return "".join(chr(pdfium_c.FPDFText_GetUnicode(raw, i) or 0xFFFD) for i in range(count))


_INNER_SPACE = re.compile(r"(?<=\S) (?=\S)")


def _without_false_spaces(text: str, chars: _Chars) -> str:
    """The page text with PDFium's generated spaces between touching characters taken out
    (replaced by NUL, which keeps every index and is no word break)."""
    out = None
    for found in _INNER_SPACE.finditer(text):
        i = found.start()
        if pdfium_c.FPDFText_IsGenerated(chars.raw, i) and chars.false_space(i - 1, i + 1):
            out = out if out is not None else list(text)
            out[i] = "\x00"
    return text if out is None else "".join(out)


def page_words(textpage, page_height: float) -> list[Word]:
    """Words with boxes in top-left coordinates (as pdfplumber gives them)."""
    raw = textpage.raw
    count = pdfium_c.FPDFText_CountChars(raw)
    if count <= 0:
        return []
    chars = _Chars(raw)
    text = _without_false_spaces(_page_text(raw, count).translate(LINE_END_HYPHENS), chars)
    words: list[Word] = []
    for run in RUN.finditer(text):
        start, end = run.span()
        if pdfium_c.FPDFText_CountRects(raw, start, end - start) > 1:
            words.extend(_parted_run(text, start, end, chars, page_height))
            continue
        left, right, bottom = chars.span(start)
        last_bottom = bottom
        if end - 1 > start:
            _, right, last_bottom = chars.span(end - 1)
        letter = _first_letter(text, start, end)
        size, bold = chars.font(letter)
        if abs(last_bottom - bottom) > BASELINE_JUMP_EMS * size or right < left \
                or right - left > MAX_CHAR_EMS * size * (end - start) + size:
            words.extend(_parted_run(text, start, end, chars, page_height, every_char=True))
            continue
        words.append(word_from_baseline(run.group().replace("\x00", ""), left, right,
                                        page_height - chars.baseline(letter), size, bold))
    return words


def _first_letter(text: str, start: int, end: int) -> int:
    found = _LETTER.search(text, start, end)
    return found.start() if found else start


def _parted_run(text: str, start: int, end: int, chars: _Chars, page_height: float,
                every_char: bool = False) -> list[Word]:
    """A run drawn by several text objects (or one that does not hang together), parted
    where its pieces stand apart or change baseline: the slower path."""
    pieces: list[list[int]] = []
    previous: tuple[int, float, float, float] | None = None  # object, right, bottom, size
    for i in range(start, end):
        if text[i] == "\x00":
            continue
        obj = chars.text_object(i)
        left, right, bottom = chars.span(i)
        size = previous[3] if previous is not None and obj == previous[0] else chars.font(i, obj)[0]
        if previous is None:
            pieces.append([i])
        elif (obj != previous[0] or every_char) and (
                abs(bottom - previous[2]) > BASELINE_JUMP_EMS * max(size, previous[3])
                or left - previous[1] > OBJECT_GAP_EMS * max(size, previous[3])
                or right < previous[1] - max(size, previous[3])):
            pieces.append([i])
        else:
            pieces[-1].append(i)
        previous = (obj, right, bottom, size)
    words = []
    for piece in pieces:
        first, last = piece[0], piece[-1]
        letter = next((i for i in piece if text[i].isalnum()), first)
        size, bold = chars.font(letter)
        words.append(word_from_baseline("".join(text[i] for i in piece), chars.span(first)[0],
                                        chars.span(last)[1], page_height - chars.baseline(letter), size, bold))
    return words
