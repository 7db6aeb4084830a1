"""Reports as people publish them on the web: early years reports, copies inside other pages, news.

Every text here is invented in the shapes real pages take (../shared/real/web-reports measures the
real ones): a directory site's data block above the report, a document host's flattened tables,
a provider's own page, a local news item.
"""
from __future__ import annotations

import datetime as dt

import pytest

from extractors.early_years import read_early_years
from extractors.extract import extract_document
from extractors.web_page import PAGE_CLAIM, read_page
from pipeline.parse_text import strip_markup, text_to_document


def doc(text: str, media_type: str = "text/plain"):
    return text_to_document(text, media_type)


def extract(text: str):
    return extract_document(doc(text))


DIRECTORY_PAGE = """Oakfield Primary School

Name Oakfield Primary School
Ofsted Inspection Rating Outstanding
Inspection Date 3 March 2019
Address Mill Lane, Oakton, OK4 7QT
Phone Number 01234 567890
Type Primary
Local Authority Oakshire

Information about this school

Oakfield is an average-sized primary school.

Summary of key findings for parents and pupils

This is a good school.
Leaders have improved teaching since the last inspection.
"""


def test_a_directory_pages_data_block_is_the_pages_claim_not_the_reports():
    result = extract(DIRECTORY_PAGE)
    inspection = result.inspection
    assert result.kind == "inspection_report" and inspection.remit == "school"
    assert inspection.overall_effectiveness == "Good"            # the report's sentence, not the page's rating
    assert inspection.inspection_start is None                   # the page's date is its claim only
    assert (inspection.school_name, inspection.postcode) == ("Oakfield Primary School", "OK4 7QT")
    claims = [m for m in result.grade_mentions if m.statement == PAGE_CLAIM]
    assert [(m.grade, m.school_name, m.about_date, m.rule_id) for m in claims] == [
        ("Outstanding", "Oakfield Primary School", "3 March 2019", "page-rating-directory")]


def test_blanked_lines_keep_every_offset():
    page = read_page(doc(DIRECTORY_PAGE))
    assert len(page.report.text) == len(DIRECTORY_PAGE)
    assert "Ofsted Inspection Rating" not in page.report.text
    assert page.report.text.index("This is a good school") == DIRECTORY_PAGE.index("This is a good school")


def test_a_pdf_is_read_as_it_is():
    page = read_page(doc(DIRECTORY_PAGE, "application/pdf"))
    assert page.claims == () and page.report.text == DIRECTORY_PAGE


def test_a_predecessor_schools_report_is_not_given_the_pages_school():
    text = DIRECTORY_PAGE.replace("Type Primary\n", "Type Primary\nThis inspection rating relates to a predecessor school.\n")
    inspection = extract(text).inspection
    assert inspection.overall_effectiveness == "Good"
    assert inspection.school_name is None and inspection.postcode is None


def test_a_rating_on_the_line_below_its_label_is_still_the_pages():
    text = ("Elm Bank Primary School\nFull inspection result:\nRequires Improvement\nReport Inspection Date: 12th October 2016\n\n"
            "Summary of key findings for parents and pupils\nThis is a school that requires improvement\n\n"
            "Effectiveness of leadership and management\nRequires improvement\n\nOutcomes for pupils\nGood\n")
    result = extract(text)
    assert result.inspection.inspection_start is None
    assert result.inspection.school_name == "Elm Bank Primary School"
    assert {(j.area, j.grade) for j in result.judgements} == {
        ("Effectiveness of leadership and management", "Requires improvement"), ("Outcomes for pupils", "Good")}


def test_a_label_followed_by_prose_is_no_grade():
    text = ("School report\nSummary of key findings for parents and pupils\nThis is a good school\n\n"
            "Leadership and management\nGood leaders check the quality of teaching often.\n")
    assert not [j for j in extract(text).judgements if j.area_key == "leadership_and_management"]


