"""`schoolpipe serve` keeps a warm runner: a `schoolpipe run` started beside it is run there, in a
fork with Prefect imported and workers ready, with the same results, output, exit codes and
signals as a run of its own; a runner whose code is older than the checkout is not used."""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from schoolpipe import warm_runner
from schoolpipe.warm_client import wanted

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "corpus" / "demo"
CLI = [sys.executable, "-c", "from schoolpipe.cli import main; main()"]


def test_only_commands_that_start_prefect_are_handed_over(monkeypatch):
    monkeypatch.delenv("SCHOOLPIPE_WARM", raising=False)
    assert wanted(["schoolpipe", "run", "--corpus", "x"])
    assert wanted(["schoolpipe", "--debug", "refresh", "--urn", "1"])
    assert not wanted(["schoolpipe", "query", "select 1"])
    assert not wanted(["schoolpipe", "run", "--help"])
    assert not wanted(["schoolpipe"])
    monkeypatch.setenv("SCHOOLPIPE_WARM", "0")
    assert not wanted(["schoolpipe", "run", "--corpus", "x"])


def test_a_runner_whose_code_changed_declines_and_says_what_to_do():
    started = {"/a/flows/x.py": 1, "/a/pipeline/y.json": 2}
    assert warm_runner.decline_reason(started, dict(started)) is None
    reason = warm_runner.decline_reason(started, {**started, "/a/pipeline/y.json": 3})
    assert "y.json" in reason and "restart `schoolpipe serve`" in reason
    assert "2 more" in warm_runner.decline_reason(started, {"/a/flows/z.py": 1})  # one gone, one new, one changed


def test_each_prefect_home_has_its_own_runner(tmp_path):
    assert warm_runner.socket_name(tmp_path / "a") != warm_runner.socket_name(tmp_path / "b")
    assert warm_runner.socket_name(tmp_path / "a") == warm_runner.socket_name(tmp_path / "x" / ".." / "a")


