"""Runs that fetch stream and checkpoint: a huge source never holds back another's documents, and
a run killed with kill -9 loses at most the work since its last checkpoint; the next run goes on.
Real processes, a real HTTP server on 127.0.0.1, real Prefect, real DuckDB files."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from http_fixture import DocumentServer, index_page

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "corpus" / "demo"
pytestmark = pytest.mark.slow


class SlowSite(DocumentServer):
    """Good reports, one index of 200,000 links to pages that answer slowly, and reports that can be slowed."""

    def __init__(self, documents: dict[str, bytes]):
        super().__init__(documents)
        self.state["report_delay"] = 0.0

    def route(self, h) -> None:
        if h.path == "/huge/":
            return self.send(h, 200, self.state["huge"], {"Content-Type": "text/html"})
        if h.path.startswith("/slow/"):
            time.sleep(0.5)
            return self.send(h, 404, b"not found")
        if h.path.startswith("/many/"):
            time.sleep(self.state["report_delay"])
        return super().route(h)


@pytest.fixture
def site():
    reports = sorted(DEMO.glob("*.pdf"))
    documents = {f"/good/{p.name}": p.read_bytes() for p in reports[:3]}
    for n in range(12):  # twelve distinct documents: the same demo text with its own bytes
        documents[f"/many/report-{n}.txt"] = (f"Short inspection of Oak {n} Primary School\n"
                                              f"This school continues to be good. Letter {n}.\n").encode()
    with SlowSite(documents) as server:
        server.state["huge"] = index_page([f"/slow/{n}.pdf" for n in range(200_000)])
        yield server


def start_run(tmp_path: Path, sources: str, **settings) -> subprocess.Popen:
    (tmp_path / "sources.toml").write_text(sources, encoding="utf-8")
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_HOME": str(tmp_path / "prefect"),
           "SCHOOLPIPE_RAW_DIR": str(tmp_path / "raw"), "SCHOOLPIPE_HOST_DELAY": "0", "SCHOOLPIPE_FETCH_RETRIES": "0",
           **{f"SCHOOLPIPE_{k.upper()}": str(v) for k, v in settings.items()}}
    env.pop("PREFECT_API_URL", None)
    schoolpipe = str(Path(sys.executable).with_name("schoolpipe"))
    return subprocess.Popen([schoolpipe, "run", "--sources", str(tmp_path / "sources.toml"), "--db",
                             str(tmp_path / "w.duckdb")], env=env, cwd=tmp_path, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)


def published(tmp_path: Path, sql: str):
    db = tmp_path / "w.duckdb"
    if not db.exists():
        return None
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def wait_for(check, seconds: float):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.5)
    return None


def test_a_huge_source_never_holds_back_another_sources_documents(tmp_path, site):
    good = ", ".join(f'"{site.base}/good/{p.name}"' for p in sorted(DEMO.glob("*.pdf"))[:3])
    run = start_run(tmp_path, f'[[source]]\nname = "huge"\nkind = "index"\nurl = "{site.base}/huge/"\n\n'
                              f'[[source]]\nname = "good"\nkind = "urls"\nurls = [{good}]\n',
                    checkpoint_documents=1)
    try:
        shown = wait_for(lambda: (published(tmp_path, "SELECT count(*) FROM documents WHERE uri LIKE '%/good/%'")
                                  or [(0,)])[0][0] == 3, 180)
        assert shown, "the good source's documents were not published while the huge source was fetched"
        assert run.poll() is None  # published while the 2,000 slow links (at most) were still being fetched
    finally:
        os.killpg(run.pid, signal.SIGKILL)
        run.wait()


def test_kill_9_loses_at_most_one_checkpoint_and_the_next_run_goes_on(tmp_path, site):
    many = ", ".join(f'"{site.base}/many/report-{n}.txt"' for n in range(12))
    sources = f'[[source]]\nname = "many"\nkind = "urls"\nurls = [{many}]\n'
    site.state["report_delay"] = 1.0  # slow enough to be killed half way
    run = start_run(tmp_path, sources, checkpoint_documents=2, batch_size=1, fetch_concurrency=1)
    try:
        loaded = wait_for(lambda: (published(tmp_path, "SELECT count(*) FROM documents") or [(0,)])[0][0] >= 4, 180)
        assert loaded, "no checkpoint was published"
    finally:
        os.killpg(run.pid, signal.SIGKILL)  # the run, its workers and its Prefect server, at once
        run.wait()
    kept = published(tmp_path, "SELECT uri FROM documents")
    fetched = published(tmp_path, "SELECT url FROM fetches WHERE status = 'downloaded'")
    assert len(kept) >= 4 and {u for (u,) in kept} <= {u for (u,) in fetched}  # each checkpoint whole: documents with their fetches
    site.state["report_delay"] = 0.0
    hits_before = {path: n for path, n in site.hits.items() if path.startswith("/many/")}
    again = start_run(tmp_path, sources)
    out, err = again.communicate(timeout=240)
    assert again.returncode == 0, err.decode()[-800:]
    assert published(tmp_path, "SELECT count(*) FROM documents")[0][0] == 12
    statuses = dict(published(tmp_path, "SELECT status, count(*) FROM runs GROUP BY status"))
    assert statuses.get("interrupted") == 1 and statuses.get("completed") == 1
    refetched = published(tmp_path, "SELECT count(*) FROM runs r WHERE status = 'completed' AND downloads < 12")[0][0]
    assert refetched == 1  # what the killed run published was not downloaded again
    assert all(site.hits[path] >= n for path, n in hits_before.items())
