"""Ofsted grades quoted in prose (case studies, web pages, letters), not a report's own grade table.

A grade word alone is not a grade: "good practice", "outstanding lessons" and "good progress"
are everyday English. So every rule in grade_mentions.patterns.jsonl ties the grade word to an
inspection cue (judged/graded/rated, Ofsted, an area label and a colon, "this school continues
to be", a negation Ofsted uses, or an aggregate of schools). Cues around the phrase then mark it
hypothetical, previous or negated, and a heading line above it says which school and when.
The grade words and area labels are those of judgements.patterns.jsonl, so both extractors agree.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from extractors.patterns import load_patterns
from extractors.sentences import sentence_bounds
from extractors.versions import EXTRACTOR_VERSIONS
from pipeline.models import Document, GradeMention

NAME = "grade_mentions"
VERSION = EXTRACTOR_VERSIONS[NAME]  # a hash of this module and its pattern file
MAX_SENTENCE = 600
# A sentence ends at . ! ? (and any closing quote or bracket) before white space, or at a blank line.
# A lowercase word straight after the grade, e.g. "good practice": the grade word is an adjective.
_NEXT_WORD = re.compile(r"['’\"”]?[ \t]+([a-z][a-z-]*)\b")


def _alternation(words) -> str:
    """Longest first, so 'Effectiveness of leadership and management' beats 'Leadership and management'."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


def _row(kind: str) -> dict:
    return next(p for p in load_patterns(NAME) if p["kind"] == kind)


@lru_cache(maxsize=1)
def _grades() -> tuple[dict, dict]:
    """Surface form (lowercase) -> (normalised grade, rank), and abbreviation -> what it stands for."""
    rows, judgements = load_patterns(NAME), load_patterns("judgements")
    grades = {p["pattern"].lower(): (p["grade"], p["rank"] or 0) for p in judgements if p["label"] == "GRADE"}
    rank = {g: r for g, r in grades.values()}
    grades.update({p["pattern"].lower(): (p["grade"], rank[p["grade"]]) for p in rows if p["kind"] == "surface"})
    abbr = {p["pattern"]: p["expands"] for p in rows if p["kind"] == "abbreviation"}
    grades.update({a.lower(): (full, rank[full]) for a, full in abbr.items() if full in rank})
    return grades, abbr


@lru_cache(maxsize=1)
def _fills() -> dict:
    """What each {PLACEHOLDER} of a template stands for: the pattern file's own, and the vocabulary's."""
    grades, abbr = _grades()
    grade_abbr = [a for a, full in abbr.items() if a.lower() in grades]
    words = [g for g in grades if g not in {a.lower() for a in grade_abbr}]
    areas = [p["pattern"] for p in load_patterns("judgements") if p["label"] == "AREA"]
    fill = {p["name"]: p["regex"] for p in load_patterns(NAME) if p["kind"] == "placeholder"}
    fill.update({
        # 'good or better', 'good or outstanding', 'good with outstanding features'
        "{RANGE}": r"{Q}{GRADE}{Q}(?:\s+(?:or|with)\s+(?:better|above|higher|{Q}{GRADE}{Q}(?:\s+features)?))?",
        # abbreviations are case-sensitive: 'RI', never 'ri' inside a word
        "{GRADE}": rf"(?:\b(?:{_alternation(words)})\b|\b(?-i:{_alternation(grade_abbr)})\b)",
        "{AREA}": f"(?:{_alternation(areas)})",
        "{AREA_MULTI}": f"(?:{_alternation(a for a in areas if ' ' in a)})",  # 'Achievement is good' is too loose
        "{AREA_ABBR}": f"(?-i:{_alternation(a for a in abbr if a not in grade_abbr)})",
        "{NUMBER_WORDS}": f"(?:{_alternation(_row('number_words')['words'])})",
        "{SUFFIX}": f"(?:{_alternation(_heading_row()['suffixes'])})",
    })
    return fill


def _heading_row() -> dict:
    return next(p for p in load_patterns(NAME) if p["id"] == "heading-school")


@lru_cache(maxsize=1)
def _grade_rx() -> re.Pattern:
    return re.compile(_fill("{GRADE}", _fills()), re.I)


