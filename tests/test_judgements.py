"""Grade tables of every framework since 2005, and prose that must not become a grade."""
from extractors.extract import extract_document
from pipeline.parse_text import text_to_document


def extract(text: str):
    return extract_document(text_to_document(text, "text/plain"))


def grades(text: str) -> dict[str, str]:
    return {j.area: j.grade for j in extract(text).judgements}


REPORT_2005 = """Inspection report
Oakfield Primary School
Unique Reference Number 117134
Inspection date 14 March 2007
Overall effectiveness of the school\tGrade: 2
Achievement and standards\tGrade: 3
Leadership and management\tGrade: 2
"""

REPORT_2009 = """Oakfield Primary School
Inspection report
Unique Reference Number\t117134
Local Authority\tHertfordshire
Inspection dates\t7–8 February 2011
Overall effectiveness: how good is the school?\t3
The school's capacity for sustained improvement\t2
Main findings
"""

REPORT_2012_LAYOUT = """School report
Quillon Park Primary School
Inspection dates\t28–29 January 2015
Previous inspection:\tGood\t2
Overall effectiveness
This inspection:\tRequires improvement\t3
Leadership and management\tGood\t2
Quality of teaching\tRequires improvement\t3
Summary of key findings for parents and pupils
"""

REPORT_2012_FLAT = ("School report Hollowmere Primary School Mill Lane, Hollowmere, Exampleton, Dorset, BH99 9ZQ "
                    "Inspection dates 0809 October 2014 Overall effectiveness Previous inspection: Good 2 "
                    "This inspection: Requires improvement 3 Leadership and management Good 2 "
                    "Early years provision Outstanding 1 Summary of key findings for parents and pupils")

REPORT_2015 = """School report
Northfield Primary School
Inspection dates\t9–10 November 2016
Overall effectiveness\tRequires improvement
Effectiveness of leadership and management\tGood
Quality of teaching, learning and assessment\tRequires Improvement
Personal development, behaviour and welfare\tGood
Outcomes for pupils\tRequires improvement
Early years provision\tGood
16 to 19 study programmes\tGood
Overall effectiveness at previous inspection\tInadequate
Summary of key findings for parents and pupils
This is a school that requires improvement. It is not good because teaching is not yet good.
The school could be judged outstanding in future, and leadership is good.
"""

REPORT_2019 = """School report
Inspection of Meadow View Academy
Mill Lane, Townsville TS1 1AA
Inspection dates:\t5 and 6 November 2019
Overall effectiveness\tGood
The quality of education\tGood
Behaviour and attitudes\tOutstanding
Personal development\tGood
Leadership and management\tGood
Early years provision\tGood
Sixth-form provision\tRequires improvement
Previous inspection grade\tRequires improvement
What is it like to attend this school?
"""

REPORT_2024 = REPORT_2019.replace("Overall effectiveness\tGood\n", "").replace("5 and 6 November 2019", "18 and 19 March 2025")

REPORT_CARD = """Hillside Primary School
Address: Church Lane, Bolton BL3 2PQ
Unique reference number (URN): 146321
Inspection report: 24 February 2026
Exceptional
Strong standard
Expected standard
Needs attention
Urgent improvement
Safeguarding standards met
Strong standard
Inclusion\tStrong standard
Pupils are included.
Expected standard
Achievement\tExpected standard
Attendance and behaviour\tNeeds attention
Curriculum and teaching\tExpected standard
Personal development and well-being\tExceptional
Leadership and governance\tExpected standard
Early years\tUrgent improvement
Our grades explained
Exceptional\tThe very best practice nationally.
Needs attention\tThe expected standards are not met.
"""


def test_2005_grade_lines_use_satisfactory_scale():
    got = extract(REPORT_2005)
    table = {j.area: (j.grade, j.grade_score) for j in got.judgements}
    assert table["Overall effectiveness of the school"] == ("Good", 2)
    assert table["Achievement and standards"] == ("Satisfactory", 3)
    assert got.inspection.framework == "2005"


