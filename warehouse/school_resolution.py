"""Schools the documents name without a URN, resolved from the imported registers: the index is
built from official_schools, Ofsted's rows and GIAS links' former names (pipeline/school_names.py)
and the answers land in school_resolutions. Run at publish, after the documents or the official
data changed; nothing is resolved while no register is imported."""
from __future__ import annotations

import duckdb

from pipeline.school_names import SchoolIndex, SchoolRecord
from warehouse.load import arrow_table


def school_index(con: duckdb.DuckDBPyConnection) -> SchoolIndex | None:
    rows = con.execute("""
        SELECT urn, school_name, postcode, town, local_authority FROM official_schools
        WHERE school_name IS NOT NULL AND coalesce(type_of_establishment, '') NOT ILIKE '%children%centre%'
        UNION ALL
        SELECT coalesce(current_urn, urn), school_name, postcode, NULL, local_authority FROM official_inspections
        WHERE school_name IS NOT NULL""").fetchall()
    if not rows:
        return None
    records: dict[str, SchoolRecord] = {}
    for urn, name, postcode, town, authority in rows:
        record = records.setdefault(urn, SchoolRecord(urn, [], postcode, []))
        if name not in record.names:
            record.names.append(name)
        record.postcode = record.postcode or postcode
        record.places += [p for p in (town, authority) if p and p not in record.places]
    for urn, former in con.execute("SELECT urn, link_name FROM official_school_links "
                                   "WHERE lower(link_type) LIKE 'predecessor%' AND link_name IS NOT NULL").fetchall():
        if urn in records and former not in records[urn].names:
            records[urn].names.append(former)
    chain_of = dict(con.execute("SELECT urn, chain_id FROM school_chains").fetchall())
    return SchoolIndex(list(records.values()), chain_of)


def resolve_school_names(con: duckdb.DuckDBPyConnection) -> int:
    """Rebuild school_resolutions; returns how many names were resolved."""
    con.execute("DELETE FROM school_resolutions")
    index = school_index(con)
    if index is None:
        return 0
    named = con.execute("""
        SELECT 'inspections', inspection_id, school_name, postcode, local_authority FROM inspections
        WHERE urn IS NULL AND school_name IS NOT NULL AND remit IN ('school', 'independent_school')
        UNION ALL
        SELECT 'partnership_members', member_id, school_name, postcode, local_authority FROM partnership_members
        WHERE urn IS NULL AND school_name IS NOT NULL""").fetchall()
    found = []
    for table, row_id, name, postcode, place in named:
        got = index.resolve(name, postcode=postcode, town=place)
        if got.urn is not None:
            found.append({"source_table": table, "row_id": row_id, "school_name": name, "postcode": postcode,
                          "place": place, "urn": got.urn, "score": float(got.score), "how": got.why})
    if found:
        con.register("resolved_rows", arrow_table(con, "school_resolutions", found))
        try:
            con.execute("INSERT INTO school_resolutions BY NAME SELECT * FROM resolved_rows")
        finally:
            con.unregister("resolved_rows")
    return len(found)
