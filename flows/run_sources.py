"""The nightly and refresh flow: fetch what changed from the sources, then process and load it.

No `from __future__ import annotations` in flow modules: Prefect validates parameters from the
annotations, and a deployment loads the module by path, where string annotations cannot be resolved.
"""

import uuid

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from corpus.collect import FetchOutcome, fetch_sources
from corpus.sources import load_sources, ofsted_source
from flows.delta import with_delta
from flows.steps import process_and_load, recorded_run, tell
from pipeline.models import RunSummary
from pipeline.settings import Settings
from warehouse.fetches import fetch_counts, previous_fetches, record_fetches, record_listings
from warehouse.session import write_session


@task(name="fetch-sources", cache_policy=NO_CACHE)
def fetch_task(sources, settings: Settings, previous, force: bool, only_url: str | None) -> FetchOutcome:
    return fetch_sources(sources, settings, previous, force=force, only_url=only_url)


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
    with write_session(settings.db, settings.publish_every, settings.lock_wait, waiting=tell) as session:
        with recorded_run(session, summary, command, sources_file):
            con = session.con
            sources, delta_notes, delta_fetches = with_delta(con, sources, settings, previous_fetches(con))
            summary.notes.extend(delta_notes)
            record_fetches(con, delta_fetches)
            outcome = fetch_task(sources, settings, previous_fetches(con), force, url)
            record_fetches(con, outcome.results)
            record_listings(con, outcome.listings)
            summary.notes.extend(outcome.notes)
            summary.record_fetches(outcome.requests, outcome.count("downloaded"), outcome.count("not_modified"),
                                   [(r.url, r.status, r.error or "") for r in outcome.failures])
            fetch_counts(con, summary.run_id, summary.requests, summary.downloads, summary.not_modified,
                         len(summary.fetch_errors))
            process_and_load(session, outcome.documents, settings, summary, force=force)
    return summary
