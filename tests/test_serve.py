"""`schoolpipe serve` on a real local Prefect server: the deployment, its schedule, and a run that
the server's own scheduler creates from it (nothing triggered by hand)."""
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

from flows.prefect_server import ServerLogWatch, start_local_server

DEMO = Path(__file__).resolve().parent.parent / "corpus" / "demo"


@pytest.fixture
def prefect_api(tmp_path, monkeypatch):
    # The scheduler's loop runs every few seconds, not every minute: a schedule fires within the test.
    monkeypatch.setenv("PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS", "2")
    # its own PREFECT_HOME, so its own database: runs other tests made earlier in the session are not in it
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "prefect-home"))
    process, api = start_local_server(log_path=tmp_path / "server.log")
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


@pytest.mark.prefect
@pytest.mark.timeout(420)
def test_the_servers_scheduler_runs_the_nightly_deployment(tmp_path, prefect_api):
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
                                  "--cron", "* * * * *", "--sources", str(sources), "--db", str(db)],
                                 env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        try:
            def deployment():
                found = httpx.post(f"{prefect_api}/deployments/filter",
                                   json={"deployments": {"name": {"any_": ["schoolpipe-nightly"]}}}).json()
                return found[0] if found else None

            dep = wait_for(deployment, 120, "the deployment to appear")
            assert [s["schedule"].get("cron") for s in dep["schedules"]] == ["* * * * *"]
            assert dep["parameters"]["db"] == str(db)

            def scheduled_run_finished():
                runs = httpx.post(f"{prefect_api}/flow_runs/filter",
                                  json={"deployments": {"id": {"any_": [dep["id"]]}},
                                        "flow_runs": {"state": {"type": {"any_": ["COMPLETED", "FAILED", "CRASHED"]}}}}).json()
                return [r for r in runs if r["auto_scheduled"]]

            # the next minute's run, created by the scheduler service and picked up by `serve`'s runner
            runs = wait_for(scheduled_run_finished, 200, "a scheduled run to finish")
            # meanwhile a run started by hand, with no PREFECT_API_URL, uses serve's server: no start-up of its own
            folder = tmp_path / "by-hand"
            folder.mkdir()
            (folder / "letter.txt").write_bytes((DEMO / "demo-short-inspection-118634.txt").read_bytes())
            by_hand = {k: v for k, v in env.items() if k != "PREFECT_API_URL"}
            done = subprocess.run([sys.executable, "-c", "from schoolpipe.cli import main; main()", "run", "--corpus",
                                   str(folder), "--db", str(tmp_path / "by-hand.duckdb")],
                                  env=by_hand, cwd=tmp_path, capture_output=True, text=True, timeout=240)
            assert done.returncode == 0, done.stderr[-2000:]
            on_serve = httpx.post(f"{prefect_api}/flow_runs/filter",
                                  json={"flows": {"name": {"any_": ["schoolpipe-run"]}}}).json()
            assert [r["state_type"] for r in on_serve] == ["COMPLETED"]
        finally:
            serve.terminate()
            try:
                output = serve.communicate(timeout=30)[0].decode(errors="replace")
            except subprocess.TimeoutExpired:
                serve.kill()
                output = ""
        assert runs[0]["state_type"] == "COMPLETED", output[-3000:]
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM documents WHERE status = 'ok'").fetchone() == (2,)
    assert {command for (command,) in con.execute("SELECT command FROM runs").fetchall()} == {"nightly"}


def test_server_log_errors_are_reported_once_as_one_line(tmp_path):
    log = tmp_path / "server.log"
    log.write_text("12:00:00.000 | INFO    | prefect.server - started\n", encoding="utf-8")
    reported = []
    watch = ServerLogWatch(log, reported.append)
    assert watch.check() == []  # what was there before the watch began is not news
    failure = ("12:00:05.000 | ERROR   | prefect.server.services.scheduler - Unexpected error in: schedule\n"
               "Traceback (most recent call last):\n  File \"x.py\", line 1, in f\n"
               "sqlalchemy.exc.InvalidRequestError: Can't evaluate bulk DML statement\n")
    with open(log, "a", encoding="utf-8") as handle:
        handle.write(failure)
    assert watch.check() == ["prefect.server.services.scheduler: "
                             "sqlalchemy.exc.InvalidRequestError: Can't evaluate bulk DML statement"]
    with open(log, "a", encoding="utf-8") as handle:
        handle.write(failure)  # the same failure on the next pass: reported once
    assert watch.check() == []


def test_runs_on_a_configured_server_send_heartbeats_only_when_asked(monkeypatch):
    """Prefect's heartbeat thread costs a run up to a second at its end: off unless configured."""
    from prefect.settings import get_current_settings

    from flows.prefect_server import use_api

    monkeypatch.delenv("PREFECT_FLOWS_HEARTBEAT_FREQUENCY", raising=False)
    monkeypatch.delenv("PREFECT_RUNNER_HEARTBEAT_FREQUENCY", raising=False)
    with use_api(None):
        assert get_current_settings().flows.heartbeat_frequency is None
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: 60}):  # as a profile would set it
        with use_api(None):
            assert get_current_settings().flows.heartbeat_frequency == 60
