"""Parse and extract in worker processes, each document under a time and memory limit.

A document that hangs (a decompression bomb, deeply nested objects) has its worker
stopped and is recorded as `timeout`; a worker that dies is recorded as `crashed`; the
run goes on with a fresh worker. The spaCy pipeline is built once per worker.
"""
from __future__ import annotations

import atexit
import dataclasses
import multiprocessing
import os
import resource
import signal
import threading
import time
import weakref
from collections.abc import Iterator
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import contextmanager

from pebble import ProcessExpired, ProcessPool

from extractors.versions import EXTRACTOR_VERSION
from pipeline import timings
from pipeline.memory import give_back_freed_heap, resident_mb
from pipeline.models import CRASHED, PARSE_ERROR, TIMEOUT, DocumentResult, SourceDocument
from pipeline.settings import Settings
from pipeline.timings import Timed, process_age
from pipeline.versions import PARSER_VERSION

TASKS_PER_WORKER = 500  # a fresh worker now and then returns memory that fragmented heaps keep
TRIM_ABOVE_MB = 64  # a worker this much above its settled size after a document hands freed heap back
_start_method = "spawn"  # "forkserver" in `schoolpipe serve`'s warm runner (use_fork_server)
_start_seconds: float | None = None  # in a worker: its start-up, not yet reported on a result
_settled_mb: float | None = None  # in a worker: its resident size after start-up or the last trim


def use_fork_server() -> None:
    """Workers from now on are forked by a server that has imported the parsers and built spaCy
    (flows/worker_preload.py): each starts in milliseconds, not a second. Starts that server now;
    for a process that runs many commands (the warm runner), before it runs any."""
    global _start_method
    multiprocessing.set_forkserver_preload(["flows.worker_preload"])
    from multiprocessing import forkserver

    forkserver.ensure_running()
    _start_method = "forkserver"


def _init_worker(memory_mb: int, env: dict[str, str] | None = None) -> None:
    # A terminal's Ctrl-C goes to the whole process group: the parent stops the workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if env is not None:  # forked by the fork server: the environment of the run, not the server's
        os.environ.clear()
        os.environ.update(env)
    limit = memory_mb * 1024 * 1024
    try:
        # RLIMIT_DATA, not RLIMIT_AS: PDFium reserves (but never uses) gigabytes of address space
        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
    except (ValueError, OSError):
        pass  # a platform without address-space limits still has the time limit
    import flows.process  # noqa: F401  (parsers and extractors, imported while the caller does other work)
    from extractors.nlp import build_pipeline

    build_pipeline()
    global _start_seconds, _settled_mb
    _start_seconds = process_age()
    _settled_mb = resident_mb()


def _process(source: SourceDocument, settings: Settings) -> Timed:
    """In the worker: the parent schedules this by name without importing any parser or spaCy."""
    from flows.process import timed_process_document

    done = timed_process_document(source, settings)
    _give_back_freed_memory()
    global _start_seconds
    if _start_seconds is not None:  # a fresh worker's first document carries its start-up time
        done = dataclasses.replace(done, start_seconds=_start_seconds)
        _start_seconds = None
    return done


def _give_back_freed_memory() -> None:
    """After a document that left the worker much bigger than it settled (a PDF of slow operators
    takes 800 MB while it is read), hand the freed heap back to the system: glibc keeps it
    otherwise, and the worker would hold that size until it is recycled."""
    global _settled_mb
    now = resident_mb()
    if now is None or _settled_mb is None or now - _settled_mb <= TRIM_ABOVE_MB or not give_back_freed_heap():
        return
    _settled_mb = max(_settled_mb, resident_mb() or now)  # what the heap really holds now: the next baseline


def _ready() -> bool:
    return True


