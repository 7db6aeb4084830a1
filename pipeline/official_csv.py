"""Official data files to rows: Ofsted's management information (state-funded schools' latest
inspections, inspections in a period, non-association independent schools), GIAS `edubasealldata`
and GIAS links. Pure: bytes in, rows out; the warehouse stores them (warehouse/official.py).

The files come as CSV in Windows-1252 or UTF-8 (or as spreadsheets, official_tables.py), with title
rows above the header in some releases and header wordings that change between releases: the
variants are a data file, `official_headers.json`, checked when it loads. One row of an Ofsted file
holds one school and several of its inspections (the latest graded one, the previous one, the
latest ungraded one, ...): each becomes an inspection row, with the event it came from.

Nothing is stored that the vocabulary does not know: a grade, safeguarding value or category
outside it is left NULL and counted in `problems`, as is a row whose field count differs from the
header's (a truncated or broken line), which is left out.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pipeline.official_tables import HEADER_SEARCH_ROWS, TableError, read_rows

HEADERS_FILE = Path(__file__).with_name("official_headers.json")
KINDS = ("gias_links", "gias", "dfe_schools", "ofsted_independent", "ofsted_latest", "ofsted_history")  # recognised in this order
OFSTED_KINDS = ("ofsted_independent", "ofsted_latest", "ofsted_history")
EVENT_COLUMNS = ("urn_at_inspection", "relates_to_current", "school_name_then", "inspection_number", "inspection_type",
                 "inspection_start", "inspection_end", "publication_date", "category_of_concern", "safeguarding",
                 "outcome")
_SPACE = re.compile(r"\s+")
_GRADE_SCORES = {"Outstanding": 1, "Good": 2, "Requires improvement": 3, "Satisfactory": 3, "Inadequate": 4}
RI_FROM = dt.date(2012, 9, 1)  # grade 3 was "Satisfactory" before the 2012 framework
_MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|" \
          "september|october|november|december"
_RELEASE_DATE = (re.compile(r"(?<!\d)(\d{4})[-_](\d{2})[-_](\d{2})(?!\d)"),
                 re.compile(rf"(?<!\d)(\d{{1,2}})[\s_-]*({_MONTHS})[\s_-]*(\d{{4}})(?!\d)", re.I))


class OfficialFileError(ValueError):
    """The file is not one we can read; the message says which file is expected."""


class HeadersFileError(ValueError):
    """official_headers.json does not have the shape this module reads."""


@dataclass
class OfficialFile:
    kind: str
    title: str
    remit: str | None = None
    rows: list[dict] = field(default_factory=list)        # inspections, establishments or links
    judgements: list[dict] = field(default_factory=list)  # graded areas of the inspections (Ofsted files)
    release_date: dt.date | None = None                   # as at / published by, from the title rows or file name
    rows_read: int = 0                                     # data rows in the file
    skipped: int = 0                                       # rows that gave nothing (no URN, no inspection, broken)
    duplicates: int = 0                                    # repeated keys in the file, merged into the first
    problems: Counter = field(default_factory=Counter)     # what was left NULL or out, and how often


def norm(header: str) -> str:
    return _SPACE.sub(" ", str(header).replace("\ufeff", "")).strip().lower()


@cache
def header_spec() -> dict:
    """The whole data file, checked: kinds with titles, detect rules and columns; Ofsted kinds with
    events; refusals with messages; the vocabulary."""
    spec = json.loads(HEADERS_FILE.read_text(encoding="utf-8"))
    kinds = spec.get("kinds")
    if not isinstance(kinds, dict) or list(kinds) != list(KINDS):
        raise HeadersFileError(f"{HEADERS_FILE.name}: 'kinds' must be exactly {', '.join(KINDS)}, in that order")
    for kind, entry in kinds.items():
        for key, shape in (("title", str), ("detect", dict), ("columns", dict)):
            if not isinstance(entry.get(key), shape):
                raise HeadersFileError(f"{HEADERS_FILE.name}: kind {kind!r} needs {key!r} ({shape.__name__})")
        _check_detect(entry["detect"], kind)
        _check_variants(entry["columns"], f"{kind}.columns")
        if kind in OFSTED_KINDS:
            if not isinstance(entry.get("events"), dict) or not entry["events"] or not isinstance(entry.get("remit"), str):
                raise HeadersFileError(f"{HEADERS_FILE.name}: Ofsted kind {kind!r} needs 'remit' and 'events'")
            for event, body in entry["events"].items():
                if not isinstance(body.get("columns"), dict) or not isinstance(body.get("grades"), dict):
                    raise HeadersFileError(f"{HEADERS_FILE.name}: {kind}.events.{event} needs 'columns' and 'grades'")
                unknown = set(body["columns"]) - set(EVENT_COLUMNS)
                if unknown or "inspection_start" not in body["columns"]:
                    raise HeadersFileError(f"{HEADERS_FILE.name}: {kind}.events.{event} columns must include "
                                           f"inspection_start and come from {', '.join(EVENT_COLUMNS)}")
                _check_variants(body["columns"], f"{kind}.events.{event}.columns")
                _check_variants(body["grades"], f"{kind}.events.{event}.grades")
    for rule in spec.get("refuse", []):
        if not (isinstance(rule.get("name"), str) and isinstance(rule.get("message"), str)
                and isinstance(rule.get("detect"), dict)):
            raise HeadersFileError(f"{HEADERS_FILE.name}: every refuse rule needs name, detect and message")
        _check_detect(rule["detect"], rule["name"])
    vocabulary = spec.get("vocabulary", {})
    for key in ("grades", "safeguarding", "categories"):
        if not isinstance(vocabulary.get(key), dict):
            raise HeadersFileError(f"{HEADERS_FILE.name}: vocabulary.{key} must map codes to values")
    if not isinstance(vocabulary.get("no_value"), list):
        raise HeadersFileError(f"{HEADERS_FILE.name}: vocabulary.no_value must list the cells that mean no value")
    return spec


def _check_detect(detect: dict, where: str) -> None:
    for key in ("all", "any"):
        if not all(isinstance(h, str) for h in detect.get(key, [])):
            raise HeadersFileError(f"{HEADERS_FILE.name}: {where}.detect.{key} must be a list of headers")


def _check_variants(group: dict, where: str) -> None:
    for name, variants in group.items():
        if not (isinstance(variants, list) and variants and all(isinstance(v, str) for v in variants)):
            raise HeadersFileError(f"{HEADERS_FILE.name}: {where}.{name} must list header variants")


@cache
def _vocabulary() -> tuple[frozenset, dict, dict, dict]:
    v = header_spec()["vocabulary"]
    return frozenset(v["no_value"]), v["grades"], v["safeguarding"], v["categories"]


def _matches(detect: dict, header: set[str]) -> bool:
    return all(norm(h) in header for h in detect.get("all", [])) and (
        not detect.get("any") or any(norm(h) in header for h in detect["any"]))


def detect_kind(header: set[str]) -> str | None:
    return next((kind for kind, entry in header_spec()["kinds"].items() if _matches(entry["detect"], header)), None)


def _refusal(header: set[str]) -> str | None:
    return next((rule["message"] for rule in header_spec().get("refuse", []) if _matches(rule["detect"], header)), None)


def read_official_csv(data: bytes, name: str = "file", kind: str | None = None) -> OfficialFile:
    """Recognise the file by its header row (or take `kind`) and read every row; a remit we do not
    import, or a file with no usable row, is refused with the reason."""
    spec = header_spec()
    if kind is not None and kind not in spec["kinds"]:
        raise OfficialFileError(f"unknown kind {kind!r}: use one of {', '.join(KINDS)}")
    try:
        lines = read_rows(data, name, lambda row: "urn" in {norm(c) for c in row})
    except TableError as exc:
        raise OfficialFileError(str(exc)) from None
    header_at, found = None, kind
    for n, row in enumerate(lines[:HEADER_SEARCH_ROWS]):
        cells = {norm(c) for c in row if str(c).strip()}
        if len(cells) < 2:
            continue
        if kind is not None:
            if "urn" in cells:
                header_at = n
                break
            continue
        refused = _refusal(cells)
        if refused:
            raise OfficialFileError(f"{name}: {refused}")
        found = detect_kind(cells)
        if found:
            header_at = n
            break
    if header_at is None:
        if any("urn" in {norm(c) for c in row} for row in lines[:HEADER_SEARCH_ROWS]):
            raise OfficialFileError(f"{name}: a URN column but neither GIAS's EstablishmentName nor Ofsted's "
                                    "'Inspection start date'; give an Ofsted management information file, a GIAS "
                                    "establishments file or a GIAS links file")
        raise OfficialFileError(f"{name}: no header row with a URN column in its first {HEADER_SEARCH_ROWS} rows; "
                                "give an Ofsted management information file or a GIAS file (CSV, .xlsx or .ods)")
    entry = spec["kinds"][found]
    header = [norm(c) for c in lines[header_at]]
    result = OfficialFile(found, entry["title"], entry.get("remit"))
    result.release_date = release_date(name, [" ".join(map(str, row)) for row in lines[:header_at]])
    where = {h: i for i, h in reversed(list(enumerate(header)))}  # the first of a repeated header
    named = {i for i, h in enumerate(header) if h}
    if found in OFSTED_KINDS:
        reader = _InspectionReader(result, entry, where)
    else:
        columns = {col: [where[norm(v)] for v in variants if norm(v) in where] for col, variants in entry["columns"].items()}
        reader = _LinkReader(result, columns) if found == "gias_links" else _SchoolReader(result, columns)
    for number, cells in enumerate(lines[header_at + 1:], header_at + 2):
        if not any(str(c).strip() for c in cells):
            continue
        result.rows_read += 1
        if not _whole(cells, len(header), named):
            result.skipped += 1
            result.problems[f"rows whose field count is not the header's {len(header)} (truncated or broken; left out)"] += 1
            continue
        reader.read(cells, number)
    reader.finish()
    if not result.rows:
        why = "; ".join(f"{reason}: {n:,}" for reason, n in result.problems.most_common(3))
        raise OfficialFileError(f"{name}: {result.title}, but no usable row in it ({result.rows_read:,} rows read"
                                f"{'; ' + why if why else ''}); nothing imported")
    return result


def _whole(cells: list[str], width: int, named: set[int]) -> bool:
    """As many fields as the header, give or take empty cells under unnamed headers."""
    if len(cells) == width:
        return True
    if len(cells) < width:
        return not any(i in named for i in range(len(cells), width))
    return not any(str(c).strip() for c in cells[width:])


def release_date(name: str, title_lines: list[str]) -> dt.date | None:
    """The release's date: 'as at 31 August 2024' in a title row, else a date in the file's name."""
    for text in [*title_lines, Path(name).stem.replace("_", " ")]:
        for pattern in _RELEASE_DATE:
            for match in pattern.finditer(text):
                a, b, c = match.groups()
                try:
                    if a.isdigit() and len(a) == 4:
                        return dt.date(int(a), int(b), int(c))
                    return dt.datetime.strptime(f"{int(a)} {b[:3].title()} {c}", "%d %b %Y").date()
                except ValueError:
                    continue
    return None


def _value(cells: list[str], indexes: list[int]) -> str | None:
    """The first of the column's headers present with a value in this row."""
    for i in indexes:
        if i < len(cells):
            value = _SPACE.sub(" ", str(cells[i])).strip()
            if value and value.lower() != "null":
                return value
    return None


