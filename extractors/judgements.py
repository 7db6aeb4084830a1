"""Graded judgements as printed in a report's grade table, for every framework since 2005.

The span ruler marks area labels, grade words and the 'Previous inspection' / 'This
inspection' markers; a small state machine pairs each area with the grade printed
after it on the same row. A grade only counts when nothing but spacing, a colon or
a marker stands between it and its label, so prose ('leadership is good') never does.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from spacy.tokens import Doc

from extractors.nlp import pattern_meta
from extractors.patterns import extractor_version
from pipeline.models import Document, Judgement

NAME = "judgements"
VERSION = extractor_version(__file__, NAME)
SPANS_KEY = "judgement_cues"
FILLER = {":", "?", "-", "\u2013", "\u2014", ".", "\u2026", "(", ")"}
REPORT_CARD_SCALE = "report_card"


@dataclass(frozen=True)
class Item:
    kind: str          # AREA, PREVIOUS, THIS, GRADEWORD, GRADE, DIGIT, NL, WORD
    start: int         # token index
    end: int
    meta: dict | None = None


@dataclass(frozen=True)
class GradeTable:
    judgements: tuple[Judgement, ...]
    previous_grade: str | None
    previous_rule: str | None


def _items(doc: Doc) -> list[Item]:
    """Spans and the tokens between them, with spacing and fillers dropped."""
    meta = pattern_meta(NAME)
    spans = sorted(doc.spans[SPANS_KEY], key=lambda s: s.start) if SPANS_KEY in doc.spans else []
    items: list[Item] = []
    i = 0
    for span in spans + [None]:
        stop = span.start if span is not None else len(doc)
        while i < stop:
            tok = doc[i]
            if tok.is_space:
                if "\n" in tok.text:
                    items.append(Item("NL", i, i + 1))
            elif tok.text in FILLER:
                pass
            elif tok.text in ("1", "2", "3", "4"):
                items.append(Item("DIGIT", i, i + 1))
            else:
                items.append(Item("WORD", i, i + 1))
            if tok.whitespace_ == "" and i + 1 < len(doc) and "\n" in doc[i + 1].text:
                pass
            i += 1
        if span is not None:
            items.append(Item(span.label_, span.start, span.end, meta.get(span.id_)))
            i = span.end
    return items


def digit_grades(inspection_start: dt.date | None) -> dict[str, str]:
    """The meaning of grades 1-4 for the inspection's date (3 is Satisfactory before Sept 2012)."""
    day = (inspection_start or dt.date.max).isoformat()
    for pattern in pattern_meta(NAME).values():
        if pattern["label"] == "DIGITS" and day < pattern["before"]:
            return pattern["grades"]
    return {}


def _grade_meta(label: str) -> dict:
    for pattern in pattern_meta(NAME).values():
        if pattern["label"] == "GRADE" and pattern["grade"] == label:
            return pattern
    raise KeyError(label)


def _row_ends(items: list[Item], k: int) -> bool:
    """A grade closes its row: next comes a new line, a new label, a marker or a capitalised word."""
    if k >= len(items):
        return True
    return items[k].kind in ("NL", "AREA", "PREVIOUS", "THIS", "GRADEWORD") or items[k].kind == "WORD"


def find_grade_table(document: Document, doc: Doc, inspection_start: dt.date | None) -> GradeTable:
    items = _items(doc)
    digits = digit_grades(inspection_start)
    judgements: list[Judgement] = []
    seen_areas: set[str] = set()
    previous: tuple[str, str] | None = None
    area: Item | None = None      # the label waiting for its grade
    anchor: Item | None = None    # what the next grade would belong to
    line_broken = False           # a new line since the anchor (only markers may bridge it)

    def emit(grade: str, rule: str, grade_item: Item, digit_item: Item | None) -> None:
        nonlocal area, anchor
        assert area is not None
        text = " ".join(doc[area.start: area.end].text.split())
        printed = area.meta.get("area_as") or text
        if printed.lower() not in seen_areas:
            seen_areas.add(printed.lower())
            judgements.append(_judgement(document, doc, area, printed, grade, rule, grade_item, digit_item))
        area = anchor = None

    k = 0
    while k < len(items):
        item = items[k]
        if item.kind == "AREA":
            before = items[k - 1].kind if k else "NL"
            starts_row = before in ("NL", "DIGIT", "GRADE", "THIS", "PREVIOUS") or (
                before == "WORD" and doc[items[k - 1].start].like_num)
            area, anchor, line_broken = (item, item, False) if starts_row else (None, None, False)
        elif item.kind in ("PREVIOUS", "THIS", "GRADEWORD"):
            if item.kind == "GRADEWORD" and area is None:
                anchor = None
            else:
                anchor, line_broken = item, False
        elif item.kind == "NL":
            line_broken = anchor is not None
        elif item.kind == "GRADE" and anchor is not None and not line_broken:
            word = doc[item.start].text
            digit_item = items[k + 1] if k + 1 < len(items) and items[k + 1].kind == "DIGIT" else None
            after = k + (2 if digit_item else 1)
            if word[:1].isupper() and _row_ends(items, after):
                if anchor.kind == "PREVIOUS":
                    if previous is None:
                        previous = (item.meta["grade"], anchor.meta["id"])
                    anchor = None
                elif area is not None:
                    emit(item.meta["grade"], item.meta["id"], item, digit_item)
                k = after
                continue
            area = anchor = None
        elif item.kind == "DIGIT" and anchor is not None and not line_broken and _row_ends(items, k + 1):
            grade = digits.get(doc[item.start].text)
            if grade and anchor.kind == "PREVIOUS" and previous is None:
                previous = (grade, anchor.meta["id"])
                anchor = None
            elif grade and area is not None:
                emit(grade, "digits", item, None)
        elif item.kind in ("WORD", "GRADE", "DIGIT"):
            area = anchor = None
        k += 1
    return GradeTable(tuple(judgements), previous[0] if previous else None, previous[1] if previous else None)


def _judgement(document: Document, doc: Doc, area: Item, printed: str, grade: str, rule: str,
               grade_item: Item, digit_item: Item | None) -> Judgement:
    meta = _grade_meta(grade)
    start = doc[area.start].idx
    last = doc[(digit_item or grade_item).end - 1]
    end = last.idx + len(last.text)
    score = meta["score"]
    if digit_item is not None and meta["scale"] != REPORT_CARD_SCALE:
        score = int(doc[digit_item.start].text)
    return Judgement(
        area=printed,
        area_key=area.meta["area_key"],
        grade=grade,
        grade_score=score,
        grade_scale=meta["scale"],
        grade_rank=meta["rank"],
        page=document.page_at(start),
        start_char=start,
        end_char=end,
        evidence=" ".join(document.text[start:end].split()),
        rule_id=f"{area.meta['id']}+{rule}",
    )