def test_page_markup_and_stray_characters_are_taken_out():
    assert strip_markup("<strong>Oak</strong>-<strong>Hill</strong> School<br />\nA &amp; B") == "Oak-Hill School\nA & B"
    assert strip_markup("\u03b2The provision is good\nwell.\u03b2") == "The provision is good\nwell."
    assert strip_markup("\u03b1\u03b2\u03b3 Greek stays") == "\u03b1\u03b2\u03b3 Greek stays"


def test_an_unrolled_details_table_is_paired_again():
    text = ("Oak Hill School\n\nInspection report\n\nUnique Reference Number\n\nLocal Authority\n\nInspection dates\n\n"
            "Reporting inspector\n\n123456\n\nOAKSHIRE LA\n\n4 5 June 2008\n\nA Inspector\n\n"
            "This inspection of the school was carried out under section 5 of the Education Act 2005.\n")
    inspection = extract(text).inspection
    assert inspection.urn == "123456"
    assert (inspection.inspection_start, inspection.inspection_end) == (dt.date(2008, 6, 4), dt.date(2008, 6, 5))


# --- early years -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, grade", [
    ("Little Acorns Nursery\nWhat is it like to attend this early years setting?\nThe provision is inadequate\nChildren are not safe.",
     "Inadequate"),
    ("Summary of key findings for parents\n\nThis provision is good \u2022 Staff know children well.", "Good"),
    ("Inspection report for early years provision\nOverall effectiveness of the early years provision\n"
     "Overall, the quality of the provision is outstanding for the children she minds.", "Outstanding"),
])
def test_every_early_years_overall_sentence(text, grade):
    result = extract(text)
    assert (result.kind, result.inspection.remit) == ("inspection_report", "early_years")
    assert result.inspection.overall_effectiveness == grade
    assert result.inspection.special_measures is None


FLAT_2014 = ("Little Oaks Pre-School Little Oaks Hall, Church Road, Oakton, OK1 2AB Inspection date 22/05/2014 "
             "Previous inspection date 14/02/2012 The quality and standards of the This inspection: 2 early years provision "
             "Previous inspection: 4 The contribution of the early years provision to the well-being of children 2 "
             "How well the early years provision meets the needs of the range of children who 3 attend "
             "The effectiveness of the leadership and management of the early years provision 2 The quality and "
             "standards of the early years provision This provision is good Children enjoy their play. Inspection "
             "report: Little Oaks Pre-School, 22/05/2014 2 of 9")


def test_a_flattened_2012_table_keeps_its_digits_and_printed_labels():
    result = extract(FLAT_2014)
    inspection = result.inspection
    assert (inspection.school_name, inspection.postcode) == ("Little Oaks Pre-School", "OK1 2AB")
    assert (inspection.inspection_start, inspection.inspection_end) == (dt.date(2014, 5, 22), dt.date(2014, 5, 22))
    assert (inspection.overall_effectiveness, inspection.previous_overall_effectiveness) == ("Good", "4")
    assert {(j.area, j.grade) for j in result.judgements} == {
        ("The quality and standards of the early years provision", "Good"),
        ("How well the early years provision meets the needs of the range of children who 3 attend", "3"),
        ("The contribution of the early years provision to the well-being of children", "2"),
        ("The effectiveness of the leadership and management of the early years provision", "2"),
    }


def test_an_unrolled_2012_table_pairs_cells_after_their_labels():
    text = ("Oak Out of School Club\nOak Primary School, Oak Road, Oakton, OK2 3CD\nInspection date\nPrevious inspection date\n"
            "The quality and standards of the\nearly years provision\n06/05/2014\n19/06/2013\nThis inspection:\n2\n"
            "Previous inspection:\n4\nHow well the early years provision meets the needs of the range of children who\nattend\n2\n"
            "The quality and standards of the early years provision\nThis provision is good\n")
    result = extract(text)
    assert result.inspection.inspection_start == dt.date(2014, 5, 6)
    assert result.inspection.previous_overall_effectiveness == "4"
    assert ("How well the early years provision meets the needs of the range of children who attend", "2") in {
        (j.area, j.grade) for j in result.judgements}


