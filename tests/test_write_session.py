"""The run's writer keeps to its memory limit: more than fits spills to disk, and nothing is left behind."""
from __future__ import annotations

import duckdb
import pytest

from pipeline.settings import SettingsError, load_settings
from warehouse.session import write_session


def test_the_writer_keeps_to_its_memory_limit_and_spills_the_rest(tmp_path):
    db = tmp_path / "w.duckdb"
    with write_session(db, memory_mb=64) as session:
        con = session.con
        limit = con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
        assert _megabytes(limit) <= 64
        # about four times the limit: this only finishes if DuckDB spills to its temporary folder
        con.execute("CREATE TABLE spill AS SELECT i, md5(i::VARCHAR) || md5((i + 1)::VARCHAR) AS s "
                    "FROM range(1500000) t(i)")
        assert con.execute("SELECT count(*) FROM (SELECT s FROM spill GROUP BY s)").fetchone()[0] == 1_500_000
    with duckdb.connect(str(db), read_only=True) as reader:
        assert reader.execute("SELECT count(*) FROM spill").fetchone()[0] == 1_500_000
    assert not [p.name for p in tmp_path.iterdir() if p.suffix in (".tmp", ".building", ".wal")]


def _megabytes(limit: str) -> float:
    number, unit = limit.split()
    return float(number) * {"KiB": 1 / 1024, "MiB": 1, "GiB": 1024, "TiB": 1024 * 1024}[unit]


def test_an_unbounded_writer_is_duckdbs_default(tmp_path):
    with write_session(tmp_path / "w.duckdb", memory_mb=0) as session:
        limit = session.con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    assert _megabytes(limit) > 64


def test_a_writer_memory_limit_below_one_mb_is_refused():
    with pytest.raises(SettingsError, match="warehouse_memory_mb"):
        load_settings(environ={"SCHOOLPIPE_WAREHOUSE_MEMORY_MB": "0"}, config_path="/nonexistent.toml")
    assert load_settings(environ={}, config_path="/nonexistent.toml").warehouse_memory_mb == 256
