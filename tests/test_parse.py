"""Parsers on real sample PDFs, generated PDFs, HTML and text: reading order and bad input."""
import io

import pytest

from pipeline.errors import ParseFailure
from pipeline.parse import parse_document
from pipeline.parse_html import parse_html
from pipeline.parse_pdf import OcrSettings
from pipeline.sniff import HTML, PDF, TEXT, sniff_media_type


def parse_file(path):
    return parse_document(path.read_bytes())


def test_two_column_key_findings_keep_a_trust_name_whole(samples):
    doc = parse_file(samples / "ofsted-139305-2016.pdf")
    page1 = doc.text[doc.pages[0].start: doc.pages[0].end]
    assert "leaders of the\nElliot Foundation Academies Trust has brought" in page1
    # the left column's bullet is finished before the right column's starts
    assert page1.index("about rapid improvement") < page1.index("Teaching assistants make an effective")


def test_running_footers_leave_the_text_and_sentences_join(samples):
    doc = parse_file(samples / "ofsted-103980-2016.pdf")
    assert doc.page_count == 13
    assert "Page 2 of 13" not in doc.text
    assert any("Page 2 of 13" in f for f in doc.furniture)
    assert doc.page_at(doc.text.index("School details")) == 10


def test_wrapped_web_and_email_values_are_rejoined(samples):
    doc = parse_file(samples / "ofsted-103980-2016.pdf")
    assert "Website\thttp://roundsgreen.sandwell.sch.uk/our_school/index.1.html" in doc.text
    assert "Email address\tRoundsgreen.admin@roundsgreen.sandwell.sch.uk" in doc.text


def test_2012_grade_table_rows_stay_rows(samples):
    doc = parse_file(samples / "dev01.pdf")
    assert "Previous inspection:\tGood\t2\nOverall effectiveness\nThis inspection:\tGood\t2" in doc.text
    assert "Early years provision\tGood\t2" in doc.text


def test_text_form_feeds_are_pages_and_footers_are_furniture(samples):
    doc = parse_file(samples / "dev08.txt")
    assert doc.page_count > 4
    assert not any(line.startswith("Inspection report: Abberley") for line in doc.text.split("\n"))
    assert doc.page_at(doc.text.index("Unique reference number")) == 5


@pytest.mark.parametrize("name", ["demo-2015-139482.pdf", "demo-2025-150833.pdf", "demo-2012-124690.pdf"])
def test_generated_reports_parse_without_footers(generated_pdfs, name):
    doc = parse_file(generated_pdfs / name)
    assert doc.media_type == PDF
    assert not any(line.lower().startswith("inspection report:") and " of " in line for line in doc.text.split("\n"))


def test_generated_two_column_partnership_name_is_whole(generated_pdfs):
    doc = parse_file(generated_pdfs / "demo-2015-139482.pdf")
    flat = " ".join(doc.text.split())
    from benchmarks.generate_demo import demo_truth
    for name in demo_truth()["demo-2015-139482.pdf"]["partnerships"]:
        assert name in flat


def test_html_keeps_main_content_only():
    page = """<html><head><meta charset="utf-8"><title>Case study</title><script>var x = 'Inspection dates';</script>
    <style>.a{}</style></head><body><nav><a href="/">Home</a> Menu</nav>
    <div class="cookie-banner">We use cookies</div>
    <main><article><h1>Working together</h1><p>The Kestrel Vale Learning Partnership shares staff.</p>
    <table><tr><td>Name</td><td>Hillside Primary School</td></tr></table></article></main>
    <footer>Copyright</footer></body></html>"""
    doc = parse_html(page.encode())
    assert "Working together" in doc.text
    assert "Name\tHillside Primary School" in doc.text
    for chrome in ("cookies", "Menu", "Copyright", "var x"):
        assert chrome not in doc.text
    assert doc.title == "Case study"


def test_html_in_windows_1252_without_charset():
    page = "<html><body><p>St Mary\u2019s school \u2013 caf\u00e9 partnership</p></body></html>".encode("cp1252")
    doc = parse_document(page)
    assert "St Mary\u2019s school \u2013 caf\u00e9 partnership" in doc.text


@pytest.mark.parametrize("data, status", [
    (b"", "empty"),
    (b"   \n", "empty"),
    (b"%PDF-1.4\n" + bytes(range(256)) * 40, "corrupt"),
    (bytes(range(256)) * 10, "unsupported"),
])
def test_bad_input_becomes_a_status(data, status):
    with pytest.raises(ParseFailure) as caught:
        parse_document(data)
    assert caught.value.status == status
    assert caught.value.message


def test_pdf_without_text_layer_needs_ocr():
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, invariant=1)
    pdf.rect(100, 100, 300, 300, fill=1)  # a drawing, no text: OCR could look, and finds nothing
    pdf.showPage()
    pdf.save()
    with pytest.raises(ParseFailure) as caught:
        parse_document(buffer.getvalue(), ocr=OcrSettings(mode="off"))
    assert caught.value.status == "needs_ocr"
    assert "OCR" in caught.value.message
    with pytest.raises(ParseFailure) as caught:
        parse_document(buffer.getvalue(), ocr=OcrSettings(mode="auto"))
    assert caught.value.status == "empty" and "even by OCR" in caught.value.message


def test_page_cap_refuses_long_pdfs():
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, invariant=1)
    for n in range(5):
        pdf.drawString(100, 700, f"Page {n} of a long report about a school")
        pdf.showPage()
    pdf.save()
    with pytest.raises(ParseFailure) as caught:
        parse_document(buffer.getvalue(), max_pages=3)
    assert caught.value.status == "too_large"


def test_sniffing_trusts_bytes_not_names():
    assert sniff_media_type(b"%PDF-1.7 ...") == PDF
    assert sniff_media_type(b"\xef\xbb\xbf<!DOCTYPE html><html>") == HTML
    assert sniff_media_type(b"Plain words about a school") == TEXT
