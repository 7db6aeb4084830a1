"""Figures in prose: the Stoke case study's progress scores and percentages, and numbers that are no metric."""
import pytest
from conftest import sample_passage

from extractors.metrics import NAME, extract_metrics
from extractors.patterns import load_patterns
from pipeline.parse_text import text_to_document

STOKE = "programme-stoke-collaborative-leadership.txt"
STOKE_KS2 = sample_passage(STOKE, "In 2016, Stoke-on-Trent KS2 progress", "statistical neighbours.")
STOKE_FSM = sample_passage(STOKE, "In the City 23%", "nationally.")
STOKE_DISADVANTAGED = sample_passage(STOKE, "2016 Progress for disadvantaged pupils", "(national -0.5).")
STOKE_GRADES = sample_passage(STOKE, "Since 2015, 16 schools", "Requires Improvement.")
STOKE_COUNTS = sample_passage(STOKE, "For example, until recently the University", "at Key Stage 2.")
pytestmark = pytest.mark.skipif(not STOKE_KS2, reason="../shared/samples is not beside this checkout")


def metrics(text: str):
    return extract_metrics(text_to_document(text, "text/plain"))


def facts(text: str) -> list[tuple]:
    return [(m.measure, m.value, m.subject, m.pupil_group, m.year, m.comparison, m.comparison_value)
            for m in metrics(text)]


def test_ks2_scores_with_sign_skip_reading_in_line_with_national():
    found = metrics(STOKE_KS2)
    assert [(m.subject, m.value, m.text) for m in found] == [("writing", 0.2, "+0.2"), ("maths", 0.4, "+0.4")]
    for m in found:
        assert (m.measure, m.year, m.area, m.comparison_value) == ("progress_score", 2016, "Stoke-on-Trent", None)
        assert m.comparison == "West Midlands and statistical neighbours"
        assert m.rule_id == "num-progress-score"


def test_fsm_percentage_takes_national_figure_as_its_comparison():
    assert facts(STOKE_FSM) == [("percentage", 23.0, None, "FSM", None, "national", 14.5)]
    assert metrics(STOKE_FSM)[0].text == "23%"


def test_disadvantaged_scores_subject_before_or_after_number():
    assert facts(STOKE_DISADVANTAGED) == [
        ("progress_score", -0.2, "reading", "disadvantaged", 2016, "national", -0.7),
        ("progress_score", -0.1, "writing", "disadvantaged", 2016, "national", -0.3),
        ("progress_score", 0.1, "maths", "disadvantaged", 2016, "national", -0.5),
    ]


def test_stoke_paragraph_spans_pages_and_sentences():
    text = "\n\n".join([STOKE_COUNTS, STOKE_KS2, STOKE_FSM + " " + STOKE_DISADVANTAGED, STOKE_GRADES])
    text = text.replace(STOKE_FSM, "\f" + STOKE_FSM)  # the FSM sentence starts page 2
    document = text_to_document(text, "text/plain")
    found = extract_metrics(document)
    assert [m.text for m in found] == ["+0.2", "+0.4", "23%", "-0.2", "-0.1", "0.1"]
    assert [m.page for m in found] == [1, 1, 2, 2, 2, 2]
    for m in found:
        assert document.text[m.start_char:m.end_char] == m.text
        assert m.text in m.sentence and len(m.sentence) <= 600 and "  " not in m.sentence
    assert found[2].sentence == STOKE_FSM
    assert found[3].sentence == STOKE_DISADVANTAGED


def test_combined_subject_and_national_comparison():
    text = ("61% of pupils reached the expected standard in reading, writing and mathematics, "
            "compared with 53% nationally.")
    assert facts(text) == [("percentage", 61.0, "combined", None, None, "national", 53.0)]


def test_national_average_of_a_progress_score():
    text = "Progress in writing was +1.8, well above the national average of 0.0."
    assert facts(text) == [("progress_score", 1.8, "writing", None, None, "national", 0.0)]


def test_bracketed_figures_and_national_average():
    text = "The proportion of disadvantaged pupils (34%) is above the national average (25%)."
    assert facts(text) == [("percentage", 34.0, None, "disadvantaged", None, "national", 25.0)]


