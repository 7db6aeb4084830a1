"""Inspection dates as DATEs, from the labelled forms every framework prints."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from extractors.patterns import compiled
from extractors.versions import EXTRACTOR_VERSIONS
from pipeline.models import Document

NAME = "dates"
VERSION = EXTRACTOR_VERSIONS[NAME]  # a hash of this module and its pattern file

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_MONTH = (r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_YEAR = r"((?:19|20)\d\d)"
# Dashes of every kind (extraction also turns them into a Unicode minus), 'to', 'and'.
_SEP = r"\s*(?:[-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2500\u2501]|to|and|&)\s*"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day\s+)?"
# Tried in order at the place a label ends: the longest forms first.
DATE_FORMS = (
    # an inspection in two blocks: "6 to 10 January and 13 to 16 January 2025"
    ("two_blocks", re.compile(_WEEKDAY + _DAY + _SEP + _WEEKDAY + _DAY + r"\s+" + _MONTH + r",?\s+(?:" + _YEAR + r"\s+)?(?:and|&)\s+"
                              + _WEEKDAY + _DAY + _SEP + _WEEKDAY + _DAY + r"\s+" + _MONTH + r",?\s+" + _YEAR, re.I)),
    ("two_full", re.compile(_WEEKDAY + _DAY + r"\s+" + _MONTH + r",?\s+" + _YEAR + _SEP + _WEEKDAY + _DAY + r"\s+" + _MONTH + r",?\s+" + _YEAR, re.I)),
    ("cross_month", re.compile(_WEEKDAY + _DAY + r"\s+" + _MONTH + _SEP + _WEEKDAY + _DAY + r"\s+" + _MONTH + r",?\s+" + _YEAR, re.I)),
    ("day_range", re.compile(_WEEKDAY + _DAY + _SEP + _WEEKDAY + _DAY + r"\s+" + _MONTH + r",?\s+" + _YEAR, re.I)),
    ("lost_dash", re.compile(r"(\d\d)(\d\d)\s+" + _MONTH + r",?\s+" + _YEAR, re.I)),
    # a copy that lost the dash and kept the space: "21 22 February 2008"
    ("day_pair", re.compile(r"(\d{1,2})\s+(\d{1,2})\s+" + _MONTH + r",?\s+" + _YEAR, re.I)),
    ("single", re.compile(_WEEKDAY + _DAY + r"\s+" + _MONTH + r",?\s+" + _YEAR, re.I)),
    ("numeric", re.compile(r"(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)(?:" + _SEP + r"(\d{1,2})/(\d{1,2})/((?:19|20)\d\d))?")),
)


@dataclass(frozen=True)
class DateFinding:
    start: dt.date
    end: dt.date | None
    role: str
    rule_id: str
    offset: int
    text: str


def parse_date_expression(text: str) -> tuple[dt.date, dt.date | None, int] | None:
    """The first date or date range at the start of `text`: (start, end, length)."""
    for form, regex in DATE_FORMS:
        m = regex.match(text)
        if not m:
            continue
        try:
            start, end = _dates_of(form, m.groups())
        except (ValueError, KeyError):
            continue
        if end is not None and end < start:
            continue
        return start, end, m.end()
    return None


def _month(name: str) -> int:
    return MONTHS[name[:3].lower()]


def _dates_of(form: str, g: tuple) -> tuple[dt.date, dt.date | None]:
    if form == "two_blocks":
        last_year = int(g[7])
        first_year = int(g[3]) if g[3] else last_year
        return dt.date(first_year, _month(g[2]), int(g[0])), dt.date(last_year, _month(g[6]), int(g[5]))
    if form == "two_full":
        return dt.date(int(g[2]), _month(g[1]), int(g[0])), dt.date(int(g[5]), _month(g[4]), int(g[3]))
    if form == "cross_month":
        year = int(g[4])
        start, end = dt.date(year, _month(g[1]), int(g[0])), dt.date(year, _month(g[3]), int(g[2]))
        if end < start:  # 30 December–2 January 2015
            start = dt.date(year - 1, start.month, start.day)
        return start, end
    if form in ("day_range", "lost_dash", "day_pair"):
        year, month = int(g[3]), _month(g[2])
        return dt.date(year, month, int(g[0])), dt.date(year, month, int(g[1]))
    if form == "single":
        day = dt.date(int(g[2]), _month(g[1]), int(g[0]))
        return day, None
    start = dt.date(int(g[2]), int(g[1]), int(g[0]))
    end = dt.date(int(g[5]), int(g[4]), int(g[3])) if g[3] else None
    return start, end


def find_dates(document: Document) -> list[DateFinding]:
    """Every labelled date in the document, in the order the pattern file lists the labels."""
    findings = []
    furniture = "\n".join(document.furniture)
    for pattern, regex in compiled(NAME):
        zone = furniture if pattern["zone"] == "furniture" else document.text
        for m in regex.finditer(zone):
            parsed = parse_date_expression(zone[m.end(): m.end() + 80])
            if parsed is None:
                continue
            start, end, length = parsed
            offset = m.start() if pattern["zone"] != "furniture" else -1
            findings.append(DateFinding(start, end, pattern["role"], pattern["id"], offset, zone[m.start(): m.end() + length]))
    return findings


def inspection_dates(document: Document) -> tuple[dt.date | None, dt.date | None, DateFinding | None]:
    """Start and end of the inspection: the first labelled finding that is not a previous date.

    A single date under an 'Inspection date(s)' label is a one-day inspection (end = start);
    a report card's 'Inspection report: <date>' gives the start only.
    """
    for finding in find_dates(document):
        if finding.role == "previous":
            continue
        end = finding.end
        if end is None and finding.role == "range":
            end = finding.start
        return finding.start, end, finding
    return None, None, None
