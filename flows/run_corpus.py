"""The `schoolpipe run --corpus` flow: discover, skip what is unchanged, parse and extract, load in batches."""

import time
import uuid

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from extractors.extract import EXTRACTOR_VERSION
from flows.steps import process_and_load
from pipeline.discover import discover_folder
from pipeline.models import RunSummary, SourceDocument
from pipeline.parse import PARSER_VERSION
from pipeline.settings import Settings
from warehouse.load import finish_run, start_run
from warehouse.session import write_session


@task(name="discover-corpus", cache_policy=NO_CACHE)
def discover_task(corpus: str) -> list[SourceDocument]:
    return discover_folder(corpus)


@flow(name="schoolpipe-run", log_prints=False)
def run_corpus_flow(corpus: str, settings: Settings, command: str = "run", force: bool = False) -> RunSummary:
    summary = RunSummary(run_id=uuid.uuid4().hex[:12])
    started = time.perf_counter()
    documents = discover_task(corpus)
    with write_session(settings.db, settings.publish_every, settings.lock_wait) as session:
        start_run(session.con, summary.run_id, command, corpus, PARSER_VERSION, EXTRACTOR_VERSION)
        try:
            process_and_load(session, documents, settings, summary, force=force)
        except BaseException:
            finish_run(session.con, summary, status="failed")
            raise
        summary.seconds = time.perf_counter() - started
        finish_run(session.con, summary)
    return summary
