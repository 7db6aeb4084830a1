"""Start-up work that overlaps: Prefect's temporary server in the background, documents
parsed before the flow asks for them. Neither may change a result or leave a process behind."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import psutil
import pytest

from corpus.discover import discover_folder
from flows.workers import DocumentPool
from pipeline.models import OK
from pipeline.settings import Settings

pytestmark = pytest.mark.processes
ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "corpus" / "demo"


def processes_using(prefect_home: Path) -> list[list[str]]:
    """Command lines of live processes started with this PREFECT_HOME."""
    found = []
    for process in psutil.process_iter():
        try:
            if process.environ().get("PREFECT_HOME") == str(prefect_home):
                found.append(process.cmdline())
        except psutil.Error:
            pass
    return found


def test_prefetched_documents_give_the_same_results_in_the_same_order():
    documents = discover_folder(str(DEMO))
    assert len(documents) >= 6
    settings = Settings(workers=2)
    with DocumentPool(settings) as plain:
        expected = plain.process(documents)
    with DocumentPool(settings) as pool:
        pool.prefetch(documents[:3] + documents[:1])  # asked twice: scheduled once
        assert len(pool._early) == 3
        results = pool.process(documents)
        assert pool._early == {}  # every early result was picked up, none left to leak
    assert [r.source.uri for r in results] == [d.uri for d in documents]
    assert all(r.status == OK for r in results)
    assert [r.extraction for r in results] == [r.extraction for r in expected]


def test_a_changed_file_is_not_answered_from_a_stale_prefetch(tmp_path):
    target = tmp_path / "report.txt"
    shutil.copy(DEMO / "demo-short-inspection-118634.txt", target)
    before = discover_folder(str(tmp_path))
    with DocumentPool(Settings(workers=1)) as pool:
        pool.prefetch(before)
        target.write_text("A different letter altogether.\n", encoding="utf-8")
        after = discover_folder(str(tmp_path))
        assert after[0].sha256 != before[0].sha256
        [result] = pool.process(after)
    assert result.source.sha256 == after[0].sha256
    assert result.extraction.inspection is None


def test_looking_at_a_corpus_twice_sees_every_change(tmp_path):
    """Discovery remembers digests by file identity, size and mtime: a rewrite is seen."""
    target = tmp_path / "a.txt"
    target.write_text("first version", encoding="utf-8")
    first = discover_folder(str(tmp_path))[0]
    assert discover_folder(str(tmp_path))[0] == first
    target.write_text("other version", encoding="utf-8")  # same size
    os.utime(target, ns=(target.stat().st_atime_ns, target.stat().st_mtime_ns + 1_000_000))
    second = discover_folder(str(tmp_path))[0]
    assert second.size_bytes == first.size_bytes and second.sha256 != first.sha256


def corpus_of(folder: Path, *names: str) -> Path:
    folder.mkdir()
    for name in names:
        shutil.copy(DEMO / name, folder)
    return folder


def run_cli(corpus: Path, db: Path, prefect_home: Path) -> subprocess.CompletedProcess:
    """`schoolpipe run` in a process of its own, with no PREFECT_API_URL in its environment."""
    env = {**os.environ, "PREFECT_HOME": str(prefect_home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    env.pop("PREFECT_API_URL", None)
    return subprocess.run([sys.executable, "-c", "from schoolpipe.cli import main; main()", "run", "--corpus",
                           str(corpus), "--db", str(db)], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)


@pytest.mark.prefect
def test_a_run_without_a_prefect_server_starts_one_and_stops_it(tmp_path):
    corpus = corpus_of(tmp_path / "corpus", "demo-short-inspection-118634.txt", "demo-case-study-kestrel-vale.html")
    home, db = tmp_path / "prefect", tmp_path / "w.duckdb"
    done = run_cli(corpus, db, home)
    assert done.returncode == 0, done.stderr[-2000:]
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM documents WHERE status = 'ok'").fetchone()[0] == 2
    assert con.execute("SELECT status FROM runs").fetchall() == [("completed",)]
    assert processes_using(home) == []  # the temporary server (and every worker) ended with the run


@pytest.mark.prefect
def test_a_prefect_that_cannot_start_is_one_line_that_says_what_to_do(tmp_path):
    corpus = corpus_of(tmp_path / "corpus", "demo-short-inspection-118634.txt")
    home = tmp_path / "not-a-folder"
    home.write_text("")  # Prefect's server cannot make its database here
    done = run_cli(corpus, tmp_path / "w.duckdb", home)
    assert done.returncode == 1
    assert "PREFECT_HOME" in done.stderr and "PREFECT_API_URL" in done.stderr
    assert "Traceback" not in done.stderr
    assert processes_using(home) == []


def test_a_prefect_profile_naming_a_server_is_used_not_a_temporary_one(tmp_path, prefect_server):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.sorting import FlowRunSort
    from prefect.settings import PREFECT_API_URL

    home = tmp_path / "prefect"
    home.mkdir()
    (home / "profiles.toml").write_text(
        f'active = "team"\n\n[profiles.team]\nPREFECT_API_URL = "{PREFECT_API_URL.value()}"\n')
    corpus = corpus_of(tmp_path / "corpus", "demo-short-inspection-118634.txt")
    done = run_cli(corpus, tmp_path / "w.duckdb", home)
    assert done.returncode == 0, done.stderr[-2000:]
    assert not (home / "prefect.db").exists()  # no temporary server made a database in this home
    with get_client(sync_client=True) as client:
        runs = client.read_flow_runs(limit=50, sort=FlowRunSort.START_TIME_DESC)
    assert any(run.parameters.get("corpus") == str(corpus) for run in runs)  # the run is on the profile's server
