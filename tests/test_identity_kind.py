"""School identity and document kind on short texts of each layout."""
import pytest

from extractors.identity import extract_identity, looks_like_school_name, tidy_name
from extractors.kind import classify_document
from pipeline.parse_text import text_to_document


def doc(text):
    return text_to_document(text, "text/plain")


@pytest.mark.parametrize("text, name, urn, postcode", [
    ("School report\nRough Hay Primary School\nRough Hay Road, Wednesbury WS10 8NQ\n", "Rough Hay Primary School", None, "WS10 8NQ"),
    ("School report\nInspection of Abberley Parochial VC\nPrimary School\nApostles Oak, Abberley WR6 6AA\n"
     "Unique reference number\t116780", "Abberley Parochial VC Primary School", "116780", "WR6 6AA"),
    ("Hetton Lyons Primary School\nAddress: Four Lane Ends, DH5 0AH\nUnique reference number (URN): 144225",
     "Hetton Lyons Primary School", "144225", "DH5 0AH"),
    ("INSPECTION REPORT\n\nST MARY'S C OF E PRIMARY SCHOOL\n\nUnique reference number: 131696\nPostcode: S60 2XJ",
     "St Mary's C of E Primary School", "131696", "S60 2XJ"),
])
def test_identity(text, name, urn, postcode):
    got = extract_identity(doc(text))
    assert (got.school_name, got.urn, got.postcode) == (name, urn, postcode)


def test_ofsted_office_postcode_is_not_the_school():
    text = "Piccadilly Gate\nStore Street\nManchester M1 2WD\nShort inspection of Oak School\nOak Lane, Leeds LS6 2AB"
    assert extract_identity(doc(text)).postcode == "LS6 2AB"


def test_school_name_shapes():
    assert looks_like_school_name("World's End Infant and Nursery School")
    assert not looks_like_school_name("Summary of key findings for parents and pupils")
    assert tidy_name("CANKLOW WOOD PRIMARY SCHOOL") == "Canklow Wood Primary School"


@pytest.mark.parametrize("text, kind", [
    ("School report\nOak School\nInspection dates 9–10 November 2016\nSummary of key findings", "inspection_report"),
    ("Special measures monitoring inspection of Oak School\nFollowing my visit", "monitoring_letter"),
    ("Inspection of a good school: Oak Primary School\nOutcome\nOak Primary School continues to be a good school.",
     "short_inspection_letter"),
    ("Case study: a cluster of schools\nThe partnership and collaboration between schools", "case_study"),
    ("Further education and skills inspection report\nOak College", "other"),
    ("Outstanding Ofsted Report\nThe quality and standards of the early years provision This inspection: Outstanding 1", "other"),
])
def test_kind(text, kind):
    assert classify_document(doc(text)).kind == kind
