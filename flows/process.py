"""Parse and extract one document, turning every failure into a recorded status."""
from __future__ import annotations

import time
import traceback

from extractors.extract import EXTRACTOR_VERSION, extract_document
from pipeline.errors import ParseFailure
from pipeline.models import EXTRACT_ERROR, OK, PARSE_ERROR, DocumentResult, SourceDocument
from pipeline.parse import PARSER_VERSION, parse_document
from pipeline.settings import Settings


def process_document(source: SourceDocument, settings: Settings) -> DocumentResult:
    """Read, parse and extract; never raises for a bad document."""
    started = time.perf_counter()
    common = {"parser_version": PARSER_VERSION, "extractor_version": EXTRACTOR_VERSION}

    def result(status: str, **values) -> DocumentResult:
        return DocumentResult(source=source, status=status, seconds=time.perf_counter() - started, **common, **values)

    try:
        with open(source.path, "rb") as handle:
            data = handle.read(settings.max_bytes + 1)
    except OSError as exc:
        return result(PARSE_ERROR, error=f"cannot read the file ({exc.strerror}); check it exists and is readable")
    try:
        document = parse_document(data, max_bytes=settings.max_bytes, max_pages=settings.max_pages)
    except ParseFailure as failure:
        return result(failure.status, error=failure.message)
    except Exception as exc:  # a parser bug must not stop the run: record it for a bug report
        return result(PARSE_ERROR, error=f"parser failed: {type(exc).__name__}: {exc} "
                                         f"(please report it with the file) {_where(exc)}")
    try:
        extraction = extract_document(document)
    except Exception as exc:
        return result(EXTRACT_ERROR, media_type=document.media_type, page_count=document.page_count,
                      error=f"extractor failed: {type(exc).__name__}: {exc} (please report it with the file) {_where(exc)}")
    return result(OK, media_type=document.media_type, page_count=document.page_count, extraction=extraction)


def process_batch(sources: list[SourceDocument], settings: Settings) -> list[DocumentResult]:
    return [process_document(source, settings) for source in sources]


def _where(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    return f"at {frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno}" if frames else ""
