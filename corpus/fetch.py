"""HTTP fetching done politely and defensively: conditional requests, retries, robots.txt, caps.

Network I/O lives here and nowhere else; what comes back is plain data (FetchResult).
"""
from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import threading
import time
import urllib.robotparser
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from pipeline.fetch_records import (  # noqa: F401  (the statuses are part of this module's interface)
    BAD_REDIRECT,
    BAD_RESPONSE,
    BAD_URL,
    CONNECTION_ERROR,
    DOWNLOADED,
    FETCH_ERROR,
    FETCH_STATUSES,
    FOLDER_MISSING,
    HTTP_ERROR,
    NOT_MODIFIED,
    ROBOTS_DISALLOWED,
    ROBOTS_UNREACHABLE,
    TIMEOUT,
    TOO_LARGE,
    TRUNCATED,
    FetchResult,
    PreviousFetch,
)
from pipeline.settings import DEFAULTS
from pipeline.sniff import sniff_media_type

TRANSIENT = (TIMEOUT, CONNECTION_ERROR, TRUNCATED)  # worth another try; the others are not
RETRY_LATER = (429, 503)  # the server asks us to come back (Retry-After says when)
MAX_REDIRECTS = 5


@dataclass(frozen=True)
class FetchSettings:
    """The fetcher's own view of the settings; the defaults are the Settings' (pipeline/settings.py)."""
    user_agent: str = "schoolpipe/0.1"
    timeout: float = DEFAULTS.fetch_timeout             # seconds one read may wait
    retries: int = DEFAULTS.fetch_retries               # extra attempts, for transient failures and 5xx
    backoff: float = DEFAULTS.fetch_backoff             # seconds before the first retry, doubling each time
    max_bytes: int = DEFAULTS.max_bytes
    host_concurrency: int = DEFAULTS.host_concurrency   # requests in flight to one host
    host_delay: float = DEFAULTS.host_delay             # seconds between request starts to one host
    respect_robots: bool = True
    deadline: float = DEFAULTS.fetch_deadline           # seconds one URL may take in all
    max_retry_after: float = DEFAULTS.max_retry_after   # the longest Retry-After we wait for


