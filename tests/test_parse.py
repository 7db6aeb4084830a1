"""Parsers on real sample PDFs, generated PDFs, HTML and text: reading order and bad input."""
import io
import json
import re

import pytest

from pipeline.errors import ParseFailure
from pipeline.parse import parse_document
from pipeline.parse_html import parse_html
from pipeline.parse_pdf import OcrSettings
from pipeline.sniff import HTML, PDF, TEXT, sniff_media_type


def parse_file(path):
    return parse_document(path.read_bytes())


def gold(samples, file_name: str) -> dict:
    """The hand-checked labels of one sample: what its text must hold, read rather than quoted here."""
    lines = (samples / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    return next(json.loads(line) for line in lines if line.strip() and json.loads(line)["file"] == file_name)


GRADE_DIGITS = {"Outstanding": 1, "Good": 2, "Requires improvement": 3, "Inadequate": 4}


def test_two_column_key_findings_keep_a_trust_name_whole(samples):
    doc = parse_file(samples / "ofsted-139305-2016.pdf")
    page1 = doc.text[doc.pages[0].start: doc.pages[0].end]
    for name in gold(samples, "ofsted-139305-2016.pdf")["partnerships"]:  # one name, at most wrapped
        assert re.search(r"\s+".join(map(re.escape, name.split())), page1), name
    # the left column's bullet is finished before the right column's starts: every key finding is a
    # whole sentence up to the next bullet
    findings = page1.split("\u2022")[1:]
    assert len(findings) >= 6 and all(f.strip().split("\n\n")[0].rstrip().endswith(".") for f in findings)


def test_running_footers_leave_the_text_and_sentences_join(samples):
    doc = parse_file(samples / "ofsted-103980-2016.pdf")
    assert doc.page_count == 13
    footer = f"Page 2 of {doc.page_count}"  # Ofsted's running footer
    assert footer not in doc.text
    assert any(footer in f for f in doc.furniture)
    assert doc.page_at(doc.text.index("School details")) == 10


def test_wrapped_web_and_email_values_are_rejoined(samples):
    doc = parse_file(samples / "ofsted-103980-2016.pdf")
    rows = dict(line.split("\t", 1) for line in doc.text.split("\n") if line.startswith(("Website\t", "Email address\t")))
    assert re.fullmatch(r"https?://\S+\.html?", rows["Website"]), rows  # the whole address, on one row
    assert re.fullmatch(r"[\w.]+@[\w.]+\.sch\.uk", rows["Email address"]), rows


def test_2012_grade_table_rows_stay_rows(samples):
    doc = parse_file(samples / "dev01.pdf")
    labels = gold(samples, "dev01.pdf")
    now, before = labels["overall_effectiveness"], labels["previous_overall_effectiveness"]
    assert (f"Previous inspection:\t{before}\t{GRADE_DIGITS[before]}\nOverall effectiveness\n"
            f"This inspection:\t{now}\t{GRADE_DIGITS[now]}") in doc.text
    early = labels["judgements"]["Early years provision"]
    assert f"Early years provision\t{early}\t{GRADE_DIGITS[early]}" in doc.text


def test_text_form_feeds_are_pages_and_footers_are_furniture(samples):
    doc = parse_file(samples / "dev08.txt")
    assert doc.page_count > 4
    running_title = f"Inspection report: {gold(samples, 'dev08.txt')['school_name'].split()[0]}"
    assert not any(line.startswith(running_title) for line in doc.text.split("\n"))
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
