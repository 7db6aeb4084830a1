"""Re-extract loaded documents from their stored bytes, without fetching: after a parser or extractor change."""

import time
import uuid

from prefect import flow

from extractors.extract import EXTRACTOR_VERSION
from flows.steps import process_and_load
from pipeline.models import RunSummary
from pipeline.parse import PARSER_VERSION
from pipeline.rawstore import RawStore
from pipeline.settings import Settings
from warehouse.load import finish_run, start_run, stored_documents
from warehouse.session import write_session


@flow(name="schoolpipe-reprocess", log_prints=False)
def reprocess_flow(settings: Settings, force: bool = False) -> RunSummary:
    summary = RunSummary(run_id=uuid.uuid4().hex[:12])
    started = time.perf_counter()
    with write_session(settings.db, settings.publish_every, settings.lock_wait) as session:
        start_run(session.con, summary.run_id, "reprocess", settings.raw_dir, PARSER_VERSION, EXTRACTOR_VERSION)
        try:
            documents, missing = stored_documents(session.con, RawStore(settings.raw_dir))
            summary.errors.extend((uri, "missing", "its bytes are neither in the raw store nor at its path; "
                                                   "fetch it again with `schoolpipe refresh --url`") for uri in missing)
            process_and_load(session, documents, settings, summary, force=force)
        except BaseException:
            finish_run(session.con, summary, status="failed")
            raise
        summary.seconds = time.perf_counter() - started
        finish_run(session.con, summary)
    return summary
