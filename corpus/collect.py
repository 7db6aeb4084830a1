"""Collect a run's documents: expand index pages, download what changed, read folders,
and keep the bytes in the raw store."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from corpus.discover import discover_folder
from corpus.fetch import (
    DOWNLOADED,
    FETCH_ERROR,
    FOLDER_MISSING,
    NOT_MODIFIED,
    Fetcher,
    FetchResult,
    FetchSettings,
    PreviousFetch,
)
from corpus.links import extract_links
from corpus.ofsted import ReportListing, site_spec, walk
from corpus.rawstore import RawStore
from corpus.sources import Source
from pipeline.models import SourceDocument
from pipeline.settings import Settings, user_agent


@dataclass
class FetchOutcome:
    """What the fetch step hands to processing and to the fetches table."""
    documents: list[SourceDocument] = field(default_factory=list)
    results: list[tuple[str, FetchResult]] = field(default_factory=list)  # (source name, result)
    notes: list[str] = field(default_factory=list)  # what the run chose not to do, and why (a link cap hit)
    listings: list[tuple[str, ReportListing]] = field(default_factory=list)  # (source name, what Ofsted's site lists)

    @property
    def requests(self) -> int:
        return sum(r.requests for _, r in self.results)

    def count(self, status: str) -> int:
        return sum(1 for _, r in self.results if r.status == status)

    @property
    def failures(self) -> list[FetchResult]:
        return [r for _, r in self.results if r.status not in (DOWNLOADED, NOT_MODIFIED)]


def fetch_settings(settings: Settings) -> FetchSettings:
    return FetchSettings(
        user_agent=user_agent(settings), timeout=settings.fetch_timeout, retries=settings.fetch_retries,
        backoff=settings.fetch_backoff, max_bytes=settings.max_bytes,
        host_concurrency=settings.host_concurrency, host_delay=settings.host_delay,
        deadline=settings.fetch_deadline, max_retry_after=settings.max_retry_after,
    )


def fetch_sources(sources: list[Source], settings: Settings, previous: dict[str, PreviousFetch],
                  force: bool = False, only_url: str | None = None) -> FetchOutcome:
    """Fetch every URL of the sources (or just `only_url`) and read their folders."""
    store = RawStore(settings.raw_dir)
    outcome = FetchOutcome()
    with Fetcher(fetch_settings(settings)) as fetcher:
        targets: list[tuple[str, str]] = []
        for source in sources:
            if source.kind == "folder" and only_url is None:
                try:
                    outcome.documents.extend(discover_folder(source.path, store, settings.max_bytes))
                except OSError as exc:  # gone since the sources file was read: this source fails, not the run
                    outcome.results.append((source.name, FetchResult(source.path, FOLDER_MISSING, error=(
                        f"folder {source.path} of source {source.name!r} cannot be read ({exc}); "
                        "check it is mounted and readable"))))
            elif source.kind == "urls":
                targets.extend((source.name, url) for url in source.urls)
            elif source.kind == "index" and only_url is None:
                targets.extend((source.name, url) for url in _index_links(fetcher, source, store, previous, force, outcome, settings))
            elif source.kind == "ofsted" and only_url is None:
                targets.extend((source.name, url) for url in _ofsted_reports(fetcher, source, store, previous, force, outcome,
                                                                            settings))
        if only_url is not None:
            names = [name for name, url in targets if url == only_url]
            targets = [(names[0] if names else "refresh", only_url)]
        first_source: dict[str, str] = {}
        for name, url in targets:
            first_source.setdefault(url, name)  # a URL listed by two sources is fetched once
        unique = [(name, url) for url, name in first_source.items()]
        with ThreadPoolExecutor(max_workers=settings.fetch_concurrency) as pool:
            fetched = list(pool.map(lambda t: _fetch_one(fetcher, t[1], store, previous, force), unique))
    for (name, url), result in zip(unique, fetched):
        outcome.results.append((name, result))
        if result.status in (DOWNLOADED, NOT_MODIFIED) and result.sha256 and store.has(result.sha256):
            path = store.path_for(result.sha256)
            outcome.documents.append(SourceDocument(uri=url, path=str(path), sha256=result.sha256,
                                                    size_bytes=path.stat().st_size))
    return outcome


def _fetch_one(fetcher: Fetcher, url: str, store: RawStore, previous: dict[str, PreviousFetch],
               force: bool) -> FetchResult:
    before = previous.get(url)
    if before and before.sha256 and not store.has(before.sha256):
        force = True  # the raw copy is gone: download again rather than trust a 304
    try:
        result = fetcher.fetch(url, before, force=force)
    except Exception as exc:  # a fault nobody foresaw fails this URL, never the whole fetch
        return FetchResult(url, FETCH_ERROR, error=f"fetching failed: {type(exc).__name__}: {exc} "
                                                   "(please report it); the next run tries again")
    if result.status == DOWNLOADED and result.data is not None:
        store.put(result.data)
        result = replace(result, data=None)  # the bytes live in the raw store now, not in memory
    return result


def _index_links(fetcher: Fetcher, source: Source, store: RawStore, previous: dict[str, PreviousFetch],
                 force: bool, outcome: FetchOutcome, settings: Settings) -> list[str]:
    """The links of an index page that match the source's `follow` expression."""
    result = _fetch_one(fetcher, source.url, store, previous, force)
    outcome.results.append((source.name, result))
    if result.status not in (DOWNLOADED, NOT_MODIFIED) or not result.sha256 or not store.has(result.sha256):
        return []
    page = store.path_for(result.sha256).read_bytes()
    base = result.final_url or source.url
    links = [link for link in extract_links(page, base) if source.follows(link)]
    if len(links) > settings.max_links:
        outcome.notes.append(f"index {source.url} of source {source.name!r} links to {len(links):,} documents; "
                             f"followed the first {settings.max_links:,} (setting max_links)")
        links = links[: settings.max_links]
    return links


