"""Grades quoted in prose: the Stoke and Bromsgrove sample passages, DOMAIN.md's synthetic sentences, negatives."""
import pytest
from conftest import sample_passage

from extractors.grade_mentions import NAME, extract_grade_mentions
from extractors.patterns import load_patterns
from pipeline.parse_text import text_to_document

# Passages of ../shared/samples, read from there (blank lines as printed).
STOKE = "programme-stoke-collaborative-leadership.txt"
STOKE_AGGREGATE = sample_passage(STOKE, "Since 2015, 16 schools", "leadership and management was 'Good'.")
STOKE_MILTON = sample_passage(STOKE, "Special measures monitoring",
                              "the progress the school is making.")
STOKE_ALEXANDRA = sample_passage(STOKE, "Alexandra Junior School, Stoke, Feb 2017", "This school continues to be good.")
BROMSGROVE = sample_passage("case-study-bromsgrove-cluster.txt", "Impact to date", "Sharing good practice as well as resources")
pytestmark = pytest.mark.skipif(not STOKE_AGGREGATE, reason="../shared/samples is not beside this checkout")


def mentions(text: str):
    return extract_grade_mentions(text_to_document(text, "text/plain"))


def view(m) -> tuple:
    return (m.statement, m.grade, m.area, m.school_name, m.about_date, m.hypothetical, m.previous, m.negated)


def test_area_lines_under_a_school_heading_take_its_name_and_date():
    found = [view(m) for m in mentions(STOKE_ALEXANDRA)]
    assert found == [
        ("single", "Requires improvement", "Overall effectiveness", "Alexandra Junior School", "Feb 2017", False, False, False),
        ("single", "Good", "Effectiveness of leadership and management", "Alexandra Junior School", "Feb 2017", False, False, False),
        ("single", "Requires improvement", "Overall effectiveness", "Alexandra Infants' School", "July 2016", False, False, False),
        ("single", "Good", "Effectiveness of leadership and management", "Alexandra Infants' School", "July 2016", False, False, False),
        ("single", "Requires improvement", "Leadership and management", "Alexandra Infants' School", "2014", False, True, False),
        ("continues", "Good", None, "Watermill School", "October 2017", False, False, False),
    ]


def test_bracketed_history_is_a_previous_mention_with_its_own_year():
    history = [m for m in mentions(STOKE_ALEXANDRA) if m.previous]
    assert len(history) == 1
    assert history[0].rule_id == "history-bracket"
    assert STOKE_ALEXANDRA[history[0].start_char:history[0].end_char] == "(2014 L&M RI)"


def test_aggregate_shares_and_a_school_that_is_not_named():
    found = mentions(STOKE_AGGREGATE)
    shares = [(m.statement, m.grade, m.share_percent, m.of_schools) for m in found if m.statement == "aggregate_share"]
    assert shares == [("aggregate_share", "Outstanding", 12.0, 16), ("aggregate_share", "Good", 76.0, 16),
                      ("aggregate_share", "Requires improvement", 12.0, 16)]
    single = [m for m in found if m.statement == "single"]
    assert [(m.grade, m.area, m.school_name) for m in single] == [("Good", "leadership and management", None)]
    assert all(m.school_name is None for m in found)


def test_good_or_outstanding_practice_is_not_a_grade():
    assert mentions(STOKE_MILTON) == []


def test_all_schools_graded_good_or_outstanding_and_nothing_else_in_the_list():
    found = mentions(BROMSGROVE)
    assert [(m.statement, m.grade, m.share_percent, m.school_name) for m in found] == [
        ("aggregate_all", "Good", 100.0, None)]
    assert found[0].sentence == "All schools are graded ‘good’ or ‘outstanding’"