class _SchoolReader:
    def __init__(self, result: OfficialFile, columns: dict):
        self.result, self.columns, self.seen = result, columns, {}

    def read(self, cells: list[str], number: int) -> None:
        row = {col: _value(cells, index) for col, index in self.columns.items()}
        row["urn"] = _urn(row["urn"])
        if row["urn"] is None:
            self.result.skipped += 1
            self.result.problems["rows without a URN (left out)"] += 1
            return
        for col in ("open_date", "close_date"):
            row[col] = _date(row.get(col), self.result, col)
        _register_fields(row)
        for col in ("statutory_low_age", "statutory_high_age"):
            row[col] = int(row[col]) if row.get(col) and row[col].isdigit() else None
        row["source_row"] = number
        if row["urn"] in self.seen:
            self.result.duplicates += 1
            return
        self.seen[row["urn"]] = row
        self.result.rows.append(row)

    def finish(self) -> None:
        pass


_POSTCODE_AT_END = re.compile(r"[,\s]*\b([A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})\s*$", re.I)
_AGE_RANGE = re.compile(r"^\s*(\d{1,2})\s*(?:to|-|–)\s*(\d{1,2})\s*$")


def _register_fields(row: dict) -> None:
    """A register that prints an address in one field and an age range ('4 to 11'), as the DfE's
    performance tables do: postcode, town and ages from them; LAESTAB to LA code and number."""
    address = row.pop("full_address", None)
    if address:
        match = _POSTCODE_AT_END.search(address)
        if match:
            row.setdefault("postcode", match.group(1).upper())
            address = address[:match.start()]
        parts = [p.strip() for p in address.split(",") if p.strip()]
        if parts:
            row.setdefault("town", parts[-1])
            row.setdefault("street", ", ".join(parts[:-1]) or None)
    ages = _AGE_RANGE.match(row.pop("age_range", None) or "")
    if ages:
        row.setdefault("statutory_low_age", ages.group(1))
        row.setdefault("statutory_high_age", ages.group(2))
    laestab = row.pop("laestab", None)
    if laestab and laestab.isdigit() and len(laestab) == 7:
        row.setdefault("la_code", laestab[:3])
        row.setdefault("establishment_number", laestab[3:])
    for col, value in list(row.items()):
        if isinstance(value, str) and value.lower() in ("z", "x", "unknown", "none"):
            row[col] = None


