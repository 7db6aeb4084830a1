"""The schema describes itself: every table, view and column has a comment in the warehouse, and
README's table list names exactly the warehouse's tables and views, and only columns they have."""
from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from warehouse.catalog import columns, relations
from warehouse.migrate import apply_migrations

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def con():
    connection = duckdb.connect()
    apply_migrations(connection)
    yield connection
    connection.close()


def readme_tables() -> dict[str, set[str]]:
    section = README.split("## Tables", 1)[1].split("\n## ", 1)[0]
    found = {}
    for row in re.findall(r"^\| `(\w+)`[^|]*\|[^|]*\|(.*)\|$", section, re.M):
        found[row[0]] = set(re.findall(r"`(\w+)`", row[1]))
    return found


def test_every_table_view_and_column_has_a_comment(con):
    missing = [name for name, _, comment in relations(con) if not comment]
    missing += [f"{name}.{column}" for name, _, _ in relations(con) for column, _, comment in columns(con, name)
                if not comment]
    assert not missing, f"no comment (COMMENT ON, in the migrations or view files): {missing}"


def test_readme_lists_the_warehouses_tables_and_their_real_columns(con):
    listed = readme_tables()
    assert set(listed) == {name for name, _, _ in relations(con)}
    for name, named in listed.items():
        real = {column for column, _, _ in columns(con, name)}
        assert named <= real, f"README names columns {sorted(named - real)} that {name} does not have"
