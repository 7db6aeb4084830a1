"""Hostile and broken documents: each gets a status and an error a user can act on; the run goes on."""
from __future__ import annotations

import duckdb
import pytest
from hostile import write_hostile_corpus

from pipeline.settings import Settings

pytestmark = pytest.mark.usefixtures("prefect_server")


def test_every_bad_input_is_recorded_and_the_run_completes(tmp_path):
    from flows.run_corpus import run_corpus_flow

    corpus = tmp_path / "hostile"
    expected = write_hostile_corpus(corpus)
    db = tmp_path / "w.duckdb"
    settings = Settings(db=str(db), doc_timeout=8.0, worker_memory_mb=2048, workers=2)
    summary = run_corpus_flow(corpus=str(corpus), settings=settings)
    con = duckdb.connect(str(db), read_only=True)
    rows = {uri.rsplit("/", 1)[1]: (status, error)
            for uri, status, error in con.execute("SELECT uri, status, error FROM documents").fetchall()}
    assert set(rows) == set(expected)
    for name, statuses in expected.items():
        status, error = rows[name]
        assert status in statuses, f"{name}: {status} ({error})"
        assert (status == "ok") == (error is None), f"{name}: a failure needs an error, success none"
    assert summary.failed == sum(1 for s, _ in rows.values() if s != "ok")
    ok_text = con.execute("SELECT count(*) FROM judgements j JOIN documents d USING (document_id) "
                          "WHERE d.uri LIKE '%encrypted-empty-password.pdf'").fetchone()[0]
    assert ok_text == 1  # the empty-password PDF was read normally


def test_html_charsets(tmp_path):
    from pipeline.parse import parse_document

    corpus = tmp_path / "c"
    write_hostile_corpus(corpus)
    for name in ("charset-lies-utf8.html", "charset-lies-cp1252.html", "cp1252-no-charset.html"):
        text = parse_document((corpus / name).read_bytes()).text
        assert "\u2013" in text and "\u00c3" not in text, f"{name}: {text!r}"
