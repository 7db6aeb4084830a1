"""The warehouse describing itself: its tables and views, their columns and comments."""
from __future__ import annotations

import duckdb

INTERNAL = {"schema_migrations", "schema_views"}


def relations(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str | None]]:
    """(name, 'table' or 'view', comment) of every table and analyst view, tables first."""
    tables = con.execute("SELECT table_name, 'table', comment FROM duckdb_tables() "
                         "WHERE schema_name = 'main' AND NOT internal ORDER BY table_name").fetchall()
    views = con.execute("SELECT view_name, 'view', comment FROM duckdb_views() "
                        "WHERE schema_name = 'main' AND NOT internal ORDER BY view_name").fetchall()
    return [r for r in tables + views if r[0] not in INTERNAL]


def columns(con: duckdb.DuckDBPyConnection, relation: str) -> list[tuple[str, str, str | None]]:
    """(column, type, comment) of one table or view, in order."""
    return con.execute("SELECT column_name, data_type, comment FROM duckdb_columns() "
                       "WHERE schema_name = 'main' AND table_name = ? ORDER BY column_index", [relation]).fetchall()
