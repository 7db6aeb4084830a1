"""Opening a warehouse: migrations once each, and the views recreated only when their SQL changed."""
from __future__ import annotations

import duckdb

import warehouse.migrate as migrate


def test_views_are_recreated_only_when_their_sql_changed(monkeypatch):
    con = duckdb.connect()
    assert migrate.apply_migrations(con)  # a new warehouse: every migration
    first = con.execute("SELECT sha, applied_at FROM schema_views").fetchall()
    assert migrate.apply_migrations(con) == [] and con.execute("SELECT sha, applied_at FROM schema_views").fetchall() == first
    views = migrate.view_files()
    monkeypatch.setattr(migrate, "view_files", lambda: [*views, "CREATE OR REPLACE VIEW probe_view AS SELECT 1 AS x"])
    migrate.apply_migrations(con)
    assert con.execute("SELECT x FROM probe_view").fetchall() == [(1,)]
    (sha,) = con.execute("SELECT sha FROM schema_views").fetchone()
    assert sha != first[0][0] and con.execute("SELECT count(*) FROM schema_views").fetchone()[0] == 1


def test_views_dropped_or_replaced_by_other_code_are_made_again():
    con = duckdb.connect()
    migrate.apply_migrations(con)
    con.execute("DROP VIEW school_history")
    con.execute("CREATE OR REPLACE VIEW schools AS SELECT 1 AS school_id")  # an older schoolpipe's own view, say
    migrate.apply_migrations(con)
    assert con.execute("SELECT count(*) FROM school_history").fetchone() == (0,)
    assert "current_urn" in [d[0] for d in con.execute("SELECT * FROM schools").description]
