"""Parse and extract one document, turning every failure into a recorded status."""
from __future__ import annotations

import time
import traceback

from extractors.extract import EXTRACTOR_VERSION, extract_document
from pipeline.errors import ParseFailure
from pipeline.models import CORRUPT, EXTRACT_ERROR, OK, PARSE_ERROR, TOO_LARGE, DocumentResult, SourceDocument
from pipeline.parse import PARSER_VERSION, parse_document
from pipeline.parse_pdf import OcrSettings
from pipeline.settings import Settings
from pipeline.timings import Timed


def process_document(source: SourceDocument, settings: Settings) -> DocumentResult:
    """Read, parse and extract; never raises for a bad document."""
    return timed_process_document(source, settings).result


def timed_process_document(source: SourceDocument, settings: Settings) -> Timed:
    """`process_document`'s result, and how its seconds split between parsing and extracting."""
    started = time.perf_counter()
    parsed: list[float] = []  # when parsing ended, if it did
    result = _read_parse_extract(source, settings, started, parsed)
    return Timed(result, result.seconds, parsed[0] - started if parsed else result.seconds)


def _read_parse_extract(source: SourceDocument, settings: Settings, started: float,
                        parsed: list[float]) -> DocumentResult:
    common = {"parser_version": PARSER_VERSION, "extractor_version": EXTRACTOR_VERSION}

    def result(status: str, **values) -> DocumentResult:
        return DocumentResult(source=source, status=status, seconds=time.perf_counter() - started, **common, **values)

    try:
        with open(source.path, "rb") as handle:
            data = handle.read(settings.max_bytes + 1)
    except OSError as exc:
        return result(PARSE_ERROR, error=f"cannot read the file ({exc.strerror}); check it exists and is readable")
    try:
        document = parse_document(data, max_bytes=settings.max_bytes, max_pages=settings.max_pages,
                                  claimed_type=claimed_type(source),
                                  max_decompressed=settings.max_decompressed_bytes,
                                  pdf_engine=settings.pdf_engine, ocr=OcrSettings(settings.ocr, settings.ocr_dpi))
    except ParseFailure as failure:
        return result(failure.status, error=failure.message)
    except MemoryError:
        return result(TOO_LARGE, error=f"parsing needed more than the {settings.worker_memory_mb} MB memory limit "
                                       "(a decompression bomb?); raise worker_memory_mb if it is genuine")
    except RecursionError:
        return result(CORRUPT, error="the PDF's objects are nested too deeply to read (malformed or hostile)")
    except Exception as exc:  # a parser bug must not stop the run: record it for a bug report
        return result(PARSE_ERROR, error=f"parser failed: {type(exc).__name__}: {exc} "
                                         f"(please report it with the file) {_where(exc)}")
    parsed.append(time.perf_counter())
    try:
        extraction = extract_document(document)
    except MemoryError:
        return result(TOO_LARGE, media_type=document.media_type, page_count=document.page_count,
                      error=f"extraction needed more than the {settings.worker_memory_mb} MB memory limit")
    except Exception as exc:
        return result(EXTRACT_ERROR, media_type=document.media_type, page_count=document.page_count,
                      error=f"extractor failed: {type(exc).__name__}: {exc} (please report it with the file) {_where(exc)}")
    return result(OK, media_type=document.media_type, page_count=document.page_count, extraction=extraction,
                  page_texts=tuple(document.text[page.start:page.end] for page in document.pages),
                  page_ocr=tuple(page.ocr_confidence for page in document.pages), ocr_engine=document.ocr_engine)


def claimed_type(source: SourceDocument) -> str | None:
    """What the file's name says it is: only a .pdf name is a claim worth checking."""
    name = source.uri.split("?")[0].lower()
    return "application/pdf" if name.endswith(".pdf") else None


def _where(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    return f"at {frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno}" if frames else ""
