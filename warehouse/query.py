"""Read-only SQL for analysts: the connection cannot write, whatever the statement says."""
from __future__ import annotations

from pathlib import Path

import duckdb


def known_documents(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, str, str]]:
    """uri -> (sha256, parser_version, extractor_version) of every loaded document."""
    rows = con.execute("SELECT uri, sha256, parser_version, extractor_version FROM documents").fetchall()
    return {uri: (sha, pv, ev) for uri, sha, pv, ev in rows}


class WarehouseMissing(Exception):
    """The database file does not exist yet."""


def open_read_only(path: str | Path) -> duckdb.DuckDBPyConnection:
    path = Path(path)
    if not path.exists():
        raise WarehouseMissing(f"no warehouse at {path}: build one first with `schoolpipe run --corpus DIR --db {path}`")
    # read-only, and no file system access: no COPY TO, no read_csv of other files, no ATTACH
    return duckdb.connect(str(path), read_only=True, config={"enable_external_access": False})


def run_query(path: str | Path, sql: str, params: list | None = None) -> tuple[list[str], list[tuple]]:
    """Column names and rows of one statement, on a read-only connection."""
    con = open_read_only(path)
    try:
        cursor = con.execute(sql, params or [])
        if cursor.description is None:
            return [], []
        return [d[0] for d in cursor.description], cursor.fetchall()
    finally:
        con.close()
