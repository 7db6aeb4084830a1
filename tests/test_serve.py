"""`schoolpipe serve` on a real local Prefect server: the deployment, its schedule, one triggered run."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import httpx
import pytest

from http_fixture import DocumentServer
from pipeline.prefect_server import start_local_server

DEMO = Path(__file__).resolve().parent.parent / "corpus" / "demo"


@pytest.fixture
def prefect_api():
    process, api = start_local_server()
    try:
        yield api
    finally:
        process.terminate()
        process.wait(timeout=30)


def wait_for(check, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(1)
    raise AssertionError(f"timed out waiting for {what}")


def test_serve_registers_a_nightly_schedule_and_runs_it(tmp_path, prefect_api):
    documents = {"/r/report.pdf": (DEMO / "demo-2015-139482.pdf").read_bytes(),
                 "/r/letter.txt": (DEMO / "demo-short-inspection-118634.txt").read_bytes()}
    with DocumentServer(documents) as site:
        sources = tmp_path / "sources.toml"
        sources.write_text(f'[[source]]\nname = "r"\nkind = "urls"\n'
                           f'urls = ["{site.base}/r/report.pdf", "{site.base}/r/letter.txt"]\n', encoding="utf-8")
        db = tmp_path / "nightly.duckdb"
        env = {**os.environ, "PREFECT_API_URL": prefect_api, "PREFECT_RUNNER_POLL_FREQUENCY": "1",
               "SCHOOLPIPE_RAW_DIR": str(tmp_path / "raw"), "SCHOOLPIPE_HOST_DELAY": "0"}
        serve = subprocess.Popen([sys.executable, "-c", "from schoolpipe.cli import main; main()", "serve",
                                  "--cron", "0 2 * * *", "--sources", str(sources), "--db", str(db)],
                                 env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        try:
            def deployment():
                found = httpx.post(f"{prefect_api}/deployments/filter",
                                   json={"deployments": {"name": {"any_": ["schoolpipe-nightly"]}}}).json()
                return found[0] if found else None

            dep = wait_for(deployment, 120, "the deployment to appear")
            crons = [s["schedule"].get("cron") for s in dep["schedules"]]
            assert crons == ["0 2 * * *"]
            assert dep["parameters"]["db"] == str(db)
            run = httpx.post(f"{prefect_api}/deployments/{dep['id']}/create_flow_run", json={}).json()

            def finished():
                state = httpx.get(f"{prefect_api}/flow_runs/{run['id']}").json()["state"]
                return state if state and state["type"] in ("COMPLETED", "FAILED", "CRASHED") else None

            state = wait_for(finished, 240, "the triggered run to finish")
        finally:
            serve.terminate()
            try:
                output = serve.communicate(timeout=30)[0].decode(errors="replace")
            except subprocess.TimeoutExpired:
                serve.kill()
                output = ""
        assert state["type"] == "COMPLETED", output[-3000:]
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM documents WHERE status = 'ok'").fetchone() == (2,)
    assert con.execute("SELECT command FROM runs").fetchall() == [("nightly",)]
