"""The scheduled nightly run: a Prefect deployment served by `schoolpipe serve`."""

from prefect import flow

from flows.run_sources import run_sources_flow
from pipeline.settings import load_settings

DEPLOYMENT = "schoolpipe-nightly"
DEFAULT_CRON = "0 2 * * *"


@flow(name="schoolpipe-nightly", log_prints=False)
def nightly_flow(sources: str, db: str, raw_dir: str | None = None) -> dict:
    """Fetch what changed from `sources` and load it into `db`; returns the run's counts."""
    settings = load_settings({"db": db, "sources": sources, "raw_dir": raw_dir})
    summary = run_sources_flow(sources_file=settings.sources, settings=settings, command="nightly")
    return {"run_id": summary.run_id, "downloads": summary.downloads, "not_modified": summary.not_modified,
            "processed": summary.documents_processed, "failed": summary.failed}


def serve_nightly(sources: str, db: str, raw_dir: str, cron: str = DEFAULT_CRON) -> None:
    """Register the deployment with its cron schedule and run scheduled runs until stopped."""
    nightly_flow.serve(name=DEPLOYMENT, cron=cron,
                       parameters={"sources": sources, "db": db, "raw_dir": raw_dir},
                       description="Nightly schoolpipe run: fetch what changed, extract, load.")
