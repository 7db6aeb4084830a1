"""The fast PDF engine (PDFium word boxes) reads every PDF exactly as the pdfplumber reference does."""
from __future__ import annotations

import pytest
from conftest import DEMO, SAMPLES

from pipeline.parse import parse_document

PDFS = sorted(DEMO.glob("*.pdf")) + (sorted(SAMPLES.glob("*.pdf")) if SAMPLES.is_dir() else [])


@pytest.mark.parametrize("path", PDFS, ids=[p.name for p in PDFS])
def test_fast_engine_gives_the_reference_text(path):
    data = path.read_bytes()
    reference = parse_document(data, pdf_engine="pdfplumber")
    fast = parse_document(data, pdf_engine="fast")
    assert fast.text == reference.text
    assert fast.pages == reference.pages
    assert fast.furniture == reference.furniture


def test_generated_reports_agree_too(generated_pdfs):
    for path in sorted(generated_pdfs.glob("*.pdf")):
        data = path.read_bytes()
        assert parse_document(data, pdf_engine="fast").text == parse_document(data, pdf_engine="pdfplumber").text
