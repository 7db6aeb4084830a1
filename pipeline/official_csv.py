"""Official data files to rows: Ofsted's management information CSVs (latest inspections, and the
inspection history) and GIAS `edubasealldata` CSVs. Pure: bytes in, rows out; the warehouse
stores them (warehouse/official.py).

The files come in Windows-1252 (UTF-8 is read too), with a title row or two above the header in
some releases and header wordings that change between releases: the variants are a data file,
`official_headers.json`, checked when it loads.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

HEADERS_FILE = Path(__file__).with_name("official_headers.json")
KINDS = ("gias", "ofsted_latest", "ofsted_history")  # the order they are recognised in
_HEADER_SEARCH_ROWS = 20
_SPACE = re.compile(r"\s+")
_GRADE_WORDS = {
    "outstanding": "Outstanding", "good": "Good", "requires improvement": "Requires improvement",
    "satisfactory": "Satisfactory", "inadequate": "Inadequate", "exceptional": "Exceptional",
    "strong standard": "Strong standard", "expected standard": "Expected standard",
    "needs attention": "Needs attention", "urgent improvement": "Urgent improvement",
}
_GRADE_SCORES = {"Outstanding": 1, "Good": 2, "Requires improvement": 3, "Satisfactory": 3, "Inadequate": 4}
_NO_VALUE = {"", "null", "na", "n/a", "not applicable", "not judged", "9", "none", "-", "."}
_CATEGORIES = {
    "sm": "special_measures", "special measures": "special_measures",
    "swk": "serious_weaknesses", "sw": "serious_weaknesses", "serious weaknesses": "serious_weaknesses",
    "nti": "notice_to_improve", "notice to improve": "notice_to_improve",
}
_SAFEGUARDING = {"yes": "Effective", "no": "Not effective", "met": "Met", "not met": "Not met",
                 "effective": "Effective", "not effective": "Not effective"}
RI_FROM = dt.date(2012, 9, 1)  # grade 3 was "Satisfactory" before the 2012 framework


class OfficialFileError(ValueError):
    """The file is not one we can read; the message says which file is expected."""


class HeadersFileError(ValueError):
    """official_headers.json does not have the shape this module reads."""


@dataclass
class OfficialFile:
    kind: str
    title: str
    rows: list[dict] = field(default_factory=list)        # official_inspections or official_schools rows
    judgements: list[dict] = field(default_factory=list)  # official_judgements rows (Ofsted files)
    skipped: int = 0                                       # rows without a URN (or date, for Ofsted files)
    unread_dates: int = 0                                  # date cells that are not a date


def norm(header: str) -> str:
    return _SPACE.sub(" ", header.replace("\ufeff", "")).strip().lower()


@cache
def header_spec() -> dict:
    """The header variants, checked: every kind has a title, detect rules and column lists."""
    spec = json.loads(HEADERS_FILE.read_text(encoding="utf-8"))
    kinds = spec.get("kinds")
    if not isinstance(kinds, dict) or set(kinds) != set(KINDS):
        raise HeadersFileError(f"{HEADERS_FILE.name}: 'kinds' must be exactly {', '.join(KINDS)}")
    for kind, entry in kinds.items():
        for key, shape in (("title", str), ("detect", dict), ("columns", dict), ("grades", dict)):
            if not isinstance(entry.get(key), shape):
                raise HeadersFileError(f"{HEADERS_FILE.name}: kind {kind!r} needs {key!r} ({shape.__name__})")
        for key in ("all", "any"):
            if not all(isinstance(h, str) for h in entry["detect"].get(key, [])):
                raise HeadersFileError(f"{HEADERS_FILE.name}: {kind}.detect.{key} must be a list of headers")
        for group in ("columns", "grades"):
            for name, variants in entry[group].items():
                if not (isinstance(variants, list) and variants and all(isinstance(v, str) for v in variants)):
                    raise HeadersFileError(f"{HEADERS_FILE.name}: {kind}.{group}.{name} must list header variants")
    return kinds


def decode(data: bytes) -> str:
    """UTF-8 when it is (with or without a byte-order mark), else Windows-1252 as published."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_official_csv(data: bytes, name: str = "file", kind: str | None = None) -> OfficialFile:
    """Recognise the file by its header row (or take `kind`), and read every row."""
    lines = list(csv.reader(io.StringIO(decode(data), newline="")))
    header_at = next((n for n, row in enumerate(lines[:_HEADER_SEARCH_ROWS]) if "urn" in {norm(c) for c in row}), None)
    if header_at is None:
        raise OfficialFileError(f"{name}: no header row with a URN column in its first {_HEADER_SEARCH_ROWS} rows; "
                                "give an Ofsted management information CSV or a GIAS edubasealldata CSV")
    header = [norm(cell) for cell in lines[header_at]]
    spec = header_spec()
    found = kind or detect_kind(set(header))
    if found is None:
        raise OfficialFileError(f"{name}: a URN column but neither GIAS's EstablishmentName nor Ofsted's "
                                "'Inspection start date'; give an Ofsted management information CSV or a GIAS CSV")
    if found not in spec:
        raise OfficialFileError(f"unknown kind {found!r}: use one of {', '.join(KINDS)}")
    entry = spec[found]
    where = {h: i for i, h in reversed(list(enumerate(header)))}  # the first of a repeated header
    columns = {col: _first(where, variants) for col, variants in entry["columns"].items()}
    grades = {area: _first(where, variants) for area, variants in entry["grades"].items()}
    result = OfficialFile(found, entry["title"])
    reader = _read_school if found == "gias" else _read_inspection
    for number, cells in enumerate(lines[header_at + 1:], header_at + 2):
        if not any(c.strip() for c in cells):
            continue
        reader(result, columns, grades, cells, number)
    return result


