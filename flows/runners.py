"""Where a flow's parse-and-extract tasks run: threads feeding local worker processes, or Dask."""
from __future__ import annotations

import dataclasses

from prefect.task_runners import ThreadPoolTaskRunner

from pipeline.settings import Settings


def task_runner_for(settings: Settings):
    """The Prefect task runner the settings ask for (executor = "local" or "dask")."""
    if settings.executor == "dask":
        import dask
        from prefect_dask import DaskTaskRunner

        if settings.dask_address:
            return DaskTaskRunner(address=settings.dask_address)
        # Worker processes that may start processes of their own (each runs a guarded pool).
        dask.config.set({"distributed.worker.daemon": False})
        return DaskTaskRunner(cluster_kwargs={"n_workers": settings.workers, "threads_per_worker": 1,
                                              "processes": True, "dashboard_address": None})
    return ThreadPoolTaskRunner(max_workers=max(2, 2 * settings.workers))


def task_settings(settings: Settings) -> Settings:
    """Settings as a task sees them: on Dask each worker keeps one guarded process of its own."""
    return dataclasses.replace(settings, workers=1) if settings.executor == "dask" else settings


def with_runner(flow, settings: Settings):
    """The flow, set to run its tasks where the settings say."""
    return flow.with_options(task_runner=task_runner_for(settings))
