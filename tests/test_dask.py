"""The same flow on a real local Dask cluster (prefect-dask) gives the same warehouse as the local runner."""
from __future__ import annotations

import dataclasses

import duckdb
import pytest
from conftest import DEMO

from flows.run_corpus import run_corpus_flow
from flows.runners import with_runner
from pipeline.settings import Settings

pytestmark = pytest.mark.usefixtures("prefect_server")
VOLATILE = {"loaded_run_id", "processing_seconds"}


def contents(db) -> dict[str, set]:
    con = duckdb.connect(str(db), read_only=True)
    out = {}
    for table in ("documents", "inspections", "judgements", "partnership_mentions"):
        cursor = con.execute(f"SELECT * FROM {table}")
        keep = [i for i, d in enumerate(cursor.description) if d[0] not in VOLATILE]
        out[table] = {tuple(row[i] for i in keep) for row in cursor.fetchall()}
    con.close()
    return out


def test_dask_runner_matches_the_local_runner(tmp_path):
    local = Settings(db=str(tmp_path / "local.duckdb"), batch_size=2)
    on_dask = dataclasses.replace(local, db=str(tmp_path / "dask.duckdb"), executor="dask", workers=2)
    first = with_runner(run_corpus_flow, local)(corpus=str(DEMO), settings=local)
    second = with_runner(run_corpus_flow, on_dask)(corpus=str(DEMO), settings=on_dask)
    assert first.by_status == second.by_status == {"ok": len(list(DEMO.iterdir()))}
    assert contents(local.db) == contents(on_dask.db)
