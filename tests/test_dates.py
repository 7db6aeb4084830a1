"""Date expressions of every framework, and the labels that introduce them."""
import datetime as dt

import pytest

from extractors.dates import inspection_dates, parse_date_expression
from pipeline.parse_text import text_to_document

D = dt.date


@pytest.mark.parametrize("text, start, end", [
    ("9–10 November 2016", D(2016, 11, 9), D(2016, 11, 10)),
    ("30 April–1 May 2014", D(2014, 4, 30), D(2014, 5, 1)),
    ("18 and 19 March 2025", D(2025, 3, 18), D(2025, 3, 19)),
    ("0304 March 2015", D(2015, 3, 3), D(2015, 3, 4)),
    ("8th March 2004", D(2004, 3, 8), None),
    ("7\u22128 February 2011", D(2011, 2, 7), D(2011, 2, 8)),
    ("7 - 8 February 2011", D(2011, 2, 7), D(2011, 2, 8)),
    ("7—8 February 2011", D(2011, 2, 7), D(2011, 2, 8)),
    ("30 December 2014 – 2 January 2015", D(2014, 12, 30), D(2015, 1, 2)),
    ("30 December–2 January 2015", D(2014, 12, 30), D(2015, 1, 2)),
    ("12/03/2019", D(2019, 3, 12), None),
    ("Tuesday 9 and Wednesday 10 May 2017", D(2017, 5, 9), D(2017, 5, 10)),
    ("13 Jan 2026", D(2026, 1, 13), None),
])
def test_date_forms(text, start, end):
    found = parse_date_expression(text)
    assert found is not None
    assert found[:2] == (start, end)


@pytest.mark.parametrize("text", ["31 February 2016", "10–9 November 2016", "no date here", "2016"])
def test_impossible_dates_are_refused(text):
    assert parse_date_expression(text) is None


@pytest.mark.parametrize("text, start, end", [
    ("School report\nInspection dates\t9–10 November 2016\n", D(2016, 11, 9), D(2016, 11, 10)),
    ("Inspection dates: 18 and 19 March 2025", D(2025, 3, 18), D(2025, 3, 19)),
    ("Inspection date(s) 7–8 February 2011", D(2011, 2, 7), D(2011, 2, 8)),
    ("Dates of inspection: 8th March 2004", D(2004, 3, 8), D(2004, 3, 8)),
    ("Larch Hill Primary School\nInspection report: 13 January 2026\n", D(2026, 1, 13), None),
    ("Following my visit to the school on 14 March 2018, I write on behalf of", D(2018, 3, 14), D(2018, 3, 14)),
    ("Thank you for your help during my visit to your school on 8–9 December 2015.", D(2015, 12, 8), D(2015, 12, 9)),
])
def test_labelled_inspection_dates(text, start, end):
    got_start, got_end, _ = inspection_dates(text_to_document(text, "text/plain"))
    assert (got_start, got_end) == (start, end)


def test_previous_inspection_date_is_not_the_inspection():
    text = "Date of previous inspection\t4–5 November 2014\nInspection dates\t9–10 November 2016"
    start, end, _ = inspection_dates(text_to_document(text, "text/plain"))
    assert start == D(2016, 11, 9)
