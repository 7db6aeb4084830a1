"""Steps shared by the flows: process what changed and load it in batches."""

import sys
import time
from contextlib import contextmanager, nullcontext

from prefect import task
from prefect.cache_policies import NO_CACHE

from extractors.versions import EXTRACTOR_VERSION
from flows.plan import plan_run
from flows.progress import ProgressReporter
from flows.runners import task_settings
from flows.workers import in_flight_batches, run_pool, shared_pool
from pipeline import timings
from pipeline.interrupts import is_interrupt
from pipeline.models import DocumentResult, RunSummary, SourceDocument
from pipeline.settings import Settings
from pipeline.versions import PARSER_VERSION
from warehouse.load import known_documents, load_batch
from warehouse.session import WriteSession, write_session


@contextmanager
def recorded_run(session: WriteSession, summary: RunSummary, command: str, source: str):
    """A row in `runs` for the work inside: 'running', then 'completed', 'failed' or 'interrupted'."""
    started = time.perf_counter()
    session.begin_run(summary.run_id, command, source, PARSER_VERSION, EXTRACTOR_VERSION)
    try:
        yield
    except BaseException as exc:
        session.end_run(_counts(summary), status="interrupted" if is_interrupt(exc) else "failed")
        raise
    summary.seconds = time.perf_counter() - started
    session.end_run(_counts(summary), status="completed")


def _counts(summary: RunSummary) -> dict:
    return {"seen": summary.documents_seen, "processed": summary.documents_processed,
            "unchanged": summary.documents_unchanged, "failed": summary.failed}


def tell(message: str) -> None:
    """A line for the person running the command (stderr: stdout carries the summary)."""
    print(message, file=sys.stderr, flush=True)


def settings_session(settings: Settings):
    """The run's one write session, with the checkpoints, lock wait and memory limit the settings give."""
    return write_session(settings.db, settings.publish_every, settings.lock_wait, waiting=tell,
                         publish_documents=settings.checkpoint_documents, memory_mb=settings.warehouse_memory_mb)


@task(name="parse-and-extract", cache_policy=NO_CACHE)
def process_task(sources: list[SourceDocument], settings: Settings) -> list:
    """Parse and extract one batch in this process's guarded worker pool (local, or a Dask worker's)."""
    return shared_pool(settings).process(sources)


def batches(items: list, size: int) -> list[list]:
    return [items[i: i + size] for i in range(0, len(items), size)]


def process_and_load(session: WriteSession, documents: list[SourceDocument], settings: Settings,
                     summary: RunSummary, force: bool = False) -> None:
    """Parse and extract the new or changed documents (all of them with force), loading batch by batch.

    Batches go to the flow's task runner (threads here, or a Dask cluster) and come back in
    order to this single writer."""
    plan = plan_run(documents, known_documents(session.con), force)
    todo = list(plan.todo)
    summary.documents_seen += len(plan.documents)
    summary.documents_unchanged += plan.unchanged
    if not todo:
        return
    progress = ProgressReporter(len(todo))
    unread = [d for d in todo if d.problem]  # found but never read: recorded as they are, no worker needed
    if unread:
        _load(session, [unread_result(d) for d in unread], summary, progress)
        todo = [d for d in todo if not d.problem]
    worker_settings = task_settings(settings)
    window = in_flight_batches(settings)
    pending: list = []
    # Local workers: the command line's warm pool if it opened one, else this run's own. On Dask
    # each worker process keeps its own, closed when that process ends.
    with run_pool(settings) if settings.executor == "local" else nullcontext():
        try:
            for batch in batches(todo, settings.batch_size):
                pending.append(process_task.submit(batch, worker_settings))
                if len(pending) >= window:
                    _load(session, _collect(pending.pop(0)), summary, progress)
            while pending:
                _load(session, _collect(pending.pop(0)), summary, progress)
        finally:
            for future in pending:  # not started yet: never started (run_pool releases the rest)
                wrapped = getattr(future, "wrapped_future", None)
                if wrapped is not None:
                    wrapped.cancel()
            progress.close()


def unread_result(source: SourceDocument) -> DocumentResult:
    return DocumentResult(source=source, status=source.problem, error=source.error,
                          parser_version=PARSER_VERSION, extractor_version=EXTRACTOR_VERSION)


def _done(future) -> bool:
    """Finished, by the runner's own future (threads or Dask): no question to the API."""
    wrapped = getattr(future, "wrapped_future", None)
    return bool(wrapped is not None and wrapped.done())


def _collect(future) -> list:
    with timings.phase(timings.WAITING):
        return future.result()


def _load(session: WriteSession, results: list, summary: RunSummary, progress: ProgressReporter) -> None:
    with timings.phase(timings.LOAD):
        load_batch(session.con, results, summary.run_id, summary)
        session.mark_changed()
        summary.add_results(results)
        progress.advance(len(results))
        session.maybe_publish(len(results))


class StreamLoader:
    """Documents processed and loaded as they arrive (a run fetching while it processes): each is
    planned against what the warehouse holds, new or changed ones are batched to the workers, and
    finished batches are loaded in order by this single writer, publishing checkpoints as it goes."""

    def __init__(self, session: WriteSession, settings: Settings, summary: RunSummary, force: bool = False):
        self.session, self.settings, self.summary, self.force = session, settings, summary, force
        self.known = known_documents(session.con)
        self.seen: set[str] = set()
        self.buffer: list[SourceDocument] = []
        self.pending: list = []
        self.window = in_flight_batches(settings)
        self.worker_settings = task_settings(settings)
        self.progress = ProgressReporter(0)
        self.last_add = time.monotonic()

    def add(self, document: SourceDocument) -> None:
        if document.uri in self.seen:
            return  # whatever listed a document twice
        self.seen.add(document.uri)
        plan = plan_run([document], self.known, self.force)
        self.summary.documents_seen += 1
        self.summary.documents_unchanged += plan.unchanged
        if not plan.todo:
            return
        if document.problem:  # found but never read: recorded as it is, no worker needed
            _load(self.session, [unread_result(document)], self.summary, self.progress)
            return
        self.buffer.append(document)
        self.last_add = time.monotonic()
        if len(self.buffer) >= self.settings.batch_size:
            self._submit()

    def idle(self, after: float = 2.0) -> None:
        """Nothing arrived for a moment: send a part batch rather than wait, load what is done."""
        if self.buffer and time.monotonic() - self.last_add >= after:
            self._submit()
        while self.pending and _done(self.pending[0]):
            _load(self.session, _collect(self.pending.pop(0)), self.summary, self.progress)

    def _submit(self) -> None:
        batch, self.buffer = self.buffer, []
        self.pending.append(process_task.submit(batch, self.worker_settings))
        if len(self.pending) >= self.window:
            _load(self.session, _collect(self.pending.pop(0)), self.summary, self.progress)

    def finish(self) -> None:
        if self.buffer:
            self._submit()
        while self.pending:
            _load(self.session, _collect(self.pending.pop(0)), self.summary, self.progress)
        self.progress.close()

    def cancel(self) -> None:
        for future in self.pending:  # not started yet: never started (run_pool releases the rest)
            wrapped = getattr(future, "wrapped_future", None)
            if wrapped is not None:
                wrapped.cancel()
        self.progress.close()
