"""Registers of groups of schools to rows: the DfE performance tables' multi-academy trust file
(one row per trust and table, its schools' URNs `;`-separated) and GIAS's group and group-links
downloads (one row per group, or per group and school). Pure: bytes in, rows out; the warehouse
stores them and ties the partnerships the documents name to them (warehouse/partnership_ids.py).
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pipeline.official_csv import OfficialFileError, norm
from pipeline.official_tables import decode
from pipeline.partnership_keys import partnership_key

COLUMNS_FILE = Path(__file__).with_name("official_groups.json")
_HEADER_SEARCH_ROWS = 20


class GroupsFileError(ValueError):
    """official_groups.json does not have the shape this module reads."""


@dataclass
class GroupRegister:
    title: str
    groups: list[dict] = field(default_factory=list)   # official_groups rows, one per group
    schools: list[dict] = field(default_factory=list)  # official_group_schools rows, one per group and URN
    skipped: int = 0                                    # rows without a group id or name


@cache
def group_columns() -> dict:
    spec = json.loads(COLUMNS_FILE.read_text(encoding="utf-8"))
    columns, required = spec.get("columns"), spec.get("required")
    if not isinstance(columns, dict) or not all(
            isinstance(v, list) and v and all(isinstance(h, str) for h in v) for v in columns.values()):
        raise GroupsFileError(f"{COLUMNS_FILE.name}: 'columns' must map each column to a list of header variants")
    if not isinstance(required, list) or not set(required) <= set(columns):
        raise GroupsFileError(f"{COLUMNS_FILE.name}: 'required' must list columns of 'columns'")
    if not isinstance(spec.get("default_types"), dict):
        raise GroupsFileError(f"{COLUMNS_FILE.name}: 'default_types' must map a header to a group type")
    return spec


def is_group_register(data: bytes) -> bool:
    """The header row has a group id and a group name (a trust or GIAS group file)."""
    return _header(decode(data))[0] is not None


def _header(text: str) -> tuple[int | None, list[list[str]]]:
    spec = group_columns()
    lines = list(csv.reader(io.StringIO(text, newline="")))
    for n, row in enumerate(lines[:_HEADER_SEARCH_ROWS]):
        header = {norm(c) for c in row}
        if all(any(norm(v) in header for v in spec["columns"][col]) for col in spec["required"]):
            return n, lines
    return None, lines


def read_group_register(data: bytes, name: str = "file") -> GroupRegister:
    """Every group once (the first row of a group gives its name and type) and each of its schools."""
    spec = group_columns()
    at, lines = _header(decode(data))
    if at is None:
        raise OfficialFileError(f"{name}: no header row with a group id and a group name (trust_uid and trust_name, "
                                "or Group UID and Group Name); give the DfE multi-academy trust file or a GIAS groups file")
    header = [norm(c) for c in lines[at]]
    where = {h: i for i, h in reversed(list(enumerate(header)))}
    index = {col: [where[norm(v)] for v in variants if norm(v) in where] for col, variants in spec["columns"].items()}
    default_type = next((t for h, t in spec["default_types"].items() if norm(h) in where), None)
    register = GroupRegister("register of groups of schools")
    seen: dict[str, dict] = {}
    pairs: set[tuple[str, str]] = set()
    for cells in lines[at + 1:]:
        if not any(c.strip() for c in cells):
            continue
        row = {col: _value(cells, found) for col, found in index.items()}
        if not row["group_uid"] or not row["name"]:
            register.skipped += 1
            continue
        uid = row["group_uid"]
        if uid not in seen:
            seen[uid] = {"group_uid": uid, "group_id": row["group_id"], "name": row["name"],
                         "name_key": partnership_key(row["name"]),
                         "group_type": row["group_type"] if "group type" in where else default_type,
                         "companies_house_number": row["companies_house_number"], "status": row["status"]}
            register.groups.append(seen[uid])
        urns = (row["urns"] or "").split(";") + [row["urn"] or ""]
        for urn in (u.strip() for u in urns):
            if urn.isdigit() and (uid, urn) not in pairs:
                pairs.add((uid, urn))
                register.schools.append({"group_uid": uid, "urn": urn})
    if not register.groups:
        raise OfficialFileError(f"{name}: a register's header but no group with an id and a name; nothing imported")
    return register


def _value(cells: list[str], indexes: list[int]) -> str | None:
    """The first of the column's headers present with a value in this row."""
    for i in indexes:
        if i < len(cells) and cells[i].strip() and cells[i].strip().lower() not in ("z", "null", "x"):
            return " ".join(cells[i].split())
    return None