def _fill(template: str, fill: dict) -> str:
    for name in ("{RANGE}", *fill):  # RANGE first: it is made of other placeholders
        template = template.replace(name, fill[name])
    return template


@lru_cache(maxsize=1)
def _compiled() -> dict:
    """Rules, cues and headings of the pattern file, their templates filled and compiled."""
    fill = _fills()
    out: dict[str, list] = {"rule": [], "cue": [], "heading": [], "clause_break": []}
    for p in load_patterns(NAME):
        source = p.get("template") or (p.get("regex") if p["kind"] in ("cue", "clause_break") else None)
        if source is None or p["kind"] not in out:
            continue
        flags = re.M | (0 if p.get("case_sensitive") else re.I)
        try:
            rx = re.compile(_fill(source, fill), flags)
        except re.error as exc:
            raise ValueError(f"{NAME}.patterns.jsonl id {p['id']}: bad regex ({exc})") from exc
        context = re.compile(p["requires_context"], re.I) if "requires_context" in p else None
        out[p["kind"]].append((p, rx, context))
    return out


def extract_grade_mentions(document: Document) -> list[GradeMention]:
    """Every grade quoted in the document's prose, in reading order."""
    text = document.text
    headings = _headings(text)
    taken: list[tuple[int, int]] = []
    mentions = []
    for rule, rx, context in _compiled()["rule"]:
        for m in rx.finditer(text):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue  # an earlier, more specific rule already read this phrase
            mention = _mention(document, rule, m, context, headings)
            if mention is not None:
                taken.append((m.start(), m.end()))
                mentions.append(mention)
    return sorted(mentions, key=lambda g: g.start_char)


def _mention(document: Document, rule: dict, m: re.Match, context, headings) -> GradeMention | None:
    text = document.text
    if _is_adjective(text, m):
        return None
    s, e = sentence_bounds(text, m.start(), m.end())
    if context is not None and not context.search(text, s, e):
        return None
    cues = _cues(text, s, e, m, rule["statement"])
    if cues.get("reject"):
        return None
    fields = {"hypothetical": False, "previous": False, "negated": False, **rule.get("sets", {}), **cues}
    school, date = _heading_at(headings, m.start())
    if rule["statement"].startswith("aggregate"):
        school, date = None, None  # about many schools, not the heading's one
    year = m.groupdict().get("year") or fields.pop("year", None)
    if fields["previous"]:
        date = year  # a history statement is not about the heading's (current) date
    count = m.groupdict().get("count")
    return GradeMention(
        statement=rule["statement"], grade=_grade(m, year or date), area=_area(m),
        school_name=school, about_date=fields.get("about_date", date),
        hypothetical=fields["hypothetical"], previous=fields["previous"], negated=fields["negated"],
        share_percent=float(m["share"]) if m.groupdict().get("share") else fields.get("share_percent"),
        of_schools=_count(count) if count else fields.get("of_schools"),
        sentence=_sentence_text(text, s, e, m.start()), page=document.page_at(m.start()),
        start_char=m.start(), end_char=m.end(), rule_id=rule["id"])


def _is_adjective(text: str, m: re.Match) -> bool:
    """'graded good teaching': a lowercase noun follows the grade word, so it describes something else."""
    if m.groupdict().get("grade") is None or m.end("grade") != m.end():
        return False  # the rule itself read on past the grade word ("good school", "good because")
    follow = _NEXT_WORD.match(text, m.end())
    return bool(follow) and follow.group(1) not in _row("next_words")["words"]


def _grade(m: re.Match, date: str | None) -> str | None:
    """The normalised grade; for 'good or outstanding' the lower bound; 'grade 2' by the era's scale."""
    grades = _grades()[0]
    words = _grade_rx().findall(m["grade"]) if m.groupdict().get("grade") else []
    found = [grades[w.lower()] for w in words if w.lower() in grades]
    if found:
        return max(found, key=lambda g: g[1])[0]
    if m.groupdict().get("digit"):
        year = re.search(r"(?:19|20)\d\d", date or "")
        scales = sorted((p for p in load_patterns("judgements") if p["label"] == "DIGITS" and not p.get("frameworks")),
                        key=lambda p: p["before"])  # school scales: a framework of its own (local authorities) never applies
        scale = next((d for d in scales if year and int(year.group()) < int(d["before"][:4])), scales[-1])
        return scale["grades"][m["digit"]]
    return None


