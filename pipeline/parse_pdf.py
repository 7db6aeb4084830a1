"""PDF bytes to a Document in reading order, with pdfplumber's word boxes."""
from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
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
from pipeline.models import CORRUPT, EMPTY, ENCRYPTED, NEEDS_OCR, TOO_LARGE, Document
from pipeline.pdfium_words import page_words
from pipeline.sniff import PDF

logging.getLogger("pdfminer").setLevel(logging.ERROR)  # font quirks are not the user's business
_CID = re.compile(r"\(cid:\d+\)")
_SPACE = re.compile(r"\s+")
# Below this share of readable characters the text layer is garbage (unmapped fonts).
MIN_READABLE_SHARE = 0.7
MIN_TEXT_CHARS = 20
# English prose has some 40% of these; a grade table still has a few; shifted glyph codes none.
COMMON_WORDS = frozenset("the of and to in a is for that are on with as by at it be this was from or have has "
                         "an their they not which we all were been its who school pupils children".split())
MIN_COMMON_SHARE = 0.05  # real pages: 0.24 at the lowest (5,432 pages of Ofsted PDFs)
MIN_WORDS_TO_JUDGE = 40
_WORD = re.compile(r"[A-Za-z]{1,}")


@dataclass(frozen=True)
class OcrSettings:
    mode: str = "auto"  # "auto": pages without a usable text layer are read by OCR where an engine is installed; "off"
    dpi: int = 200      # rendering resolution for OCR


def parse_pdf(data: bytes, max_pages: int = 2000, engine: str = "fast", ocr: OcrSettings = OcrSettings()) -> Document:
    """Read every page's words, order them, drop running headers and footers.

    engine "fast" takes word boxes from PDFium; "pdfplumber" from pdfminer (the reference,
    many times slower). A file PDFium cannot open goes to pdfplumber, which either reads it
    or says what is wrong with it (a password, damage). A page without a usable text layer
    (scanned, or fonts without a text mapping) is read by OCR, and its Page says so.
    """
    if engine == "fast":
        try:
            return _parse_with_pdfium(data, max_pages, ocr)
        except pdfium.PdfiumError:
            pass
    return _parse_with_pdfplumber(data, max_pages, ocr)


def _parse_with_pdfium(data: bytes, max_pages: int, ocr: OcrSettings) -> Document:
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
        read = _read_by_ocr(pdf, pages, ocr)
    finally:
        pdf.close()
    return _assemble(pages, heights, read)


def _check_page_count(count: int, max_pages: int) -> None:
    if count > max_pages:
        raise ParseFailure(TOO_LARGE, f"the PDF has {count} pages, over the cap of {max_pages} (setting max_pages)")


@dataclass
class _OcrOutcome:
    confidences: dict[int, float]  # page index -> mean word confidence, for pages read by OCR
    why_not: str | None = None     # why pages that needed OCR were not read by it
    blank: bool = False            # the pages without text have nothing drawn on them: nothing for OCR to read


def _read_by_ocr(pdf: pdfium.PdfDocument, pages: list[list[TextLine]], ocr: OcrSettings) -> _OcrOutcome:
    """Replace the lines of every page without a usable text layer (but with something drawn on it)
    by what OCR reads there."""
    garbled = not looks_like_english("\n".join(line.text for lines in pages for line in lines))
    # a short page is too short to judge alone: in a document of garbage, it is garbage too
    wanted = [i for i, lines in enumerate(pages) if (garbled or not _usable_text(lines)) and _has_marks(pdf, i)]
    if not wanted:
        return _OcrOutcome({}, blank=True)
    if ocr.mode == "off":
        return _OcrOutcome({}, "OCR is off (setting ocr); set ocr = \"auto\" to read such pages")
    from pipeline.ocr import is_masthead, recognise_page, unavailable

    why = unavailable()
    if why is not None:
        return _OcrOutcome({}, why)
    confidences = {}
    for index in wanted:
        page = pdf[index]
        try:
            found = recognise_page(page, ocr.dpi)
            ordered = join_wrapped_cells(order_page(found.words, float(page.get_width())))
            pages[index] = [line for line in ordered if not is_masthead(line.text)]  # a logo's letters, in pieces
        finally:
            page.close()
        confidences[index] = found.confidence
    return _OcrOutcome(confidences)