def test_a_digit_becomes_a_word_only_where_the_page_keys_it():
    keyed = FLAT_2014 + " Grade 1 is Outstanding, grade 2 is Good, grade 3 is Requires improvement, grade 4 is Inadequate."
    grades = {j.area_key: j.grade for j in extract(keyed).judgements}
    assert grades["wellbeing"] == "Good" and extract(keyed).inspection.previous_overall_effectiveness == "Inadequate"


def test_childcare_outcome_headings_are_judgements_not_the_overall_grade():
    text = ("Childcare inspection report\nHelping children to be healthy\nThe provision is good.\n"
            "Protecting children from harm or neglect and helping them stay safe\nThe provision is satisfactory.\n"
            "On the basis of the evidence collected on this inspection: the quality and standards of the care are good.\n")
    result = extract(text)
    assert result.inspection.overall_effectiveness is None
    assert {(j.area_key, j.grade) for j in result.judgements} == {
        ("being_healthy", "Good"), ("staying_safe", "Satisfactory"), ("quality_of_care", "Good")}


def test_read_early_years_is_a_pure_function_of_the_text():
    first = read_early_years(doc(FLAT_2014), None)
    assert first == read_early_years(doc(FLAT_2014), None)
    assert first.overall_rule == "ey-overall-provision-is"


# --- news and providers' own pages -------------------------------------------------------------------

NEWS = ("Oakton nursery rated outstanding\n\nA nursery in Oakton has been rated outstanding following its latest Ofsted "
        "inspection.\nThe report, published last week, said children are 'happy and confident'.\n"
        "Manager Jane Oak said: \"We are thrilled.\"\nInspectors praised the quality of the early years provision.\n")


def test_news_about_an_inspection_is_never_an_inspection():
    result = extract(NEWS)
    assert result.kind == "other" and result.inspection is None
    assert any(m.grade == "Outstanding" for m in result.grade_mentions)


def test_news_quoting_the_reports_sentence_stays_news():
    text = NEWS + "The report states: \"The provision is outstanding\".\n"
    assert extract(text).inspection is None


def test_an_annex_table_with_its_key_gives_words():
    text = ("Annex A: record of inspection judgements\nGrade 1 is Outstanding: exceptionally high quality\n"
            "Grade 2 is Good: strong\nGrade 3 is Satisfactory: sound\nGrade 4 is Inadequate: not good enough\n"
            "The overall effectiveness of the early years provision\n"
            "How well does the setting meet the needs of the children in the Early Years Foundation Stage?\n\n2\n\n"
            "The capacity of the provision to maintain continuous improvement\n\n3\n\n"
            "The effectiveness of the setting\u2019s engagement with parents and carers\n\n1\n")
    result = extract(text)
    assert result.inspection.remit == "early_years" and result.inspection.overall_effectiveness == "Good"
    assert {(j.area_key, j.grade) for j in result.judgements} == {
        ("overall_effectiveness", "Good"), ("capacity_for_improvement", "Satisfactory"), ("engagement_with_parents", "Outstanding")}


def test_a_wrapped_label_with_a_colon_before_its_digit():
    text = ("Inspection Report\nWhat Ofsted said about Oak Day Nursery\nGrade 1 is Outstanding\nGrade 2 is Good\n"
            "Inspection Date: 15/02/2017\n\nThe Quality and Standards of the Early Year Provision.\n\nThis Inspection: 2\n\n"
            "Previous Inspection:3\n\nHow well the early years provision meets the\n\nneeds of the range of children who attend : 2\n")
    result = extract(text)
    assert result.inspection.inspection_start == dt.date(2017, 2, 15)
    # the key leaves 3 out: the inspection's date says what a 3 meant then
    assert (result.inspection.overall_effectiveness, result.inspection.previous_overall_effectiveness) == (
        "Good", "Requires improvement")
    assert ("How well the early years provision meets the needs of the range of children who attend", "Good") in {
        (j.area, j.grade) for j in result.judgements}