def _area(m: re.Match) -> str | None:
    """The area as printed (whitespace collapsed); an abbreviation such as 'L&M' spelt out."""
    area = m.groupdict().get("area")
    if not area:
        return None
    area = " ".join(area.split())
    return _grades()[1].get(area, area)


def _count(word: str) -> int | None:
    return int(word) if word.isdigit() else _row("number_words")["words"].get(word.lower())


def _cues(text: str, s: int, e: int, m: re.Match, statement: str) -> dict:
    """Flags (hypothetical, previous, negated, reject) and fields the cues around the phrase set."""
    found: dict = {}
    for cue, rx, _ in _compiled()["cue"]:
        if statement not in cue.get("applies_to", [statement]):
            continue
        hit = _cue_hit(cue, rx, text, s, e, m)
        if hit is None:
            continue
        if "flag" in cue:
            found[cue["flag"]] = True
            if hit.groupdict().get("year"):
                found["year"] = hit["year"]
        elif cue["field"] == "of_schools":
            found.setdefault("of_schools", _count(hit["count"]))
        else:
            found.setdefault(cue["field"], " ".join(hit["date"].split()))
    return found


def _cue_hit(cue: dict, rx: re.Pattern, text: str, s: int, e: int, m: re.Match) -> re.Match | None:
    scope = cue["scope"]
    if scope == "phrase":
        return rx.search(m.group(0))
    if scope == "sentence":
        return rx.search(text[s:e])
    if scope == "around":
        return next((h for h in rx.finditer(text, s, e) if h.start() <= m.start() and h.end() >= m.end()), None)
    window = text[s:m.start()] if scope == "before" else text[m.end():e]
    for hit in rx.finditer(window):
        gap = window[hit.end():] if scope == "before" else window[:hit.start()]
        if len(gap) <= cue["max_gap"] and not _clause_break(gap):
            return hit
    return None


def _clause_break(gap: str) -> bool:
    """'... was graded RI, but all three schools are now good': the cue stops at 'but'."""
    return any(rx.search(gap) for _, rx, _ in _compiled()["clause_break"])


def _sentence_text(text: str, s: int, e: int, at: int) -> str:
    sentence = " ".join(text[s:e].split())
    if len(sentence) <= MAX_SENTENCE:
        return sentence
    lo = max(s, at - MAX_SENTENCE // 2)  # keep the phrase inside the clipped sentence
    return " ".join(text[lo:e].split())[:MAX_SENTENCE]


def _headings(text: str) -> list[tuple[int, str | None, str | None]]:
    """(offset, school, date) of heading-like lines; a heading without a school ends the last one's section."""
    rules = {p["id"]: (p, rx) for p, rx, _ in _compiled()["heading"]}
    school_rule, school_rx = rules["heading-school"]
    dated_rule, dated_rx = rules["heading-dated"]
    plain_rule, plain_rx = rules["heading-plain"]
    found = []
    for line in re.finditer(r"[^\n]+", text):
        body = line.group(0).strip()
        named = school_rx.search(line.group(0)) if len(body) <= school_rule["max_line"] else None
        if named and named.start("school") <= school_rule["max_name_start"]:
            found.append((line.start() + named.end(), _school(named["school"]), named["date"]))
        elif len(body) <= dated_rule["max_line"] and not body.endswith(".") and dated_rx.search(body):
            found.append((line.start(), None, dated_rx.search(body)["date"]))
        elif len(body) <= plain_rule["max_line"] and plain_rx.search(body):
            found.append((line.start(), None, None))
    return found


def _school(name: str) -> str:
    """'Short Inspection Watermill School' -> 'Watermill School'."""
    words = name.split()
    while len(words) > 2 and words[0].lower() in _heading_row()["leading_noise"]:
        words = words[1:]
    return " ".join(words)


def _heading_at(headings: list, offset: int) -> tuple[str | None, str | None]:
    index = bisect.bisect_right([h[0] for h in headings], offset) - 1
    return (headings[index][1], headings[index][2]) if index >= 0 else (None, None)
