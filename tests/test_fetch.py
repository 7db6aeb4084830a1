"""The fetcher against a real HTTP server on 127.0.0.1: every fault ends in a clear status."""
from __future__ import annotations

import datetime as dt
import email.utils
import time

import pytest
from http_fixture import DocumentServer, index_page

from corpus import fetch as f
from corpus.fetch import Fetcher, FetchSettings, PreviousFetch
from corpus.links import extract_links

QUICK = FetchSettings(user_agent="schoolpipe-test/1 (+tests)", timeout=1.0, retries=2, backoff=0.01,
                      max_bytes=1_000_000, host_concurrency=4, host_delay=0.0)


@pytest.fixture
def server():
    documents = {
        "/docs/report.pdf": b"%PDF-1.4 report bytes " + b"x" * 2000,
        "/private/secret.pdf": b"%PDF-1.4 secret",
        "/cases/": index_page(["a.html", "/cases/b.pdf", "../other.txt", "http://127.0.0.1:1/elsewhere.pdf",
                               "mailto:x@example.org", "a.html#top", "c.doc"]),
    }
    with DocumentServer(documents) as running:
        yield running


def fetch(server, path, previous=None, settings=QUICK, **kw):
    with Fetcher(settings) as fetcher:
        return fetcher.fetch(server.base + path, previous, **kw)


def test_download_then_not_modified(server):
    first = fetch(server, "/docs/report.pdf")
    assert first.status == f.DOWNLOADED and first.etag and first.media_type == "application/pdf"
    again = fetch(server, "/docs/report.pdf", PreviousFetch(first.etag, first.last_modified, first.sha256))
    assert again.status == f.NOT_MODIFIED and again.sha256 == first.sha256 and again.data is None
    forced = fetch(server, "/docs/report.pdf", PreviousFetch(first.etag, first.last_modified, first.sha256), force=True)
    assert forced.status == f.DOWNLOADED


def test_server_error_then_success_is_retried(server):
    result = fetch(server, "/flaky.pdf")
    assert result.status == f.DOWNLOADED
    assert server.hits["/flaky.pdf"] == 2


def test_client_error_is_not_retried(server):
    result = fetch(server, "/missing.pdf")
    assert result.status == f.HTTP_ERROR and result.http_status == 404 and "404" in result.error
    assert server.hits["/missing.pdf"] == 1


def test_a_hang_past_the_timeout(server):
    server.state["hang_seconds"] = 2
    result = fetch(server, "/hang.pdf", settings=FetchSettings(**{**QUICK.__dict__, "timeout": 0.3, "retries": 1}))
    assert result.status == f.TIMEOUT and "within" in result.error
    assert server.hits["/hang.pdf"] == 2


def test_redirects_only_to_http(server):
    ok = fetch(server, "/redirect.pdf")
    assert ok.status == f.DOWNLOADED and ok.final_url.endswith("/docs/report.pdf")
    for path in ("/redirect-ftp.pdf", "/redirect-file.pdf"):
        refused = fetch(server, path)
        assert refused.status == f.BAD_REDIRECT and "only http(s)" in refused.error


def test_type_comes_from_the_bytes_not_the_header(server):
    result = fetch(server, "/wrong-type.pdf")
    assert result.content_type == "text/html" and result.media_type == "application/pdf"


def test_truncated_body(server):
    result = fetch(server, "/truncated.pdf")
    assert result.status == f.TRUNCATED and "cut short" in result.error


def test_robots_txt_is_respected(server):
    result = fetch(server, "/private/secret.pdf")
    assert result.status == f.ROBOTS_DISALLOWED
    assert server.hits["/private/secret.pdf"] == 0


def test_size_cap(server):
    small = FetchSettings(**{**QUICK.__dict__, "max_bytes": 1000})
    result = fetch(server, "/huge.pdf", settings=small)
    assert result.status == f.TOO_LARGE and "max_bytes" in result.error


def test_changed_etag_downloads_the_new_version(server):
    first = fetch(server, "/changing.txt")
    server.state["etag_version"] = 2
    second = fetch(server, "/changing.txt", PreviousFetch(first.etag, first.last_modified, first.sha256))
    assert second.status == f.DOWNLOADED and second.sha256 != first.sha256