def answering(name: bytes) -> bool:
    with socket.socket(socket.AF_UNIX) as probe:
        try:
            probe.connect(name)
            return True
        except OSError:
            return False


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A real `schoolpipe serve` (its own Prefect server, its warm runner); the environment of
    commands started beside it."""
    tmp = tmp_path_factory.mktemp("served")
    (tmp / "sources.toml").write_text('[[source]]\nname = "none"\nkind = "urls"\nurls = ["http://127.0.0.1:9/nothing.pdf"]\n', encoding="utf-8")
    env = {**os.environ, "PREFECT_HOME": str(tmp / "prefect"), "SCHOOLPIPE_RAW_DIR": str(tmp / "raw")}
    env.pop("PREFECT_API_URL", None)
    serve = subprocess.Popen([*CLI, "serve", "--sources", str(tmp / "sources.toml"), "--db", str(tmp / "n.duckdb")],
                             env=env, cwd=tmp, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 180
        while not answering(warm_runner.socket_name(tmp / "prefect")):
            assert serve.poll() is None, serve.stderr.read()[-2000:]
            assert time.monotonic() < deadline, "the warm runner never answered"
            time.sleep(0.3)
        yield env
    finally:
        serve.send_signal(signal.SIGINT)
        try:
            serve.wait(timeout=60)
        except subprocess.TimeoutExpired:
            serve.kill()
    assert not answering(warm_runner.socket_name(tmp / "prefect"))  # the runner stopped with serve


def run(args: list[str], env: dict, cwd: Path, **extra) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], env={**env, **extra}, cwd=cwd, capture_output=True, text=True, timeout=300)


def tables(db: Path) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            "documents": con.execute("SELECT regexp_extract(uri, '[^/]+$'), sha256, status, kind FROM documents "
                                     "ORDER BY 1").fetchall(),
            "judgements": con.execute("SELECT count(*), count(DISTINCT grade) FROM judgements").fetchall(),
            "runs": con.execute("SELECT status FROM runs").fetchall(),
        }
    finally:
        con.close()


@pytest.mark.prefect
@pytest.mark.processes
@pytest.mark.timeout(600)
def test_a_run_beside_serve_is_run_warm_with_the_same_results(served, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(DEMO, corpus)
    warm = run(["run", "--corpus", str(corpus), "--db", str(tmp_path / "warm.duckdb")], served, tmp_path,
               SCHOOLPIPE_TIMINGS=str(tmp_path / "warm.json"))
    assert warm.returncode == 0, warm.stderr[-2000:]
    assert json.loads((tmp_path / "warm.json").read_text())["warm"] is True
    assert "inspections loaded" in warm.stdout  # its output reached this process's pipes
    cold = run(["run", "--corpus", str(corpus), "--db", str(tmp_path / "cold.duckdb")], served, tmp_path,
               SCHOOLPIPE_TIMINGS=str(tmp_path / "cold.json"), SCHOOLPIPE_WARM="0")
    assert cold.returncode == 0, cold.stderr[-2000:]
    assert json.loads((tmp_path / "cold.json").read_text())["warm"] is False
    assert tables(tmp_path / "warm.duckdb") == tables(tmp_path / "cold.duckdb")
    again = run(["run", "--corpus", str(corpus), "--db", str(tmp_path / "warm.duckdb")], served, tmp_path)
    assert again.returncode == 0 and "Nothing changed" in again.stdout
    bad = run(["run", "--corpus", str(tmp_path / "missing"), "--db", str(tmp_path / "warm.duckdb")], served, tmp_path)
    assert bad.returncode == 1 and "does not exist" in bad.stderr and "Traceback" not in bad.stderr


@pytest.mark.prefect
@pytest.mark.processes
@pytest.mark.timeout(600)
def test_a_runner_older_than_the_code_is_not_used(served, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(DEMO / "demo-short-inspection-118634.txt", corpus)
    touched = ROOT / "flows" / "plan.py"
    before = touched.stat()
    os.utime(touched, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))  # as an edit or a pull does
    try:
        done = run(["run", "--corpus", str(corpus), "--db", str(tmp_path / "w.duckdb")], served, tmp_path,
                   SCHOOLPIPE_TIMINGS=str(tmp_path / "t.json"))
    finally:
        os.utime(touched, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert done.returncode == 0, done.stderr[-2000:]
    assert "not run warm" in done.stderr and "flows/plan.py" in done.stderr
    assert json.loads((tmp_path / "t.json").read_text())["warm"] is False  # it ran, on its own


def big_corpus(folder: Path, copies: int) -> Path:
    folder.mkdir()
    for n in range(copies):
        for path in DEMO.iterdir():
            shutil.copy(path, folder / f"{n:02d}-{path.name}")
    return folder


def start(args: list[str], env: dict, cwd: Path) -> subprocess.Popen:
    return subprocess.Popen([*CLI, *args], env={**env, "SCHOOLPIPE_BATCH_SIZE": "2"}, cwd=cwd,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def wait_for_line(process: subprocess.Popen, text: str, timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if text in line:
            return
        assert line or process.poll() is None, f"the run ended before it printed {text!r}"
    raise AssertionError(f"no {text!r} within {timeout} s")


def statuses(db: Path) -> list[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return sorted(s for (s,) in con.execute("SELECT status FROM runs").fetchall())
    finally:
        con.close()


@pytest.mark.prefect
@pytest.mark.processes
@pytest.mark.timeout(600)
def test_ctrl_c_and_kill_reach_a_warm_run(served, tmp_path):
    corpus = big_corpus(tmp_path / "big", 15)
    db = tmp_path / "w.duckdb"
    interrupted = start(["run", "--corpus", str(corpus), "--db", str(db)], served, tmp_path)
    wait_for_line(interrupted, "documents (")
    os.killpg(interrupted.pid, signal.SIGINT)  # Ctrl-C at the terminal: the client's group, not the fork's
    _, err = interrupted.communicate(timeout=60)
    assert interrupted.returncode == 130, err[-2000:]
    assert "interrupted" in err and "Traceback" not in err
    assert statuses(db) == ["interrupted"]

    killed = start(["run", "--corpus", str(corpus), "--db", str(db)], served, tmp_path)
    wait_for_line(killed, "documents (")
    os.killpg(killed.pid, signal.SIGKILL)  # the client dies outright: its fork stops the run itself
    killed.wait(timeout=30)
    deadline = time.monotonic() + 60
    while (tmp_path / "w.duckdb.running").exists() and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not (tmp_path / "w.duckdb.running").exists()  # the run ended (and said so) without its client
    assert statuses(db) == ["interrupted", "interrupted"]