class _LinkReader(_SchoolReader):
    def read(self, cells: list[str], number: int) -> None:
        row = {col: _value(cells, index) for col, index in self.columns.items()}
        row["urn"], row["link_urn"] = _urn(row["urn"]), _urn(row["link_urn"])
        if row["urn"] is None or row["link_urn"] is None or not row["link_type"]:
            self.result.skipped += 1
            self.result.problems["links without two URNs and a type (left out)"] += 1
            return
        row["link_established_date"] = _date(row["link_established_date"], self.result, "link_established_date")
        row["source_row"] = number
        key = (row["urn"], row["link_urn"], row["link_type"].lower())
        if key in self.seen:
            self.result.duplicates += 1
            return
        self.seen[key] = row
        self.result.rows.append(row)


_EVENT_RANK = {"latest": 0, "inspection": 0, "latest_oeif": 1, "previous": 2, "ungraded": 3, "monitoring": 3}


class _InspectionReader:
    """Each event of a row whose start date is present becomes an inspection; one inspection met
    twice in a file (the same URN and start) is one row, its gaps filled from the other."""

    def __init__(self, result: OfficialFile, entry: dict, where: dict[str, int]):
        self.result = result
        self.identity = {col: [where[norm(v)] for v in variants if norm(v) in where]
                         for col, variants in entry["columns"].items()}
        taken: set[int] = set()
        self.events = []
        for event, body in entry["events"].items():
            starts = [where[norm(v)] for v in body["columns"]["inspection_start"] if norm(v) in where]
            if not starts or set(starts) <= taken:
                continue  # not in this file, or its start column belongs to an event read before it

            def indexes(variants, taken=taken):
                return [where[norm(v)] for v in variants if norm(v) in where and where[norm(v)] not in taken]

            columns = {col: indexes(variants) for col, variants in body["columns"].items()}
            grades = {area: indexes(variants) for area, variants in body["grades"].items()}
            taken |= {i for found in (*columns.values(), *grades.values()) for i in found}
            self.events.append((event, columns, grades))
        self.events.sort(key=lambda e: _EVENT_RANK.get(e[0], 9))
        self.by_key: dict[tuple, dict] = {}
        self.areas: dict[tuple, dict] = {}

    def read(self, cells: list[str], number: int) -> None:
        identity = {col: _value(cells, index) for col, index in self.identity.items()}
        current = _urn(identity.pop("current_urn", None))
        found = False
        for event, columns, grades in self.events:
            values = {col: _value(cells, index) for col, index in columns.items()}
            start = _date(values["inspection_start"], self.result, f"{event} inspection_start")
            if start is None:
                continue
            found = True
            urn = _urn(values.get("urn_at_inspection"))
            if urn is None and (values.get("relates_to_current") or "").lower() in ("no", "n"):
                self.result.problems[f"{event} inspections of a predecessor without its URN (left out)"] += 1
                continue
            urn = urn or current
            if urn is None:
                self.result.problems["rows without a URN (left out)"] += 1
                continue
            row = {**identity, "urn": urn, "current_urn": current, "event": event,
                   "source_kind": self.result.kind, "remit": self.result.remit, "source_row": number,
                   "inspection_number": values.get("inspection_number"),
                   "inspection_type": values.get("inspection_type"),
                   "inspection_start": start,
                   "inspection_end": _date(values.get("inspection_end"), self.result, f"{event} inspection_end"),
                   "publication_date": _date(values.get("publication_date"), self.result, f"{event} publication_date"),
                   "category_of_concern": (self._category(values.get("category_of_concern"))
                                           if columns.get("category_of_concern") else None),
                   "safeguarding": self._safeguarding(values.get("safeguarding")),
                   "outcome": values.get("outcome")}
            if values.get("school_name_then"):
                row["school_name"] = values["school_name_then"]
            area_grades = {area: self._grade(_value(cells, index), start, area) for area, index in grades.items()}
            row["overall_effectiveness"] = area_grades.get("overall_effectiveness")
            self._keep(row, {a: g for a, g in area_grades.items() if g is not None})
        if not found:
            self.result.skipped += 1  # never inspected, or a row without dates
            self.result.problems["rows without an inspection date (never inspected; left out)"] += 1

    def _keep(self, row: dict, grades: dict) -> None:
        key = (row["urn"], row["inspection_start"])
        kept = self.by_key.get(key)
        if kept is None:
            self.by_key[key] = row
            self.areas[key] = grades
            return
        self.result.duplicates += 1
        for col, value in row.items():
            if kept.get(col) is None and value is not None:
                kept[col] = value
        for area, grade in grades.items():
            self.areas[key].setdefault(area, grade)

    def finish(self) -> None:
        for key, row in self.by_key.items():
            row["overall_effectiveness"] = self.areas[key].get("overall_effectiveness")
            self.result.rows.append(row)
            for area, grade in self.areas[key].items():
                self.result.judgements.append({"source_kind": self.result.kind, "urn": key[0], "inspection_start": key[1],
                                               "area_key": area, "grade": grade, "grade_score": _GRADE_SCORES.get(grade)})

    def _grade(self, value: str | None, start: dt.date, area: str) -> str | None:
        word = grade_word(value, start)
        if word is None and value is not None and value.strip().lower() not in _vocabulary()[0]:
            self.result.problems[f"{area}: {value[:24]!r} is not a grade (left NULL)"] += 1
        return word

    def _safeguarding(self, value: str | None) -> str | None:
        if value is None or value.strip().lower() in _vocabulary()[0]:
            return None
        word = _vocabulary()[2].get(_SPACE.sub(" ", value.strip().lower()))
        if word is None:
            self.result.problems[f"safeguarding: {value[:24]!r} is not a safeguarding outcome (left NULL)"] += 1
        return word

    def _category(self, value: str | None) -> str | None:
        found = category(value)
        if found is None:
            self.result.problems[f"category of concern: {value[:24]!r} is not a category (left NULL)"] += 1
        return found


