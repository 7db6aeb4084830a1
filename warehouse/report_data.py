"""What the HTML report shows, read from the published warehouse: plain rows, no drawing."""
from __future__ import annotations

from dataclasses import dataclass, field

import duckdb

from warehouse.catalog import relations

MAX_PROBLEMS = 200      # documents listed with their errors (the rest are counted)
MAX_NETWORK_EDGES = 600  # school-partnership edges drawn; a bigger network is cut to its largest partnerships


@dataclass
class ReportData:
    totals: dict[str, int] = field(default_factory=dict)
    last_run: tuple | None = None                      # (run_id, command, started_at, finished_at, status)
    by_status: list[tuple[str, int]] = field(default_factory=list)
    by_kind: list[tuple[str, str, int]] = field(default_factory=list)              # kind, remit, documents
    problems: list[tuple[str, str, str]] = field(default_factory=list)             # uri, status, error
    problems_total: int = 0
    overall_by_framework: list[tuple[str, str, int]] = field(default_factory=list)  # framework, grade, count
    grades_by_area: list[tuple[str, str, str, int]] = field(default_factory=list)   # scale, area, grade, count
    inspections_by_year: list[tuple[int, str, int]] = field(default_factory=list)   # year, remit, count
    network: list[tuple[str, str, str]] = field(default_factory=list)  # school, partnership, partnership type
    network_total: int = 0
    reconciliation: list[tuple[str, int, int, int, int]] = field(default_factory=list)
    official_imports: list[tuple[str, str, int]] = field(default_factory=list)
    timelines: list[Timeline] = field(default_factory=list)   # one school or one trust over time, when asked for


@dataclass
class Timeline:
    """Inspections of some schools over time (school_history): one row per inspection."""
    title: str
    about: str
    rows: list[tuple] = field(default_factory=list)  # school label, date, result, source, inspection type, urn, document_id


class ChosenSchoolsMissing(Exception):
    """A school or trust asked for is not in the warehouse, or the words fit several; the message says what to give."""


GRADE_ORDER = ["Outstanding", "Good", "Requires improvement", "Satisfactory", "Adequate", "Inadequate",
               "Exceptional", "Strong standard", "Expected standard", "Needs attention", "Urgent improvement"]


def read_report_data(con: duckdb.DuckDBPyConnection) -> ReportData:
    known = {name for name, _, _ in relations(con)}
    data = ReportData()
    for table in ("documents", "inspections", "judgements", "partnership_mentions"):
        data.totals[table] = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    data.last_run = con.execute("SELECT run_id, command, started_at, finished_at, status FROM runs "
                                "ORDER BY started_at DESC NULLS LAST LIMIT 1").fetchone()
    data.by_status = con.execute("SELECT status, count(*) FROM documents GROUP BY ALL ORDER BY 2 DESC, 1").fetchall()
    data.by_kind = con.execute(
        "SELECT coalesce(d.kind, '(not read)'), coalesce(i.remit, '(none)'), count(*) FROM documents d "
        "LEFT JOIN inspections i USING (document_id) GROUP BY ALL ORDER BY 3 DESC, 1, 2").fetchall()
    data.problems = con.execute(f"SELECT uri, status, coalesce(error, '') FROM document_problems ORDER BY status, uri "
                                f"LIMIT {MAX_PROBLEMS}").fetchall()
    data.problems_total = con.execute("SELECT count(*) FROM document_problems").fetchone()[0]
    data.overall_by_framework = con.execute(
        "SELECT coalesce(framework, '(none)'), overall_effectiveness, count(*) FROM inspections "
        "WHERE overall_effectiveness IS NOT NULL GROUP BY ALL ORDER BY 1, 2").fetchall()
    data.grades_by_area = con.execute(
        "SELECT grade_scale, area_key, grade, count(*) FROM judgements GROUP BY ALL ORDER BY 1, 2, 3").fetchall()
    data.inspections_by_year = con.execute(
        "SELECT year(inspection_start), coalesce(remit, '(none)'), count(*) FROM inspections "
        "WHERE inspection_start IS NOT NULL GROUP BY ALL ORDER BY 1, 2").fetchall()
    edges = ("WITH e AS (SELECT DISTINCT school_name AS school, coalesce(partnership_name, partnership_id) AS partnership, "
             "coalesce(partnership_type, '') AS kind FROM partnership_network WHERE school_name IS NOT NULL) ")
    data.network_total = con.execute(edges + "SELECT count(*) FROM e").fetchone()[0]
    data.network = con.execute(  # the largest partnerships first, when there are too many edges to draw
        edges + "SELECT school, partnership, kind FROM e ORDER BY count(*) OVER (PARTITION BY partnership) DESC, "
        f"partnership, school LIMIT {MAX_NETWORK_EDGES}").fetchall()
    if "reconciliation" in known:
        data.official_imports = con.execute(
            "SELECT source_kind, file_name, rows_imported FROM official_imports ORDER BY 1").fetchall()
        if data.official_imports:
            from warehouse.official import agreement

            data.reconciliation = [(f.field, f.agree, f.disagree, f.only_documents, f.only_official)
                                   for f in agreement(con)]
    return data