@pytest.mark.parametrize("text, urn, start", [
    # a 2005-08 childcare report: tab-separated details, an EY reference number
    ("Childcare inspection report\nUnique Reference Number\tEY123456\nInspection date\t27 February 2007\n"
     "The quality and standards of the care are good.\n", "EY123456", dt.date(2007, 2, 27)),
    # a 2008-12 page 1 flattened into one line: the labels, then their values
    ("Oak Play Group Inspection report for early years provision Unique reference number Inspect ion date Inspector "
     "125999 25/05/2011 A Inspector Setting address 1 Oak Road, Oakton, OK1 2AB", "125999", dt.date(2011, 5, 25)),
    # the same page 1 unrolled one cell per line, a value run longer than its labels
    ("Inspection report for early years provision\nUnique reference number\nInspection date\nInspector\nType of setting\n"
     "123456\n12/06/2009\nA Inspector\nChildminder\nOverall effectiveness of the early years provision\n"
     "Overall the quality of the provision is good.\n", "123456", dt.date(2009, 6, 12)),
    # a site's table copied with "|" cell borders, labels wrapped
    ("Oak Playgroup Ltd |\n|\nInspection report for early years provision |\n|\nUnique\nreference number |\nEY361999 |\n"
     "Inspection\ndate |\n05/05/2011 |\nInspector |\nA Inspector |\n|\n", "EY361999", dt.date(2011, 5, 5)),
])
def test_early_years_reference_numbers_and_dates_in_every_layout(text, urn, start):
    inspection = extract(text).inspection
    assert (inspection.remit, inspection.urn, inspection.inspection_start) == ("early_years", urn, start)


def test_a_page_title_names_the_school_and_special_measures_make_it_inadequate():
    text = ("Elm Tree School Ofsted Report\nFull inspection result: Inadequate\n- Report Inspection Date: 28 Mar 2017\n"
            "- Report Publication Date: 15 May 2017\nFull report\nIn accordance with section 44(1) of the Education Act 2005, "
            "Her Majesty\u2019s Chief Inspector is of the opinion that this school requires special measures because it is "
            "failing to give its pupils an acceptable standard of education.\n"
            "What does the school need to do to improve further?\n- Improve safeguarding.\n")
    inspection = extract(text).inspection
    assert (inspection.school_name, inspection.inspection_start) == ("Elm Tree School", None)
    assert (inspection.special_measures, inspection.overall_effectiveness) == (True, "Inadequate")


def test_the_eif_page_one_gives_the_previous_grade_in_words():
    text = ("Inspection of Oak Pre-School\nOak Hall, Oak Road, Oakton OK1 2AB\nInspection date: 25 May 2021\n"
            "Overall effectiveness Good The quality of education Good Overall effectiveness at previous Requires improvement "
            "inspection\nWhat is it like to attend this early years setting? The provision is good\n")
    inspection = extract(text).inspection
    assert (inspection.remit, inspection.overall_effectiveness) == ("early_years", "Good")
    assert inspection.previous_overall_effectiveness == "Requires improvement"


def test_a_copied_inner_page_dates_itself_by_its_running_title_and_keys_its_digits():
    text = ("Ofsted report 2011 - Oak First School\n\nInspection report: Oak First School, 7\u20138 February 2011 4 of 12\n\n"
            "Inspection grades: 1 is outstanding, 2 is good, 3 is satisfactory, and 4 is inadequate\n\nMain findings\n\n"
            "Overall effectiveness: how good is the school? 2\n\nThe school's capacity for sustained improvement 3\n")
    result = extract(text)
    assert (result.inspection.inspection_start, result.inspection.inspection_end) == (dt.date(2011, 2, 7), dt.date(2011, 2, 8))
    assert {(j.area_key, j.grade) for j in result.judgements} == {
        ("overall_effectiveness", "Good"), ("capacity_for_improvement", "Satisfactory")}
    undated = text.replace("Inspection report: Oak First School, 7\u20138 February 2011 4 of 12\n\n", "")
    assert {(j.area_key, j.grade) for j in extract(undated).judgements} == {
        ("overall_effectiveness", "Good"), ("capacity_for_improvement", "Satisfactory")}
