"""Generate synthetic Ofsted-style inspection documents, with known truth, for the demo corpus and tests."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from benchmarks import demo_layouts as layouts

FRAMEWORKS = ("2009", "2012", "2015", "2019", "2024", "2025")
POSTCODE = re.compile(r"[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}")
DIGIT_GRADES = {"1": "Outstanding", "2": "Good", "3": "Satisfactory", "4": "Inadequate"}


@dataclass(frozen=True, kw_only=True)
class ReportSpec:
    """Everything a synthetic inspection report prints that a parser should recover."""

    school_name: str
    urn: str
    address: str
    postcode: str
    inspection_start: date
    inspection_end: date | None
    framework: str
    judgements: tuple[tuple[str, str], ...]  # (area, grade) exactly as printed; digits for 2009
    previous_grade: str | None
    special_measures: bool
    partnership_sentence: str | None
    n_pages: int = 6  # minimum; layouts add filler prose until they reach it
    local_authority: str
    website: str
    email: str

    def __post_init__(self) -> None:
        # fail at construction, not deep inside a layout, when a test hand-builds a bad spec
        if self.framework not in FRAMEWORKS:
            raise ValueError(f"unknown framework {self.framework!r}")
        if not re.fullmatch(r"\d{6}", self.urn):
            raise ValueError(f"URN must be six digits, got {self.urn!r}")
        if not (POSTCODE.fullmatch(self.postcode) and self.address.endswith(self.postcode)):
            raise ValueError("address must end with a real-format postcode")


@dataclass(frozen=True)
class LetterSpec:
    """A special measures monitoring letter."""

    school_name: str
    urn: str
    address: str
    visit_start: date
    visit_end: date | None
    headteacher: str = "Mrs Joanne Pereira"
    inspector: str = "Martin Ashdown"
    ordinal: str = "third"
    letter_date_text: str = "17 December 2015"
    section_5_month: str = "March 2015"


def write_report_pdf(spec: ReportSpec, path: str | Path) -> Path:
    pages, furniture = layouts.lay_out_report(spec)
    return layouts.render_pages(path, pages, furniture, f"Inspection report: {spec.school_name}")


def write_monitoring_letter_pdf(path: str | Path, school_name: str, urn: str, visit_dates_text: str, *,
                                address: str = "Chapel Street, Netherby Bridge, Stoke-on-Trent, ST6 4QZ",
                                headteacher: str = "Mrs Joanne Pereira", inspector: str = "Martin Ashdown",
                                ordinal: str = "third", letter_date_text: str = "17 December 2015",
                                section_5_month: str = "March 2015") -> Path:
    pages, furniture = layouts.lay_out_monitoring_letter(
        school_name, urn, visit_dates_text, address=address, headteacher=headteacher, inspector=inspector,
        ordinal=ordinal, letter_date_text=letter_date_text, section_5_month=section_5_month)
    return layouts.render_pages(path, pages, furniture, f"Monitoring inspection: {school_name}")


def write_letter(spec: LetterSpec, path: str | Path) -> Path:
    return write_monitoring_letter_pdf(
        path, spec.school_name, spec.urn, layouts.format_dates(spec.visit_start, spec.visit_end),
        address=spec.address, headteacher=spec.headteacher, inspector=spec.inspector, ordinal=spec.ordinal,
        letter_date_text=spec.letter_date_text, section_5_month=spec.section_5_month)


# ---------------------------------------------------------------- HTML case study and plain-text letter

CASE_STUDY_PARTNERSHIP = "Kestrel Vale Learning Partnership"
CASE_STUDY_SCHOOLS = ("Brackenford Primary School", "St Aldhelm’s Church of England Primary School",
                      "Hollins Moor Infant School")
CASE_STUDY_ARTICLE = f"""\
<h1>Three schools, one partnership: the {CASE_STUDY_PARTNERSHIP}</h1>
<p class="meta">Published 4 October 2023 · 6 minute read</p>
<p>When three small schools on the edge of the Kestrel Vale found they were each struggling to recruit subject
leaders, their headteachers decided to pool their expertise. {CASE_STUDY_SCHOOLS[0]},
{CASE_STUDY_SCHOOLS[1]} and {CASE_STUDY_SCHOOLS[2]} formed the {CASE_STUDY_PARTNERSHIP} in the 2019–20
academic year.</p>
<h2>How the partnership began</h2>
<p>The headteachers agreed a short written compact: a shared improvement priority each year, a termly meeting
of governors from all three schools, and a promise that staff time given to the partnership would be repaid in
kind. “We didn’t want a paper partnership,” said the headteacher of Hollins Moor. “It had to change what
happens in classrooms.”</p>
<h2>Joint moderation</h2>
<p>Teachers from the three schools now meet every half term for joint moderation of writing. Each teacher brings
three pieces of work, and colleagues from the other schools agree a judgement before comparing it with the class
teacher’s own. Staff say the sessions have made their assessments far more consistent.</p>
<h2>Learning walks across the cluster</h2>
<p>Subject leaders take part in learning walks in each other’s schools, focusing on one aspect of the curriculum
at a time. A mathematics learning walk in spring 2022 led all three schools to adopt the same approach to
teaching times tables.</p>
<blockquote><p>“The partnership has given our subject leaders colleagues to think with. That matters enormously
in a school with only seven teachers.” – Chair of governors, Brackenford</p></blockquote>
<h2>Impact</h2>
<p>At its most recent inspection, {CASE_STUDY_SCHOOLS[1]} was graded 'good', with inspectors noting that leaders
make effective use of the {CASE_STUDY_PARTNERSHIP} to check the accuracy of their assessments. Attendance has
improved in all three schools, and the partnership now runs a joint training day every September.</p>
"""


def write_case_study_html(path: str | Path) -> Path:
    # the chrome around <main><article> is deliberate noise that an HTML parser must drop
    page = f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Case study: {CASE_STUDY_PARTNERSHIP} – School Improvement Stories</title>
<style>body {{ font-family: Arial, sans-serif; }} .cookie-banner {{ position: fixed; bottom: 0; }}</style>
<script>window.dataLayer = window.dataLayer || []; function acceptCookies() {{ document.cookie = "ok=1"; }}</script>
</head>
<body>
<div class="cookie-banner" role="dialog"><p>We use cookies to understand how you use this site.
<button onclick="acceptCookies()">Accept all cookies</button> <button>Reject cookies</button></p></div>
<header class="site-header"><a href="/" class="logo">School Improvement Stories</a></header>
<nav aria-label="Main menu"><ul><li><a href="/">Home</a></li><li><a href="/case-studies">Case studies</a></li>
<li><a href="/research">Research</a></li><li><a href="/contact">Contact us</a></li></ul></nav>
<main>
<article>
{CASE_STUDY_ARTICLE}</article>
</main>
<footer><p>© 2023 School Improvement Stories · <a href="/privacy">Privacy</a> · <a href="/accessibility">Accessibility</a></p></footer>
<script src="/assets/analytics.js"></script>
</body>
</html>
"""
    Path(path).write_text(page, encoding="utf-8")
    return Path(path)