def _ofsted_reports(fetcher: Fetcher, source: Source, store: RawStore, previous: dict[str, PreviousFetch],
                    force: bool, outcome: FetchOutcome, settings: Settings) -> list[str]:
    """The report files Ofsted's site lists for the source's providers (corpus/ofsted.py walks it;
    every page it reads is fetched here, politely, and recorded like any fetch)."""

    def fetch_page(url: str) -> bytes | None:
        result = _fetch_one(fetcher, url, store, previous, force)
        outcome.results.append((source.name, result))
        if result.status not in (DOWNLOADED, NOT_MODIFIED) or not result.sha256 or not store.has(result.sha256):
            return None
        return store.path_for(result.sha256).read_bytes()

    spec = site_spec()
    base = source.url or settings.ofsted_url or spec["base_url"]
    found = walk(fetch_page, spec, base, urns=source.urns, local_authority=source.local_authority, remit=source.remit,
                 max_reports=settings.max_links)
    outcome.notes.extend(f"source {source.name!r}: {note}" for note in found.notes)
    outcome.listings.extend((source.name, listing) for listing in found.listings)
    return [listing.url for listing in found.listings]


def read_delta_file(location: str, settings: Settings, previous: dict[str, PreviousFetch]
                    ) -> tuple[bytes | None, str, FetchResult | None]:
    """Ofsted's management information for a nightly delta: downloaded (politely, conditionally) from
    a URL, or read from a file. (bytes or None, file name, the fetch's result for a URL)."""
    if location.lower().startswith(("http://", "https://")):
        store = RawStore(settings.raw_dir)
        with Fetcher(fetch_settings(settings)) as fetcher:
            result = _fetch_one(fetcher, location, store, previous, False)
        name = urlsplit(result.final_url or location).path.rsplit("/", 1)[-1] or "management-information.csv"
        usable = result.status in (DOWNLOADED, NOT_MODIFIED) and result.sha256 and store.has(result.sha256)
        return (store.path_for(result.sha256).read_bytes() if usable else None), name, result
    path = Path(location)
    try:
        return path.read_bytes(), path.name, None
    except OSError:
        return None, path.name, None
