"""The scheduled nightly run: a Prefect deployment served by `schoolpipe serve`."""

import threading

import httpx
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


def schedule_check(api: str, report, after: float = 120.0) -> threading.Event:
    """Starts a thread that, `after` seconds from now, checks that the server's scheduler has created
    runs for the deployment and reports once if it has not (a scheduler failing on every pass
    is otherwise silent: the runner just never gets work). Set the returned event to cancel it."""
    def check() -> None:
        if stop.wait(after):
            return
        query = {"deployments": {"name": {"any_": [DEPLOYMENT]}}, "limit": 1,
                 "flow_runs": {"state": {"type": {"any_": ["SCHEDULED", "PENDING", "RUNNING", "COMPLETED",
                                                          "FAILED", "CRASHED"]}}}}
        try:
            runs = httpx.post(f"{api}/flow_runs/filter", json=query, timeout=10).json()
        except (httpx.HTTPError, ValueError) as exc:
            report(f"could not ask the Prefect server at {api} for scheduled runs ({exc})")
            return
        if not runs:
            report(f"no run of deployment {DEPLOYMENT} has been scheduled {after:.0f} s after it was registered: "
                   "the Prefect server's scheduler is not working (see the server's log)")

    stop = threading.Event()
    threading.Thread(target=check, name="schedule-check", daemon=True).start()
    return stop
