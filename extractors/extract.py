"""One document in, every record the extractors find out: the single entry point for extraction."""
from __future__ import annotations

from extractors import dates
from extractors.identity import extract_identity
from extractors.inspection import build_inspection, framework_for
from extractors.judgements import GradeTable, find_grade_table
from extractors.kind import classify_document
from extractors.nlp import analyse
from extractors.partnerships import extract_partnerships
from extractors.versions import EXTRACTOR_VERSION, EXTRACTOR_VERSIONS
from pipeline.models import CASE_STUDY, INSPECTION_REPORT, OTHER, Document, Extraction

GRADED_KINDS = (INSPECTION_REPORT, OTHER)  # letters carry no grade table


def extract_document(document: Document) -> Extraction:
    decision = classify_document(document)
    doc = analyse(document.text)
    mentions = tuple(extract_partnerships(document, doc))
    if decision.kind == CASE_STUDY:
        return Extraction(decision.kind, None, (), mentions, EXTRACTOR_VERSION)
    found_dates = dates.inspection_dates(document)
    start = found_dates[0]
    if decision.kind in GRADED_KINDS:
        table = find_grade_table(document, doc, start)
    else:
        table = GradeTable((), None, None)
    found = extract_identity(document)
    if decision.kind == OTHER and not table.judgements and start is None:
        return Extraction(decision.kind, None, (), mentions, EXTRACTOR_VERSION)
    record = build_inspection(decision.kind, decision.remit, document, found, table, found_dates)
    return Extraction(decision.kind, record, table.judgements, mentions, EXTRACTOR_VERSION)


__all__ = ["extract_document", "EXTRACTOR_VERSION", "EXTRACTOR_VERSIONS", "framework_for"]
