"""Re-extract loaded documents from their stored bytes, without fetching: after a parser or extractor change."""

import uuid

from prefect import flow

from corpus.rawstore import RawStore
from flows.steps import process_and_load, recorded_run, settings_session
from pipeline.models import RunSummary
from pipeline.settings import Settings
from warehouse.load import stored_documents


@flow(name="schoolpipe-reprocess", log_prints=False)
def reprocess_flow(settings: Settings, force: bool = False) -> RunSummary:
    summary = RunSummary(run_id=uuid.uuid4().hex[:12])
    with settings_session(settings) as session:
        with recorded_run(session, summary, "reprocess", settings.raw_dir):
            documents, missing = stored_documents(session.con, RawStore(settings.raw_dir))
            summary.errors.extend((uri, "missing", why) for uri, why in missing)
            process_and_load(session, documents, settings, summary, force=force)
    return summary
