"""Words as printed from PDFs drawn the ways real producers draw them (built here with reportlab)."""
from __future__ import annotations

import io

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from pipeline.parse import parse_document

LINES = ["Overall effectiveness of the school is good", "Leadership and management requires improvement"]


def _pdf(draw) -> bytes:
    out = io.BytesIO()
    page = canvas.Canvas(out)
    draw(page)
    page.save()
    return out.getvalue()


def words_placed_apart(page, scaled: bool) -> None:
    """Every word drawn on its own, no space glyph; optionally with a font size of 1 and the
    size set by the drawing matrix (PDFium then reports size 1)."""
    y = 800
    for line in LINES:
        x = 72.0
        for word in line.split():
            if scaled:
                page.saveState()
                page.translate(x, y)
                page.scale(11, 11)
                page.setFont("Helvetica", 1)
                page.drawString(0, 0, word)
                page.restoreState()
            else:
                page.setFont("Helvetica", 11)
                page.drawString(x, y, word)
            x += stringWidth(word + " ", "Helvetica", 11)
        y -= 14


def possessive_in_another_font(page) -> None:
    """The apostrophe of a possessive set in a font of its own, touching its letters."""
    x, y = 72.0, 800
    for text, font in (("Inspection of Oak local authority children", "Helvetica"), ("\u2019", "Times-Roman"),
                       ("s services", "Helvetica")):
        page.setFont(font, 12)
        page.drawString(x, y, text)
        x += stringWidth(text, font, 12)


@pytest.mark.parametrize("engine", ["fast", "pdfplumber"])
@pytest.mark.parametrize("scaled", [False, True], ids=["size-in-font", "size-in-matrix"])
def test_words_drawn_apart_without_spaces_read_as_spaced_prose(engine, scaled):
    text = parse_document(_pdf(lambda page: words_placed_apart(page, scaled)), pdf_engine=engine).text
    assert text.split("\n") == LINES  # spaces between words, no tabs, lines as printed


@pytest.mark.parametrize("engine", ["fast", "pdfplumber"])
def test_a_possessive_in_another_font_stays_one_word(engine):
    text = parse_document(_pdf(possessive_in_another_font), pdf_engine=engine).text
    assert text == "Inspection of Oak local authority children\u2019s services"


def test_both_engines_agree_on_these_producers():
    for draw in (lambda p: words_placed_apart(p, True), possessive_in_another_font):
        data = _pdf(draw)
        assert parse_document(data, pdf_engine="fast").text == parse_document(data, pdf_engine="pdfplumber").text