def test_2009_digit_grades_use_satisfactory():
    got = extract(REPORT_2009)
    table = {j.area_key: j.grade for j in got.judgements}
    assert table == {"overall_effectiveness": "Satisfactory", "capacity_for_improvement": "Good"}
    assert got.inspection.overall_effectiveness == "Satisfactory"
    assert got.inspection.framework == "2009"


def test_2012_previous_and_this_inspection():
    got = extract(REPORT_2012_LAYOUT)
    assert grades(REPORT_2012_LAYOUT) == {
        "Overall effectiveness": "Requires improvement",
        "Leadership and management": "Good",
        "Quality of teaching": "Requires improvement",
    }
    assert got.inspection.previous_overall_effectiveness == "Good"
    assert all(j.grade_score in (2, 3) for j in got.judgements)


def test_2012_text_on_one_line():
    got = extract(REPORT_2012_FLAT)
    assert grades(REPORT_2012_FLAT) == {
        "Overall effectiveness": "Requires improvement",
        "Leadership and management": "Good",
        "Early years provision": "Outstanding",
    }
    assert got.inspection.previous_overall_effectiveness == "Good"
    assert got.inspection.school_name == "Hollowmere Primary School"


def test_2015_words_and_previous_row():
    got = extract(REPORT_2015)
    table = grades(REPORT_2015)
    assert len(table) == 7
    assert table["Quality of teaching, learning and assessment"] == "Requires improvement"
    assert table["16 to 19 study programmes"] == "Good"
    assert got.inspection.previous_overall_effectiveness == "Inadequate"
    assert got.inspection.overall_effectiveness == "Requires improvement"


def test_prose_hypotheticals_and_negations_are_not_grades():
    table = grades(REPORT_2015)
    assert "Outstanding" not in table.values()
    assert sum(1 for g in table.values() if g == "Good") == 4


def test_2019_has_overall_and_sixth_form():
    got = extract(REPORT_2019)
    table = grades(REPORT_2019)
    assert table["Overall effectiveness"] == "Good"
    assert table["Sixth-form provision"] == "Requires improvement"
    assert got.inspection.previous_overall_effectiveness == "Requires improvement"
    assert got.inspection.framework == "2019"
    assert got.inspection.school_name == "Meadow View Academy"


def test_2024_has_no_overall_grade():
    got = extract(REPORT_2024)
    assert "Overall effectiveness" not in grades(REPORT_2024)
    assert got.inspection.overall_effectiveness is None
    assert got.inspection.framework == "2024"


def test_report_card_takes_grades_from_area_lines_only():
    got = extract(REPORT_CARD)
    table = {j.area: (j.grade, j.grade_rank, j.grade_score) for j in got.judgements}
    assert table == {
        "Inclusion": ("Strong standard", 2, None),
        "Achievement": ("Expected standard", 3, None),
        "Attendance and behaviour": ("Needs attention", 4, None),
        "Curriculum and teaching": ("Expected standard", 3, None),
        "Personal development and well-being": ("Exceptional", 1, None),
        "Leadership and governance": ("Expected standard", 3, None),
        "Early years": ("Urgent improvement", 5, None),
    }
    assert got.inspection.safeguarding == "Met"
    assert got.inspection.framework == "2025"
    assert got.inspection.overall_effectiveness is None
    assert got.inspection.urn == "146321"
    assert got.inspection.postcode == "BL3 2PQ"


def test_judgements_carry_evidence_and_rule():
    got = extract(REPORT_2015)
    first = got.judgements[0]
    text = text_to_document(REPORT_2015, "text/plain").text
    assert text[first.start_char:first.end_char].startswith("Overall effectiveness")
    assert first.rule_id.startswith("area-oe")
    assert first.page == 1


def test_case_study_quotes_are_not_judgements():
    text = ("Our cluster collaboration and partnership work\nSchools in the network share staff.\n"
            "Larkspur Junior School, May 2018\nOverall effectiveness: Requires improvement\n"
            "Effectiveness of leadership and management: Good\n")
    got = extract(text)
    assert got.kind == "case_study"
    assert got.judgements == ()
    assert got.inspection is None