def test_hypothetical_negated_and_previous():
    hypothetical = mentions("This school could be judged outstanding if we were to carry out a graded "
                            "(section 5) inspection now.")
    assert [(m.grade, m.hypothetical, m.previous, m.negated) for m in hypothetical] == [("Outstanding", True, False, False)]
    negated = mentions("Teaching is not yet good.")
    assert [(m.grade, m.negated, m.hypothetical) for m in negated] == [("Good", True, False)]
    history = mentions("At its previous inspection the school was judged to require improvement.")
    assert [(m.grade, m.previous, m.negated) for m in history] == [("Requires improvement", True, False)]


def test_synthetic_history_then_aggregate_with_but():
    found = mentions("Following its inspection in May 2014 the academy was graded RI, "
                     "but all three partner schools are now good or better.")
    assert [(m.statement, m.grade, m.previous, m.about_date, m.share_percent, m.of_schools) for m in found] == [
        ("single", "Requires improvement", True, "2014", None, None),
        ("aggregate_all", "Good", False, None, 100.0, 3)]


def test_synthetic_area_grade_with_digit_and_remained():
    found = mentions("Ofsted judged leadership 'outstanding' (grade 1) although overall effectiveness remained good.")
    assert [(m.grade, m.area, m.previous) for m in found] == [
        ("Outstanding", "leadership", False), ("Good", "overall effectiveness", False)]


@pytest.mark.parametrize("text", [
    "Staff share good practice and outstanding lessons across the cluster.",
    "Pupils make good progress and receive good support.",
    "The school was graded good teaching in all classes.",
    "80% of lessons were judged good or better.",
    "Pupils achieving grade 4 or above in English were 60% good readers.",
    "All our schools are good at sharing ideas.",
])
def test_everyday_uses_of_grade_words_are_not_mentions(text):
    assert mentions(text) == []


@pytest.mark.parametrize("text, grade, rule", [
    ("The school was rated grade 2 (good) by Ofsted.", "Good", "grade-digit"),
    ("Overall effectiveness: Outstanding (1)", "Outstanding", "area-colon"),
    ("Leadership and management: Grade 3", "Requires improvement", "area-colon"),
    ("Inspectors judged the school 'good'.", "Good", "verb-judged"),
    ("It was judged good with outstanding features.", "Good", "verb-judged"),
    ("83% judged outstanding or good across the trust's schools.", "Good", "aggregate-share"),
])
def test_surface_variants_normalise(text, grade, rule):
    found = mentions(text)
    assert [(m.grade, m.rule_id) for m in found] == [(grade, rule)]


def test_grade_digit_uses_the_scale_of_its_era():
    assert [m.grade for m in mentions("Overall effectiveness was judged grade 3 in 2010 by Ofsted.")] == ["Satisfactory"]


def test_since_the_last_inspection_is_not_history():
    found = mentions("The school has improved since the last inspection and is now judged good.")
    assert [(m.grade, m.previous) for m in found] == [("Good", False)]


def test_record_offsets_page_and_sentence():
    text = "Cover page\n\f" + "Leaders are proud. " + "The school continues to be good. " + "Then " + "x" * 800 + "."
    found = mentions(text)
    assert len(found) == 1
    m = found[0]
    doc = text_to_document(text, "text/plain")
    assert doc.text[m.start_char:m.end_char] == "The school continues to be good"
    assert m.page == 2
    assert m.sentence == "The school continues to be good."
    long = mentions("The school continues to be good " + "and more " * 100 + ".")[0]
    assert len(long.sentence) <= 600 and long.sentence.startswith("The school continues to be good")


def test_every_rule_finds_its_own_example_and_every_flag_cue_sets_its_flag():
    for row in load_patterns(NAME):
        if "example" not in row or row["kind"] not in ("rule", "cue") or "field" in row:
            continue
        found = mentions(row["example"])
        if row["kind"] == "rule":
            assert row["id"] in {m.rule_id for m in found}, row["id"]
        elif row["flag"] == "reject":
            assert found == [], row["id"]
        else:
            assert any(getattr(m, row["flag"]) for m in found), row["id"]