def _usable_text(lines: list[TextLine]) -> bool:
    text = "\n".join(line.text for line in lines)
    readable, total = _readable_chars(text)
    return readable >= MIN_TEXT_CHARS and readable / total >= MIN_READABLE_SHARE and looks_like_english(text)


def looks_like_english(text: str) -> bool:
    """False for a text layer of printable garbage: fonts without a text mapping often give glyph
    ids that land on letters ("6FKRRO UHSRUW" for "School report"), where hardly a word is one of
    English's commonest. Too few words to judge counts as English."""
    words = _WORD.findall(text)
    if len(words) < MIN_WORDS_TO_JUDGE:
        return True
    common = sum(1 for word in words if word.lower() in COMMON_WORDS)
    return common / len(words) >= MIN_COMMON_SHARE


def _has_marks(pdf: pdfium.PdfDocument, index: int) -> bool:
    """Anything drawn that OCR could read: an image, text objects (whose fonts lack a mapping), or
    paths (text drawn as outlines). A page with none of these is blank."""
    page = pdf[index]
    try:
        kinds = (pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_TEXT, pdfium_c.FPDF_PAGEOBJ_PATH)
        return next(iter(page.get_objects(filter=kinds)), None) is not None
    finally:
        page.close()


def _assemble(pages: list[list[TextLine]], heights: list[float], read: _OcrOutcome) -> Document:
    _check_text_layer(pages, read)
    engine = None
    if read.confidences:
        from pipeline.ocr import engine_name

        engine = engine_name()
    document = assemble_document(pages, find_furniture(pages, heights), media_type=PDF,
                                 ocr_confidences=read.confidences, ocr_engine=engine)
    return document


def _parse_with_pdfplumber(data: bytes, max_pages: int, ocr: OcrSettings) -> Document:
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
    read = _OcrOutcome({})
    if not all(_usable_text(lines) for lines in pages):
        try:
            rendering = pdfium.PdfDocument(data)
        except pdfium.PdfiumError:
            rendering = None  # PDFium cannot open it: nothing to render either
        if rendering is not None:
            try:
                read = _read_by_ocr(rendering, pages, ocr)
            finally:
                rendering.close()
    return _assemble(pages, heights, read)


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


def _readable_chars(text: str) -> tuple[int, int]:
    """(printable characters, all characters), whitespace and (cid:n) placeholders left out of the first."""
    visible = _SPACE.sub("", _CID.sub("", text))
    # the whole string at once when it is all printable (the usual case): a char loop only for garbage
    readable = len(visible) if visible.isprintable() else sum(1 for ch in visible if ch.isprintable())
    return readable, max(1, len(_SPACE.sub("", text)))


def _check_text_layer(pages: list[list[TextLine]], read: _OcrOutcome) -> None:
    text = "\n".join(line.text for lines in pages for line in lines)
    readable, total = _readable_chars(text)
    if readable >= MIN_TEXT_CHARS and readable / total >= MIN_READABLE_SHARE and looks_like_english(text):
        return
    if read.confidences:
        raise ParseFailure(EMPTY, "no text on its pages, even by OCR (blank pages or pictures only)")
    if read.blank:
        raise ParseFailure(EMPTY, "its pages are blank: nothing is drawn on them, so there is nothing to read or OCR")
    how = read.why_not or "run it through OCR first"
    if readable < MIN_TEXT_CHARS:
        raise ParseFailure(NEEDS_OCR, f"the PDF has no text layer (scanned pages?); {how}")
    raise ParseFailure(NEEDS_OCR, f"the PDF's fonts have no text mapping, so its text is unreadable; {how}")


def _failure_for(exc: BaseException) -> ParseFailure:
    if isinstance(exc, (PDFPasswordIncorrect, PDFEncryptionError)):
        return ParseFailure(ENCRYPTED, "the PDF is encrypted with a password; ask the publisher for an open copy")
    return ParseFailure(CORRUPT, f"the PDF cannot be read ({type(exc).__name__}: {exc}); re-download it or check the source")
