"""Imported once by the workers' fork server (flows.workers.use_fork_server): the parsers, the
extractors and the spaCy pipeline, ready in every worker it forks."""
from __future__ import annotations

import flows.process  # noqa: F401
from extractors.nlp import build_pipeline

build_pipeline()