class _Failure(Exception):
    def __init__(self, status: str, message: str, http_status: int | None = None, final: bool = False):
        super().__init__(message)
        self.status, self.message, self.http_status = status, message, http_status
        self.final = final  # no retry can help (the URL's deadline has passed)


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
        self._robots: dict[str, urllib.robotparser.RobotFileParser | str | None] = {}
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
        deadline = time.monotonic() + self.settings.deadline
        try:
            response, body, final_url = self._follow(url, headers, counter, deadline)
        except _Failure as failure:
            return FetchResult(url, failure.status, http_status=failure.http_status, error=failure.message,
                               requests=counter[0])
        except ValueError as exc:  # urlsplit's verdict on a malformed address
            return FetchResult(url, BAD_URL, error=f"{url[:200]} is not a URL that can be fetched ({exc}); "
                                                   "correct it in the sources file", requests=counter[0])
        common = dict(final_url=final_url, http_status=response.status_code, requests=counter[0],
                      etag=response.headers.get("ETag"), last_modified=response.headers.get("Last-Modified"),
                      content_type=response.headers.get("Content-Type"))
        if response.status_code == 304:
            return FetchResult(url, NOT_MODIFIED, sha256=previous.sha256 if previous else None,
                               **{**common, "etag": common["etag"] or (previous.etag if previous else None),
                                  "last_modified": common["last_modified"] or (previous.last_modified if previous else None)})
        return FetchResult(url, DOWNLOADED, media_type=sniff_media_type(body), sha256=hashlib.sha256(body).hexdigest(),
                           size=len(body), data=body, **common)

    def _follow(self, url: str, headers: dict, counter: list[int], deadline: float) -> tuple[httpx.Response, bytes, str]:
        for _ in range(MAX_REDIRECTS + 1):
            scheme = urlsplit(url).scheme.lower()
            if scheme not in ("http", "https"):
                raise _Failure(BAD_REDIRECT, f"refused to follow a link to a {scheme or 'relative'} URL ({url[:120]}): only http(s) is fetched")
            if self.settings.respect_robots:
                self._check_robots(url, counter, deadline)
            response, body = self._get_with_retries(url, headers, counter, deadline)
            if response.status_code in (301, 302, 303, 307, 308):
                location = response.headers.get("Location")
                if not location:
                    raise _Failure(BAD_REDIRECT, f"HTTP {response.status_code} without a Location header", response.status_code)
                url = urljoin(url, location)
                continue
            return response, body, url
        raise _Failure(BAD_REDIRECT, f"more than {MAX_REDIRECTS} redirects starting at {url}")

    def _get_with_retries(self, url: str, headers: dict, counter: list[int],
                          deadline: float) -> tuple[httpx.Response, bytes]:
        attempts = self.settings.retries + 1
        for attempt in range(attempts):
            wait = self.settings.backoff * (2 ** attempt)
            try:
                response, body = self._get(url, headers, counter, deadline)
            except _Failure as failure:
                if failure.final or failure.status not in TRANSIENT or attempt == attempts - 1:
                    raise
            else:
                code = response.status_code
                if code < 400:
                    return response, body
                if code in RETRY_LATER:
                    after = retry_after(response.headers.get("Retry-After"))
                    if after is not None and after > self.settings.max_retry_after:
                        raise _Failure(HTTP_ERROR, f"HTTP {code} {response.reason_phrase} for {url}: the server asks to "
                                                   f"wait {after:.0f} s, longer than max_retry_after "
                                                   f"({self.settings.max_retry_after:g} s); the next run tries again", code)
                    wait = max(wait, after or 0.0)
                elif code < 500:
                    raise _Failure(HTTP_ERROR, f"HTTP {code} {response.reason_phrase} for {url}; "
                                               "check the URL in the sources file", code)
                if attempt == attempts - 1:
                    advice = ("the server asks us to slow down: raise host_delay or try later" if code == 429 else
                              "the server is failing, try again later")
                    raise _Failure(HTTP_ERROR, f"HTTP {code} {response.reason_phrase} for {url} after "
                                               f"{attempts} attempts; {advice}", code)
            if time.monotonic() + wait > deadline:
                raise _Failure(TIMEOUT, f"{url} did not download within the deadline of {self.settings.deadline:g} s "
                                        "(setting fetch_deadline), retries included; the next run tries again",
                               final=True)
            time.sleep(wait)
        raise AssertionError("unreachable")

    def _get(self, url: str, headers: dict, counter: list[int], deadline: float) -> tuple[httpx.Response, bytes]:
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
                        if time.monotonic() > deadline:
                            raise _Failure(TIMEOUT, f"{url} was still downloading ({size:,} bytes) after the deadline "
                                                    f"of {self.settings.deadline:g} s (setting fetch_deadline); "
                                                    "the server is too slow, the next run tries again", final=True)
                        chunks.append(chunk)
                    return response, b"".join(chunks)
            except httpx.TimeoutException as exc:
                raise _Failure(TIMEOUT, f"no answer from {host} within {self.settings.timeout:g} s ({type(exc).__name__}); "
                                        "the next run tries again") from exc
            except httpx.RemoteProtocolError as exc:
                raise _Failure(TRUNCATED, f"the download of {url} was cut short ({exc}); the next run tries again") from exc
            except (httpx.ConnectError, httpx.ReadError, httpx.WriteError) as exc:
                raise _Failure(CONNECTION_ERROR, f"cannot connect to {host} ({exc}); check the address or try later") from exc
            except httpx.DecodingError as exc:
                raise _Failure(BAD_RESPONSE, f"{url} sent a body that cannot be decoded ({exc}); "
                                             "the server's compression is broken, try again later") from exc
            except httpx.TooManyRedirects as exc:
                raise _Failure(BAD_REDIRECT, f"too many redirects from {url}") from exc
            except (httpx.InvalidURL, httpx.UnsupportedProtocol, UnicodeError, ValueError) as exc:
                raise _Failure(BAD_URL, f"{url[:200]} is not a URL that can be fetched ({exc}); "
                                        "correct it in the sources file") from exc
            except httpx.HTTPError as exc:  # anything else httpx can raise: this URL fails, the run goes on
                raise _Failure(CONNECTION_ERROR, f"fetching {url} failed ({type(exc).__name__}: {exc}); "
                                                 "the next run tries again") from exc

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

    def _check_robots(self, url: str, counter: list[int], deadline: float) -> None:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}".lower()
        with self._lock:
            lock = self._robots_locks.setdefault(origin, threading.Lock())
        with lock:
            if origin not in self._robots:
                self._robots[origin] = self._load_robots(origin, counter, deadline)
        rules = self._robots[origin]
        if isinstance(rules, str):
            raise _Failure(ROBOTS_UNREACHABLE, f"robots.txt of {parts.netloc} could not be read ({rules}), so nothing "
                                               "is fetched from that site (RFC 9309); the next run tries again")
        if rules is not None and not rules.can_fetch(self.settings.user_agent, url):
            raise _Failure(ROBOTS_DISALLOWED, f"robots.txt of {parts.netloc} disallows {url}; "
                                              "remove it from the sources")

    def _load_robots(self, origin: str, counter: list[int],
                     deadline: float) -> urllib.robotparser.RobotFileParser | str | None:
        """The site's rules; None for no rules (robots.txt missing); a reason when it cannot be read."""
        try:
            response, body = self._get(origin + "/robots.txt", {}, counter, deadline)
        except _Failure as failure:
            return failure.message
        if 400 <= response.status_code < 500:
            return None
        if response.status_code >= 500:
            return f"HTTP {response.status_code}"
        parser = urllib.robotparser.RobotFileParser()
        parser.parse(body.decode("utf-8", errors="replace").splitlines())
        return parser


def retry_after(value: str | None) -> float | None:
    """Seconds a Retry-After header asks for: a number of seconds or an HTTP date; None if absent or bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None or when.tzinfo is None:
        return None
    return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())
