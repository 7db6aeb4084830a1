"""What a fetch leaves behind: its status, and the result the fetches table records."""
from __future__ import annotations

from dataclasses import dataclass, field

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
ROBOTS_UNREACHABLE = "robots_unreachable"
BAD_RESPONSE = "bad_response"      # a body that cannot be decoded (a broken gzip encoding, say)
BAD_URL = "bad_url"
FETCH_ERROR = "fetch_error"        # a fault nobody foresaw, recorded for a bug report
FOLDER_MISSING = "folder_missing"  # a folder source that cannot be read at run time
FETCH_STATUSES = (DOWNLOADED, NOT_MODIFIED, HTTP_ERROR, TIMEOUT, CONNECTION_ERROR, TOO_LARGE, TRUNCATED, BAD_REDIRECT,
                  ROBOTS_DISALLOWED, ROBOTS_UNREACHABLE, BAD_RESPONSE, BAD_URL, FETCH_ERROR, FOLDER_MISSING)

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
