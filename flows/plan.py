"""What a run must do, decided in one place: the command line's forecast (which lets an
unchanged re-run skip Prefect altogether) and the flow itself both call `plan_run`."""
from __future__ import annotations

from dataclasses import dataclass

from extractors.versions import EXTRACTOR_VERSION
from pipeline.models import SourceDocument
from pipeline.versions import PARSER_VERSION


@dataclass(frozen=True)
class RunPlan:
    documents: tuple[SourceDocument, ...]  # every document seen, one per uri
    todo: tuple[SourceDocument, ...]       # new, changed, or last read by older versions (all of them with force)

    @property
    def unchanged(self) -> int:
        return len(self.documents) - len(self.todo)


def needs_processing(source: SourceDocument, known: dict[str, tuple]) -> bool:
    """New bytes, or bytes parsed or extracted by an older version (a document that could not be
    read is "unchanged" while it stays unreadable, so a second run changes nothing)."""
    return known.get(source.uri) != (source.sha256, PARSER_VERSION, EXTRACTOR_VERSION)


def plan_run(documents: list[SourceDocument], known: dict[str, tuple], force: bool = False) -> RunPlan:
    """`known`: uri -> (sha256, parser version, extractor version) of what the warehouse holds."""
    unique = tuple({d.uri: d for d in documents}.values())  # whatever listed a document twice
    todo = unique if force else tuple(d for d in unique if needs_processing(d, known))
    return RunPlan(unique, todo)
