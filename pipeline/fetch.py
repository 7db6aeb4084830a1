"""HTTP fetching done politely and defensively: conditional requests, retries, robots.txt, caps.

Network I/O lives here and nowhere else; what comes back is plain data (FetchResult).
"""
from __future__ import annotations

import hashlib
import threading
import time
import urllib.robotparser
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

from pipeline.sniff import sniff_media_type

# Fetch statuses (the `fetches.status` column).
DOWNLOADED = "downloaded"
NOT_MODIFIED = "not_modified"
HTTP_ERROR = "http_error"
TIMEOUT = "timeout"
CONNECTION_ERROR = "connection_error"
TOO_LARGE = "too_large"
TRUNCATED = "truncated"
BAD_REDIRECT = "bad_redirect"
ROBOTS_DISALLOWED = "robots_disallowed"
TRANSIENT = (TIMEOUT, CONNECTION_ERROR, TRUNCATED)  # worth another try; the others are not
MAX_REDIRECTS = 5


@dataclass(frozen=True)
class FetchSettings:
    user_agent: str = "schoolpipe/0.1"
    timeout: float = 30.0
    retries: int = 3              # extra attempts after the first, for transient failures and 5xx
    backoff: float = 1.0          # seconds before the first retry, doubling each time
    max_bytes: int = 200_000_000
    host_concurrency: int = 2     # requests in flight to one host
    host_delay: float = 1.0       # seconds between request starts to one host
    respect_robots: bool = True


@dataclass(frozen=True)
class PreviousFetch:
    etag: str | None = None
    last_modified: str | None = None
    sha256: str | None = None


@dataclass(frozen=True)
class FetchResult:
    url: str
    status: str
    final_url: str | None = None
    http_status: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None
    media_type: str | None = None
    sha256: str | None = None
    size: int | None = None
    error: str | None = None
    requests: int = 0
    data: bytes | None = field(default=None, repr=False)


class _Failure(Exception):
    def __init__(self, status: str, message: str, http_status: int | None = None):
        super().__init__(message)
        self.status, self.message, self.http_status = status, message, http_status


