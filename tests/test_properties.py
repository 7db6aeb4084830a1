"""Property-based: no parser or extractor raises on arbitrary text, HTML or bytes."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.dates import parse_date_expression
from extractors.extract import extract_document
from pipeline.errors import ParseFailure
from pipeline.layout import Word, join_wrapped_cells, order_page
from pipeline.parse import parse_document
from pipeline.parse_html import parse_html
from pipeline.parse_text import text_to_document

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
VOCABULARY = ["School report", "Overall effectiveness", "Good", "Requires improvement", "This inspection:",
              "Previous inspection:", "Inspection dates", "9–10 November 2016", "Trust", "Learning Trust",
              "\t", "\n", "\f", "2", "Grade:", "Unique reference number", "WS10 8NQ", "Achievement",
              "Expected standard", "special measures", "•", "(", "'", "The", "of", " "]
report_like = st.lists(st.one_of(st.sampled_from(VOCABULARY), st.text(max_size=12)), max_size=80).map(" ".join)


@PROPERTY
@given(st.binary(max_size=4096))
def test_parse_document_only_raises_parse_failures(data):
    try:
        document = parse_document(data)
    except ParseFailure as failure:
        assert failure.status and failure.message
        return
    assert document.text.strip()


@PROPERTY
@given(st.one_of(st.text(max_size=3000), report_like))
def test_extract_never_raises_on_text(text):
    extraction = extract_document(text_to_document(text, "text/plain"))
    assert extraction.kind
    for judgement in extraction.judgements:
        assert 0 <= judgement.start_char < judgement.end_char


@PROPERTY
@given(st.recursive(st.text(max_size=40),
                    lambda inner: st.tuples(st.sampled_from(["p", "div", "nav", "table", "td", "script", "main", "a"]),
                                            st.lists(inner, max_size=4)).map(
                        lambda t: f"<{t[0]}>{''.join(t[1])}</{t[0]}>"), max_leaves=20))
def test_html_parser_never_raises(markup):
    try:
        document = parse_html(("<html><body>" + markup + "</body></html>").encode("utf-8", "surrogatepass"))
    except ParseFailure as failure:
        assert failure.status and failure.message
        return
    for tag in ("p", "div", "nav", "table", "td", "script", "main", "a"):  # markup never leaks into the text
        assert f"<{tag}>" not in document.text and f"</{tag}>" not in document.text


@PROPERTY
@given(st.lists(st.tuples(st.text(min_size=1, max_size=8), st.floats(0, 590), st.floats(0, 830),
                          st.floats(1, 30), st.booleans()), max_size=60))
def test_layout_never_raises(boxes):
    words = [Word(text, x, x + 4 * len(text), y, y + size, size, bold) for text, x, y, size, bold in boxes]
    lines = join_wrapped_cells(order_page(words, 595.0))
    assert sum(len(line.text.split()) for line in lines) <= sum(len(w.text.split()) or 1 for w in words) + len(lines)


@PROPERTY
@given(st.text(max_size=60))
def test_date_parser_never_raises(text):
    found = parse_date_expression(text)
    if found:
        assert found[1] is None or found[1] >= found[0]