SHORT_INSPECTION = {"school_name": "Wrenfield Primary School", "urn": "118634",
                    "address": "Orchard Row, Wrenfield, Maidstone, ME15 8RT", "postcode": "ME15 8RT",
                    "visit": date(2018, 3, 14), "alliance": "Saltmarsh Teaching School Alliance"}


def write_text_document(path: str | Path) -> Path:
    s = SHORT_INSPECTION
    address = "\n".join(s["address"].split(", "))
    visit = layouts.format_dates(s["visit"], None)
    text = f"""\
21 March 2018

Mr Simon Achterberg
Headteacher
{s['school_name']}
{address}

Dear Mr Achterberg

Short inspection of {s['school_name']}
Unique reference number: {s['urn']}

Following my visit to the school on {visit}, I write on behalf of Her Majesty’s Chief Inspector to report \
the findings of the short inspection. The visit was the first short inspection carried out since the school \
was judged to be good in May 2014.

This school continues to be good.

The leadership team has maintained the good quality of education in the school since the last inspection. \
Since then, the school has joined the {s['alliance']}, and teachers now take part in training led by \
specialist leaders of education from across the alliance. Middle leaders told me that the alliance’s \
programme for new subject leaders has given them the confidence to check standards in their subjects.

Pupils are proud of their school. They behave well in lessons and around the building, and they told me \
that adults help them whenever they have a worry. Parents who responded to the online questionnaire were \
overwhelmingly positive.

Next steps for the school

Leaders and those responsible for governance should ensure that:
- the most able pupils are challenged to reach the higher standards in writing
- the checks made by the {s['alliance']} on the accuracy of assessment are extended to the foundation subjects.

Yours sincerely

Priya Lindqvist
Her Majesty’s Inspector
"""
    Path(path).write_text(text, encoding="utf-8")
    return Path(path)


