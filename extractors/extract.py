"""One document in, every record the extractors find out: the single entry point for extraction."""
from __future__ import annotations

from extractors import dates
from extractors.activities import extract_activities
from extractors.early_years import read_early_years
from extractors.grade_mentions import extract_grade_mentions
from extractors.identity import extract_identity
from extractors.inspection import build_inspection, framework_for
from extractors.judgements import GradeTable, find_grade_table
from extractors.kind import classify_document
from extractors.membership import extract_members, main_partnership
from extractors.metrics import extract_metrics
from extractors.nlp import analyse
from extractors.partnerships import extract_partnerships
from extractors.unrolled import with_unrolled_details
from extractors.versions import EXTRACTOR_VERSION, EXTRACTOR_VERSIONS
from extractors.web_page import claim_mentions, read_page, with_page_subject
from pipeline.models import (
    CASE_STUDY,
    INSPECTION_REPORT,
    MONITORING_LETTER,
    OTHER,
    SHORT_INSPECTION_LETTER,
    Document,
    Extraction,
)

EARLY_YEARS = "early_years"
GRADED_KINDS = (INSPECTION_REPORT, OTHER, MONITORING_LETTER)  # monitoring letters grade progress; short ones nothing


def extract_document(page_document: Document) -> Extraction:
    # a report copied into a web page is read without the page's own lines; their claims are kept apart
    page = read_page(page_document)
    document = page.report
    decision = classify_document(document)
    doc = analyse(document.text)
    mentions = extract_partnerships(document, doc)
    main = main_partnership(mentions)
    prose = {
        "activities": tuple(extract_activities(document, main[0] if main else None)),
        # a report's own grades are its grade table; grades quoted in prose live in case studies,
        # letters and pages that are not Ofsted's (an Ofsted report's prose grades other providers)
        "grade_mentions": (*claim_mentions(page_document, page),
                           *(extract_grade_mentions(document) if _quotes_grades(decision) else ())),
        "metrics": tuple(extract_metrics(document)),
    }
    if decision.kind == CASE_STUDY:
        members = tuple(extract_members(document, mentions, None))
        return Extraction(kind=decision.kind, inspection=None, partnerships=tuple(mentions),
                          extractor_version=EXTRACTOR_VERSION, members=members, **prose)
    details = with_unrolled_details(document)  # identity and dates also read an unrolled details table
    found_dates = dates.inspection_dates(details)
    start = found_dates[0]
    if decision.kind in GRADED_KINDS:
        table = find_grade_table(document, doc, start, decision.framework)
    else:
        table = GradeTable((), None, None)
    stated_overall = None
    if decision.remit == EARLY_YEARS:
        table, stated_overall = _with_early_years(document, table, start)
    found = with_page_subject(extract_identity(details, decision.remit), page)
    members = tuple(extract_members(document, mentions, found if decision.remit == "school" else None))
    if decision.kind == OTHER and not table.judgements and start is None:
        return Extraction(kind=decision.kind, inspection=None, partnerships=tuple(mentions),
                          extractor_version=EXTRACTOR_VERSION, members=members, **prose)
    inspection = build_inspection(decision, document, found, table, found_dates, stated_overall)
    return Extraction(kind=decision.kind, inspection=inspection,
                      judgements=table.judgements, partnerships=tuple(mentions), extractor_version=EXTRACTOR_VERSION,
                      members=members, **prose)




def _with_early_years(document: Document, table: GradeTable, start) -> tuple[GradeTable, str | None]:
    """An early years report's own grade forms first; the grade table's rows for other areas stay."""
    found = read_early_years(document, start)
    keys = {j.area_key for j in found.judgements}
    rows = tuple(sorted(found.judgements + tuple(j for j in table.judgements if j.area_key not in keys),
                        key=lambda j: j.start_char))
    previous = found.previous_grade or table.previous_grade
    rule = "early_years" if found.previous_grade else table.previous_rule
    return GradeTable(rows, previous, rule), found.overall


def _quotes_grades(decision) -> bool:
    return decision.kind in (CASE_STUDY, MONITORING_LETTER, SHORT_INSPECTION_LETTER) or (
        decision.kind == OTHER and decision.remit == "other")


__all__ = ["extract_document", "EXTRACTOR_VERSION", "EXTRACTOR_VERSIONS", "framework_for"]
