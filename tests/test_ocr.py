"""OCR for PDFs without a usable text layer: scans the tests make themselves (pages rendered to images
and bound again, and a PDF whose font has no text mapping) read like the text-layer originals, every
value from an OCR page is marked, and OCR that is off or not installed leaves needs_ocr with a
message saying what to do."""
from __future__ import annotations

import io
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from benchmarks.scans import image_only, unmapped_font
from pipeline.errors import ParseFailure
from pipeline.ocr import is_masthead
from pipeline.parse import parse_document
from pipeline.parse_pdf import OcrSettings, looks_like_english

ROOT = Path(__file__).resolve().parent.parent
LINES = ["School report", "Quillon Park Primary School", "Furze Lane, Hailsham, BN27 4QP",
         "Inspection dates 12–13 March 2019", "Overall effectiveness Good",
         "Leadership and management here: Outstanding",
         "This is a good school. Pupils are kind to one another and to the adults who care for them.",
         "Leaders have improved the teaching of reading, and the pupils read widely and often."]


def invented_report(pages: int = 1, blank_after: bool = False) -> bytes:
    out = io.BytesIO()
    sheet = canvas.Canvas(out, pagesize=A4)
    for page in range(pages):
        y = 780
        for n, line in enumerate(LINES):
            sheet.setFont("Helvetica-Bold" if n < 2 else "Helvetica", 16 if n == 1 else 11)
            sheet.drawString(60, y, line if page == 0 else f"{line} (page {page + 1})")
            y -= 28
        sheet.showPage()
    if blank_after:
        sheet.showPage()
    sheet.save()
    return out.getvalue()


def words(text: str) -> Counter:
    return Counter(w.strip(".,:()").lower() for w in text.replace("–", " ").replace("-", " ").split() if w.strip(".,:()"))


def test_a_scanned_page_reads_like_its_text_layer():
    original = invented_report(2)
    text = parse_document(original)
    scanned = parse_document(image_only(original, dpi=150))
    assert all(page.ocr_confidence is None for page in text.pages)
    assert [p.ocr_confidence is not None and p.ocr_confidence > 0.8 for p in scanned.pages] == [True, True]
    assert scanned.ocr_engine.startswith("tesseract ")
    want, got = words(text.text), words(scanned.text)
    assert sum((want & got).values()) / sum(want.values()) >= 0.95
    assert "Quillon Park Primary School" in scanned.text and "12" in scanned.text and "BN27 4QP" in scanned.text


def test_a_blank_page_is_not_sent_to_ocr():
    document = parse_document(invented_report(1, blank_after=True))
    assert document.page_count == 2 and [p.ocr_confidence for p in document.pages] == [None, None]


def test_ocr_off_keeps_needs_ocr_and_names_the_setting():
    with pytest.raises(ParseFailure) as caught:
        parse_document(image_only(invented_report(1), dpi=100), ocr=OcrSettings(mode="off"))
    assert caught.value.status == "needs_ocr" and "setting ocr" in caught.value.message


def test_without_the_ocr_extra_needs_ocr_says_how_to_enable_it(tmp_path):
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(image_only(invented_report(1), dpi=100))
    code = ("import sys; sys.modules['tesserocr'] = None\n"  # as on an install without the ocr extra
            "from pipeline.parse import parse_document\nfrom pipeline.errors import ParseFailure\n"
            f"try:\n    parse_document(open({str(scan)!r}, 'rb').read())\n"
            "except ParseFailure as e:\n    print(e.status, e.message)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.stdout.startswith("needs_ocr ") and "schoolpipe[ocr]" in done.stdout, done.stdout + done.stderr


def test_a_font_without_a_text_mapping_is_read_by_ocr():
    original = invented_report(1)
    garbled = unmapped_font(original)
    with pytest.raises(ParseFailure) as caught:
        parse_document(garbled, ocr=OcrSettings(mode="off"))
    assert caught.value.status == "needs_ocr" and "no text mapping" in caught.value.message
    document = parse_document(garbled)
    assert document.pages[0].ocr_confidence is not None
    assert "Quillon Park Primary School" in document.text and "Overall effectiveness" in document.text


def test_printable_garbage_is_not_english_but_tables_and_prose_are():
    shifted = " ".join("".join(chr(ord(c) - 29) if c.isalpha() else c for c in line) for line in LINES * 3)
    assert not looks_like_english(shifted)
    assert looks_like_english(" ".join(LINES * 3))
    table = " ".join(["Overall effectiveness Good", "Quality of education Good", "Behaviour and attitudes Outstanding",
                      "Personal development Good", "Leadership and management Good", "Early years provision Good"] * 2)
    assert looks_like_english(table)
    assert looks_like_english("Contents 1 2 3")  # too few words to judge


def test_ofsted_masthead_lines_are_recognised_in_pieces():
    assert is_masthead("Of S ted") and is_masthead("raising standards") and is_masthead("improving lives")
    assert not is_masthead("Ofsted inspection report") and not is_masthead("Quillon Park Primary School")


@pytest.mark.parametrize("ocr_mode", ["auto", "off"])
@pytest.mark.parametrize("engine", ["fast", "pdfplumber"])
def test_a_pdf_of_blank_pages_is_empty_not_needs_ocr(ocr_mode, engine):
    out = io.BytesIO()
    sheet = canvas.Canvas(out, pagesize=A4)
    sheet.showPage()
    sheet.showPage()
    sheet.save()
    with pytest.raises(ParseFailure) as caught:
        parse_document(out.getvalue(), pdf_engine=engine, ocr=OcrSettings(mode=ocr_mode))
    assert caught.value.status == "empty" and "blank" in caught.value.message