# ---------------------------------------------------------------- the demo corpus and its truth

DEMO_REPORTS = (
    ReportSpec(
        school_name="Larkspur Hill Primary School", urn="139482", address="Quarry Lane, Rowley Regis, B69 2DP",
        postcode="B69 2DP", inspection_start=date(2016, 11, 9), inspection_end=date(2016, 11, 10),
        framework="2015",
        judgements=(("Overall effectiveness", "Good"), ("Effectiveness of leadership and management", "Good"),
                    ("Quality of teaching, learning and assessment", "Good"),
                    ("Personal development, behaviour and welfare", "Good"), ("Outcomes for pupils", "Good"),
                    ("Early years provision", "Outstanding")),
        previous_grade="Requires improvement", special_measures=False,
        partnership_sentence="Leaders make effective use of the training and support offered by the "
                             "Meadowbrook Learning Trust, which the school joined in 2015.",
        local_authority="Sandwell", website="https://www.larkspurhillprimary.sch.uk/about-us/inspection-reports",
        email="headteacher.office@larkspurhill-primary.sandwell.sch.uk"),
    ReportSpec(
        school_name="St Cuthwin’s Catholic Primary School", urn="124690",
        address="Fennel Road, Stockwell Green, Kidderminster, DY11 7QT", postcode="DY11 7QT",
        inspection_start=date(2015, 1, 28), inspection_end=date(2015, 1, 29), framework="2012",
        judgements=(("Overall effectiveness", "Good"), ("Leadership and management", "Good"),
                    ("Behaviour and safety of pupils", "Good"), ("Quality of teaching", "Good"),
                    ("Achievement of pupils", "Good"), ("Early years provision", "Requires improvement")),
        previous_grade="Satisfactory", special_measures=False,
        partnership_sentence="The school is part of the Severn Edge Schools Partnership, which provides joint "
                             "training for teachers and governors.",
        local_authority="Worcestershire", website="https://www.stcuthwins-catholic-primary.worcs.sch.uk/",
        email="office.administration@stcuthwins-catholic-primary.worcs.sch.uk"),
    ReportSpec(
        school_name="Oakhanger Vale Church of England Voluntary Aided Junior School", urn="141207",
        address="Mill Race, Thatcham, RG19 4XS", postcode="RG19 4XS", inspection_start=date(2022, 3, 15),
        inspection_end=date(2022, 3, 16), framework="2019",
        judgements=(("Overall effectiveness", "Inadequate"), ("The quality of education", "Inadequate"),
                    ("Behaviour and attitudes", "Requires improvement"),
                    ("Personal development", "Requires improvement"), ("Leadership and management", "Inadequate"),
                    ("Early years provision", "Requires improvement")),
        previous_grade="Good", special_measures=True,
        partnership_sentence="Leaders have recently begun to work with the Downland Schools Network to check "
                             "the accuracy of their assessments.",
        local_authority="West Berkshire", website="https://www.oakhangervalejuniorschool.org.uk/key-information/ofsted",
        email="admin.office@oakhangervale-junior.westberks.sch.uk", n_pages=7),
    ReportSpec(
        school_name="Brackenmoor Primary Academy", urn="148315", address="Tanner’s Way, Morley, Leeds, LS27 9QJ",
        postcode="LS27 9QJ", inspection_start=date(2025, 3, 18), inspection_end=date(2025, 3, 19),
        framework="2024",
        judgements=(("The quality of education", "Good"), ("Behaviour and attitudes", "Outstanding"),
                    ("Personal development", "Good"), ("Leadership and management", "Good"),
                    ("Early years provision", "Good")),
        previous_grade="Requires improvement", special_measures=False,
        partnership_sentence="The school is part of the Aire Valley Learning Trust, whose leaders visit regularly.",
        local_authority="Leeds", website="https://www.brackenmoorprimaryacademy.org.uk/about/inspection-reports",
        email="enquiries.office@brackenmoorprimaryacademy.org.uk"),
    ReportSpec(
        school_name="Brightwater Academy", urn="150833", address="12 Ferry Street, Hull, HU1 3EZ",
        postcode="HU1 3EZ", inspection_start=date(2026, 1, 13), inspection_end=None, framework="2025",
        judgements=(("Inclusion", "Strong standard"), ("Curriculum and teaching", "Expected standard"),
                    ("Achievement", "Expected standard"), ("Attendance and behaviour", "Strong standard"),
                    ("Personal development and wellbeing", "Exceptional"),
                    ("Leadership and governance", "Strong standard"), ("Early years", "Needs attention")),
        previous_grade=None, special_measures=False,
        partnership_sentence="Leaders draw on expertise from across the Humber Estuary Academies Trust.",
        local_authority="Kingston upon Hull, City of", website="https://www.brightwateracademy.org.uk/",
        email="office@brightwateracademy.org.uk", n_pages=3),
    ReportSpec(
        school_name="Hawthorn Rise Community Primary School", urn="107316",
        address="Ellerby Road, Southowram, Halifax, HX3 8NP", postcode="HX3 8NP",
        inspection_start=date(2011, 2, 7), inspection_end=date(2011, 2, 8), framework="2009",
        judgements=(("Overall effectiveness: how good is the school?", "2"),
                    ("The school's capacity for sustained improvement", "2"),
                    ("Outcomes for individuals and groups of pupils", "2"), ("Quality of provision", "2"),
                    ("Effectiveness of leadership and management", "3"),
                    ("Effectiveness of the Early Years Foundation Stage", "1")),
        previous_grade=None, special_measures=False,
        partnership_sentence="Pupils benefit from the school's membership of the Calder Rise Cluster, which "
                             "shares specialist sports coaching between its schools.",
        local_authority="Calderdale", website="https://www.hawthornrise.calderdale.sch.uk/",
        email="headteacher.admin@hawthornrise-community-primary.calderdale.sch.uk", n_pages=4),
)
DEMO_LETTER = LetterSpec(school_name="Greystone Fields Primary School", urn="136754",
                         address="Chapel Street, Netherby Bridge, Stoke-on-Trent, ST6 4QZ",
                         visit_start=date(2015, 12, 8), visit_end=date(2015, 12, 9))
