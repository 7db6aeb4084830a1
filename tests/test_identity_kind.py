"""School identity and document kind on short texts of each layout."""
import pytest

from extractors.identity import extract_identity, looks_like_school_name, tidy_name
from extractors.kind import classify_document
from pipeline.parse_text import text_to_document


def doc(text):
    return text_to_document(text, "text/plain")


@pytest.mark.parametrize("text, name, urn, postcode", [
    ("School report\nOakmere Primary School\nOakmere Road, Elmsworth EW10 8NQ\n", "Oakmere Primary School", None, "EW10 8NQ"),
    ("School report\nInspection of Ashcombe Parochial VC\nPrimary School\nApostles Oak, Ashcombe WR6 6AA\n"
     "Unique reference number\t116780", "Ashcombe Parochial VC Primary School", "116780", "WR6 6AA"),
    ("Larch Hill Primary School\nAddress: Two Mile Lane, EW5 0AH\nUnique reference number (URN): 199225",
     "Larch Hill Primary School", "199225", "EW5 0AH"),
    ("INSPECTION REPORT\n\nST MARY'S C OF E PRIMARY SCHOOL\n\nUnique reference number: 199696\nPostcode: S60 2XJ",
     "St Mary's C of E Primary School", "199696", "S60 2XJ"),
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
    assert tidy_name("FERNLEY WOOD PRIMARY SCHOOL") == "Fernley Wood Primary School"


@pytest.mark.parametrize("text, kind", [
    ("School report\nOak School\nInspection dates 9–10 November 2016\nSummary of key findings", "inspection_report"),
    ("Special measures monitoring inspection of Oak School\nFollowing my visit", "monitoring_letter"),
    ("Inspection of a good school: Oak Primary School\nOutcome\nOak Primary School continues to be a good school.",
     "short_inspection_letter"),
    ("Case study: a cluster of schools\nThe partnership and collaboration between schools", "case_study"),
    ("Further education and skills inspection report\nOak College", "other"),
    # an early years provider's report is an inspection report of its own remit (early_years), never a school's
    ("Outstanding Ofsted Report\nThe quality and standards of the early years provision This inspection: Outstanding 1",
     "inspection_report"),
])
def test_kind(text, kind):
    assert classify_document(doc(text)).kind == kind
