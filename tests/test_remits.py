"""Every Ofsted remit from its own title and statements: kind, remit, type, identity, dates and
judgements of near-miss documents (synthetic texts in each remit's layout)."""
from __future__ import annotations

import datetime as dt

import pytest

from extractors.extract import extract_document
from extractors.kind import classify_document
from pipeline.parse_text import text_to_document

ILACS = ("Inspection of Oakshire local\nauthority children’s services\nInspection dates: 20 June 2022 ─ 1 July 2022\n"
         "Lead inspector: A Person, His Majesty’s Inspector\nJudgement\tGrade\n"
         "The impact of leaders on social work practice with children and families\tGood\n"
         "The experiences and progress of children who need help and protection\tRequires improvement to be good\n"
         "The experiences and progress of children in care\tGood\nThe experiences and progress of care leavers\tInadequate\n"
         "Overall effectiveness\tRequires improvement to be good\n"
         "Schools and health partners work with social workers.\n"
         "local authority children’s services have improved and progress was judged to be Good.\n")
SIF = ("Oakshire County Council\nInspection of services for children in need of help and\nprotection, children looked after and care leavers\n"
       "Inspection date: 6 July 2015 – 30 July 2015\nThe overall judgement is that children’s services require\nimprovement\n"
       "1. Children who need help and protection\tInadequate\n2.1 Adoption performance\tGood\n"
       "The Local Safeguarding Children Board is good\n")
LA_2013 = ("Inspection of looked after children\nservices\nOakshire County Council\nInspection dates:\t8 – 12 July 2013\n"
           "Contents\nOverall effectiveness\t4\nCapacity to improve\t4\nLeadership and management\t17\n"
           "Capacity to improve\nGrade 3 (Adequate)\nRecord of main findings\nOverall effectiveness\tAdequate\n")
PRE_REGISTRATION = ("Oak Tree Grange\nFarm Lane, Oakton OK1 2AB\n\nUnique reference number (URN): 152999\n\n"
                    "Pre-registration inspection\n9 June 2026\nreport:\n\nOverall outcome\tThe school is likely to meet all the\n"
                    "independent school standards if it is registered\n")
PROGRESS_MONITORING = ("Oak Tree Grange\nFarm Lane, Oakton OK1 2AB\nUnique reference number (URN): 152999\n"
                       "Progress monitoring\n11 March 2026\ninspection report:\nThe proprietor of the Oak Learning Trust has met the standards.\n")


def extract(text: str):
    return extract_document(text_to_document(text, "text/plain"))


def kind_of(text: str):
    decision = classify_document(text_to_document(text, "text/plain"))
    return decision.kind, decision.remit, decision.inspection_type


@pytest.mark.parametrize("text, expected", [
    (ILACS, ("other", "local_authority", "ilacs")),
    ("Oakshire Council\nInspection of children’s social care services\nInspection dates: 1 to 12 May 2019\n", ("other", "local_authority", "ilacs")),
    ("Inspection of Oakshire Metropolitan\nBorough Council children’s services\nInspection dates: 1 to 12 May 2022\nOverall effectiveness\tGood",
     ("other", "local_authority", "ilacs")),
    (SIF, ("other", "local_authority", "sif")),
    (LA_2013, ("other", "local_authority", "safeguarding_and_looked_after")),
    ("Focused visit to Oakshire local authority children’s services\nInspection dates: 1 to 2 May 2024", ("other", "local_authority", "focused_visit")),
    ("Area SEND inspection of Oakshire Local Area Partnership\nInspection dates: 11 to 15 March 2024", ("other", "local_authority", "area_send")),
    (PRE_REGISTRATION, ("other", "independent_school", "pre_registration")),
    ("Oak School\nOak Lane OK1 2AB\nMaterial change inspection\t2 July 2026\nreport:", ("other", "independent_school", "material_change")),
    (PROGRESS_MONITORING, ("other", "independent_school", "progress_monitoring")),
    ("Summary evaluation of Oak Learning Trust\nDear Chief Executive", ("other", "trust", "trust_evaluation")),
    ("Inspection of Oak College\nInspection dates: 1 to 4 May 2023\nEducation programmes for young people\tGood", ("other", "further_education", "other")),
    ("Childcare on non-domestic premises\nInspection report for early years provision\nOak Nursery",
     ("inspection_report", "early_years", "early_years")),
    ("Special measures monitoring inspection of Oak Primary School\nFollowing my visit", ("monitoring_letter", "school", "monitoring")),
    ("School report\nOak Primary School\nInspection dates 9–10 November 2016\nSummary of key findings for parents and pupils",
     ("inspection_report", "school", "section_5")),
])
def test_kind_remit_and_type_come_from_the_title(text, expected):
    assert kind_of(text) == expected


def test_a_school_report_is_never_inferred_from_the_absence_of_other_signs():
    text = "Inspection of the Oakshire widget service\nInspection dates: 1 to 4 May 2023\nOverall effectiveness\tGood\n"
    assert kind_of(text)[0] != "inspection_report"
    assert kind_of("Annual review of the Oak estate\nThe partnership network collaborates.")[0] == "case_study"