CASE_STUDY_FILE = "demo-case-study-kestrel-vale.html"


def name_report(spec: ReportSpec) -> str:
    return f"demo-{spec.framework}-{spec.urn}.pdf"


def name_letter(spec: LetterSpec) -> str:
    return f"demo-monitoring-{spec.urn}.pdf"


def name_text_document() -> str:
    return f"demo-short-inspection-{SHORT_INSPECTION['urn']}.txt"


def write_demo_corpus(directory: str | Path) -> list[Path]:
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    paths = [write_report_pdf(spec, directory / name_report(spec)) for spec in DEMO_REPORTS]
    paths.append(write_letter(DEMO_LETTER, directory / name_letter(DEMO_LETTER)))
    paths.append(write_case_study_html(directory / CASE_STUDY_FILE))
    paths.append(write_text_document(directory / name_text_document()))
    return paths


OFFICIAL_DIGITS = {"Outstanding": "1", "Good": "2", "Requires improvement": "3", "Satisfactory": "3", "Inadequate": "4"}


def write_demo_official(directory: str | Path) -> list[Path]:
    """Invented official files for the demo schools, in the published formats (Windows-1252, a title
    row): Ofsted's latest-inspections file, which differs from the documents on one grade so the
    reconciliation has something to show, and a GIAS extract that gives the trusts."""
    import csv

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    latest = [["State-funded schools – latest inspections (invented for the demo)"],
              ["URN", "School name", "Local authority", "Postcode", "Inspection type", "Inspection start date",
               "Inspection end date", "Category of concern", "Latest OEIF overall effectiveness"]]
    gias = [["URN", "LA (name)", "EstablishmentName", "TypeOfEstablishment (name)", "EstablishmentStatus (name)",
             "PhaseOfEducation (name)", "Trusts (name)", "Postcode"]]
    for n, spec in enumerate(DEMO_REPORTS):
        truth = report_truth(spec)
        overall = OFFICIAL_DIGITS.get(truth["overall_effectiveness"] or "", "")
        if n == 0 and overall:
            overall = "1" if overall != "1" else "2"  # the one disagreement
        latest.append([spec.urn, spec.school_name, spec.local_authority, spec.postcode, "S5 Inspection",
                       spec.inspection_start.strftime("%d/%m/%Y"),
                       spec.inspection_end.strftime("%d/%m/%Y") if spec.inspection_end else "",
                       "SM" if spec.special_measures else "", overall])
        academy = "Academy" in spec.school_name
        gias.append([spec.urn, spec.local_authority, spec.school_name,
                     "Academy converter" if academy else "Community school", "Open", "Primary",
                     "Meadowbrook Learning Trust" if academy else "", spec.postcode])
    paths = []
    for name, rows in (("latest-inspections.csv", latest), ("edubasealldata.csv", gias)):
        with open(directory / name, "w", newline="", encoding="cp1252") as handle:
            csv.writer(handle).writerows(rows)
        paths.append(directory / name)
    return paths


