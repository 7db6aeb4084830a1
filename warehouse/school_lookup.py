"""One school across its URNs, read from the warehouse: find it by URN or by name, and its timeline
(the schools and school_history views). Read-only."""
from __future__ import annotations

import re
from dataclasses import dataclass

import duckdb

_URN = re.compile(r"^(?:EY)?\d{5,7}$", re.I)


@dataclass(frozen=True)
class SchoolMatch:
    school_id: str
    current_urn: str
    name: str | None
    local_authority: str | None
    urns: tuple[str, ...]


def find_schools(con: duckdb.DuckDBPyConnection, text: str, limit: int = 20) -> list[SchoolMatch]:
    """By URN (any the school has had), else by name: today's name or a name it had at an
    inspection; a whole-name match first, then names containing every word given."""
    text = " ".join(text.split())
    if _URN.match(text):
        where, params = "s.school_id IN (SELECT school_id FROM school_urns WHERE urn = ?)", [text.upper()]
        order = "s.school_id"
    else:
        words = [w for w in re.split(r"[^\w']+", text.lower()) if w]
        if not words:
            return []
        names = ("SELECT school_id, school_name AS name FROM schools UNION "
                 "SELECT school_id, school_name FROM school_history WHERE school_name IS NOT NULL")
        where = (f"s.school_id IN (SELECT school_id FROM ({names}) WHERE "
                 + " AND ".join("strip_accents(lower(name)) LIKE '%' || ? || '%'" for _ in words) + ")")
        params = words
        order = "lower(s.school_name) <> lower(?), s.school_name, s.school_id"
        params = [*params, text]
    rows = con.execute(f"SELECT s.school_id, s.current_urn, s.school_name, s.local_authority, s.urns "
                       f"FROM schools s WHERE {where} ORDER BY {order} LIMIT {int(limit)}", params).fetchall()
    return [SchoolMatch(a, b, c, d, tuple(e or ())) for a, b, c, d, e in rows]


def school_profile(con: duckdb.DuckDBPyConnection, school_id: str) -> dict:
    cursor = con.execute("SELECT * FROM schools WHERE school_id = ?", [school_id])
    names = [d[0] for d in cursor.description]
    row = cursor.fetchone()
    return dict(zip(names, row)) if row else {}


def school_timeline(con: duckdb.DuckDBPyConnection, school_id: str) -> list[dict]:
    cursor = con.execute("""
        SELECT h.*, (SELECT string_agg(replace(j.area_key, '_', ' ') || ' ' || j.grade, ', ' ORDER BY j.area_key)
                     FROM official_judgements j WHERE j.urn = h.urn AND j.inspection_start = h.official_start
                       AND h.overall_effectiveness IS NULL) AS area_grades
        FROM school_history h WHERE h.school_id = ? ORDER BY h.inspection_start, h.urn""", [school_id])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]
