"""Early years reports' grades, in the forms each framework since 2005 prints them.

- The overall grade is a sentence: "The provision is good" (2019 on, under "What is it like
  to attend this early years setting?"), "This provision is good" (2012-19),
  "Overall the quality of the provision is outstanding" (2008-12).
- 2005-08 childcare inspections give one sentence per outcome heading ("Helping children to
  be healthy" / "The provision is good") and state the headline judgements as sentences ("The
  quality and standards of the care are good").
- Digit tables (2008-15) are read from their labels even when a web copy flattens them: a label
  may have its row's cells inside it ("The quality and standards of the This inspection: 2 early
  years provision", "children who 2 attend") or after it one per line, dates first.

A digit stays a digit ("2") unless the page carries the key that says what it means; a table's
overall row takes the word of the overall sentence when the two agree.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.judgements import digit_scale, page_digit_key
from extractors.patterns import load_patterns
from extractors.versions import EXTRACTOR_VERSIONS
from pipeline.models import Document, Judgement

NAME = "early_years"
VERSION = EXTRACTOR_VERSIONS[NAME]  # a hash of this module and its pattern file
GRADE_WORDS = ("requires improvement", "outstanding", "satisfactory", "inadequate", "good")
_SCORES = {"outstanding": 1, "good": 2, "satisfactory": 3, "requires improvement": 3, "inadequate": 4}


@dataclass(frozen=True)
class EarlyYearsGrades:
    overall: str | None          # the overall grade as a word, from its sentence
    overall_rule: str | None
    judgements: tuple[Judgement, ...]
    previous_grade: str | None   # the table's previous inspection grade, a digit unless the page keys it


def _rows(rule: str) -> list[dict]:
    return [p for p in load_patterns(NAME) if p["rule"] == rule]


def _fill(regex: str) -> str:
    return regex.replace("{GRADE}", "(?:" + "|".join(w.replace(" ", r"\s+") for w in GRADE_WORDS) + ")")


@lru_cache(maxsize=1)
def _compiled() -> dict:
    cells = _rows("cell")
    noise = "|".join(f"(?:{p['regex']})" for p in cells)
    sep = rf"(?:\s*(?:{noise}))*\s+"
    tables = []
    for row in _rows("table_label"):
        body = sep.join(_label_word(w) for w in row["label"].split())
        tables.append((row, re.compile(rf"(?<!\w){body}[ \t]*[.:]?(?P<tail>(?:\s*(?:{noise}))*)", re.I)))
    outcomes = [(row, re.compile(r"^[ \t]*" + r"\s+".join(re.escape(w) for w in row["label"].split())
                                 + r"[ \t]*[.:]?\s*?\n?\s*(?:the|this) provision is (?P<grade>"
                                 + "|".join(GRADE_WORDS) + r")\b", re.I | re.M)) for row in _rows("outcome")]
    return {
        "overall": [(row, re.compile(_fill(row["regex"]), re.I | re.M)) for row in _rows("overall")],
        "previous": [(row, re.compile(_fill(row["regex"]), re.I | re.M)) for row in _rows("previous")],
        "statement": [(row, re.compile(_fill(row["regex"]), re.I | re.M)) for row in _rows("statement")],
        "outcome": outcomes,
        "table": tables,
        "cell": re.compile("|".join(f"(?P<c{i}>{p['regex']})" for i, p in enumerate(cells)), re.I),
        "cell_kinds": {f"c{i}": p["cell"] for i, p in enumerate(cells)},
    }


def _label_word(word: str) -> str:
    """One word of a printed label, as copies print it: either apostrophe, a comma or full stop
    after it or not, "year" for "years"."""
    core = word.rstrip(",.;:?")
    pattern = re.escape(core).replace("'", "['\u2019]?")
    if core.lower() == "years":
        pattern = "years?"
    return pattern + ("[,.;:?]?" if core == word else re.escape(word[len(core):]) + "?")


def _word(grade: str) -> str:
    return " ".join(grade.split()).capitalize()


def read_early_years(document: Document, start: dt.date | None) -> EarlyYearsGrades:
    rules = _compiled()
    text = document.text
    judgements: list[Judgement] = []
    seen: set[str] = set()
    for row, regex in rules["outcome"]:
        m = regex.search(text)
        if m and row["area_key"] not in seen:
            seen.add(row["area_key"])
            judgements.append(_judgement(document, row["label"], row["area_key"], _word(m.group("grade")),
                                         m.start(), m.end(), row["id"]))
    outcome_spans = [(j.start_char, j.end_char) for j in judgements]
    overall, overall_rule = _overall(text, rules, outcome_spans)
    for row, regex in rules["statement"]:
        m = regex.search(text)
        if m and row["area_key"] not in seen:
            seen.add(row["area_key"])
            area = m.group("area")
            judgements.append(_judgement(document, area[:1].upper() + area[1:], row["area_key"],
                                         _word(m.group("grade")), m.start(), m.end(), row["id"]))
    key = page_digit_key(text)
    previous = None
    for row, regex in rules["table"]:
        for m in regex.finditer(text):
            this, before, printed = _cells(m, rules)
            if this is None or row["area_key"] in seen:
                continue
            seen.add(row["area_key"])
            grade = _digit(this, key, start)
            if row["area_key"] == "overall_effectiveness":
                if overall and _SCORES.get(overall.lower()) == int(this):
                    grade = overall
                previous = _digit(before, key, start) if before else None
            judgements.append(_judgement(document, printed, row["area_key"], grade, m.start(), m.end(), row["id"],
                                         score=int(this)))
            break
    if previous is None:
        for _, regex in rules["previous"]:
            m = regex.search(text)
            if m:
                previous = _word(m.group("grade"))
                break
    judgements.sort(key=lambda j: j.start_char)
    return EarlyYearsGrades(overall, overall_rule, tuple(judgements), previous)


def _overall(text: str, rules: dict, outcome_spans: list[tuple[int, int]]) -> tuple[str | None, str | None]:
    """The first overall sentence that is not an outcome heading's own grade."""
    best = None
    for row, regex in rules["overall"]:
        for m in regex.finditer(text):
            if any(s <= m.start("grade") < e for s, e in outcome_spans):
                continue
            if best is None or m.start() < best[0]:
                best = (m.start(), _word(m.group("grade")), row["id"])
            break
    return (best[1], best[2]) if best else (None, None)