def normalise_grade(framework: str, grade: str) -> str:
    """Sentence-case grade word; the 2009 framework printed digits."""
    if framework == "2009":
        return DIGIT_GRADES[grade]
    return grade[:1].upper() + grade[1:].lower()


def postcode_of(address: str) -> str:
    return POSTCODE.findall(address)[-1]


def report_truth(spec: ReportSpec) -> dict:
    judgements = {area: normalise_grade(spec.framework, grade) for area, grade in spec.judgements}
    partnership = layouts.find_partnership_name(spec.partnership_sentence)
    return {
        "kind": "inspection_report", "framework": spec.framework, "school_name": spec.school_name,
        "schools": [spec.school_name], "urn": spec.urn, "postcode": spec.postcode,
        "inspection_start": spec.inspection_start.isoformat(),
        "inspection_end": spec.inspection_end.isoformat() if spec.inspection_end else None,
        # for 2012 the "Overall effectiveness" judgement is the "This inspection:" grade
        "overall_effectiveness": next((g for a, g in judgements.items() if a.startswith("Overall effectiveness")),
                                      None),
        "previous_overall_effectiveness": normalise_grade(spec.framework, spec.previous_grade)
        if spec.previous_grade else None,
        "judgements": judgements, "special_measures": spec.special_measures,
        "partnerships": [partnership] if partnership else [],
    }


def document_truth(kind: str, **values) -> dict:
    base = {"kind": kind, "framework": None, "school_name": None, "schools": [], "urn": None, "postcode": None,
            "inspection_start": None, "inspection_end": None, "overall_effectiveness": None,
            "previous_overall_effectiveness": None, "judgements": {}, "special_measures": False,
            "partnerships": []}
    return {**base, **values}


def demo_truth() -> dict[str, dict]:
    """Expected values for every demo file, keyed by file name, built from the same data that drew them."""
    truth = {name_report(spec): report_truth(spec) for spec in DEMO_REPORTS}
    letter = DEMO_LETTER
    truth[name_letter(letter)] = document_truth(
        "monitoring_letter", school_name=letter.school_name, schools=[letter.school_name], urn=letter.urn,
        postcode=postcode_of(letter.address), inspection_start=letter.visit_start.isoformat(),
        inspection_end=letter.visit_end.isoformat() if letter.visit_end else None, special_measures=True)
    truth[CASE_STUDY_FILE] = document_truth(
        "case_study", schools=list(CASE_STUDY_SCHOOLS), partnerships=[CASE_STUDY_PARTNERSHIP])
    short = SHORT_INSPECTION
    truth[name_text_document()] = document_truth(
        "short_inspection_letter", school_name=short["school_name"], schools=[short["school_name"]],
        urn=short["urn"], postcode=short["postcode"], inspection_start=short["visit"].isoformat(),
        overall_effectiveness="Good", previous_overall_effectiveness="Good", partnerships=[short["alliance"]])
    return truth




def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    directory = Path(args[0]) if args else Path(__file__).parent / "demo"
    for path in write_demo_corpus(directory):
        print(path)
    for path in write_demo_official(directory.with_name(directory.name + "-official")):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