def test_local_authority_report_judgements_identity_and_school_fields():
    got = extract(ILACS)
    grades = {j.area_key: (j.grade, j.grade_score) for j in got.judgements}
    assert grades == {"impact_of_leaders": ("Good", 2), "help_and_protection": ("Requires improvement", 3),
                      "children_in_care": ("Good", 2), "care_leavers": ("Inadequate", 4),
                      "overall_effectiveness": ("Requires improvement", 3)}
    record = got.inspection
    assert (record.school_name, record.remit, record.framework) == ("Oakshire", "local_authority", "ilacs")
    assert (record.inspection_start, record.inspection_end) == (dt.date(2022, 6, 20), dt.date(2022, 7, 1))
    assert record.overall_effectiveness == "Requires improvement"
    assert record.special_measures is None and record.serious_weaknesses is None
    assert record.local_authority is None  # prose after "local authority" is no local authority

def test_single_inspection_framework_headlines_and_table():
    got = extract(SIF)
    grades = {j.area_key: j.grade for j in got.judgements}
    assert grades == {"help_and_protection": "Inadequate", "adoption_performance": "Good",
                      "overall_effectiveness": "Requires improvement", "lscb": "Good"}
    assert got.inspection.school_name == "Oakshire County Council"


def test_2013_local_authority_scale_is_adequate_and_contents_pages_are_no_grades():
    got = extract(LA_2013)
    grades = {j.area_key: j.grade for j in got.judgements}
    assert grades == {"capacity_for_improvement": "Adequate", "overall_effectiveness": "Adequate"}
    assert got.inspection.school_name == "Oakshire County Council"


def test_independent_school_visit_identity_and_one_printed_date():
    got = extract(PRE_REGISTRATION)
    record = got.inspection
    assert (record.school_name, record.urn, record.postcode) == ("Oak Tree Grange", "152999", "OK1 2AB")
    assert (record.inspection_start, record.inspection_end) == (dt.date(2026, 6, 9), None)
    assert record.framework is None and record.overall_effectiveness is None and got.judgements == ()
    assert record.special_measures is None


def test_a_proprietor_is_no_partnership():
    assert not [m for m in extract(PROGRESS_MONITORING).partnerships if m.named]


def test_two_blocks_of_inspection_days():
    got = extract("School report\nOak Primary School\nInspection dates: 6 to 10 January and 13 to 16 January 2025\n"
                  "Summary of key findings for parents and pupils\n")
    assert (got.inspection.inspection_start, got.inspection.inspection_end) == (dt.date(2025, 1, 6), dt.date(2025, 1, 16))


def test_monitoring_letter_progress_judgements_and_special_measures():
    text = ("Monitoring inspection of Oak Primary School\nFollowing my visit to your school on 4–5 May 2011, I write.\n"
            "Progress since being subject to special measures – satisfactory\n"
            "Progress since previous monitoring inspection – good\n")
    got = extract(text)
    assert got.kind == "monitoring_letter"
    assert {j.area_key: j.grade for j in got.judgements} == {
        "progress_since_special_measures": "Satisfactory", "progress_since_previous_monitoring": "Good"}
    assert got.inspection.special_measures is True


@pytest.mark.parametrize("text, name", [
    ("Inspection of the Royal Borough of\nOakdale and Elmsley local authority\nchildren’s services\nInspection dates: 1 to 12 May 2023",
     "The Royal Borough of Oakdale and Elmsley"),
    ("Oak with Elm Borough\nCouncil\nInspection of services for children in need of help and\nprotection, children looked after and care leavers\n"
     "Inspection date: 6 July 2015 – 30 July 2015", "Oak with Elm Borough Council"),
    ("Inspection of Oakshire Metropolitan Borough Council children’s services\nInspection dates: 1 to 12 May 2022",
     "Oakshire Metropolitan Borough Council"),
])
def test_a_councils_name_comes_from_its_title(text, name):
    assert extract(text + "\nOverall effectiveness\tGood\n").inspection.school_name == name


@pytest.mark.parametrize("text, name", [
    ("Further education and skills inspection report\nOak Valley Training Limited\nInspection dates\t9–12 May 2017\n"
     "Apprenticeships\tGood\n", "Oak Valley Training Limited"),
    ("Special measures: monitoring inspection of Elm Tree Junior School\nFollowing my visit to your school on 4 May 2011, I write.",
     "Elm Tree Junior School"),
    ("Swallow Mead\nThe Old Barn, Farm Lane, Oakton OK1 2AB\nUnique reference number (URN): 152999\n"
     "Material change inspection\t2 July 2026\nreport:\n", "Swallow Mead"),
    ("Inspection of Oak Primary School 134 Oak Road, Oakton OK1 2AB\nInspection dates: 1 and 2 May 2024\n"
     "The quality of education\tGood\nWhat is it like to attend this school?\nPupils are happy.", "Oak Primary School"),
])
def test_names_as_printed_on_every_cover(text, name):
    assert extract(text).inspection.school_name == name


def test_a_grade_table_flattened_into_one_line_in_a_text_copy():
    flat = " ".join(ILACS.split())
    assert {j.area_key: j.grade for j in extract(flat).judgements} == {
        j.area_key: j.grade for j in extract(ILACS).judgements}
