"""Corpus discovery against a real file system: links, FIFOs, unreadable and changing files."""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from corpus import discover as d
from corpus.discover import discover_folder
from corpus.rawstore import RawStore
from pipeline.models import BROKEN_LINK, LINK_OUTSIDE, NOT_A_FILE, TOO_LARGE, UNREADABLE

ROOT = Path(__file__).resolve().parent.parent
LETTER = ROOT / "corpus" / "demo" / "demo-short-inspection-118634.txt"


def by_name(documents) -> dict:
    return {Path(doc.uri).name: doc for doc in documents}


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(LETTER, folder / "letter.txt")
    return folder


@pytest.mark.timeout(30)
def test_links_out_of_the_folder_are_not_followed(tmp_path, corpus):
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("a private note", encoding="utf-8")
    (corpus / "passwd.txt").symlink_to("/etc/passwd")
    (corpus / "elsewhere.txt").symlink_to(outside)
    (corpus / "sub").mkdir()
    (corpus / "sub" / "up.txt").symlink_to("../../elsewhere.txt")
    found = by_name(discover_folder(corpus))
    for name in ("passwd.txt", "elsewhere.txt", "up.txt"):
        assert found[name].problem == LINK_OUTSIDE and found[name].sha256 is None
        assert "outside the corpus folder" in found[name].error
    assert found["letter.txt"].problem is None


@pytest.mark.timeout(30)
def test_a_link_inside_the_folder_is_the_file_it_points_to(corpus):
    (corpus / "alias.txt").symlink_to("letter.txt")
    documents = discover_folder(corpus)
    assert {doc.uri for doc in documents} == {str((corpus / "letter.txt").resolve())}
    assert all(doc.problem is None for doc in documents)


@pytest.mark.timeout(30)
def test_loops_and_dangling_links_are_recorded(corpus):
    (corpus / "a.txt").symlink_to("b.txt")
    (corpus / "b.txt").symlink_to("a.txt")
    (corpus / "gone.pdf").symlink_to("nowhere.pdf")
    found = by_name(discover_folder(corpus))
    assert found["a.txt"].problem == found["b.txt"].problem == BROKEN_LINK and "loops" in found["a.txt"].error
    assert found["gone.pdf"].problem == BROKEN_LINK and "does not exist" in found["gone.pdf"].error


@pytest.mark.timeout(30)  # opening a FIFO for reading blocks until a writer comes: it must never be opened so
def test_a_fifo_named_like_a_pdf_is_skipped_without_blocking(corpus):
    os.mkfifo(corpus / "x.pdf")
    found = by_name(discover_folder(corpus))
    assert found["x.pdf"].problem == NOT_A_FILE and "FIFO" in found["x.pdf"].error


@pytest.mark.timeout(30)
def test_an_unreadable_file_is_recorded(corpus, monkeypatch):
    secret = corpus / "secret.txt"
    secret.write_text("no access", encoding="utf-8")
    secret.chmod(0)
    if os.geteuid() == 0:  # root reads anything: the one fault here we cannot cause for real
        real_open = os.open

        def refuse(path, flags, *args, **kwargs):
            if Path(path).name == "secret.txt":
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(path, flags, *args, **kwargs)

        monkeypatch.setattr(d.os, "open", refuse)
    found = by_name(discover_folder(corpus))
    assert found["secret.txt"].problem == UNREADABLE and "Permission denied" in found["secret.txt"].error
    assert found["letter.txt"].problem is None


@pytest.mark.timeout(30)
def test_the_hash_is_of_the_bytes_kept_for_parsing(tmp_path, corpus):
    store = RawStore(tmp_path / "raw")
    [doc] = discover_folder(corpus, store)
    kept = Path(doc.path).read_bytes()
    assert Path(doc.path).parent.parent == store.root  # the workers read the kept copy, not the corpus file
    assert hashlib.sha256(kept).hexdigest() == doc.sha256 == hashlib.sha256(LETTER.read_bytes()).hexdigest()
    (corpus / "letter.txt").write_text("rewritten after it was read", encoding="utf-8")
    assert Path(doc.path).read_bytes() == kept  # what was read stays as it was read


@pytest.mark.timeout(30)
def test_files_over_the_cap_are_not_read(corpus):
    (corpus / "big.txt").write_bytes(b"x" * 5000)
    found = by_name(discover_folder(corpus, max_bytes=4000))
    assert found["big.txt"].problem == TOO_LARGE and found["big.txt"].size_bytes == 5000