def test_each_group_stays_with_its_own_figure():
    text = "In 2016 boys made progress of -1.2 in reading and girls +0.8 in reading."
    assert [(m.pupil_group, m.value) for m in metrics(text)] == [("boys", -1.2), ("girls", 0.8)]


def test_unicode_minus_per_cent_academic_year_and_area():
    assert facts("In 2015/16, progress in maths was \u22120.3.") == [
        ("progress_score", -0.3, "maths", None, 2016, None, None)]
    found = metrics("Across Stoke-on-Trent Primary Schools, 45 per cent of SEND pupils met the standard, "
                    "against 48% in the local authority.")
    assert [(m.value, m.text, m.pupil_group, m.area, m.comparison, m.comparison_value) for m in found] == [
        (45.0, "45 per cent", "SEND", "Stoke-on-Trent", "local authority", 48.0)]


def test_reading_the_subject_is_not_an_area():
    found = metrics("In Reading, progress was +0.5.")
    assert [(m.value, m.subject, m.area) for m in found] == [(0.5, "reading", None)]


def test_grade_shares_are_not_metrics():
    assert metrics(STOKE_GRADES) == []
    assert metrics("Of the 40 schools, 80% are good or outstanding and 70% of schools were judged good.") == []


def test_money_years_counts_ages_and_year_groups_are_not_metrics():
    assert metrics(STOKE_COUNTS) == []
    assert metrics("The programme cost £90,000 over 18 months for 55 schools in 12 cohorts; Year 6 pupils "
                   "aged 10 to 11 made more progress in 2016 than in 2015.") == []
    assert metrics("Key Stage 2 progress funding of £1.5 million paid for 2.5 days of training; "
                   "see Table 3.1 for progress.") == []


def test_table_rows_and_lone_values_are_not_prose():
    assert metrics("Reading progress\n2024/25\t60%\t62%\tClose to average\n2023/24\t-0.3\t0.1\n") == []
    assert metrics("Pupils with SEN support\n\n12.60%\nBelow average\n\n"
                   "National average: 13.0%\n") == []
    assert metrics("How many pupils missed 10% or more of their sessions.") == []
    assert [m.value for m in metrics("Over 90% of\nparents surveyed said they would recommend the school.")] == [90.0]


def test_decimals_need_a_progress_context():
    assert metrics("The ratio was 1.5 and the hall is 12.25 metres long.") == []
    assert [m.value for m in metrics("The ratio was 1.5 and reading progress was 1.5.")] == [1.5, 1.5]


def test_in_line_with_national_has_no_number_so_no_record():
    assert metrics("KS2 progress in reading was in line with national.") == []


def test_long_sentence_is_clipped_around_the_number():
    text = "Progress " + "and more words " * 80 + "in maths was +0.6 " + "then more words " * 80 + "."
    (found,) = metrics(text)
    assert found.value == 0.6 and "+0.6" in found.sentence and len(found.sentence) <= 600


def test_pattern_file_has_every_kind_the_extractor_reads():
    kinds = {p["kind"] for p in load_patterns(NAME)}
    assert {"number", "subject", "group", "comparison", "comparison_lead", "year", "area",
            "progress_context", "skip_after", "skip_before", "not_area"} <= kinds


def _needs_digit(items) -> bool:
    """Whether every match of this parsed regex sequence contains a \\d."""
    from re import _constants as c

    for op, arg in items:
        if op is c.IN and (c.CATEGORY, c.CATEGORY_DIGIT) in arg and len(arg) == 1:
            return True
        if op is c.SUBPATTERN and _needs_digit(arg[-1]):
            return True
        if op in (c.MAX_REPEAT, c.MIN_REPEAT) and arg[0] >= 1 and _needs_digit(arg[2]):
            return True
        if op is c.BRANCH and all(_needs_digit(branch) for branch in arg[1]):
            return True
    return False


def test_every_number_pattern_needs_a_digit():
    """extract_metrics skips sentences without a digit: sound only while this holds."""
    from re import _parser

    from extractors.patterns import load_patterns

    numbers = [p for p in load_patterns("metrics") if p.get("kind") == "number"]
    assert len(numbers) >= 3
    for pattern in numbers:
        assert _needs_digit(_parser.parse(pattern["regex"])), pattern["id"]
    assert not _needs_digit(_parser.parse(r"(?:\d)?per cent"))  # the check itself can say no