def school_timeline_for(con: duckdb.DuckDBPyConnection, which: str) -> Timeline:
    """One school, by any URN it has had or words of its name, over time."""
    from warehouse.school_lookup import find_schools

    found = find_schools(con, which)
    if not found:
        raise ChosenSchoolsMissing(f"no school with the URN or name {which!r} in the warehouse; check it "
                                   "(schoolpipe school WORDS lists the schools that fit)")
    if len(found) > 1:
        listed = "; ".join(f"{m.current_urn} {m.name or '(no name)'}" for m in found[:5])
        raise ChosenSchoolsMissing(f"{len(found)}{' or more' if len(found) >= 20 else ''} schools fit {which!r} ({listed}{'; …' if len(found) > 5 else ''}); "
                                   "give the URN")
    school = found[0]
    earlier = [u for u in school.urns if u != school.current_urn]
    return Timeline(f"{school.name or school.current_urn} over time",
                    f"URN {school.current_urn}" + (f" (earlier {', '.join(earlier)})" if earlier else "")
                    + ": every inspection from the documents and the official data, across its URNs.",
                    _history(con, [school.school_id]))


def trust_timeline_for(con: duckdb.DuckDBPyConnection, which: str) -> Timeline:
    """The schools of one trust (the register's trust name), each over time."""
    words = [w for w in which.lower().split() if w]
    names = ("SELECT trust FROM schools WHERE trust IS NOT NULL "
             "UNION ALL SELECT name FROM official_groups WHERE group_type ILIKE '%trust%'")
    trusts = [t for (t,) in con.execute(  # registers print one trust in capitals, another in title case: one trust
        f"SELECT any_value(trust ORDER BY trust = upper(trust), trust) FROM ({names}) t(trust) WHERE "
        + " AND ".join("strip_accents(lower(trust)) LIKE '%' || ? || '%'" for _ in words)
        + " GROUP BY lower(trust) ORDER BY 1", words).fetchall()] if words else []
    exact = [t for t in trusts if t.lower() == " ".join(words)]
    trusts = exact or trusts
    if not trusts:
        raise ChosenSchoolsMissing(f"no trust named {which!r} in the warehouse's registers; import a register with "
                                   "trusts (GIAS, the DfE school list) with schoolpipe import-official")
    if len(trusts) > 1:
        listed = "; ".join(trusts[:5])
        raise ChosenSchoolsMissing(f"{len(trusts)} trusts fit {which!r} ({listed}{'; …' if len(trusts) > 5 else ''}); "
                                   "give more of the name")
    schools = [s for (s,) in con.execute(  # the registers' trust of each school, and the trusts' own lists of schools
        "SELECT school_id FROM schools WHERE lower(trust) = lower($1) UNION "
        "SELECT u.school_id FROM official_groups g JOIN official_group_schools m USING (group_uid) "
        "JOIN school_urns u ON u.urn = m.urn WHERE lower(g.name) = lower($1) AND g.group_type ILIKE '%trust%'",
        [trusts[0]]).fetchall()]
    rows = _history(con, schools)
    inspected = len({r[0] for r in rows})
    return Timeline(f"{trusts[0]} over time",
                    f"{len(schools):,} school{'s' if len(schools) != 1 else ''} of the trust today, {inspected:,} with "
                    "an inspection on record: every inspection of each, from the documents and the official data, "
                    "across its URNs.", rows)


def _history(con: duckdb.DuckDBPyConnection, school_ids: list[str]) -> list[tuple]:
    if not school_ids:
        return []
    return con.execute(
        "SELECT coalesce(s.school_name, h.school_name, s.current_urn) || ' (' || s.current_urn || ')', h.inspection_start, "
        "coalesce(h.overall_effectiveness, h.outcome, 'no overall grade'), h.source, h.inspection_type, h.urn, "
        "h.document_id FROM school_history h JOIN schools s USING (school_id) WHERE h.school_id IN "
        "(SELECT unnest(?)) ORDER BY 1, h.inspection_start, h.urn", [school_ids]).fetchall()
