"""The nightly and refresh flow: fetch what changed from the sources and process it as it arrives.

Fetching and processing overlap: each document goes to the workers as soon as it is downloaded
(or found in a folder), a slow or huge source never holds back the others', and every finished
batch is loaded with the fetches that brought it, so each checkpoint (`publish_every` seconds,
or `checkpoint_documents` documents) publishes a consistent warehouse: a killed run loses at most
the work since its last checkpoint, and the next run goes on from there.

No `from __future__ import annotations` in flow modules: Prefect validates parameters from the
annotations, and a deployment loads the module by path, where string annotations cannot be resolved.
"""

import uuid
from contextlib import nullcontext

from prefect import flow

from corpus.collect import IDLE, FetchOutcome, stream_sources
from corpus.fetch import DOWNLOADED, NOT_MODIFIED
from corpus.sources import load_sources, ofsted_source
from flows.delta import with_delta
from flows.steps import StreamLoader, recorded_run, settings_session
from flows.workers import run_pool
from pipeline.models import RunSummary
from pipeline.settings import Settings
from warehouse.fetches import fetch_counts, previous_fetches, record_fetches, record_listings

IDLE_SECONDS = 1.0  # nothing new for this long: a part batch goes to the workers, finished ones are loaded


@flow(name="schoolpipe-fetch-run", log_prints=False)
def run_sources_flow(sources_file: str, settings: Settings, source_name: str | None = None,
                     url: str | None = None, force: bool = False, command: str = "run",
                     ofsted: dict | None = None) -> RunSummary:
    """`ofsted` ({"urns": [...], "local_authority": ..., "remit": ...}) fetches from Ofsted's report
    site without a sources file (refresh --urn / --local-authority)."""
    summary = RunSummary(run_id=uuid.uuid4().hex[:12])
    if ofsted:
        sources = [ofsted_source("ofsted", ofsted.get("urns"), ofsted.get("local_authority"), ofsted.get("remit"), None,
                                 "refresh")]
    else:
        spec = load_sources(sources_file)
        sources = [spec.named(source_name)] if source_name else list(spec.sources)
    with settings_session(settings) as session:
        with recorded_run(session, summary, command, sources_file):
            con = session.con
            sources, delta_notes, delta_fetches = with_delta(con, sources, settings, previous_fetches(con))
            summary.notes.extend(delta_notes)
            record_fetches(con, delta_fetches)
            outcome = FetchOutcome()
            loader = StreamLoader(session, settings, summary, force)
            with run_pool(settings) if settings.executor == "local" else nullcontext():
                try:
                    for item in stream_sources(sources, settings, previous_fetches(con), force, url, IDLE_SECONDS):
                        if item is IDLE:
                            loader.idle()
                            continue
                        _record(con, outcome, item, summary)
                        if item.document is not None:
                            loader.add(item.document)
                    loader.finish()
                except BaseException:
                    loader.cancel()
                    raise
            summary.record_fetches(outcome.requests, outcome.count(DOWNLOADED), outcome.count(NOT_MODIFIED),
                                   [(r.url, r.status, r.error or "") for r in outcome.failures])
            fetch_counts(con, summary.run_id, summary.requests, summary.downloads, summary.not_modified,
                         len(summary.fetch_errors))
    return summary


def _record(con, outcome: FetchOutcome, item, summary: RunSummary) -> None:
    """A fetch, note or listing, written at once: a checkpoint publishes it with the documents it brought."""
    if item.result is not None:
        outcome.results.append((item.source, item.result))
        record_fetches(con, [(item.source, item.result)])
    if item.note:
        summary.notes.append(item.note)
    if item.listing is not None:
        record_listings(con, [(item.source, item.listing)])
