"""What a document is: its kind, the Ofsted remit it belongs to and the type of inspection.

An Ofsted document says what it is in its title, and the other remits (local authority
children's services, independent schools' regulatory visits, trusts, further education,
early years, social care) share words with school reports, so their titles are tried first.
A school's inspection report needs both a school-report title and evidence that the
document is about a school; nothing is taken for a school's section 5 inspection because
no other sign was found.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.patterns import compiled, load_patterns
from extractors.versions import EXTRACTOR_VERSIONS
from pipeline.models import CASE_STUDY, INSPECTION_REPORT, OTHER, Document

NAME = "kind"
VERSION = EXTRACTOR_VERSIONS[NAME]  # a hash of this module and its pattern file
HEAD_CHARS = 1500  # titles and page-1 headings live here; quotations further down do not count
HEAD_LINES = 30
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u2013": "-", "\u2014": "-",
                         "\u2010": "-", "\u2011": "-", "\u2212": "-", "\u2500": "-", "\t": " "})
_SPACES = re.compile(r"\s+")
_SPLIT_POSSESSIVE = re.compile(r"(\w) ' ?s\b")


@dataclass(frozen=True)
class KindDecision:
    kind: str
    remit: str
    inspection_type: str | None
    framework: str | None
    rule_ids: tuple[str, ...]


def fold(text: str) -> str:
    """Quotes and dashes of every kind as ASCII, tabs as spaces (a title's words, not its layout)."""
    return _SPLIT_POSSESSIVE.sub(r"\1's", text.translate(_QUOTES))


def title_zones(document: Document) -> dict[str, str]:
    """The texts rules look at: the title block's lines, the same joined into one line (titles
    wrap), and the whole text."""
    lines = [line.strip() for line in fold((document.title or "") + "\n" + document.text[:HEAD_CHARS]).split("\n")]
    head_lines = "\n".join(line for line in lines if line)
    head_lines = "\n".join(head_lines.split("\n")[:HEAD_LINES])
    return {"head_lines": head_lines, "head": _SPACES.sub(" ", head_lines), "any": fold(document.text)}


def _fires(pattern: dict, regex, zones: dict[str, str]) -> bool:
    zone = zones[pattern["zone"]]
    need = pattern.get("min_count", 1)
    if need > 1:
        if sum(1 for _ in zip(range(need), regex.finditer(zone))) < need:
            return False
    elif not regex.search(zone):
        return False
    if "requires" in pattern and not re.search(pattern["requires"], zone, re.I | re.M):
        return False
    if "unless" in pattern:
        veto = re.compile(pattern["unless"], re.I | re.M)
        if sum(1 for _ in zip(range(pattern.get("unless_count", 1)), veto.finditer(zone))) >= pattern.get("unless_count", 1):
            return False
    return True


def _thresholds() -> dict:
    return next(p for p in load_patterns(NAME) if p["rule"] == "thresholds")


def _weights(zones: dict[str, str]) -> tuple[dict[str, int], list[str]]:
    scores: dict[str, int] = {}
    fired = []
    for pattern, regex in compiled(NAME):
        if pattern["rule"] == "signal" and _fires(pattern, regex, zones):
            scores[pattern["kind"]] = scores.get(pattern["kind"], 0) + int(pattern["weight"])
            fired.append(pattern["id"])
    return scores, fired


def classify_document(document: Document) -> KindDecision:
    zones = title_zones(document)
    scores, signals = _weights(zones)
    limits = _thresholds()
    school, case = scores.get("school", 0), scores.get(CASE_STUDY, 0)
    for pattern, regex in compiled(NAME):
        if pattern["rule"] != "title" or not _fires(pattern, regex, zones):
            continue
        looks_like_school = school >= limits["school_evidence"] and case <= school
        if pattern.get("needs") == ("not_school" if looks_like_school else "school"):
            continue
        decision = KindDecision(pattern["kind"], pattern["remit"], pattern.get("inspection_type"),
                                pattern.get("framework"), (pattern["id"],))
        return _with_remit(decision, zones) if decision.kind == INSPECTION_REPORT else decision
    if case >= limits["case_study"] and not scores.get("ofsted"):  # an Ofsted report is no case study

        return KindDecision(CASE_STUDY, "other", None, None, tuple(signals))
    return KindDecision(OTHER, "other", None, None, ())


def _with_remit(decision: KindDecision, zones: dict[str, str]) -> KindDecision:
    """A school report whose own statements name another remit (an independent school's
    standard inspection lists the independent school standards)."""
    for pattern, regex in compiled(NAME):
        if pattern["rule"] == "remit" and _fires(pattern, regex, zones):
            return KindDecision(decision.kind, pattern["remit"], pattern.get("inspection_type", decision.inspection_type),
                                decision.framework, decision.rule_ids + (pattern["id"],))
    return decision
