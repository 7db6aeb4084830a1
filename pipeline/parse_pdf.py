"""PDF bytes to a Document in reading order, with pdfplumber's word boxes."""
from __future__ import annotations

import io
import logging
import re

import pdfplumber
import pypdfium2 as pdfium
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.psparser import PSException
from pdfplumber.utils.exceptions import PdfminerException

from pipeline.assemble import assemble_document
from pipeline.errors import ParseFailure
from pipeline.layout import (
    BASELINE_JUMP_EMS,
    OBJECT_GAP_EMS,
    WORD_GAP_EMS,
    TextLine,
    Word,
    find_furniture,
    is_bold_font,
    join_wrapped_cells,
    order_page,
    word_from_baseline,
)
from pipeline.models import CORRUPT, ENCRYPTED, NEEDS_OCR, TOO_LARGE, Document
from pipeline.pdfium_words import page_words
from pipeline.sniff import PDF

logging.getLogger("pdfminer").setLevel(logging.ERROR)  # font quirks are not the user's business
_CID = re.compile(r"\(cid:\d+\)")
_SPACE = re.compile(r"\s+")
# Below this share of readable characters the text layer is garbage (unmapped fonts).
MIN_READABLE_SHARE = 0.7
MIN_TEXT_CHARS = 20


def parse_pdf(data: bytes, max_pages: int = 2000, engine: str = "fast") -> Document:
    """Read every page's words, order them, drop running headers and footers.

    engine "fast" takes word boxes from PDFium; "pdfplumber" from pdfminer (the reference,
    many times slower). A file PDFium cannot open goes to pdfplumber, which either reads it
    or says what is wrong with it (a password, damage).
    """
    if engine == "fast":
        try:
            return _parse_with_pdfium(data, max_pages)
        except pdfium.PdfiumError:
            pass
    return _parse_with_pdfplumber(data, max_pages)


def _parse_with_pdfium(data: bytes, max_pages: int) -> Document:
    pdf = pdfium.PdfDocument(data)
    try:
        _check_page_count(len(pdf), max_pages)
        pages: list[list[TextLine]] = []
        heights: list[float] = []
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                textpage = page.get_textpage()
                try:
                    words = page_words(textpage, page.get_height())
                finally:
                    textpage.close()
                pages.append(join_wrapped_cells(order_page(words, float(page.get_width()))))
                heights.append(float(page.get_height()))
            finally:
                page.close()
    finally:
        pdf.close()
    return _assemble(pages, heights)


def _check_page_count(count: int, max_pages: int) -> None:
    if count > max_pages:
        raise ParseFailure(TOO_LARGE, f"the PDF has {count} pages, over the cap of {max_pages} (setting max_pages)")


def _assemble(pages: list[list[TextLine]], heights: list[float]) -> Document:
    _check_text_layer(pages)
    return assemble_document(pages, find_furniture(pages, heights), media_type=PDF)


def _parse_with_pdfplumber(data: bytes, max_pages: int) -> Document:
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PdfminerException as exc:
        raise _failure_for(exc.args[0] if exc.args else exc) from exc
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise ParseFailure(ENCRYPTED, "the PDF is encrypted with a password; ask the publisher for an open copy") from exc
    except (PSException, ValueError, KeyError, TypeError) as exc:
        raise ParseFailure(CORRUPT, f"the PDF cannot be read ({type(exc).__name__}: {exc})") from exc
    with pdf:
        try:
            page_count = len(pdf.pages)
        except PdfminerException as exc:
            raise _failure_for(exc.args[0] if exc.args else exc) from exc
        _check_page_count(page_count, max_pages)
        pages: list[list[TextLine]] = []
        heights: list[float] = []
        for page in pdf.pages:
            try:
                words = _page_words(page)
                pages.append(join_wrapped_cells(order_page(words, float(page.width))))
                heights.append(float(page.height))
            finally:
                page.close()  # pdfplumber caches every object of a page until closed
    return _assemble(pages, heights)


def _page_words(page) -> list[Word]:
    """Words parted as the fast engine parts them: at whitespace and gaps of WORD_GAP_EMS, and
    where the font changes across a gap of OBJECT_GAP_EMS or the baseline jumps; a possessive's
    apostrophe set in another font stays inside its word."""
    words = []
    for found in page.extract_words(x_tolerance_ratio=WORD_GAP_EMS, y_tolerance_ratio=0.5, keep_blank_chars=False,
                                    use_text_flow=True, return_chars=True):
        for chars in _parted(found["chars"]):
            letter = next((c for c in chars if c["text"].isalnum()), chars[0])
            baseline = float(letter["bottom"]) - (float(letter["matrix"][5]) - float(letter["y0"]))
            words.append(word_from_baseline(
                "".join(c["text"] for c in chars), float(chars[0]["x0"]), float(chars[-1]["x1"]), baseline,
                round(float(letter.get("size") or 10.0), 1), is_bold_font(str(letter.get("fontname", "")))))
    return words


def _parted(chars: list[dict]) -> list[list[dict]]:
    pieces = [[chars[0]]]
    for previous, char in zip(chars, chars[1:]):
        size = max(float(previous["size"]), float(char["size"]))
        jump = abs(float(char["bottom"]) - float(previous["bottom"])) > BASELINE_JUMP_EMS * size
        apart = char["fontname"] != previous["fontname"] and char["x0"] - previous["x1"] > OBJECT_GAP_EMS * size
        if jump or apart:
            pieces.append([char])
        else:
            pieces[-1].append(char)
    return pieces


def _check_text_layer(pages: list[list[TextLine]]) -> None:
    text = "".join(line.text for lines in pages for line in lines)
    cleaned = _CID.sub("", text)
    visible = _SPACE.sub("", cleaned)
    # the whole string at once when it is all printable (the usual case): a char loop only for garbage
    readable = len(visible) if visible.isprintable() else sum(1 for ch in visible if ch.isprintable())
    total = len(_SPACE.sub("", text))
    if readable < MIN_TEXT_CHARS:
        raise ParseFailure(NEEDS_OCR, "the PDF has no text layer (scanned pages?); run it through OCR first")
    if total and readable / total < MIN_READABLE_SHARE:
        raise ParseFailure(NEEDS_OCR, "the PDF's fonts have no text mapping, so its text is unreadable; run it through OCR first")


def _failure_for(exc: BaseException) -> ParseFailure:
    if isinstance(exc, (PDFPasswordIncorrect, PDFEncryptionError)):
        return ParseFailure(ENCRYPTED, "the PDF is encrypted with a password; ask the publisher for an open copy")
    return ParseFailure(CORRUPT, f"the PDF cannot be read ({type(exc).__name__}: {exc}); re-download it or check the source")