class Fetcher:
    """One HTTP client shared by threads, with per-host limits and a robots.txt cache."""

    def __init__(self, settings: FetchSettings, transport: httpx.BaseTransport | None = None):
        self.settings = settings
        self.client = httpx.Client(
            timeout=httpx.Timeout(settings.timeout),
            follow_redirects=False,  # each hop is checked: only http(s), and robots.txt again
            headers={"User-Agent": settings.user_agent},
            transport=transport,
        )
        self._lock = threading.Lock()
        self._hosts: dict[str, threading.Semaphore] = {}
        self._last_start: dict[str, float] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self._robots_locks: dict[str, threading.Lock] = {}

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def fetch(self, url: str, previous: PreviousFetch | None = None, force: bool = False) -> FetchResult:
        """Download `url` unless the server says it has not changed since `previous`."""
        headers = {}
        if previous and not force:
            if previous.etag:
                headers["If-None-Match"] = previous.etag
            if previous.last_modified:
                headers["If-Modified-Since"] = previous.last_modified
        counter = [0]
        try:
            response, body, final_url = self._follow(url, headers, counter)
        except _Failure as failure:
            return FetchResult(url, failure.status, http_status=failure.http_status, error=failure.message,
                               requests=counter[0])
        common = dict(final_url=final_url, http_status=response.status_code, requests=counter[0],
                      etag=response.headers.get("ETag"), last_modified=response.headers.get("Last-Modified"),
                      content_type=response.headers.get("Content-Type"))
        if response.status_code == 304:
            return FetchResult(url, NOT_MODIFIED, sha256=previous.sha256 if previous else None,
                               **{**common, "etag": common["etag"] or (previous.etag if previous else None),
                                  "last_modified": common["last_modified"] or (previous.last_modified if previous else None)})
        return FetchResult(url, DOWNLOADED, media_type=sniff_media_type(body), sha256=hashlib.sha256(body).hexdigest(),
                           size=len(body), data=body, **common)

    def _follow(self, url: str, headers: dict, counter: list[int]) -> tuple[httpx.Response, bytes, str]:
        for _ in range(MAX_REDIRECTS + 1):
            scheme = urlsplit(url).scheme.lower()
            if scheme not in ("http", "https"):
                raise _Failure(BAD_REDIRECT, f"refused to follow a link to a {scheme or 'relative'} URL ({url[:120]}): only http(s) is fetched")
            if self.settings.respect_robots and not self._allowed(url, counter):
                raise _Failure(ROBOTS_DISALLOWED, f"robots.txt of {urlsplit(url).netloc} disallows {url}; remove it from the sources")
            response, body = self._get_with_retries(url, headers, counter)
            if response.status_code in (301, 302, 303, 307, 308):
                location = response.headers.get("Location")
                if not location:
                    raise _Failure(BAD_REDIRECT, f"HTTP {response.status_code} without a Location header", response.status_code)
                url = urljoin(url, location)
                continue
            return response, body, url
        raise _Failure(BAD_REDIRECT, f"more than {MAX_REDIRECTS} redirects starting at {url}")

    def _get_with_retries(self, url: str, headers: dict, counter: list[int]) -> tuple[httpx.Response, bytes]:
        attempts = self.settings.retries + 1
        for attempt in range(attempts):
            try:
                response, body = self._get(url, headers, counter)
            except _Failure as failure:
                if failure.status not in TRANSIENT or attempt == attempts - 1:
                    raise
            else:
                if response.status_code < 500:
                    if response.status_code >= 400:
                        raise _Failure(HTTP_ERROR, f"HTTP {response.status_code} {response.reason_phrase} for {url}; "
                                                   "check the URL in the sources file", response.status_code)
                    return response, body
                if attempt == attempts - 1:
                    raise _Failure(HTTP_ERROR, f"HTTP {response.status_code} {response.reason_phrase} for {url} after "
                                               f"{attempts} attempts; the server is failing, try again later",
                                   response.status_code)
            time.sleep(self.settings.backoff * (2 ** attempt))
        raise AssertionError("unreachable")

    def _get(self, url: str, headers: dict, counter: list[int]) -> tuple[httpx.Response, bytes]:
        host = urlsplit(url).netloc.lower()
        with self._host_slot(host):
            counter[0] += 1
            try:
                with self.client.stream("GET", url, headers=headers) as response:
                    declared = response.headers.get("Content-Length")
                    if declared and declared.isdigit() and int(declared) > self.settings.max_bytes:
                        raise _Failure(TOO_LARGE, f"{url} is {int(declared):,} bytes, over the cap of "
                                                  f"{self.settings.max_bytes:,} (setting max_bytes)")
                    chunks, size = [], 0
                    for chunk in response.iter_bytes():
                        size += len(chunk)
                        if size > self.settings.max_bytes:
                            raise _Failure(TOO_LARGE, f"{url} sent more than {self.settings.max_bytes:,} bytes "
                                                      "(setting max_bytes)")
                        chunks.append(chunk)
                    return response, b"".join(chunks)
            except httpx.TimeoutException as exc:
                raise _Failure(TIMEOUT, f"no answer from {host} within {self.settings.timeout:g} s ({type(exc).__name__}); "
                                        "the next run tries again") from exc
            except httpx.RemoteProtocolError as exc:
                raise _Failure(TRUNCATED, f"the download of {url} was cut short ({exc}); the next run tries again") from exc
            except (httpx.ConnectError, httpx.ReadError, httpx.WriteError) as exc:
                raise _Failure(CONNECTION_ERROR, f"cannot connect to {host} ({exc}); check the address or try later") from exc

    @contextmanager
    def _host_slot(self, host: str):
        """At most host_concurrency requests in flight to a host, starts host_delay apart."""
        with self._lock:
            semaphore = self._hosts.setdefault(host, threading.Semaphore(self.settings.host_concurrency))
        with semaphore:
            with self._lock:
                start = max(time.monotonic(), self._last_start.get(host, float("-inf")) + self.settings.host_delay)
                self._last_start[host] = start
            wait = start - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            yield

    def _allowed(self, url: str, counter: list[int]) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}".lower()
        with self._lock:
            lock = self._robots_locks.setdefault(origin, threading.Lock())
        with lock:
            if origin not in self._robots:
                self._robots[origin] = self._load_robots(origin, counter)
        parser = self._robots[origin]
        return True if parser is None else parser.can_fetch(self.settings.user_agent, url)

    def _load_robots(self, origin: str, counter: list[int]) -> urllib.robotparser.RobotFileParser | None:
        """None means no rules (missing robots.txt); an unreachable one disallows everything (RFC 9309)."""
        parser = urllib.robotparser.RobotFileParser()
        try:
            response, body = self._get(origin + "/robots.txt", {}, counter)
        except _Failure:
            parser.disallow_all = True
            return parser
        if 400 <= response.status_code < 500:
            return None
        if response.status_code >= 500:
            parser.disallow_all = True
            return parser
        parser.parse(body.decode("utf-8", errors="replace").splitlines())
        return parser
