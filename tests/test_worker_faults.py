"""Each way a worker can fail ends in its own status, the pool goes on, and every document gets one result."""
from __future__ import annotations

import time

import psutil
import pytest
import worker_faults

from flows.workers import DocumentPool
from pipeline.models import CRASHED, OK, PARSE_ERROR, TIMEOUT, SourceDocument
from pipeline.settings import Settings

pytestmark = pytest.mark.processes
LETTER = "corpus/demo/demo-short-inspection-118634.txt"


def document(uri: str) -> SourceDocument:
    return SourceDocument(uri=uri, path=LETTER, sha256="0" * 64, size_bytes=1)


@pytest.mark.timeout(120)
@pytest.mark.parametrize("work, status, words", [
    (worker_faults.hang, TIMEOUT, "longer than 2 s"),
    (worker_faults.die, CRASHED, "exit code 7"),
    (worker_faults.raise_error, PARSE_ERROR, "a fault inside the worker's own code"),
])
def test_a_failing_worker_is_recorded_and_the_pool_goes_on(work, status, words):
    settings = Settings(workers=1, doc_timeout=2.0)
    started = time.monotonic()
    with DocumentPool(settings, work=work) as pool:  # one worker: the next document needs it back
        before, failed, after = pool.process([document("a.txt"), document("bad"), document("b.txt")])
    assert failed.status == status and words in failed.error
    assert before.status == after.status == OK and after.extraction == before.extraction
    assert time.monotonic() - started < 60


def _worker_mb() -> float:
    workers = [p for p in psutil.Process().children(recursive=True) if "spawn_main" in " ".join(p.cmdline())]
    return max(p.memory_info().rss for p in workers) / 2**20


@pytest.mark.timeout(120)
def test_a_worker_hands_back_the_heap_a_document_freed():
    with DocumentPool(Settings(workers=1), work=worker_faults.bloat) as pool:
        (first,) = pool.process([document("a.txt")])
        settled = _worker_mb()
        bloated, after = pool.process([document("bad"), document("b.txt")])
        grown = _worker_mb() - settled
    assert first.status == bloated.status == after.status == OK
    assert grown < 100, f"the worker kept {grown:.0f} MB after the document that freed 200 MB"
