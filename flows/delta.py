"""The nightly delta: Ofsted's own management information says which reports the warehouse lacks.

An "ofsted" source with `delta_from` (the URL or path of Ofsted's latest management
information) is narrowed before it is walked: the file is imported as `import-official` imports
it (a release already imported changes nothing), and only the providers in the source's scope
whose newest official inspection is later than any the documents hold are looked up on the
report site. A file that cannot be read or is refused leaves the source out of this run, with
one note saying why; the other sources go on.
"""
from __future__ import annotations

import hashlib
from dataclasses import replace

import duckdb

from corpus.collect import read_delta_file
from corpus.sources import Source
from pipeline.fetch_records import FetchResult, PreviousFetch
from pipeline.official_csv import OfficialFileError, read_official_csv
from pipeline.settings import Settings
from warehouse.official import import_official, newer_inspections


def with_delta(con: duckdb.DuckDBPyConnection, sources: list[Source], settings: Settings,
               previous: dict[str, PreviousFetch]) -> tuple[list[Source], list[str], list[tuple[str, FetchResult]]]:
    """The sources to walk (a delta source narrowed to the URNs it lacks), notes, and fetch results."""
    out: list[Source] = []
    notes: list[str] = []
    results: list[tuple[str, FetchResult]] = []
    for source in sources:
        if source.kind != "ofsted" or not source.delta_from:
            out.append(source)
            continue
        data, name, result = read_delta_file(source.delta_from, settings, previous)
        if result is not None:
            results.append((source.name, result))
        if data is None:
            why = f" ({result.error})" if result is not None and result.error else ""
            notes.append(f"source {source.name!r}: the management information {source.delta_from} could not be read"
                         f"{why}; nothing was fetched for this source, the next run tries again")
            continue
        try:
            parsed = read_official_csv(data, name)
        except OfficialFileError as exc:
            notes.append(f"source {source.name!r}: {exc}; nothing was fetched for this source")
            continue
        import_official(con, parsed, name, hashlib.sha256(data).hexdigest())
        urns = newer_inspections(con, source.urns, source.local_authority)
        notes.append(f"source {source.name!r}: {len(urns):,} provider{'s' if len(urns) != 1 else ''} with an "
                     f"inspection newer than the warehouse holds, by {name}")
        if urns:
            out.append(replace(source, urns=tuple(urns), local_authority=None, delta_from=None))
    return out, notes, results
