"""Collect a run's documents: expand index pages, download what changed, read folders,
and keep the bytes in the raw store; as a stream, so processing starts with the first document."""
from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
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


@dataclass(frozen=True)
class Collected:
    """One thing the collection found, as soon as it has it: a fetch's result (with the document
    it gave, if any), a folder's document, a note, or what Ofsted's site lists about a report."""
    source: str
    result: FetchResult | None = None
    document: SourceDocument | None = None
    note: str | None = None
    listing: ReportListing | None = None


IDLE = Collected("")  # nothing new for a moment: the consumer may load what its workers finished


def fetch_sources(sources: list[Source], settings: Settings, previous: dict[str, PreviousFetch],
                  force: bool = False, only_url: str | None = None) -> FetchOutcome:
    """Fetch every URL of the sources (or just `only_url`) and read their folders, all at once."""
    outcome = FetchOutcome()
    for item in stream_sources(sources, settings, previous, force, only_url):
        if item.result is not None:
            outcome.results.append((item.source, item.result))
        if item.document is not None:
            outcome.documents.append(item.document)
        if item.note:
            outcome.notes.append(item.note)
        if item.listing is not None:
            outcome.listings.append((item.source, item.listing))
    return outcome


def stream_sources(sources: list[Source], settings: Settings, previous: dict[str, PreviousFetch],
                   force: bool = False, only_url: str | None = None, idle_after: float | None = None
                   ) -> Iterator[Collected]:
    """Every source's documents as they arrive, so processing overlaps fetching: each source is
    expanded in a thread of its own (an index page's links, Ofsted's pages, a folder), every URL
    found is downloaded by a shared pool (per-host limits and delays in the fetcher), and each
    result is yielded when it completes. A slow or huge source never holds back another's
    documents. With `idle_after`, IDLE is yielded whenever nothing arrived for that many seconds."""
    store = RawStore(settings.raw_dir)
    events: queue.Queue = queue.Queue()
    lock = threading.Lock()
    claimed: set[str] = set()  # a URL listed by two sources is fetched once, for the first
    busy = [0]  # expansions and downloads not yet finished

    def started() -> None:
        with lock:
            busy[0] += 1

    def finished() -> None:
        with lock:
            busy[0] -= 1
            done = busy[0] == 0
        if done:
            events.put(None)

    with Fetcher(fetch_settings(settings)) as fetcher, ThreadPoolExecutor(max_workers=settings.fetch_concurrency) as pool:

        def download(name: str, url: str) -> None:
            try:
                result = _fetch_one(fetcher, url, store, previous, force)
                events.put(Collected(name, result=result, document=_document(url, result, store)))
            finally:
                finished()

        def queue_download(name: str, url: str) -> None:
            with lock:
                if url in claimed:
                    return
                claimed.add(url)
            started()
            pool.submit(download, name, url)

        def expand(source: Source) -> None:
            try:
                for url in _urls_of(source, fetcher, store, previous, force, settings, events):
                    queue_download(source.name, url)
            except Exception as exc:  # a fault nobody foresaw ends this source, never the run
                events.put(Collected(source.name, note=f"source {source.name!r} stopped: {type(exc).__name__}: {exc} "
                                                        "(please report it); the next run tries again"))
            finally:
                finished()

        threads = []
        if only_url is not None:
            names = [s.name for s in sources if s.kind == "urls" and only_url in s.urls]
            started()
            queue_download(names[0] if names else "refresh", only_url)
            finished()
        else:
            for source in sources:
                started()
                thread = threading.Thread(target=expand, args=(source,), name=f"source-{source.name}", daemon=True)
                threads.append(thread)
                thread.start()
        if busy[0] == 0:
            return
        while True:
            try:
                item = events.get(timeout=idle_after) if idle_after else events.get()
            except queue.Empty:
                yield IDLE
                continue
            if item is None:
                with lock:
                    if busy[0] == 0:
                        break
                continue
            yield item
        for thread in threads:
            thread.join()


def _urls_of(source: Source, fetcher: Fetcher, store: RawStore, previous: dict[str, PreviousFetch], force: bool,
             settings: Settings, events: queue.Queue) -> Iterator[str]:
    """A source's URLs, found as its kind finds them; a folder's documents go straight to `events`."""
    if source.kind == "folder":
        try:
            for document in discover_folder(source.path, store, settings.max_bytes):
                events.put(Collected(source.name, document=document))
        except OSError as exc:  # gone since the sources file was read: this source fails, not the run
            events.put(Collected(source.name, result=FetchResult(source.path, FOLDER_MISSING, error=(
                f"folder {source.path} of source {source.name!r} cannot be read ({exc}); check it is mounted and readable"))))
        return
    if source.kind == "urls":
        yield from source.urls
    elif source.kind == "index":
        yield from _index_links(fetcher, source, store, previous, force, events, settings)
    elif source.kind == "ofsted":
        yield from _ofsted_reports(fetcher, source, store, previous, force, events, settings)


def _document(url: str, result: FetchResult, store: RawStore) -> SourceDocument | None:
    if result.status in (DOWNLOADED, NOT_MODIFIED) and result.sha256 and store.has(result.sha256):
        path = store.path_for(result.sha256)
        return SourceDocument(uri=url, path=str(path), sha256=result.sha256, size_bytes=path.stat().st_size)
    return None


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
                 force: bool, events: queue.Queue, settings: Settings) -> list[str]:
    """The links of an index page that match the source's `follow` expression."""
    result = _fetch_one(fetcher, source.url, store, previous, force)
    events.put(Collected(source.name, result=result))
    if result.status not in (DOWNLOADED, NOT_MODIFIED) or not result.sha256 or not store.has(result.sha256):
        return []
    page = store.path_for(result.sha256).read_bytes()
    base = result.final_url or source.url
    links = [link for link in extract_links(page, base) if source.follows(link)]
    if len(links) > settings.max_links:
        events.put(Collected(source.name, note=f"index {source.url} of source {source.name!r} links to {len(links):,} "
                                               f"documents; followed the first {settings.max_links:,} (setting max_links)"))
        links = links[: settings.max_links]
    return links


def _ofsted_reports(fetcher: Fetcher, source: Source, store: RawStore, previous: dict[str, PreviousFetch],
                    force: bool, events: queue.Queue, settings: Settings) -> list[str]:
    """The report files Ofsted's site lists for the source's providers (corpus/ofsted.py walks it;
    every page it reads is fetched here, politely, and recorded like any fetch)."""

    def fetch_page(url: str) -> bytes | None:
        result = _fetch_one(fetcher, url, store, previous, force)
        events.put(Collected(source.name, result=result))
        if result.status not in (DOWNLOADED, NOT_MODIFIED) or not result.sha256 or not store.has(result.sha256):
            return None
        return store.path_for(result.sha256).read_bytes()

    spec = site_spec()
    base = source.url or settings.ofsted_url or spec["base_url"]
    found = walk(fetch_page, spec, base, urns=source.urns, local_authority=source.local_authority, remit=source.remit,
                 max_reports=settings.max_links)
    for note in found.notes:
        events.put(Collected(source.name, note=f"source {source.name!r}: {note}"))
    for listing in found.listings:
        events.put(Collected(source.name, listing=listing))
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
