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
    con.execute("CREATE TABLE IF NOT EXISTS schema_views (sha VARCHAR, applied_at TIMESTAMP)")
    if applied or con.execute("SELECT count(*) FROM schema_views WHERE sha = ?", [sha]).fetchone()[0] == 0:
        # the views as this code defines them (recreating them every time costs a third of a second)
        with transaction(con):
            for sql in views:
                con.execute(sql)
            con.execute("DELETE FROM schema_views")
            con.execute("INSERT INTO schema_views VALUES (?, ?)", [sha, dt.datetime.now()])
    return applied
