"""The `schoolpipe run --corpus` flow: discover, skip what is unchanged, parse and extract, load in batches."""

import uuid

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from corpus.discover import discover_folder
from corpus.rawstore import RawStore
from flows.steps import process_and_load, recorded_run, settings_session
from pipeline import timings
from pipeline.models import RunSummary, SourceDocument
from pipeline.settings import Settings


@task(name="discover-corpus", cache_policy=NO_CACHE)
def discover_task(corpus: str, settings: Settings) -> list[SourceDocument]:
    return discover_folder(corpus, RawStore(settings.raw_dir), settings.max_bytes)


@flow(name="schoolpipe-run", log_prints=False)
def run_corpus_flow(corpus: str, settings: Settings, command: str = "run", force: bool = False) -> RunSummary:
    timings.switch(timings.FLOW)
    summary = RunSummary(run_id=uuid.uuid4().hex[:12])
    with timings.phase(timings.DISCOVERY):
        documents = discover_task(corpus, settings)
    with settings_session(settings) as session:
        with recorded_run(session, summary, command, corpus):
            process_and_load(session, documents, settings, summary, force=force)
    timings.switch(timings.SHUT_DOWN)  # what is left: Prefect ending the flow run, the server and workers stopping
    return summary
