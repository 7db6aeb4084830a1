"""Official data in the warehouse. Every import is a release kept beside the others of its kind
(official_releases); importing the same file again changes nothing. Ofsted releases keep their
inspections per release, and official_inspections / official_judgements hold each inspection once,
each field from the newest release giving it. Registers of schools merge into official_schools the
same way; GIAS links join URNs into schools (school_chains). And the reconciliation's agreement."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import duckdb

from pipeline.official_csv import OFSTED_KINDS, OfficialFile, header_spec
from pipeline.school_names import same_authority
from warehouse.load import arrow_table
from warehouse.transaction import transaction

SCHOOL_REGISTERS = ("gias", "dfe_schools")
_EVENT_ORDER = "CASE i.event WHEN 'latest' THEN 0 WHEN 'inspection' THEN 0 WHEN 'latest_oeif' THEN 1 WHEN 'previous' THEN 2 ELSE 3 END"
_NEWEST_FIRST = "r.release_date DESC NULLS LAST, r.imported_at DESC"


@dataclass(frozen=True)
class Imported:
    kind: str
    title: str
    rows: int
    skipped: int
    replaced: int          # rows of the previous import (a register of groups replaces its predecessor)
    duplicates: int        # repeated keys in the file, merged into the first
    release_id: str = ""
    release_date: dt.date | None = None
    already: bool = False  # the same file was imported before: nothing changed
    new: int = 0           # inspections, establishments or links the warehouse did not hold before
    problems: tuple[tuple[str, int], ...] = field(default_factory=tuple)


def release_id(sha256: str) -> str:
    return sha256[:16]


def import_official(con: duckdb.DuckDBPyConnection, parsed: OfficialFile, file_name: str, sha256: str,
                    as_at: dt.date | None = None) -> Imported:
    """Keep the file as a release beside the others; re-derive what the releases say together."""
    rid, when = release_id(sha256), as_at or parsed.release_date
    problems = tuple(parsed.problems.most_common())
    known = con.execute("SELECT release_date FROM official_releases WHERE release_id = ?", [rid]).fetchone()
    if known:
        return Imported(parsed.kind, parsed.title, len(parsed.rows), parsed.skipped, 0, parsed.duplicates,
                        rid, known[0], already=True, problems=problems)
    with transaction(con):
        con.execute("INSERT INTO official_releases VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [rid, parsed.kind, parsed.remit, parsed.title, file_name, sha256, when, parsed.rows_read,
                     len(parsed.rows), parsed.skipped, [f"{reason}: {n:,}" for reason, n in problems], dt.datetime.now()])
        if parsed.kind in OFSTED_KINDS:
            new = _add_inspections(con, parsed, rid)
        elif parsed.kind == "gias_links":
            new = _add_links(con, parsed.rows, rid)
        else:
            new = _merge_schools(con, parsed.rows, rid, when)
        rebuild_chains(con)
    return Imported(parsed.kind, parsed.title, len(parsed.rows), parsed.skipped, 0, parsed.duplicates,
                    rid, when, new=new, problems=problems)


def _add_inspections(con: duckdb.DuckDBPyConnection, parsed: OfficialFile, rid: str) -> int:
    before = con.execute("SELECT count(*) FROM official_inspections").fetchone()[0]
    _insert(con, "official_release_inspections", [{**row, "release_id": rid} for row in parsed.rows])
    _insert(con, "official_release_judgements",
            [{k: v for k, v in j.items() if k != "source_kind"} | {"release_id": rid} for j in parsed.judgements])
    merge_inspections(con)
    return con.execute("SELECT count(*) FROM official_inspections").fetchone()[0] - before


def merge_inspections(con: duckdb.DuckDBPyConnection) -> None:
    """Each inspection once: every field from the newest release that gives it (the main event of
    a row before its previous or ungraded ones), every graded area likewise."""
    columns = [c for (c,) in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'official_release_inspections' "
        "AND column_name NOT IN ('urn', 'inspection_start', 'release_id', 'event', 'source_kind') ORDER BY ordinal_position").fetchall()]
    picked = ", ".join(f"arg_min({c}, rank) FILTER (WHERE {c} IS NOT NULL) AS {c}" for c in columns)
    con.execute(f"""CREATE OR REPLACE TEMP TABLE official_ranked AS
        SELECT i.*, row_number() OVER (PARTITION BY i.urn, i.inspection_start ORDER BY {_NEWEST_FIRST}, {_EVENT_ORDER}) AS rank
        FROM official_release_inspections i JOIN official_releases r USING (release_id)""")
    con.execute("DELETE FROM official_judgements")
    con.execute("DELETE FROM official_inspections")
    con.execute(f"""INSERT INTO official_inspections BY NAME
        SELECT urn, inspection_start, {picked}, arg_min(release_id, rank) AS release_id, arg_min(event, rank) AS event,
               arg_min(source_kind, rank) AS source_kind, count(DISTINCT release_id) AS releases
        FROM official_ranked GROUP BY urn, inspection_start""")
    con.execute("""INSERT INTO official_judgements BY NAME
        SELECT j.urn, j.inspection_start, j.area_key, arg_min(j.grade, k.rank) AS grade,
               arg_min(j.grade_score, k.rank) AS grade_score, arg_min(j.release_id, k.rank) AS release_id,
               arg_min(k.source_kind, k.rank) AS source_kind
        FROM official_release_judgements j JOIN official_ranked k USING (release_id, urn, inspection_start)
        GROUP BY j.urn, j.inspection_start, j.area_key""")
    con.execute("DROP TABLE official_ranked")


def _merge_schools(con: duckdb.DuckDBPyConnection, rows: list[dict], rid: str, when: dt.date | None) -> int:
    """Each establishment once: the newer release's values where it gives them, the older's where not."""
    _register(con, "official_incoming", "official_schools", [{**row, "release_id": rid} for row in rows])
    try:
        columns = [c for (c,) in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'official_schools' "
            "AND column_name <> 'urn' ORDER BY ordinal_position").fetchall()]
        newer = "(o.urn IS NULL OR coalesce(r.release_date, r.imported_at::DATE) <= coalesce(?::DATE, current_date))"
        merged = ", ".join(f"CASE WHEN {newer} THEN coalesce(n.{c}, o.{c}) ELSE coalesce(o.{c}, n.{c}) END AS {c}"
                           for c in columns)
        con.execute(f"""CREATE OR REPLACE TEMP TABLE official_merged AS
            SELECT n.urn, {merged} FROM official_incoming n
            LEFT JOIN official_schools o USING (urn) LEFT JOIN official_releases r ON r.release_id = o.release_id""",
                    [when] * len(columns))
        new = con.execute("SELECT count(*) FROM official_incoming WHERE urn NOT IN (SELECT urn FROM official_schools)").fetchone()[0]
        con.execute("DELETE FROM official_schools WHERE urn IN (SELECT urn FROM official_incoming)")
        con.execute("INSERT INTO official_schools BY NAME SELECT * FROM official_merged")
        con.execute("DROP TABLE official_merged")
    finally:
        con.unregister("official_incoming")
    return new


def _add_links(con: duckdb.DuckDBPyConnection, rows: list[dict], rid: str) -> int:
    """Links are facts: a link already held (the same two URNs and type) is kept once."""
    _register(con, "official_incoming", "official_school_links", [{**row, "release_id": rid} for row in rows])
    try:
        before = con.execute("SELECT count(*) FROM official_school_links").fetchone()[0]
        con.execute("""INSERT INTO official_school_links BY NAME SELECT * FROM official_incoming n
            WHERE NOT EXISTS (SELECT 1 FROM official_school_links o WHERE o.urn = n.urn AND o.link_urn = n.link_urn
                              AND lower(o.link_type) = lower(n.link_type))""")
        return con.execute("SELECT count(*) FROM official_school_links").fetchone()[0] - before
    finally:
        con.unregister("official_incoming")


def chains(links: list[tuple[str, str, str]], chain_types: set[str]) -> tuple[dict[str, str], set[str]]:
    """URN → its chain (the smallest URN joined to it by links of succession), and the URNs some
    link names a successor of. Pure."""
    parent: dict[str, str] = {}

    def find(urn: str) -> str:
        parent.setdefault(urn, urn)
        while parent[urn] != urn:
            parent[urn] = parent[parent[urn]]
            urn = parent[urn]
        return urn

    superseded = set()
    for urn, link, kind in links:
        kind = kind.strip().lower()
        if kind not in chain_types:
            continue
        a, b = find(urn), find(link)
        if a != b:
            low, high = sorted((a, b), key=_urn_order)
            parent[high] = low
        if kind.startswith("successor"):
            superseded.add(urn)
        elif kind.startswith("predecessor"):
            superseded.add(link)
    return {urn: find(urn) for urn in parent}, superseded


def _urn_order(urn: str) -> tuple[int, str]:
    return (int(urn), urn) if urn.isdigit() else (10**12, urn)


def rebuild_chains(con: duckdb.DuckDBPyConnection) -> None:
    chain_types = {t.lower() for t in header_spec()["kinds"]["gias_links"]["chain_types"]}
    links = con.execute("SELECT urn, link_urn, link_type FROM official_school_links").fetchall()
    links += con.execute(  # Ofsted's own word that an inspection under an earlier URN is this school's
        "SELECT DISTINCT current_urn, urn, 'predecessor' FROM official_release_inspections "
        "WHERE current_urn IS NOT NULL AND current_urn <> urn").fetchall()
    of, superseded = chains(links, chain_types)
    status = {urn: (state or "", opened) for urn, state, opened in con.execute(
        "SELECT urn, establishment_status, open_date FROM official_schools WHERE urn IN (SELECT urn FROM school_chains "
        "UNION SELECT urn FROM official_school_links UNION SELECT urn FROM official_release_inspections)").fetchall()}
    members: dict[str, list[str]] = {}
    for urn, chain in of.items():
        members.setdefault(chain, []).append(urn)
    rows = []
    for chain, urns in members.items():
        if len(urns) < 2:
            continue
        candidates = [u for u in urns if u not in superseded] or urns
        current = max(candidates, key=lambda u: (status.get(u, ("", None))[0].lower().startswith("open"),
                                                 status.get(u, ("", None))[1] or dt.date.min, _urn_order(u)))
        rows.extend({"urn": u, "chain_id": chain, "current_urn": current} for u in urns)
    con.execute("DELETE FROM school_chains")
    _insert(con, "school_chains", rows)


def _register(con: duckdb.DuckDBPyConnection, name: str, table: str, rows: list[dict]) -> None:
    con.register(name, arrow_table(con, table, rows))


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
    return con.execute("SELECT source_kind, file_name, rows_imported, imported_at FROM official_releases "
                       "ORDER BY source_kind, release_date NULLS FIRST, imported_at").fetchall()


def import_groups(con: duckdb.DuckDBPyConnection, register, file_name: str, sha256: str) -> Imported:
    """A register of groups of schools replaces the previous one; the partnerships' ids and their
    official groups are re-resolved at the next publish (warehouse/partnership_ids.py)."""
    with transaction(con):
        replaced = con.execute("SELECT count(*) FROM official_groups").fetchone()[0]
        con.execute("DELETE FROM official_group_schools")
        con.execute("DELETE FROM official_groups")
        _insert(con, "official_groups", register.groups)
        _insert(con, "official_group_schools", register.schools)
        con.execute("DELETE FROM official_releases WHERE source_kind = 'groups'")
        con.execute("INSERT INTO official_releases VALUES (?, ?, NULL, ?, ?, ?, NULL, ?, ?, ?, [], ?)",
                    [release_id(sha256), "groups", register.title, file_name, sha256,
                     len(register.groups) + register.skipped, len(register.groups), register.skipped, dt.datetime.now()])
    return Imported("groups", register.title, len(register.groups), register.skipped, replaced, 0)


def newer_inspections(con: duckdb.DuckDBPyConnection, urns: tuple[str, ...] = (),
                      local_authority: str | None = None) -> list[str]:
    """URNs in scope (these, or the local authority's in the official data) whose newest official
    inspection is later than any the documents hold for them: the reports a nightly run lacks."""
    rows = con.execute(
        """SELECT o.urn, o.local_authority, o.newest, h.held
           FROM (SELECT urn, max(inspection_start) AS newest, any_value(local_authority) AS local_authority
                 FROM official_inspections WHERE inspection_start IS NOT NULL GROUP BY urn) o
           LEFT JOIN (SELECT urn, max(inspection_start) AS held FROM inspections WHERE urn IS NOT NULL GROUP BY urn) h
           USING (urn) ORDER BY o.urn""").fetchall()
    wanted = {u.upper() for u in urns}
    out = []
    for urn, authority, newest, held in rows:
        in_scope = (urn.upper() in wanted) or (local_authority is not None and same_authority(authority, local_authority))
        if in_scope and (held is None or newest > held):
            out.append(urn)
    return out