class DocumentPool:
    """A pool of guarded workers; use as a context manager around a whole run."""

    def __init__(self, settings: Settings, work=None):
        self.settings = settings
        self.work = work or _process  # what a worker does with one document (a module-level function)
        # spawn (or a fork server's fork), not fork: the parent runs Prefect's threads, and a fork
        # copies their held locks
        env = dict(os.environ) if _start_method == "forkserver" else None
        self.pool = ProcessPool(max_workers=settings.workers, max_tasks=TASKS_PER_WORKER,
                                initializer=_init_worker, initargs=(settings.worker_memory_mb, env),
                                context=multiprocessing.get_context(_start_method))
        self._early: dict[tuple[str, str], object] = {}  # (uri, sha256) -> a future scheduled before the flow
        self._futures: weakref.WeakSet = weakref.WeakSet()  # every future not yet collected

    def _schedule(self, source: SourceDocument):
        future = self.pool.schedule(self.work, args=(source, self.settings), timeout=self.settings.doc_timeout)
        self._futures.add(future)
        return future

    def warm_up(self) -> None:
        """Start the workers now (they load spaCy), without waiting: the caller has other work."""
        for _ in range(self.settings.workers):
            self.pool.schedule(_ready)

    def prefetch(self, sources: list[SourceDocument]) -> None:
        """Start on these documents now, before anyone asks (say, while Prefect starts);
        `process` then picks up their results. The caller bounds how many."""
        for source in sources:
            if (source.uri, source.sha256) not in self._early:
                self._early[source.uri, source.sha256] = self._schedule(source)

    def __enter__(self) -> DocumentPool:
        return self

    def __exit__(self, *exc) -> None:
        self.pool.stop()  # first: a document cancelled in a running pool has its worker replaced, and a
        self.cancel()     # worker spawned while the parent exits fails noisily in its bootstrap
        self.pool.join(timeout=30)

    def cancel(self) -> None:
        """Drop every document not yet collected: whoever waits on one (a task thread) is released
        at once, and a worker busy with one is replaced. The pool stays open."""
        self._early.clear()
        for future in list(self._futures):
            future.cancel()

    def process(self, sources: list[SourceDocument]) -> list[DocumentResult]:
        """Results in the order of `sources`; every document gets one, whatever happened."""
        started = time.perf_counter()
        futures = [self._early.pop((s.uri, s.sha256), None) for s in sources]
        futures = [future if future is not None else self._schedule(s) for s, future in zip(sources, futures)]
        return [self._result(source, future, started) for source, future in zip(sources, futures)]

    def _result(self, source: SourceDocument, future, started: float) -> DocumentResult:
        try:
            done = future.result()
            if isinstance(done, Timed):  # the worker's seconds, for a run that records them
                timings.add_document(done.seconds, done.parse_seconds, done.start_seconds)
                return done.result
            return done
        except FutureTimeout:
            status, error = TIMEOUT, (f"parsing took longer than {self.settings.doc_timeout:g} s and was stopped "
                                      "(a decompression bomb or a malformed file?); raise doc_timeout if it is genuine")
        except ProcessExpired as exc:
            status, error = CRASHED, (f"the worker died while reading it (exit code {exc.exitcode}: over the "
                                      f"{self.settings.worker_memory_mb} MB memory limit, or a library crash); "
                                      "raise worker_memory_mb if it is genuine")
        except Exception as exc:  # pickling problems and the like: record, never stop the run
            status, error = PARSE_ERROR, f"worker failed: {type(exc).__name__}: {exc}"
        seconds = time.perf_counter() - started
        timings.add_document(seconds, seconds)  # stopped while reading it, as far as anyone knows
        return DocumentResult(source=source, status=status, error=error, parser_version=PARSER_VERSION,
                              extractor_version=EXTRACTOR_VERSION, seconds=seconds)


def in_flight_batches(settings: Settings) -> int:
    """Batches a flow keeps in flight: enough for every worker to stay busy, few enough to bound memory."""
    return max(2, 2 * settings.workers)


_shared: dict[Settings, DocumentPool] = {}
_shared_lock = threading.Lock()


def shared_pool(settings: Settings) -> DocumentPool:
    """The process's pool for these settings, opened on first use: a run's batches find it here,
    on this machine or on a Dask worker. Whoever opened it closes it (`open_pool`, `run_pool`)."""
    with _shared_lock:
        if settings not in _shared:
            _shared[settings] = DocumentPool(settings)
        return _shared[settings]


@contextmanager
def open_pool(settings: Settings) -> Iterator[DocumentPool]:
    """A pool opened now (its workers warm up while the caller does other work) and closed on exit:
    the command line's, around a whole run."""
    pool = shared_pool(settings)
    try:
        yield pool
    finally:
        with timings.phase(timings.STOP_WORKERS):
            _close(settings)


@contextmanager
def run_pool(settings: Settings) -> Iterator[DocumentPool]:
    """The pool a flow's batches use: one the caller opened (the command line's, warm), else one
    opened here and closed when the flow's work ends (a served flow's process must not keep
    workers). Either way, on the way out nothing of this run is left waiting in it."""
    with _shared_lock:
        borrowed = settings in _shared
    pool = shared_pool(settings)
    try:
        yield pool
    finally:
        pool.cancel()
        if not borrowed:
            _close(settings)


def _close(settings: Settings) -> None:
    with _shared_lock:
        pool = _shared.pop(settings, None)
    if pool is not None:
        pool.__exit__(None, None, None)


def close_shared_pools() -> None:
    with _shared_lock:
        pools = list(_shared.values())
        _shared.clear()
    for pool in pools:
        pool.__exit__(None, None, None)


atexit.register(close_shared_pools)  # a Dask worker's pools, opened by its tasks, end with its process
