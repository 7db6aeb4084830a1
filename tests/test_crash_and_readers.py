"""Killed runs leave a consistent warehouse and the next run completes; readers are never locked out."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

pytestmark = pytest.mark.prefect
ROOT = Path(__file__).resolve().parent.parent
VOLATILE = {"loaded_run_id", "processing_seconds"}


def make_corpus(folder: Path, copies: int) -> Path:
    """The demo corpus, each document copied under several names (distinct documents to load)."""
    folder.mkdir(parents=True)
    for n in range(copies):
        for path in (ROOT / "corpus" / "demo").iterdir():
            shutil.copy(path, folder / f"{n:02d}-{path.name}")
    return folder


def start_run(corpus: Path, db: Path, tmp: Path, **env_settings) -> subprocess.Popen:
    env = {**os.environ, "PREFECT_HOME": str(tmp / "prefect"), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "SCHOOLPIPE_BATCH_SIZE": "3", **{f"SCHOOLPIPE_{k.upper()}": str(v) for k, v in env_settings.items()}}
    env.pop("PREFECT_API_URL", None)
    return subprocess.Popen([sys.executable, "-c", "from schoolpipe.cli import main; main()", "run",
                             "--corpus", str(corpus), "--db", str(db)],
                            env=env, cwd=tmp, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)


def table_rows(db: Path) -> dict[str, set]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for table in ("documents", "inspections", "judgements", "partnership_mentions"):
            cursor = con.execute(f"SELECT * FROM {table}")
            names = [d[0] for d in cursor.description]
            keep = [i for i, n in enumerate(names) if n not in VOLATILE]
            out[table] = {tuple(row[i] for i in keep) for row in cursor.fetchall()}
        return out
    finally:
        con.close()


def assert_whole_documents(db: Path, reference: dict[str, set]) -> None:
    """Every document present has exactly the rows a clean run gives it: nothing half-loaded."""
    if not db.exists():
        return
    got = table_rows(db)
    ids = {row[0] for row in got["documents"]}
    for table in ("inspections", "judgements", "partnership_mentions"):
        want = {r for r in reference[table] if r[1] in ids}
        assert got[table] == want, f"{table} differs for loaded documents"


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("reference")
    corpus = make_corpus(tmp / "corpus", 4)
    db = tmp / "clean.duckdb"
    assert start_run(corpus, db, tmp).wait(timeout=600) == 0
    return corpus, table_rows(db)


@pytest.mark.parametrize("kill_after", [1.0, 9.0, 13.0, 17.0])
def test_kill_minus_nine_then_the_next_run_completes(tmp_path, reference, kill_after):
    corpus, clean = reference
    db = tmp_path / "w.duckdb"
    run = start_run(corpus, db, tmp_path, publish_every=0)
    time.sleep(kill_after)
    os.killpg(run.pid, signal.SIGKILL)  # the whole process group: main process and workers, as a power cut
    run.wait()
    assert_whole_documents(db, clean)
    assert start_run(corpus, db, tmp_path).wait(timeout=600) == 0
    assert table_rows(db) == clean
    con = duckdb.connect(str(db), read_only=True)
    statuses = {s for (s,) in con.execute("SELECT status FROM runs").fetchall()}
    assert "running" not in statuses


def test_readers_during_a_run_are_never_locked_out(tmp_path, reference):
    corpus, clean = reference
    db = tmp_path / "w.duckdb"
    small = make_corpus(tmp_path / "small", 1)
    assert start_run(small, db, tmp_path).wait(timeout=600) == 0
    run = start_run(corpus, db, tmp_path, publish_every=0)
    counts, cli_ok = [], 0
    try:
        while run.poll() is None:
            con = duckdb.connect(str(db), read_only=True)  # a plain read-only connection, no retries
            counts.append(con.execute("SELECT count(*) FROM documents").fetchone()[0])
            con.close()
            answer = subprocess.run([sys.executable, "-c", "from schoolpipe.cli import main; main()", "query",
                                     "SELECT count(*) FROM judgements", "--db", str(db), "-f", "csv"],
                                    capture_output=True, text=True, cwd=tmp_path)
            assert answer.returncode == 0, answer.stderr
            cli_ok += 1
            time.sleep(0.2)
    finally:
        run.wait(timeout=600)
    assert run.returncode == 0
    assert len(counts) >= 3 and cli_ok >= 3
    assert counts == sorted(counts)  # readers see the warehouse grow, never shrink or break
    assert clean["documents"] <= table_rows(db)["documents"]
