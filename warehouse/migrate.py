"""Open the warehouse and bring its schema up to date with the numbered SQL migrations."""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from importlib import resources

import duckdb

from warehouse.transaction import transaction

_NUMBERED = re.compile(r"^(\d{4})_(\w+)\.sql$")


def migration_files() -> list[tuple[int, str, str]]:
    """(version, name, sql) of every migration, in order."""
    folder = resources.files("warehouse") / "migrations"
    found = []
    for entry in folder.iterdir():
        m = _NUMBERED.match(entry.name)
        if m:
            found.append((int(m.group(1)), m.group(2), entry.read_text(encoding="utf-8")))
    return sorted(found)


def view_files() -> list[str]:
    folder = resources.files("warehouse") / "views"
    return [entry.read_text(encoding="utf-8") for entry in sorted(folder.iterdir(), key=lambda e: e.name)
            if entry.name.endswith(".sql")]


def apply_migrations(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply each migration not yet recorded, each in its own transaction; then recreate the views
    when they changed (their files' hash is kept in `schema_views`) or a migration was applied."""
    con.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)")
    done = {row[0] for row in con.execute("SELECT version FROM schema_migrations").fetchall()}
    applied = []
    for version, name, sql in migration_files():
        if version in done:
            continue
        with transaction(con):
            con.execute(sql)
            con.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", [version, name, dt.datetime.now()])
        applied.append(version)
    views = view_files()
    sha = hashlib.sha256("\n".join(views).encode()).hexdigest()[:16]
    con.execute("CREATE TABLE IF NOT EXISTS schema_views (sha VARCHAR, live_sha VARCHAR, applied_at TIMESTAMP)")
    # Recreating every view costs a third of a second, so it is done when this code's view files differ from
    # those last applied, or the views in the file are not the ones then made (dropped, or replaced by other code).
    if applied or con.execute("SELECT count(*) FROM schema_views WHERE sha = ? AND live_sha = ?",
                              [sha, _live_views(con)]).fetchone()[0] == 0:
        with transaction(con):
            for sql in views:
                con.execute(sql)
            con.execute("DELETE FROM schema_views")
            con.execute("INSERT INTO schema_views VALUES (?, ?, ?)", [sha, _live_views(con), dt.datetime.now()])
    return applied


def _live_views(con: duckdb.DuckDBPyConnection) -> str:
    """A hash of every view's SQL as DuckDB holds it."""
    rows = con.execute("SELECT view_name, sql FROM duckdb_views() WHERE NOT internal ORDER BY view_name").fetchall()
    return hashlib.sha256(repr(rows).encode()).hexdigest()[:16]