@pytest.mark.prefect
@pytest.mark.timeout(300)
def test_a_hostile_corpus_is_recorded_and_a_second_run_changes_nothing(tmp_path, corpus):
    outside = tmp_path / "outside.txt"
    outside.write_text("not for loading", encoding="utf-8")
    (corpus / "passwd.txt").symlink_to("/etc/passwd")
    (corpus / "outside.txt").symlink_to(outside)
    (corpus / "loop.txt").symlink_to("loop.txt")
    (corpus / "dangling.pdf").symlink_to("missing.pdf")
    os.mkfifo(corpus / "x.pdf")
    db = tmp_path / "w.duckdb"
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect"), "SCHOOLPIPE_RAW_DIR": str(tmp_path / "raw")}
    env.pop("PREFECT_API_URL", None)
    command = [sys.executable, "-c", "from schoolpipe.cli import main; main()", "run", "--corpus", str(corpus),
               "--db", str(db)]
    first = subprocess.run(command, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=240)
    assert first.returncode == 3, first.stderr[-2000:]  # finished; some documents could not be used
    assert "Traceback" not in first.stderr
    con = duckdb.connect(str(db), read_only=True)
    statuses = dict(con.execute("SELECT regexp_extract(uri, '[^/]+$'), status FROM documents").fetchall())
    con.close()
    assert statuses == {"letter.txt": "ok", "passwd.txt": LINK_OUTSIDE, "outside.txt": LINK_OUTSIDE,
                        "loop.txt": BROKEN_LINK, "dangling.pdf": BROKEN_LINK, "x.pdf": NOT_A_FILE}
    second = subprocess.run(command, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=240)
    assert second.returncode == 0 and "Nothing changed" in second.stdout, second.stderr[-2000:]


@pytest.mark.prefect
@pytest.mark.timeout(300)
def test_reprocess_reads_the_bytes_that_were_loaded_not_the_changed_file(tmp_path, corpus):
    db = tmp_path / "w.duckdb"
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect"), "SCHOOLPIPE_RAW_DIR": str(tmp_path / "raw")}
    env.pop("PREFECT_API_URL", None)
    cli = [sys.executable, "-c", "from schoolpipe.cli import main; main()"]
    run = subprocess.run([*cli, "run", "--corpus", str(corpus), "--db", str(db)], env=env, cwd=tmp_path,
                         capture_output=True, text=True, timeout=240)
    assert run.returncode == 0, run.stderr[-2000:]
    query = "SELECT d.sha256, i.urn FROM documents d JOIN inspections i USING (document_id)"
    con = duckdb.connect(str(db), read_only=True)
    loaded = con.execute(query).fetchall()
    con.close()
    (corpus / "letter.txt").write_text("Something else entirely, no inspection here.\n", encoding="utf-8")
    again = subprocess.run([*cli, "reprocess", "--force", "--db", str(db)], env=env, cwd=tmp_path,
                           capture_output=True, text=True, timeout=240)
    assert again.returncode == 0, again.stderr[-2000:]
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute(query).fetchall() == loaded  # the same bytes, the same sha256, the same extraction
    assert loaded[0][0] == hashlib.sha256(LETTER.read_bytes()).hexdigest()
    con.close()


def test_a_linked_folder_is_followed_inside_the_corpus_and_recorded_outside_it(tmp_path):
    corpus, elsewhere = tmp_path / "corpus", tmp_path / "elsewhere"
    (corpus / "reports").mkdir(parents=True)
    elsewhere.mkdir()
    (corpus / "reports" / "a.txt").write_text("Inspection report A")
    (elsewhere / "b.txt").write_text("Inspection report B")
    (corpus / "also-reports").symlink_to(corpus / "reports")   # inside: read, once
    (corpus / "outside").symlink_to(elsewhere)                 # outside: recorded, not read
    (corpus / "reports" / "loop").symlink_to(corpus)           # a loop ends
    found = discover_folder(corpus)
    read = [Path(d.uri).name for d in found if d.problem is None]
    assert read == ["a.txt"]
    outside = [d for d in found if d.problem == LINK_OUTSIDE]
    assert len(outside) == 1 and outside[0].uri.endswith("outside") and "not followed" in outside[0].error