def detect_kind(header: set[str]) -> str | None:
    for kind, entry in header_spec().items():
        detect = entry["detect"]
        if all(norm(h) in header for h in detect["all"]) and (
                not detect["any"] or any(norm(h) in header for h in detect["any"])):
            return kind
    return None


def _first(where: dict[str, int], variants: list[str]) -> int | None:
    return next((where[norm(v)] for v in variants if norm(v) in where), None)


def _cell(cells: list[str], index: int | None) -> str | None:
    if index is None or index >= len(cells):
        return None
    value = _SPACE.sub(" ", cells[index]).strip()
    return value if value.lower() not in {"", "null"} else None


def _read_school(result: OfficialFile, columns: dict, grades: dict, cells: list[str], number: int) -> None:
    row = {col: _cell(cells, index) for col, index in columns.items()}
    row["urn"] = _urn(row["urn"])
    if row["urn"] is None:
        result.skipped += 1
        return
    for col in ("open_date", "close_date"):
        row[col] = _date(row[col], result)
    for col in ("statutory_low_age", "statutory_high_age"):
        row[col] = int(row[col]) if row[col] and row[col].isdigit() else None
    row["source_row"] = number
    result.rows.append(row)


def _read_inspection(result: OfficialFile, columns: dict, grades: dict, cells: list[str], number: int) -> None:
    row = {col: _cell(cells, index) for col, index in columns.items()}
    current = _urn(row.pop("current_urn"))
    at_inspection = _urn(row.pop("urn_at_inspection"))
    start = _date(row["inspection_start"], result)
    if (at_inspection or current) is None or start is None:
        result.skipped += 1  # not an inspection we can key (no URN, or never inspected)
        return
    row.update(urn=at_inspection or current, current_urn=current, inspection_start=start,
               inspection_end=_date(row["inspection_end"], result),
               publication_date=_date(row["publication_date"], result),
               category_of_concern=category(row["category_of_concern"]) if columns["category_of_concern"] is not None
               else None,  # no such column: unknown, not "none"
               safeguarding=_SAFEGUARDING.get((row["safeguarding"] or "").lower()),
               source_kind=result.kind, source_row=number)
    area_grades = {area: grade_word(_cell(cells, index), start) for area, index in grades.items()}
    row["overall_effectiveness"] = area_grades.get("overall_effectiveness")
    result.rows.append(row)
    for area, grade in area_grades.items():
        if grade is not None:
            result.judgements.append({"source_kind": result.kind, "urn": row["urn"], "inspection_start": start,
                                      "area_key": area, "grade": grade, "grade_score": _GRADE_SCORES.get(grade)})


def grade_word(value: str | None, start: dt.date | None) -> str | None:
    """'2' → Good; '3' → Requires improvement (Satisfactory before September 2012); words kept in
    the framework's own form; '9', 'Not judged' and blanks → None."""
    if value is None or value.strip().lower() in _NO_VALUE:
        return None
    text = value.strip()
    if text in {"1", "2", "3", "4"}:
        words = ["Outstanding", "Good", "Requires improvement", "Inadequate"]
        word = words[int(text) - 1]
        return "Satisfactory" if word == "Requires improvement" and start is not None and start < RI_FROM else word
    return _GRADE_WORDS.get(_SPACE.sub(" ", text.lower()), text)


def category(value: str | None) -> str:
    """Category of concern as the warehouse names it; 'none' when the school is in none."""
    if value is None or value.strip().lower() in _NO_VALUE:
        return "none"
    text = _SPACE.sub(" ", value.strip().lower())
    return _CATEGORIES.get(text, text.replace(" ", "_"))


def _urn(value: str | None) -> str | None:
    if value is None:
        return None
    digits = value.strip()
    if digits.endswith(".0"):  # a spreadsheet's float
        digits = digits[:-2]
    return digits if digits.isdigit() or (digits[:2].upper() == "EY" and digits[2:].isdigit()) else None


_DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d/%m/%y", "%d %B %Y", "%d %b %Y", "%d-%b-%y", "%d-%b-%Y")


def _date(value: str | None, result: OfficialFile) -> dt.date | None:
    if value is None:
        return None
    text = value.split(" ")[0] if re.match(r"\d{1,4}[/-]\d", value) else value  # drop a time of day
    for pattern in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    result.unread_dates += 1
    return None
