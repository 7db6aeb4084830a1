"""The `schoolpipe run` flow: discover, skip what is unchanged, parse and extract, load in batches."""
from __future__ import annotations

import time
import uuid

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from extractors.extract import EXTRACTOR_VERSION
from flows.process import process_batch
from flows.progress import ProgressReporter
from pipeline.discover import discover_folder
from pipeline.models import RunSummary, SourceDocument
from pipeline.parse import PARSER_VERSION
from pipeline.settings import Settings
from warehouse.load import finish_run, known_documents, load_batch, start_run
from warehouse.migrate import open_warehouse


@task(name="discover-corpus", cache_policy=NO_CACHE)
def discover_task(corpus: str) -> list[SourceDocument]:
    return discover_folder(corpus)


def needs_processing(source: SourceDocument, known: dict[str, tuple[str, str, str]]) -> bool:
    """New bytes, or bytes parsed or extracted by an older version."""
    return known.get(source.uri) != (source.sha256, PARSER_VERSION, EXTRACTOR_VERSION)


@task(name="parse-and-extract", cache_policy=NO_CACHE)
def process_task(sources: list[SourceDocument], settings: Settings):
    return process_batch(sources, settings)


def _batches(items: list, size: int) -> list[list]:
    return [items[i: i + size] for i in range(0, len(items), size)]


@flow(name="schoolpipe-run", log_prints=False)
def run_corpus_flow(corpus: str, settings: Settings, command: str = "run") -> RunSummary:
    logger = get_run_logger()
    summary = RunSummary(run_id=uuid.uuid4().hex[:12])
    started = time.perf_counter()
    sources = discover_task(corpus)
    con = open_warehouse(settings.db)
    try:
        known = known_documents(con)
        todo = [s for s in sources if needs_processing(s, known)]
        summary.documents_seen = len(sources)
        summary.documents_unchanged = len(sources) - len(todo)
        start_run(con, summary.run_id, command, corpus, PARSER_VERSION, EXTRACTOR_VERSION)
        logger.info("%d documents found, %d new or changed", len(sources), len(todo))
        progress = ProgressReporter(len(todo))
        try:
            for batch in _batches(todo, settings.batch_size):
                results = process_task(batch, settings)
                load_batch(con, results, summary.run_id, summary)
                summary.add_results(results)
                progress.advance(len(results))
        finally:
            progress.close()
        summary.seconds = time.perf_counter() - started
        finish_run(con, summary)
    except BaseException:
        finish_run(con, summary, status="failed")
        raise
    finally:
        con.close()
    return summary
