"""Official data in the warehouse: each import of a kind of file (Ofsted latest, Ofsted history,
GIAS) replaces the previous import of that kind, in one transaction; and the reconciliation's
agreement per field."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb

from pipeline.official_csv import OfficialFile
from warehouse.load import arrow_table
from warehouse.transaction import transaction

TABLES = {"gias": ("official_schools",), "ofsted_latest": ("official_inspections", "official_judgements"),
          "ofsted_history": ("official_inspections", "official_judgements")}


@dataclass(frozen=True)
class Imported:
    kind: str
    title: str
    rows: int
    skipped: int
    replaced: int          # rows of the previous import of this kind
    duplicates: int        # repeated keys in the file, of which the first was kept
    unread_dates: int


def import_official(con: duckdb.DuckDBPyConnection, parsed: OfficialFile, file_name: str, sha256: str) -> Imported:
    rows, duplicates = _first_of_each(parsed)
    main = TABLES[parsed.kind][0]
    with transaction(con):
        replaced = con.execute(f"SELECT count(*) FROM {main} WHERE {_mine(parsed.kind)}").fetchone()[0]
        for table in TABLES[parsed.kind]:
            con.execute(f"DELETE FROM {table} WHERE {_mine(parsed.kind)}")
        _insert(con, main, rows)
        if parsed.kind != "gias":
            kept = {(r["urn"], r["inspection_start"]) for r in rows}
            _insert(con, "official_judgements",
                    [j for j in parsed.judgements if (j["urn"], j["inspection_start"]) in kept])
        con.execute("DELETE FROM official_imports WHERE source_kind = ?", [parsed.kind])
        con.execute("INSERT INTO official_imports VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [parsed.kind, parsed.title, file_name, sha256, len(rows), parsed.skipped, dt.datetime.now()])
    return Imported(parsed.kind, parsed.title, len(rows), parsed.skipped, replaced, duplicates, parsed.unread_dates)


def _mine(kind: str) -> str:
    return "TRUE" if kind == "gias" else f"source_kind = '{kind}'"


def _first_of_each(parsed: OfficialFile) -> tuple[list[dict], int]:
    """One row per key (URN for GIAS; URN and start date for Ofsted files): the first in the file."""
    seen, kept = set(), []
    for row in parsed.rows:
        key = row["urn"] if parsed.kind == "gias" else (row["urn"], row["inspection_start"])
        if key not in seen:
            seen.add(key)
            kept.append(row)
    return kept, len(parsed.rows) - len(kept)


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> None:
    if not rows:
        return
    con.register("official_rows", arrow_table(con, table, rows))
    try:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM official_rows")
    finally:
        con.unregister("official_rows")


OUTCOMES = ("agree", "disagree", "only_documents", "only_official")


@dataclass(frozen=True)
class FieldAgreement:
    field: str
    agree: int
    disagree: int
    only_documents: int
    only_official: int

    @property
    def agreement(self) -> float | None:
        """Share that agree where both sides have a value."""
        both = self.agree + self.disagree
        return self.agree / both if both else None


def agreement(con: duckdb.DuckDBPyConnection) -> list[FieldAgreement]:
    """Outcomes counted per field: the inspection itself first, then dates, overall, the rest by name."""
    rows = con.execute(
        "SELECT field, " + ", ".join(f"count(*) FILTER (outcome = '{o}')" for o in OUTCOMES)
        + " FROM reconciliation GROUP BY field ORDER BY CASE field WHEN 'inspection' THEN 0 "
          "WHEN 'inspection_end' THEN 1 WHEN 'overall_effectiveness' THEN 2 WHEN 'category_of_concern' THEN 3 "
          "WHEN 'safeguarding' THEN 4 ELSE 5 END, field").fetchall()
    return [FieldAgreement(*row) for row in rows]


def imports(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    return con.execute("SELECT source_kind, file_name, rows_imported, imported_at FROM official_imports "
                       "ORDER BY source_kind").fetchall()


def import_groups(con: duckdb.DuckDBPyConnection, register, file_name: str, sha256: str) -> Imported:
    """A register of groups of schools replaces the previous one; the partnerships' ids and their
    official groups are re-resolved at the next publish (warehouse/partnership_ids.py)."""
    with transaction(con):
        replaced = con.execute("SELECT count(*) FROM official_groups").fetchone()[0]
        con.execute("DELETE FROM official_group_schools")
        con.execute("DELETE FROM official_groups")
        _insert(con, "official_groups", register.groups)
        _insert(con, "official_group_schools", register.schools)
        con.execute("DELETE FROM official_imports WHERE source_kind = 'groups'")
        con.execute("INSERT INTO official_imports VALUES (?, ?, ?, ?, ?, ?, ?)",
                    ["groups", register.title, file_name, sha256, len(register.groups), register.skipped,
                     dt.datetime.now()])
    return Imported("groups", register.title, len(register.groups), register.skipped, replaced, 0, 0)
