"""The fetches table: the state of every URL, for conditional requests and for reports."""
from __future__ import annotations

import datetime as dt

import duckdb
import pyarrow as pa

from pipeline.fetch_records import DOWNLOADED, NOT_MODIFIED, FetchResult, PreviousFetch
from warehouse.transaction import transaction


def previous_fetches(con: duckdb.DuckDBPyConnection) -> dict[str, PreviousFetch]:
    """url -> the validators and hash of its last successful download."""
    rows = con.execute("SELECT url, etag, last_modified, sha256 FROM fetches WHERE sha256 IS NOT NULL").fetchall()
    return {url: PreviousFetch(etag, modified, sha) for url, etag, modified, sha in rows}


def record_fetches(con: duckdb.DuckDBPyConnection, results: list[tuple[str, FetchResult]]) -> None:
    """Upsert (source, result) pairs in one transaction. Not-modified answers leave rows as they were;
    a failure keeps the last good bytes' hash so the document stays usable."""
    now = dt.datetime.now()
    with transaction(con):
        for source, r in results:
            if r.status == NOT_MODIFIED:
                continue
            if r.status == DOWNLOADED:
                con.execute(
                    "INSERT OR REPLACE INTO fetches (url, source, status, http_status, etag, last_modified, sha256, "
                    "bytes, content_type, media_type, final_url, fetched_at, error) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
                    [r.url, source, r.status, r.http_status, r.etag, r.last_modified, r.sha256, r.size,
                     r.content_type, r.media_type, r.final_url, now],
                )
            else:
                con.execute(
                    "INSERT INTO fetches (url, source, status, http_status, error) VALUES (?, ?, ?, ?, ?) "
                    "ON CONFLICT (url) DO UPDATE SET status = excluded.status, http_status = excluded.http_status, "
                    "error = excluded.error, source = excluded.source",
                    [r.url, source, r.status, r.http_status, r.error],
                )


def fetch_counts(con: duckdb.DuckDBPyConnection, run_id: str, requests: int, downloads: int,
                 not_modified: int, failures: int) -> None:
    con.execute("UPDATE runs SET requests = ?, downloads = ?, not_modified = ?, fetch_failures = ? WHERE run_id = ?",
                [requests, downloads, not_modified, failures, run_id])


def record_listings(con: duckdb.DuckDBPyConnection, listings: list) -> None:
    """Upsert what Ofsted's report site listed about each report found: (source name, ReportListing) pairs."""
    if not listings:
        return
    latest = {listing.url: (source, listing) for source, listing in listings}  # one row per file
    table = pa.table({
        "url": pa.array(list(latest), pa.string()),
        "source": pa.array([s for s, _ in latest.values()], pa.string()),
        "provider_urn": pa.array([x.provider_urn for _, x in latest.values()], pa.string()),
        "provider_name": pa.array([x.provider_name for _, x in latest.values()], pa.string()),
        "provider_url": pa.array([x.provider_url for _, x in latest.values()], pa.string()),
        "local_authority": pa.array([x.local_authority for _, x in latest.values()], pa.string()),
        "title": pa.array([x.title for _, x in latest.values()], pa.string()),
        "inspection_date": pa.array([x.inspection_date for _, x in latest.values()], pa.date32()),
        "publication_date": pa.array([x.publication_date for _, x in latest.values()], pa.date32()),
    })
    with transaction(con):
        con.register("listed", table)
        try:
            con.execute("INSERT OR REPLACE INTO report_listings SELECT *, now()::TIMESTAMP FROM listed")
        finally:
            con.unregister("listed")
