"""The fetches table: the state of every URL, for conditional requests and for reports."""
from __future__ import annotations

import datetime as dt

import duckdb

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