def _cells(m: re.Match, rules: dict) -> tuple[str | None, str | None, str]:
    """This inspection's and the previous inspection's digits among a label's cells, and the
    label as printed without the table's headings and their values (a bare digit inside the
    label stays: it is printed there)."""
    kinds = rules["cell_kinds"]
    state = None
    this = before = None
    bare: list[str] = []
    printed = m.group()[: m.start("tail") - m.start()]
    removed: list[tuple[int, int]] = []
    for cell in rules["cell"].finditer(m.group()):
        kind = kinds[cell.lastgroup]
        if kind in ("this", "previous"):
            state = kind
            removed.append(cell.span())
        elif kind == "none":
            if state:
                removed.append(cell.span())
            state = None
        elif kind == "digit":
            if state == "this":
                this = this or cell.group()
                removed.append(cell.span())
            elif state == "previous":
                before = before or cell.group()
                removed.append(cell.span())
            else:
                bare.append(cell.group())
            state = None
        else:
            removed.append(cell.span())
    for s, e in sorted(removed, reverse=True):
        if e <= len(printed):
            printed = printed[:s] + printed[e:]
    return this or (bare[0] if bare else None), before, " ".join(printed.split()).rstrip(" :.")


def _digit(value: str, key: dict[str, str], start: dt.date | None) -> str:
    """A digit as printed, or the word the page's key gives it (a 3 the key leaves out, by the
    inspection's era where its date is known)."""
    if not key:
        return value
    if value in key:
        return key[value]
    _, scale = digit_scale(start) if start else (None, {})
    return scale.get(value, value)


def _judgement(document: Document, area: str, area_key: str, grade: str, start: int, end: int, rule: str,
               score: int | None = None) -> Judgement:
    word = grade.lower()
    score = score if score is not None else _SCORES.get(word)
    return Judgement(
        area=area, area_key=area_key, grade=grade, grade_score=score, grade_scale="ofsted",
        grade_rank=score, page=document.page_at(start), start_char=start, end_char=end,
        evidence=" ".join(document.text[start:end].split())[:300], rule_id=rule)
