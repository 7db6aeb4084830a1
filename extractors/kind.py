"""Which kind of document this is: inspection report, letter, case study or other."""
from __future__ import annotations

from dataclasses import dataclass

from extractors.patterns import compiled
from extractors.versions import EXTRACTOR_VERSIONS
from pipeline.models import OTHER, Document

NAME = "kind"
VERSION = EXTRACTOR_VERSIONS[NAME]  # a hash of this module and its pattern file
HEAD_CHARS = 1500  # titles and page-1 headings live here; quotations further down do not count


@dataclass(frozen=True)
class KindDecision:
    kind: str
    remit: str
    scores: dict[str, int]
    rule_ids: tuple[str, ...]


def classify_document(document: Document) -> KindDecision:
    """The kind with the highest total weight of matching patterns (each pattern counts once)."""
    head = ((document.title or "") + "\n" + document.text[:HEAD_CHARS]).strip()
    scores: dict[str, int] = {}
    fired: list[dict] = []
    for pattern, regex in compiled(NAME):
        zone = head if pattern["zone"] == "head" else document.text
        if regex.search(zone):
            scores[pattern["kind"]] = scores.get(pattern["kind"], 0) + int(pattern["weight"])
            fired.append(pattern)
    if not scores:
        return KindDecision(OTHER, "unknown", {}, ())
    kind = max(scores, key=lambda k: (scores[k], k == OTHER))
    remits = [p["remit"] for p in fired if p["kind"] == kind and p.get("remit")]
    remit = remits[0] if remits else ("school" if kind != OTHER else "unknown")
    return KindDecision(kind, remit, scores, tuple(p["id"] for p in fired if p["kind"] == kind))
