"""Nightly runs from a sources file against a real HTTP server: incremental, refresh, reprocess."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from http_fixture import DocumentServer, index_page

from pipeline.settings import Settings

pytestmark = pytest.mark.usefixtures("prefect_server")
ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "corpus" / "demo"
TABLES = ("documents", "inspections", "judgements", "partnership_mentions", "fetches")


@pytest.fixture
def site():
    documents = {f"/reports/{p.name}": p.read_bytes() for p in DEMO.glob("*.pdf")}
    documents["/docs/report.pdf"] = (DEMO / "demo-monitoring-136754.pdf").read_bytes()
    documents["/cases/kestrel.html"] = (DEMO / "demo-case-study-kestrel-vale.html").read_bytes()
    documents["/cases/"] = index_page(["kestrel.html", "/reports/demo-2015-139482.pdf", "notes.txt"])
    with DocumentServer(documents) as server:
        yield server


def write_sources(tmp_path: Path, base: str, extra_urls: list[str] = ()) -> Path:
    reports = [f"{base}/reports/{p.name}" for p in sorted(DEMO.glob("demo-20*.pdf"))] + list(extra_urls)
    folder = tmp_path / "local"
    folder.mkdir(exist_ok=True)
    shutil.copy(DEMO / "demo-short-inspection-118634.txt", folder)
    text = "\n".join([
        "[[source]]", 'name = "reports"', 'kind = "urls"', "urls = [" + ", ".join(f'"{u}"' for u in reports) + "]", "",
        "[[source]]", 'name = "cases"', 'kind = "index"', f'url = "{base}/cases/"', r"follow = '\.(pdf|html?)$'", "",
        "[[source]]", 'name = "local"', 'kind = "folder"', f'path = "{folder}"', "",
    ])
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    return path


def settings_for(tmp_path: Path) -> Settings:
    return Settings(db=str(tmp_path / "w.duckdb"), raw_dir=str(tmp_path / "raw"), host_delay=0.0,
                    fetch_backoff=0.01, fetch_timeout=1.0, fetch_retries=1)


def snapshot(db: str) -> dict:
    con = duckdb.connect(db, read_only=True)
    try:
        return {t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES}
    finally:
        con.close()


def test_second_nightly_run_downloads_and_changes_nothing(tmp_path, site):
    from flows.run_sources import run_sources_flow

    sources = write_sources(tmp_path, site.base)
    settings = settings_for(tmp_path)
    first = run_sources_flow(sources_file=str(sources), settings=settings)
    assert first.fetch_errors == []
    # six reports, the index page and the case study it links (its PDF link is also in the list: fetched once)
    assert first.downloads == 8
    assert first.by_status == {"ok": 8}  # six reports, the case study, the local text file
    before = snapshot(settings.db)
    hits_before = sum(site.hits.values())
    second = run_sources_flow(sources_file=str(sources), settings=settings)
    assert second.downloads == 0 and second.not_modified == 8
    assert second.documents_processed == 0 and second.documents_unchanged == 8
    assert snapshot(settings.db) == before
    assert sum(site.hits.values()) - hits_before == 9  # one conditional request per URL, and robots.txt once
    raw = list((tmp_path / "raw").rglob("*"))
    assert all(len(p.name) == 64 for p in raw if p.is_file())


def test_faults_end_in_recorded_statuses_and_the_run_completes(tmp_path, site):
    from flows.run_sources import run_sources_flow

    faults = ["/flaky.pdf", "/hang.pdf", "/redirect-ftp.pdf", "/truncated.pdf", "/private/secret.pdf",
              "/missing.pdf", "/wrong-type.pdf"]
    site.state["hang_seconds"] = 3
    sources = write_sources(tmp_path, site.base, [site.base + p for p in faults])
    summary = run_sources_flow(sources_file=str(sources), settings=settings_for(tmp_path))
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    status = dict(con.execute("SELECT regexp_extract(url, '/[^/]+$'), status FROM fetches").fetchall())
    assert status["/flaky.pdf"] == "downloaded"
    assert status["/hang.pdf"] == "timeout"
    assert status["/redirect-ftp.pdf"] == "bad_redirect"
    assert status["/truncated.pdf"] == "truncated"
    assert status["/secret.pdf"] == "robots_disallowed"
    assert status["/missing.pdf"] == "http_error"
    assert status["/wrong-type.pdf"] == "downloaded"
    media = con.execute("SELECT media_type, content_type FROM fetches WHERE url LIKE '%wrong-type%'").fetchone()
    assert media == ("application/pdf", "text/html")
    assert {u.rsplit("/", 1)[1] for u, _, _ in summary.fetch_errors} == {
        "hang.pdf", "redirect-ftp.pdf", "truncated.pdf", "secret.pdf", "missing.pdf"}
    assert all(error for _, _, error in summary.fetch_errors)
    assert summary.by_status.get("ok", 0) >= 8


def test_refresh_one_url_with_force(tmp_path, site):
    from flows.run_sources import run_sources_flow

    sources = write_sources(tmp_path, site.base)
    settings = settings_for(tmp_path)
    run_sources_flow(sources_file=str(sources), settings=settings)
    url = f"{site.base}/reports/demo-2015-139482.pdf"
    summary = run_sources_flow(sources_file=str(sources), settings=settings, url=url, force=True, command="refresh")
    assert summary.requests == 2  # robots.txt and the URL: no index page, no other URL
    assert summary.downloads == 1 and summary.documents_processed == 1
    one_source = run_sources_flow(sources_file=str(sources), settings=settings, source_name="cases")
    assert one_source.not_modified == 3 and one_source.downloads == 0


def test_a_changed_pattern_file_reprocesses_from_the_raw_store(tmp_path, site):
    """Copy the extractors, change a pattern, and run `schoolpipe reprocess` with the copy first on the path."""
    from flows.run_sources import run_sources_flow

    sources = write_sources(tmp_path, site.base)
    settings = settings_for(tmp_path)
    run_sources_flow(sources_file=str(sources), settings=settings)
    hits = sum(site.hits.values())
    changed = tmp_path / "changed"
    shutil.copytree(ROOT / "extractors", changed / "extractors", ignore=shutil.ignore_patterns("__pycache__"))
    patterns = changed / "extractors" / "judgements.patterns.jsonl"
    text = patterns.read_text(encoding="utf-8")
    for old in ('"grade": "Good"', '"2": "Good"'):  # the word grade and the digit grade 2
        text = text.replace(old, old[:-1] + ' (changed)"')
    patterns.write_text(text, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": f"{changed}{os.pathsep}{ROOT}", "SCHOOLPIPE_RAW_DIR": settings.raw_dir}
    env.pop("PREFECT_API_URL", None)
    result = subprocess.run([sys.executable, "-c", "from schoolpipe.cli import main; main()", "reprocess",
                             "--db", settings.db], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert sum(site.hits.values()) == hits  # nothing fetched
    con = duckdb.connect(settings.db, read_only=True)
    grades = {g for (g,) in con.execute("SELECT DISTINCT grade FROM judgements").fetchall()}
    assert "Good (changed)" in grades and "Good" not in grades
    versions = con.execute("SELECT count(DISTINCT extractor_version) FROM documents").fetchone()[0]
    assert versions == 1


def test_a_misbehaving_source_ends_at_its_deadline_and_the_rest_is_published(tmp_path, site):
    from dataclasses import replace

    from flows.run_sources import run_sources_flow

    site.state["trickle_every"] = 0.05  # a byte at a time: only the URL's deadline stops it
    sources = write_sources(tmp_path, site.base, extra_urls=[f"{site.base}/trickle.pdf"])
    settings = replace(settings_for(tmp_path), fetch_deadline=2.0)
    summary = run_sources_flow(sources_file=str(sources), settings=settings)
    failures = {url.rsplit("/", 1)[-1]: (status, error) for url, status, error in summary.fetch_errors}
    assert failures["trickle.pdf"][0] == "timeout" and "fetch_deadline" in failures["trickle.pdf"][1]
    con = duckdb.connect(settings.db, read_only=True)
    loaded = con.execute("SELECT count(*) FROM documents WHERE status = 'ok'").fetchone()[0]
    con.close()
    assert loaded == summary.documents_processed > 0  # the good documents of the same run are published


def test_an_index_with_too_many_links_is_capped_and_says_so(tmp_path, site):
    from dataclasses import replace

    from flows.run_sources import run_sources_flow

    site.documents["/many/"] = index_page([f"/missing/{n}.pdf" for n in range(50)])
    sources = tmp_path / "many.toml"
    sources.write_text(f'[[source]]\nname = "many"\nkind = "index"\nurl = "{site.base}/many/"\n', encoding="utf-8")
    settings = replace(settings_for(tmp_path), max_links=5)
    summary = run_sources_flow(sources_file=str(sources), settings=settings)
    assert any("links to 50 documents; followed the first 5" in note for note in summary.notes)
    assert sum(hits for path, hits in site.hits.items() if path.startswith("/missing/")) == 5
