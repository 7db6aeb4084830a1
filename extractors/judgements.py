"""Graded judgements as printed in a report's grade table, for every framework since 2005.

The span ruler marks area labels, grade words and the 'Previous inspection' / 'This
inspection' markers; a small state machine pairs each area with the grade printed
after it on the same row. A grade only counts when nothing but spacing, a colon or
a marker stands between it and its label, so prose ('leadership is good') never does.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from spacy.tokens import Doc

from extractors.nlp import pattern_meta
from extractors.patterns import compiled
from extractors.versions import EXTRACTOR_VERSIONS
from pipeline.models import Document, Judgement

NAME = "judgements"
VERSION = EXTRACTOR_VERSIONS[NAME]  # a hash of this module and its pattern file
SPANS_KEY = "judgement_cues"
FILLER = {":", "?", "-", "\u2013", "\u2014", ".", "\u2026", "(", ")"}
REPORT_CARD_SCALE = "report_card"


@dataclass(frozen=True)
class Item:
    kind: str          # AREA, PREVIOUS, THIS, GRADEWORD, GRADE, DIGIT, NL, WORD
    start: int         # token index of a span (-1 for text between spans)
    end: int
    meta: dict | None = None
    text: str = ""


_CONTENTS = re.compile(r"^\s*(?:table of )?contents\s*$", re.I | re.M)
_PAGE_NUMBER_AT_END = re.compile(r"(?:\t|\s)\d{1,3}$")


@dataclass(frozen=True)
class GradeTable:
    judgements: tuple[Judgement, ...]
    previous_grade: str | None
    previous_rule: str | None


_PIECE = re.compile(r"\n|[^\s]+")
_FILLER_CHARS = "".join(FILLER)
_NUMBERING = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?$")  # "1.", "2.1": a numbered row of a grade table
_DASHES = set(":-\u2013\u2014")


def _piece_item(piece: str) -> Item:
    if piece == "\n":
        return Item("NL", -1, -1)
    core = piece.strip(_FILLER_CHARS)
    if not core:
        return Item("DASH", -1, -1)
    if core in ("1", "2", "3", "4") and not piece.endswith("."):
        return Item("DIGIT", -1, -1, text=core)
    return Item("NUMBER" if _NUMBERING.match(piece) else "WORD", -1, -1, text=core)


def _gap_items(gap: str) -> list[Item]:
    """What stands between two spans, as far as the state machine cares: the pieces up to the
    first word (which resets it) and the last piece (which decides whether a label starts a row).
    A dash or colon between a label and its grade is kept (it lets a lower-case grade count)."""
    pieces = [p for p in _PIECE.findall(gap) if p == "\n" or p.strip(_FILLER_CHARS) or _DASHES & set(p)]
    items: list[Item] = []
    for piece in pieces:
        items.append(_piece_item(piece))
        if items[-1].kind in ("WORD", "NUMBER"):
            break
    if len(items) < len(pieces):
        items.append(_piece_item(pieces[-1]))
    return items


def _items(doc: Doc, text: str) -> list[Item]:
    """Spans, and between them only the pieces of text that can change a row's meaning.

    `text` is the text `doc` was made from (Doc.text rebuilds it token by token: slow)."""
    meta = pattern_meta(NAME)
    spans = sorted(doc.spans[SPANS_KEY], key=lambda s: s.start) if SPANS_KEY in doc.spans else []
    items: list[Item] = []
    offset = 0
    for span in spans:
        items.extend(_gap_items(text[offset: span.start_char]))
        items.append(Item(span.label_, span.start, span.end, meta.get(span.id_), text=span.text))
        offset = span.end_char
    items.extend(_gap_items(text[offset:]))
    return items


def digit_scale(inspection_start: dt.date | None, framework: str | None = None) -> tuple[str | None, dict[str, str]]:
    """The meaning of grades 1-4 and the id of the pattern that says so: the framework's own scale
    where it has one (local authorities' 3 is Adequate), else by the inspection's date (3 is
    Satisfactory before Sept 2012)."""
    day = (inspection_start or dt.date.max).isoformat()
    scales = [p for p in pattern_meta(NAME).values() if p["label"] == "DIGITS"]
    for pattern in scales:
        if framework and framework in pattern.get("frameworks", ()):
            return pattern["id"], pattern["grades"]
    for pattern in scales:
        if not pattern.get("frameworks") and day < pattern["before"]:
            return pattern["id"], pattern["grades"]
    return None, {}


def page_digit_key(text: str) -> dict[str, str]:
    """What a page's own key says each digit means ("1 is outstanding, 2 is good, ..."); empty
    unless it keys grade 1. The key's pattern is early_years.patterns.jsonl's "key" rule."""
    key: dict[str, str] = {}
    for pattern, regex in compiled("early_years"):
        if pattern["rule"] == "key":
            for m in regex.finditer(text):
                key.setdefault(m.group("digit"), " ".join(m.group("grade").split()).capitalize())
    return key if "1" in key else {}


def contents_lines(text: str) -> list[tuple[int, int]]:
    """Spans of a contents list: the lines after a 'Contents' heading that end in a page number
    ("Capacity to improve 4" there is a page, not a grade)."""
    spans = []
    for heading in _CONTENTS.finditer(text):
        position = heading.end()
        misses = 0
        while position < len(text) and misses <= 1:
            end = text.find("\n", position + 1)
            end = len(text) if end == -1 else end
            line = text[position:end].strip()
            if _PAGE_NUMBER_AT_END.search(line):
                spans.append((position, end))
                misses = 0
            else:
                misses += 1
            position = end
    return spans


def _grade_meta(label: str) -> dict:
    for pattern in pattern_meta(NAME).values():
        if pattern["label"] == "GRADE" and pattern["grade"] == label:
            return pattern
    raise KeyError(label)


def _alone_below(items: list[Item], k: int, own_line: bool) -> bool:
    """A grade on a line of its own under a label on a line of its own ("Effectiveness of
    leadership and management" / "Requires improvement"), the layout web copies print."""
    if not own_line or items[k - 1].kind != "NL" or not items[k].text[:1].isupper():
        return False
    after = k + 1
    return after >= len(items) or items[after].kind == "NL"


def _row_ends(items: list[Item], k: int) -> bool:
    """A grade closes its row unless more grade follows (a digit printed after the word belongs to it)."""
    return k >= len(items) or items[k].kind not in ("GRADE", "DIGIT")


LA_FRAMEWORKS = ("la2009", "sif", "ilacs")  # local authority scales: digits count only as "Grade n"


def find_grade_table(document: Document, doc: Doc, inspection_start: dt.date | None,
                     framework: str | None = None) -> GradeTable:
    items = _items(doc, document.text)
    digits_rule, digits = digit_scale(inspection_start, framework)
    if not digits:  # an undated page (a copy of page 4): the key it prints says what the digits mean
        digits_rule, digits = "page-digit-key", page_digit_key(document.text)
    bare_digits = framework not in LA_FRAMEWORKS
    contents = contents_lines(document.text)
    judgements: list[Judgement] = []
    seen_areas: set[str] = set()
    previous: tuple[str, str] | None = None
    area: Item | None = None      # the label waiting for its grade
    anchor: Item | None = None    # what the next grade would belong to
    line_broken = False           # a new line since the anchor (only markers may bridge it)
    dashed = False                # a dash or colon since the anchor: a lower-case grade may follow
    own_line = False              # the label stands alone on its line: its grade may stand alone on the next

    def emit(grade: str, rule: str, grade_item: Item, digit_item: Item | None) -> None:
        nonlocal area, anchor
        assert area is not None
        text = " ".join(doc[area.start: area.end].text.split())
        printed = area.meta.get("area_as") or text
        if area.meta["area_key"] not in seen_areas:  # one grade per area: a later heading repeats the table
            seen_areas.add(area.meta["area_key"])
            judgements.append(_judgement(document, doc, area, printed, grade, rule, grade_item, digit_item))
        area = anchor = None

    def in_contents(item: Item) -> bool:
        offset = doc[item.start].idx
        return any(a <= offset < b for a, b in contents)

    k = 0
    while k < len(items):
        item = items[k]
        if item.kind == "AREA":
            before = items[k - 1].kind if k else "NL"
            starts_row = before in ("NL", "DIGIT", "GRADE", "THIS", "PREVIOUS", "NUMBER", "GRADEWORD") or (
                before == "WORD" and items[k - 1].text.isdigit())
            if starts_row and not (contents and in_contents(item)):
                area, anchor = item, item
            else:
                area = anchor = None
            line_broken = dashed = own_line = False
        elif item.kind in ("PREVIOUS", "THIS", "GRADEWORD"):
            if item.kind == "GRADEWORD" and area is None:
                anchor = None
            else:
                anchor, line_broken = item, False
        elif item.kind == "NL":
            own_line = anchor is not None and (own_line or (anchor is area and items[k - 1] is area))
            line_broken = anchor is not None
        elif item.kind == "DASH":
            dashed = anchor is not None and not line_broken
        elif item.kind == "GRADE" and anchor is not None and (not line_broken or _alone_below(items, k, own_line)):
            word = item.text
            digit_item = items[k + 1] if k + 1 < len(items) and items[k + 1].kind == "DIGIT" else None
            after = k + (2 if digit_item else 1)
            if (word[:1].isupper() or dashed or anchor.kind == "GRADEWORD") and _row_ends(items, after):
                if anchor.kind == "PREVIOUS":
                    if previous is None:
                        previous = (item.meta["grade"], anchor.meta["id"])
                    anchor = None
                elif area is not None:
                    emit(item.meta["grade"], item.meta["id"], item, digit_item)
                k = after
                continue
            area = anchor = None
        elif item.kind == "DIGIT" and anchor is not None and not line_broken:
            if k + 1 < len(items) and items[k + 1].kind == "GRADE":
                k += 1  # "Grade 4 (inadequate)": the word that follows decides
                continue
            grade = digits.get(item.text) if (bare_digits or anchor.kind == "GRADEWORD") else None
            if grade and anchor.kind == "PREVIOUS" and previous is None:
                previous = (grade, anchor.meta["id"])
                anchor = None
            elif grade and area is not None:
                emit(grade, digits_rule, item, None)
        elif item.kind in ("WORD", "GRADE", "DIGIT", "NUMBER"):
            area = anchor = None
        k += 1
    judgements.extend(_headline_judgements(document, seen_areas))
    return GradeTable(tuple(judgements), previous[0] if previous else None, previous[1] if previous else None)


def _headline_judgements(document: Document, seen_areas: set[str]) -> list[Judgement]:
    """Judgements a report states as a headline sentence, not in a table ("Children's services
    in Norfolk are inadequate"; "The Local Safeguarding Children Board is good")."""
    found = []
    for pattern, regex in compiled(NAME):
        if pattern["label"] != "SENTENCE" or pattern["area_key"] in seen_areas:
            continue
        m = regex.search(document.text)
        if not m:
            continue
        grade = _grade_for_phrase(m.group("grade"))
        if grade is None:
            continue
        meta = _grade_meta(grade)
        seen_areas.add(pattern["area_key"])
        found.append(Judgement(
            area=pattern["area_as"], area_key=pattern["area_key"], grade=grade, grade_score=meta["score"],
            grade_scale=meta["scale"], grade_rank=meta["rank"], page=document.page_at(m.start()),
            start_char=m.start(), end_char=m.end(), evidence=" ".join(m.group().split()), rule_id=pattern["id"]))
    return found


def _grade_for_phrase(phrase: str) -> str | None:
    """The grade label a phrase names ("require improvement to be good" -> Requires improvement)."""
    folded = " ".join(phrase.lower().split())
    for pattern in pattern_meta(NAME).values():
        if pattern["label"] == "GRADE" and folded == pattern["pattern"].lower():
            return pattern["grade"]
    if "improvement" in folded:  # "require(s) improvement (to be good)"
        return "Requires improvement"
    return None


def _judgement(document: Document, doc: Doc, area: Item, printed: str, grade: str, rule: str,
               grade_item: Item, digit_item: Item | None) -> Judgement:
    meta = _grade_meta(grade)
    start = doc[area.start].idx
    area_end = doc[area.end - 1].idx + len(doc[area.end - 1].text)
    if grade_item.start >= 0:  # a grade word: a span of tokens
        end = doc[grade_item.end - 1].idx + len(doc[grade_item.end - 1].text)
    else:  # a digit grade: the first such digit after the label
        end = document.text.find(grade_item.text, area_end) + len(grade_item.text)
    if digit_item is not None:  # the digit printed after the grade word ends the evidence
        found = document.text.find(digit_item.text, end)
        end = found + len(digit_item.text) if found != -1 else end
    score = meta["score"]
    if digit_item is not None and meta["scale"] != REPORT_CARD_SCALE:
        score = int(digit_item.text)
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
