"""Pages without a usable text layer, read by OCR: rendered with pypdfium2, recognised by Tesseract
(Debian's libtesseract and English model, through tesserocr), and turned into word boxes in PDF
points on the same baseline-and-size footing as the text engines, so the reading-order layout and
every extractor work unchanged.

The engine is optional (`pip install 'schoolpipe[ocr]'`, whose tesserocr wheel carries
libtesseract, and the English model from Debian's tesseract-ocr-eng; `make setup` installs both): without it a page that needs OCR leaves its document `needs_ocr`,
with an error saying how to enable it. Tesseract runs single-threaded: the pipeline runs one
worker process per core already.
"""
from __future__ import annotations

import functools
import json
import os
from dataclasses import dataclass
from pathlib import Path

from pipeline.layout import Word, word_from_baseline

ENABLE_HINT = ("install the OCR extra to read it: pip install 'schoolpipe[ocr]' and apt-get install tesseract-ocr-eng "
               "(make setup does both)")
MASTHEADS_FILE = Path(__file__).with_name("ocr_mastheads.json")
MIN_WORD_CONFIDENCE = 0.2  # below this a "word" is mostly a smudge, a logo or a photograph read as letters


class OcrUnavailable(Exception):
    """No OCR engine can run here; the message says how to install one."""


@dataclass(frozen=True)
class OcrPage:
    words: list[Word]
    confidence: float  # mean word confidence, 0 to 1 (0 when nothing was recognised)


@functools.cache
def _engine():
    """One Tesseract instance per process (loading the model takes a quarter of a second). Sparse
    text: find every word wherever it is and leave the reading order to our layout, which knows
    Ofsted's grade tables (Tesseract's own page analysis misread labels set in shaded cells)."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # before libtesseract (and its OpenMP) loads
    try:
        import tesserocr
    except ImportError as exc:
        raise OcrUnavailable(f"no OCR engine is installed ({exc.name} is missing); {ENABLE_HINT}") from None
    folder = tessdata()
    if folder is None:
        raise OcrUnavailable("Tesseract's English model (eng.traineddata) is not installed: apt-get install "
                             "tesseract-ocr-eng, or set TESSDATA_PREFIX to the folder that holds it")
    try:
        return tesserocr.PyTessBaseAPI(path=str(folder), lang="eng", psm=tesserocr.PSM.SPARSE_TEXT,
                                       oem=tesserocr.OEM.LSTM_ONLY)
    except RuntimeError as exc:
        raise OcrUnavailable(f"Tesseract cannot load {folder / 'eng.traineddata'} ({exc}); "
                             "apt-get install --reinstall tesseract-ocr-eng") from None


def tessdata() -> Path | None:
    """The folder holding eng.traineddata: $TESSDATA_PREFIX, else where Debian's tesseract-ocr-eng puts it."""
    candidates = [Path(os.environ["TESSDATA_PREFIX"])] if os.environ.get("TESSDATA_PREFIX") else []
    candidates += sorted(Path("/usr/share/tesseract-ocr").glob("*/tessdata"), reverse=True)
    candidates += [Path("/usr/share/tessdata"), Path("/usr/local/share/tessdata")]
    return next((folder for folder in candidates if (folder / "eng.traineddata").is_file()), None)


def unavailable() -> str | None:
    """Why OCR cannot run here, or None when it can."""
    try:
        _engine()
    except OcrUnavailable as exc:
        return str(exc)
    return None


@functools.cache
def engine_name() -> str:
    import tesserocr

    return tesserocr.tesseract_version().splitlines()[0].strip()  # "tesseract 5.3.0"


def recognise_page(page, dpi: int) -> OcrPage:
    """OCR one pypdfium2 page: its words with boxes in PDF points (top-left origin)."""
    import tesserocr

    api = _engine()
    scale = dpi / 72.0
    bitmap = page.render(scale=scale, grayscale=True)
    try:
        image = bitmap.to_pil()
        api.SetImage(image)
        api.SetSourceResolution(dpi)
        api.Recognize()
    finally:
        bitmap.close()
    iterator = api.GetIterator()
    if iterator is None:
        return OcrPage([], 0.0)
    lines: list[list[tuple[Word, float]]] = []
    baseline, size = None, 10.0
    for word in tesserocr.iterate_level(iterator, tesserocr.RIL.WORD):
        if word.IsAtBeginningOf(tesserocr.RIL.TEXTLINE):
            baseline = word.Baseline(tesserocr.RIL.TEXTLINE)
            size = max(1.0, round(word.RowAttributes()["row_height"] / scale, 1))
            lines.append([])
        try:
            text = (word.GetUTF8Text(tesserocr.RIL.WORD) or "").strip()
        except RuntimeError:  # "No text returned": a mark Tesseract took for a word and could not read
            continue
        box = word.BoundingBox(tesserocr.RIL.WORD)
        confidence = word.Confidence(tesserocr.RIL.WORD) / 100.0
        if not text or box is None or confidence < MIN_WORD_CONFIDENCE or not lines:
            continue
        x0, top, x1, bottom = box
        y = _baseline_at(baseline, (x0 + x1) / 2) if baseline else bottom
        lines[-1].append((word_from_baseline(text, x0 / scale, x1 / scale, y / scale, size, False), confidence))
    kept = [pair for line in lines if not is_masthead(" ".join(w.text for w, _ in line)) for pair in line]
    confidence = round(sum(c for _, c in kept) / len(kept), 4) if kept else 0.0
    return OcrPage([w for w, _ in kept], confidence)


@functools.cache
def _mastheads() -> frozenset[str]:
    data = json.loads(MASTHEADS_FILE.read_text(encoding="utf-8"))
    lines = data.get("lines") if isinstance(data, dict) else None
    if not isinstance(lines, list) or not all(isinstance(x, str) and x and x == _letters(x) for x in lines):
        raise ValueError(f"{MASTHEADS_FILE.name}: 'lines' must list lower-case letters-only strings")
    return frozenset(lines)


def is_masthead(text: str) -> bool:
    """A line OCR read from a logo (Ofsted's "raising standards, improving lives" masthead)."""
    return _letters(text) in _mastheads()


def _letters(text: str) -> str:
    return "".join(ch for ch in text.lower() if "a" <= ch <= "z")


def _baseline_at(baseline, x: float) -> float:
    """The line's baseline height at `x` (a scanned line may be slightly skewed)."""
    (x1, y1), (x2, y2) = baseline
    return y1 if x2 == x1 else y1 + (y2 - y1) * (x - x1) / (x2 - x1)
