"""Ctrl-C, SIGTERM and kill -9 of real runs: quick, one line, nothing published, recorded `interrupted`."""
from __future__ import annotations

import fcntl
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "corpus" / "demo"
pytestmark = pytest.mark.prefect


def make_corpus(folder: Path, copies: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(copies):
        for path in DEMO.iterdir():
            shutil.copy(path, folder / f"{n:02d}-{path.name}")
    return folder


def start(args: list[str], tmp: Path, **settings) -> subprocess.Popen:
    env = {**os.environ, "PREFECT_HOME": str(tmp / "prefect"), "SCHOOLPIPE_RAW_DIR": str(tmp / "raw"),
           "SCHOOLPIPE_BATCH_SIZE": "2", **{f"SCHOOLPIPE_{k.upper()}": str(v) for k, v in settings.items()}}
    env.pop("PREFECT_API_URL", None)
    # its own process group, as a terminal's foreground job: a group signal reaches it and its workers
    return subprocess.Popen([sys.executable, "-c", "from schoolpipe.cli import main; main()", *args], env=env,
                            cwd=tmp, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def wait_for_line(process: subprocess.Popen, text: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if text in line:
            return
        if not line and process.poll() is not None:
            raise AssertionError(f"the run ended before it printed {text!r}")
    raise AssertionError(f"no {text!r} within {timeout} s")


def rows(db: Path, sql: str) -> list:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
        return True
    except ProcessLookupError:
        return False


@pytest.mark.timeout(300)
@pytest.mark.parametrize("signum, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_stops_the_run_at_once_and_publishes_nothing(tmp_path, signum, code):
    db = tmp_path / "w.duckdb"
    first = start(["run", "--corpus", str(make_corpus(tmp_path / "small", 1)), "--db", str(db)], tmp_path)
    assert first.wait(timeout=240) == 0, first.stderr.read()[-2000:]
    before = rows(db, "SELECT uri, sha256 FROM documents ORDER BY uri")
    run = start(["run", "--corpus", str(make_corpus(tmp_path / "big", 15)), "--db", str(db)], tmp_path)
    wait_for_line(run, "documents (", timeout=240)  # the first batches are loaded: work is under way
    sent = time.monotonic()
    os.killpg(run.pid, signum)  # the whole group, as Ctrl-C at a terminal (SIGTERM: as a service manager)
    _, err = run.communicate(timeout=60)
    took = time.monotonic() - sent
    assert run.returncode == code, err[-2000:]
    assert took < 15, f"took {took:.1f} s to stop"
    assert "interrupted" in err and "Traceback" not in err and len(err.strip().splitlines()) <= 3, err[-2000:]
    assert rows(db, "SELECT uri, sha256 FROM documents ORDER BY uri") == before  # nothing of the stopped run
    statuses = [s for (s,) in rows(db, "SELECT status FROM runs ORDER BY started_at")]
    assert statuses == ["completed", "interrupted"]
    deadline = time.monotonic() + 10
    while group_alive(run.pid) and time.monotonic() < deadline:  # workers stopped with the run
        time.sleep(0.2)
    assert not group_alive(run.pid)


@pytest.mark.timeout(300)
def test_a_killed_run_is_recorded_interrupted_by_the_next(tmp_path):
    db = tmp_path / "w.duckdb"
    corpus = make_corpus(tmp_path / "big", 15)
    run = start(["run", "--corpus", str(corpus), "--db", str(db), "--batch-size", "2"], tmp_path)
    wait_for_line(run, "documents (", timeout=240)
    os.killpg(run.pid, signal.SIGKILL)
    run.wait(timeout=30)
    assert (tmp_path / "w.duckdb.running").exists()  # its note outlives it
    killed_id = json.loads((tmp_path / "w.duckdb.running").read_text())["run_id"]
    again = start(["run", "--corpus", str(corpus), "--db", str(db)], tmp_path)
    assert again.wait(timeout=240) == 0, again.stderr.read()[-2000:]
    runs = dict(rows(db, "SELECT run_id, status FROM runs"))
    assert runs[killed_id] == "interrupted" and sorted(runs.values()) == ["completed", "interrupted"]
    assert not (tmp_path / "w.duckdb.running").exists()


@pytest.mark.timeout(120)
def test_a_run_waiting_for_the_lock_says_so_and_gives_up_in_one_line(tmp_path):
    db = tmp_path / "w.duckdb"
    (tmp_path / "w.duckdb.running").write_text(json.dumps(
        {"run_id": "abc123", "command": "run", "started_at": "2026-12-01T02:00:00"}), encoding="utf-8")
    with open(tmp_path / "w.duckdb.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another run holds the warehouse
        run = start(["run", "--corpus", str(make_corpus(tmp_path / "c", 1)), "--db", str(db)], tmp_path,
                    lock_wait=3)
        _, err = run.communicate(timeout=100)
    assert run.returncode == 1
    assert "waiting for it to finish" in err and "run abc123" in err
    assert "lock_wait" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) <= 4, err


@pytest.mark.timeout(60)
def test_query_stops_at_ctrl_c_and_at_its_time_limit(tmp_path):
    db = tmp_path / "w.duckdb"
    duckdb.connect(str(db)).close()
    endless = "SELECT count(*) FROM range(1000000000000) a, range(100) b"
    query = start(["query", endless, "--db", str(db)], tmp_path)
    time.sleep(2)
    sent = time.monotonic()
    os.killpg(query.pid, signal.SIGINT)
    _, err = query.communicate(timeout=20)
    assert query.returncode == 130 and time.monotonic() - sent < 5 and "Traceback" not in err
    limited = start(["query", endless, "--db", str(db)], tmp_path, query_timeout=1)
    _, err = limited.communicate(timeout=30)
    assert limited.returncode == 1 and "query_timeout" in err and len(err.strip().splitlines()) == 1