def test_special_measures_statement_but_not_history():
    base = "School report\nInspection dates\t9–10 November 2016\nOverall effectiveness\tInadequate\n"
    current = base + ("Under section 44(1) of the Education Act 2005 the Chief Inspector is of the opinion that "
                      "this school requires special measures: leaders have not secured an acceptable education.")
    history = base + "At the previous inspection this school requires special measures was the judgement."
    assert extract(current).inspection.special_measures is True
    assert extract(history).inspection.special_measures is False


def test_notice_to_improve_counts_as_serious_weaknesses():
    text = ("Inspection report\nOakfield Primary School\nInspection dates\t7–8 February 2011\n"
            "Overall effectiveness: how good is the school?\t4\n"
            "In accordance with section 13 of the Education Act 2005, Her Majesty's Chief Inspector is of the "
            "opinion that this school requires significant improvement. The school is therefore given a notice to improve.")
    got = extract(text).inspection
    assert got.notice_to_improve and got.serious_weaknesses and not got.special_measures


def test_monitoring_letter_has_no_grades_and_special_measures():
    text = ("Special measures monitoring inspection of Brambleton Primary School\n"
            "Following my visit to your school on 4–5 May 2016, I write on behalf of Her Majesty's Chief Inspector.\n"
            "The inspection was the third monitoring inspection since the school became subject to special measures.\n"
            "Leaders and managers are taking effective action towards the removal of special measures.\n")
    got = extract(text)
    assert got.kind == "monitoring_letter"
    assert got.judgements == ()
    assert got.inspection.inspection_type == "monitoring"
    assert got.inspection.special_measures is True
    assert got.inspection.school_name == "Brambleton Primary School"
    assert got.inspection.inspection_start.isoformat() == "2016-05-04"


def test_short_inspection_letter_continues_to_be_good():
    text = ("Short inspection of Watermill School\n"
            "Following my visit to the school on 14 March 2018, I write on behalf of Her Majesty’s Chief Inspector.\n"
            "This school continues to be good.\n")
    got = extract(text)
    assert got.kind == "short_inspection_letter"
    assert got.inspection.inspection_type == "section_8"
    assert got.inspection.overall_effectiveness == "Good"
    assert got.judgements == ()


def test_further_education_grades_are_the_providers_own():
    text = ("Further education and skills inspection report\nOak College\nInspection dates\t9–12 May 2017\n"
            "Overall effectiveness\tGood\nEffectiveness of leadership and management\tGood\n"
            "Outcomes for learners\tRequires improvement\n")
    got = extract(text)
    assert got.kind == "other"
    assert {j.area: j.grade for j in got.judgements}["Outcomes for learners"] == "Requires improvement"
    assert got.inspection.remit == "further_education"
    # the provider's own overall grade and name: analysts pick a remit with `remit`
    assert got.inspection.overall_effectiveness == "Good" and got.inspection.school_name == "Oak College"
    assert got.inspection.special_measures is None  # a school's category of concern


def test_letter_visit_with_a_colleague():
    text = ("Short inspection of Oak Primary School\nFollowing my visit with Jane Smith, Ofsted Inspector, "
            "to the school on 3 and 4 May 2016, I write on behalf of Her Majesty’s Chief Inspector.\n")
    got = extract(text).inspection
    assert (got.inspection_start.isoformat(), got.inspection_end.isoformat()) == ("2016-05-03", "2016-05-04")


def test_evidence_spans_label_to_grade_for_every_form():
    for text in (REPORT_2009, REPORT_2012_LAYOUT, REPORT_2005, REPORT_CARD):
        document = text_to_document(text, "text/plain")
        for j in extract_document(document).judgements:
            span = document.text[j.start_char:j.end_char]
            assert span.startswith(j.area.split()[0]), (j.area, span)
            assert len(span) < len(j.area) + 70, span  # the 2012 layout has a marker line between
            assert span == j.evidence or " ".join(span.split()) == j.evidence
