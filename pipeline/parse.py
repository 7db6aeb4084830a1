"""Bytes in, a Document out: the one entry point for every parser."""
from __future__ import annotations

from pipeline.errors import ParseFailure
from pipeline.models import EMPTY, TOO_LARGE, UNSUPPORTED, WRONG_TYPE, Document
from pipeline.parse_html import parse_html
from pipeline.parse_pdf import OcrSettings, parse_pdf
from pipeline.parse_text import parse_text
from pipeline.pdf_guard import check_decompressed_size
from pipeline.settings import DEFAULTS
from pipeline.sniff import BINARY, HTML, PDF, TEXT, sniff_media_type
from pipeline.versions import PARSER_VERSION


def parse_document(data: bytes, max_bytes: int = DEFAULTS.max_bytes, max_pages: int = DEFAULTS.max_pages,
                   claimed_type: str | None = None, max_decompressed: int = DEFAULTS.max_decompressed_bytes,
                   pdf_engine: str = DEFAULTS.pdf_engine,
                   ocr: OcrSettings = OcrSettings(DEFAULTS.ocr, DEFAULTS.ocr_dpi)) -> Document:
    """Parse by what the bytes are; raise ParseFailure with a status for unusable input.

    `claimed_type` is what the file's name says; a .pdf holding something else is refused
    (it is usually a server's error page saved under the document's name).
    """
    if not data.strip():
        raise ParseFailure(EMPTY, "the file is empty")
    if len(data) > max_bytes:
        raise ParseFailure(TOO_LARGE, f"the file has {len(data):,} bytes, over the cap of {max_bytes:,} (setting max_bytes)")
    media_type = sniff_media_type(data)
    if claimed_type == PDF and media_type != PDF:
        what = "an HTML page (a server's error page?)" if media_type == HTML else f"{media_type} content"
        raise ParseFailure(WRONG_TYPE, f"named .pdf but holds {what}; download it again from the source")
    if media_type == PDF:
        check_decompressed_size(data, max_decompressed)
        document = parse_pdf(data, max_pages=max_pages, engine=pdf_engine, ocr=ocr)
    elif media_type == HTML:
        document = parse_html(data)
    elif media_type == TEXT:
        document = parse_text(data)
    else:
        raise ParseFailure(UNSUPPORTED, "the file is neither PDF, HTML nor text (binary content)")
    if not document.text.strip():
        raise ParseFailure(EMPTY, f"no text found in this {media_type} document")
    return document


__all__ = ["parse_document", "ParseFailure", "PARSER_VERSION", "BINARY", "PDF", "HTML", "TEXT"]
