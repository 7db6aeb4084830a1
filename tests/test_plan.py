"""One rule decides what a run must do: new, changed, older versions, unchanged, forced."""
from __future__ import annotations

from extractors.versions import EXTRACTOR_VERSION
from flows.plan import plan_run
from pipeline.models import SourceDocument
from pipeline.versions import PARSER_VERSION


def doc(uri: str, sha: str | None) -> SourceDocument:
    return SourceDocument(uri=uri, path=uri, sha256=sha, size_bytes=1)


def test_the_plan_takes_new_changed_and_older_versions_only():
    known = {"same": ("a" * 64, PARSER_VERSION, EXTRACTOR_VERSION),
             "changed": ("b" * 64, PARSER_VERSION, EXTRACTOR_VERSION),
             "older": ("c" * 64, "old-parser", EXTRACTOR_VERSION),
             "unread": (None, PARSER_VERSION, EXTRACTOR_VERSION)}
    documents = [doc("same", "a" * 64), doc("changed", "x" * 64), doc("older", "c" * 64), doc("new", "d" * 64),
                 doc("unread", None), doc("same", "a" * 64)]
    plan = plan_run(documents, known)
    assert [d.uri for d in plan.todo] == ["changed", "older", "new"]
    assert len(plan.documents) == 5 and plan.unchanged == 2  # listed twice, counted once
    assert [d.uri for d in plan_run(documents, known, force=True).todo] == ["same", "changed", "older", "new", "unread"]