def grade_word(value: str | None, start: dt.date | None) -> str | None:
    """'2' → Good; '3' → Requires improvement (Satisfactory before September 2012); words in the
    framework's own form; '9', 'Not judged', blanks and codes outside the vocabulary → None."""
    no_value, grades, _, _ = _vocabulary()
    if value is None or value.strip().lower() in no_value:
        return None
    word = grades.get(_SPACE.sub(" ", value.strip().lower()))
    if word == "Requires improvement" and value.strip() == "3" and start is not None and start < RI_FROM:
        return "Satisfactory"
    return word


def category(value: str | None) -> str | None:
    """Category of concern as the warehouse names it; 'none' when the school is in none; None for a
    code outside the vocabulary."""
    no_value, _, _, categories = _vocabulary()
    if value is None or value.strip().lower() in no_value:
        return "none"
    return categories.get(_SPACE.sub(" ", value.strip().lower()))


def _urn(value: str | None) -> str | None:
    if value is None:
        return None
    digits = value.strip()
    if digits.endswith(".0"):  # a spreadsheet's float
        digits = digits[:-2]
    return digits if digits.isdigit() or (digits[:2].upper() == "EY" and digits[2:].isdigit()) else None


_DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d/%m/%y", "%d %B %Y", "%d %b %Y", "%d-%b-%y", "%d-%b-%Y")


def _date(value: str | None, result: OfficialFile, column: str = "date") -> dt.date | None:
    if value is None:
        return None
    text = value.split(" ")[0] if re.match(r"\d{1,4}[/-]\d", value) else value  # drop a time of day
    for pattern in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    result.problems[f"{column}: not a date (left NULL)"] += 1
    return None