def test_user_agent_names_the_project(server):
    fetch(server, "/docs/report.pdf")
    assert server.agents == {"schoolpipe-test/1 (+tests)"}
    assert server.hits["/robots.txt"] == 1


def test_index_links_relative_absolute_and_fragments():
    page = index_page(["a.html", "/cases/b.pdf", "../other.txt", "http://example.org/x.pdf", "mailto:x@y", "a.html#top"])
    links = extract_links(page, "http://127.0.0.1:8000/cases/")
    assert links == ["http://127.0.0.1:8000/about", "http://127.0.0.1:8000/cases/a.html",
                     "http://127.0.0.1:8000/cases/b.pdf", "http://127.0.0.1:8000/other.txt", "http://example.org/x.pdf"]


def test_a_trickling_body_stops_at_the_urls_deadline(server):
    server.state["trickle_every"] = 0.05  # each byte well within the read timeout: only a deadline ends it
    settings = FetchSettings(**{**QUICK.__dict__, "deadline": 1.0})
    started = time.monotonic()
    result = fetch(server, "/trickle.pdf", settings=settings)
    assert time.monotonic() - started < 5
    assert result.status == f.TIMEOUT and "fetch_deadline" in result.error
    assert server.hits["/trickle.pdf"] == 1  # past the deadline, no retry can help


def test_429_is_retried_after_retry_after(server):
    server.state.update(busy=1, retry_after=1)
    started = time.monotonic()
    result = fetch(server, "/busy.pdf")
    assert result.status == f.DOWNLOADED and server.hits["/busy.pdf"] == 2
    assert time.monotonic() - started >= 0.9  # it waited as asked, not the 0.01 s backoff


def test_503_asking_for_too_long_a_wait_fails_with_advice(server):
    server.state.update(busy=5, busy_status=503, retry_after=3600)
    result = fetch(server, "/busy.pdf")
    assert result.status == f.HTTP_ERROR and result.http_status == 503
    assert "3600 s" in result.error and "max_retry_after" in result.error
    assert server.hits["/busy.pdf"] == 1


def test_429_every_time_says_to_slow_down(server):
    server.state.update(busy=10, retry_after=0)
    result = fetch(server, "/busy.pdf")
    assert result.status == f.HTTP_ERROR and result.http_status == 429 and "slow down" in result.error
    assert "check the URL" not in result.error


def test_retry_after_as_seconds_or_a_date():
    assert f.retry_after("120") == 120
    assert f.retry_after(None) is None and f.retry_after("soon") is None
    assert f.retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0  # in the past: at once
    later = email.utils.format_datetime(dt.datetime.now(dt.UTC) + dt.timedelta(seconds=90), usegmt=True)
    assert 80 <= f.retry_after(later) <= 91


def test_robots_txt_that_never_answers_is_not_a_disallow(server):
    server.state["robots_hang"] = 2
    result = fetch(server, "/docs/report.pdf", settings=FetchSettings(**{**QUICK.__dict__, "timeout": 0.3}))
    assert result.status == f.ROBOTS_UNREACHABLE
    assert "could not be read" in result.error and "remove it" not in result.error
    assert server.hits["/docs/report.pdf"] == 0


def test_robots_txt_with_a_server_error_is_unreachable(server):
    server.state["robots_status"] = 500
    result = fetch(server, "/docs/report.pdf")
    assert result.status == f.ROBOTS_UNREACHABLE and "HTTP 500" in result.error
    assert server.hits["/docs/report.pdf"] == 0


def test_a_broken_gzip_body_fails_that_url_only(server):
    with Fetcher(QUICK) as fetcher:
        broken = fetcher.fetch(server.base + "/bad-gzip.pdf")
        fine = fetcher.fetch(server.base + "/docs/report.pdf")
    assert broken.status == f.BAD_RESPONSE and "cannot be decoded" in broken.error
    assert fine.status == f.DOWNLOADED


@pytest.mark.parametrize("url", ["{base}/docs/\x00report.pdf", "http://[::1/report.pdf"])
def test_a_url_that_cannot_be_parsed_is_a_bad_url(server, url):
    with Fetcher(QUICK) as fetcher:
        result = fetcher.fetch(url.format(base=server.base))
    assert result.status == f.BAD_URL and "correct it in the sources file" in result.error
