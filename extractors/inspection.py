"""The inspection a document records: identity, dates, type, framework, grades and designations."""
from __future__ import annotations

import datetime as dt

from extractors.dates import inspection_dates
from extractors.identity import Identity
from extractors.judgements import GradeTable
from extractors.kind import KindDecision
from extractors.patterns import compiled, load_patterns
from extractors.sentences import sentence_around
from extractors.versions import EXTRACTOR_VERSIONS
from pipeline.models import (
    INSPECTION_REPORT,
    OTHER,
    SHORT_INSPECTION_LETTER,
    Document,
    Inspection,
)

NAME = "inspection"
VERSION = EXTRACTOR_VERSIONS[NAME]  # a hash of this module and its pattern file
REPORT_CARD_LEGEND_LINES = 3  # the five-grade colour legend prints at least this many grade lines


def _regexes(field: str):
    return [(p, r) for p, r in compiled(NAME) if p["field"] == field]


def _setting(field: str) -> dict:
    return next(p for p in load_patterns(NAME) if p["field"] == field)


def framework_for(start: dt.date | None, document: Document) -> str | None:
    """The framework era from the inspection's first day; a report card's legend if undated."""
    if start is None:
        legend = sum(len(r.findall(document.text[:3000])) for _, r in _regexes("report_card"))
        return _setting("report_card_framework")["framework"] if legend >= REPORT_CARD_LEGEND_LINES else None
    eras = _setting("eras")["eras"]
    day = start.isoformat()
    return next(era for before, era in eras if day < before)


def designations(document: Document) -> dict[str, bool]:
    """Special measures, serious weaknesses, notice to improve: a formal statement, not history.

    A statement that the school no longer has the designation wins over one that it has.
    """
    text = document.text
    history = [r for _, r in _regexes("history")]
    found: dict[str, bool] = {}
    for field in ("special_measures", "serious_weaknesses", "notice_to_improve"):
        rules = _regexes(field)
        negated = any(r.search(text) for p, r in rules if not p["value"])
        asserted = any(
            p.get("history_exempt") or not any(h.search(sentence_around(text, m.start(), m.end())) for h in history)
            for p, r in rules if p["value"] for m in r.finditer(text)
        )
        found[field] = asserted and not negated
    if found["notice_to_improve"]:
        found["serious_weaknesses"] = True  # successive names for the same category of concern
    return found


def _first_value(document: Document, field: str) -> str | None:
    best = None
    for pattern, regex in _regexes(field):
        m = regex.search(document.text)
        if m and (best is None or m.start() < best[0]):
            value = pattern.get("value") or pattern.get("grade") or m.group(pattern.get("grade_group", 0))
            best = (m.start(), value)
    return best[1] if best else None


def inspection_type_for(decision: KindDecision, document: Document) -> str:
    """The type a title rule gives; for a school's report, what its own statements say
    (section 5 unless it says section 8 or the older section 10)."""
    if decision.kind == INSPECTION_REPORT and decision.remit == "school":
        return _first_value(document, "inspection_type") or decision.inspection_type or "section_5"
    return decision.inspection_type or "other"


def framework_of(decision: KindDecision, start: dt.date | None, document: Document) -> str | None:
    """A remit's own framework where it has one (local authorities: la2009, sif, ilacs); the
    school-framework era for schools and the remits inspected under the same frameworks;
    none for regulatory visits and trust evaluations."""
    if decision.framework:
        return decision.framework
    graded_remit = decision.remit in ("school", "early_years", "further_education") or (
        decision.remit == "independent_school" and decision.kind == INSPECTION_REPORT)
    return framework_for(start, document) if graded_remit else None


def overall_for(decision: KindDecision, framework: str | None, table: GradeTable, document: Document,
                stated: str | None = None, designated: bool = False) -> str | None:
    if stated:  # the report's own overall sentence (early years: "The provision is good")
        return stated
    for judgement in table.judgements:
        if judgement.area_key == "overall_effectiveness":
            return judgement.grade
    if decision.remit not in ("school", "early_years") or framework in _setting("no_overall_grade")["frameworks"]:
        return None  # no overall grade from September 2024; other remits' overall is their table's
    if decision.kind == SHORT_INSPECTION_LETTER:
        value = _first_value(document, "overall_continues")
        return value.capitalize() if value else None
    if decision.kind in (INSPECTION_REPORT, OTHER):
        value = _first_value(document, "overall_summary")
        if value:
            return value[:1].upper() + value[1:].lower()
    if designated and decision.kind == INSPECTION_REPORT:
        return "Inadequate"  # special measures and serious weaknesses are the two categories of an inadequate school
    return None


def build_inspection(decision: KindDecision, document: Document, identity: Identity, table: GradeTable,
                     dates: tuple | None = None, stated_overall: str | None = None) -> Inspection:
    start, end, date_finding = dates or inspection_dates(document)
    framework = framework_of(decision, start, document)
    is_school = decision.remit == "school"
    flags = designations(document) if is_school else {}  # the categories of concern are a school's
    evidence = [f"kind: {', '.join(decision.rule_ids)}"] if decision.rule_ids else []
    if date_finding is not None:
        evidence.append(f"dates: {' '.join(date_finding.text.split())} [{date_finding.rule_id}]")
    if identity.rule_ids:
        evidence.append("identity: " + ", ".join(identity.rule_ids))
    safeguarding = _first_value(document, "safeguarding")
    return Inspection(
        school_name=identity.school_name,
        urn=identity.urn,
        postcode=identity.postcode,
        local_authority=identity.local_authority,
        school_type=identity.school_type,
        school_category=identity.school_category,
        inspection_start=start,
        inspection_end=end,
        inspection_type=inspection_type_for(decision, document),
        framework=framework,
        remit=decision.remit,
        overall_effectiveness=overall_for(decision, framework, table, document, stated_overall,
                                          bool(flags.get("special_measures") or flags.get("serious_weaknesses"))),
        previous_overall_effectiveness=table.previous_grade if decision.remit in ("school", "early_years") else None,
        special_measures=flags.get("special_measures"),
        serious_weaknesses=flags.get("serious_weaknesses"),
        notice_to_improve=flags.get("notice_to_improve"),
        safeguarding=safeguarding,
        evidence="; ".join(evidence) or None,
    )
