"""Figures in prose: progress scores and percentages, with subject, group, year, area and comparison."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from extractors.patterns import compiled, load_patterns
from extractors.sentences import sentence_spans
from extractors.versions import EXTRACTOR_VERSIONS
from pipeline.models import Document, Metric

NAME = "metrics"
VERSION = EXTRACTOR_VERSIONS[NAME]  # a hash of this module and its pattern file
SENTENCE_CHARS = 600  # the longest sentence a record keeps
NEAR_CHARS = 80       # how far from its number a subject word can sit in the same phrase
LEAD_CHARS = 60       # how far back a comparison word can introduce a number ("the national average of")
DIGIT = re.compile(r"\d")  # every number pattern needs one (a test holds the pattern file to that)
MINUS = str.maketrans({"\u2212": "-", "\u2013": "-"})  # PDF text prints signs as a minus or an en dash


class _Hit(NamedTuple):
    start: int
    end: int
    label: str | None
    pattern: dict


@dataclass
class _Figure:
    number: _Hit
    value: _Hit | None = None
    comparison: str | None = None


@cache
def _rules(kind: str) -> tuple[tuple[dict, re.Pattern], ...]:
    return tuple((p, r) for p, r in compiled(NAME) if p["kind"] == kind)


@cache
def _not_area() -> frozenset[str]:
    return frozenset(w for p in load_patterns(NAME) if p["kind"] == "not_area" for w in p["words"])


def extract_metrics(document: Document) -> list[Metric]:
    """Every progress score and percentage in the prose, sentence by sentence."""
    metrics: list[Metric] = []
    digits = [m.start() for m in DIGIT.finditer(document.text)]
    for lo, hi in sentence_spans(document.text):
        first = bisect_left(digits, lo)
        if first < len(digits) and digits[first] < hi:  # a sentence without a digit has no figure
            metrics.extend(_sentence_metrics(document, lo, hi))
    return metrics


def _label(pattern: dict, m: re.Match) -> str | None:
    named = {k: v for k, v in m.groupdict().items() if v}
    if "end" in named:  # an academic year, 2015/16: its results are published in the second calendar year
        return named["century"] + named["end"]
    return pattern.get("label") or named.get("num") or named.get("year") or named.get("area") or m.group(0)


def _hits(kind: str, text: str, lo: int, hi: int) -> list[_Hit]:
    """Matches of one kind of pattern in text[lo:hi], in order; a match inside a longer one is dropped."""
    found = [_Hit(m.start(), m.end(), _label(p, m), p)
             for p, regex in _rules(kind) for m in regex.finditer(text, lo, hi)]
    kept: list[_Hit] = []
    for hit in sorted(found, key=lambda h: (h.start, -h.end)):
        if not kept or hit.end > kept[-1].end:  # "reading" inside "reading, writing and maths" is not a subject
            kept.append(hit)
    return kept


def _first(kind: str, text: str, lo: int, hi: int) -> re.Match | None:
    return next((m for _, regex in _rules(kind) if (m := regex.search(text, lo, hi))), None)


def _numbers(text: str, lo: int, hi: int) -> list[_Hit]:
    """Percentages anywhere; decimals only where the sentence talks about progress."""
    progress = _first("progress_context", text, lo, hi) is not None
    return [hit for hit in _hits("number", text, lo, hi)
            if (progress or hit.pattern["measure"] != "progress_score") and not _skipped(text, hit, lo)]


def _skipped(text: str, hit: _Hit, lo: int) -> bool:
    """Grade shares ('76% Good'), money, durations, counts, references, numbered headings,
    and lines that are no prose (table rows, a data card's lone value)."""
    if any(regex.match(text, hit.end) for _, regex in _rules("skip_after")):
        return True
    if _first("skip_before", text, max(lo, hit.start - LEAD_CHARS), hit.start):
        return True
    line = text.rfind("\n", 0, hit.start) + 1
    return any((m := regex.match(text, line)) and m.end() > hit.start for _, regex in _rules("skip_line"))


def _clause_end(text: str, pos: int, hi: int) -> int:
    m = _first("clause_end", text, pos, hi)
    return m.start() if m else hi


def _join(labels) -> str | None:
    unique = list(dict.fromkeys(" ".join(label.split()) for label in labels))
    return " and ".join(unique) or None


def _pair(text: str, numbers: list[_Hit], comparisons: list[_Hit], lo: int, hi: int) -> list[_Figure]:
    """Figures, each with the comparison value printed after it ('-0.2 Reading (national -0.7)')."""
    figures: list[_Figure] = []
    used: set[int] = set()  # comparison words that name a value, not the figures around them
    for i, number in enumerate(numbers):
        floor = numbers[i - 1].end if i else lo
        lead = _first("comparison_lead", text, max(floor, number.start - LEAD_CHARS), number.start)
        if lead is None:
            figures.append(_Figure(number))
            continue
        nxt = numbers[i + 1].start if i + 1 < len(numbers) else hi
        ceiling = min(nxt, number.end + LEAD_CHARS, _clause_end(text, number.end, hi))
        zone = [k for k, c in enumerate(comparisons) if c.start >= lead.start() and c.end <= ceiling]
        used.update(zone)
        measure = number.pattern["measure"]
        owner = next((f for f in reversed(figures)
                      if f.value is None and f.number.pattern["measure"] == measure), None)
        if owner is not None:  # a national figure with no figure of ours before it is not about the area
            owner.value, owner.comparison = number, _join(comparisons[k].label for k in zone)
    for figure in figures:
        if figure.value is None:  # "writing +0.2 and maths +0.4, above West Midlands": words after it, same clause
            end = _clause_end(text, figure.number.end, hi)
            figure.comparison = _join(c.label for k, c in enumerate(comparisons)
                                      if k not in used and figure.number.end <= c.start < end)
    return figures


def _neighbours(numbers: list[_Hit], number: _Hit, lo: int, hi: int) -> tuple[int, int]:
    """Where the numbers either side of this one end and start (the sentence's ends if none)."""
    prev = max([n.end for n in numbers if n.end <= number.start] + [lo])
    nxt = min([n.start for n in numbers if n.start >= number.end] + [hi])
    return prev, nxt


def _subject(text: str, subjects: list[_Hit], numbers: list[_Hit], number: _Hit, lo: int, hi: int) -> str | None:
    """The subject beside the number in its phrase ('Writing -0.1', '-0.2 Reading'), else the last before it."""
    prev, nxt = _neighbours(numbers, number, lo, hi)
    stops = [m.end() for _, r in _rules("phrase_stop") for m in r.finditer(text, prev, number.start)]
    before = max([prev, number.start - NEAR_CHARS, *stops])
    stop = _first("phrase_stop", text, number.end, nxt)
    after = min(nxt, number.end + NEAR_CHARS, stop.start() if stop else nxt)
    near = [(number.start - s.end, s) for s in subjects if before < s.end <= number.start]
    near += [(s.start - number.end, s) for s in subjects if number.end <= s.start < after]
    if near:
        return min(near, key=lambda pair: pair[0])[1].label
    clause = max([lo] + [m.end() for _, r in _rules("clause_end") for m in r.finditer(text, lo, number.start)])
    earlier = [s for s in subjects if max(clause, prev) <= s.start and s.end <= number.start]
    return earlier[-1].label if earlier else None  # "In reading, progress was +0.5"


def _group(groups: list[_Hit], numbers: list[_Hit], number: _Hit, lo: int, hi: int) -> str | None:
    """The group named between the previous number and this one ('boys ... -1.2 ... and girls +0.8'),
    else between this one and the next ('23% ... eligible for FSM'), else the nearest in the sentence."""
    prev, nxt = _neighbours(numbers, number, lo, hi)
    before = [g for g in groups if prev <= g.start and g.end <= number.start]
    after = [g for g in groups if number.end <= g.start and g.end <= nxt]
    if before or after:
        return before[-1].label if before else after[0].label
    if not groups:
        return None
    return min(groups, key=lambda g: max(number.start - g.end, g.start - number.end)).label


def _year(years: list[_Hit], number: _Hit) -> int | None:
    """The last year named before the figure in its sentence, else the first after it."""
    before = [y for y in years if y.end <= number.start]
    chosen = before[-1] if before else next((y for y in years if y.start >= number.end), None)
    return int(chosen.label) if chosen else None


def _area(areas: list[_Hit], number: _Hit) -> str | None:
    """A place named before the figure; capitalised words that are no place end it or rule it out."""
    for hit in areas:
        words = hit.label.split()
        if hit.end > number.start or words[0] in _not_area():
            continue
        cut = next((i for i, w in enumerate(words) if w in _not_area()), len(words))
        return " ".join(words[:cut])
    return None


def _sentence_text(text: str, lo: int, hi: int, number: _Hit) -> str:
    if hi - lo > SENTENCE_CHARS:  # a run-on "sentence" (a list, a table): keep the part around the number
        lo = max(lo, number.start - SENTENCE_CHARS // 2)
        hi = min(hi, lo + SENTENCE_CHARS)
    return " ".join(text[lo:hi].split())[:SENTENCE_CHARS]


def _value(hit: _Hit | None) -> float | None:
    return float(hit.label.translate(MINUS)) if hit is not None else None


def _sentence_metrics(document: Document, lo: int, hi: int) -> list[Metric]:
    text = document.text
    numbers = _numbers(text, lo, hi)
    if not numbers:
        return []
    figures = _pair(text, numbers, _hits("comparison", text, lo, hi), lo, hi)
    subjects, groups = _hits("subject", text, lo, hi), _hits("group", text, lo, hi)
    years, areas = _hits("year", text, lo, hi), _hits("area", text, lo, hi)
    return [Metric(
        measure=f.number.pattern["measure"], value=_value(f.number),
        subject=_subject(text, subjects, numbers, f.number, lo, hi), pupil_group=_group(groups, numbers, f.number, lo, hi),
        year=_year(years, f.number), area=_area(areas, f.number),
        comparison=f.comparison, comparison_value=_value(f.value),
        text=text[f.number.start:f.number.end], sentence=_sentence_text(text, lo, hi, f.number),
        page=document.page_at(f.number.start), start_char=f.number.start, end_char=f.number.end,
        rule_id=f.number.pattern["id"],
    ) for f in figures]
