-- What was fetched from where: one row per URL, its latest state. A 304 changes nothing.
CREATE TABLE fetches (
    url VARCHAR PRIMARY KEY,
    source VARCHAR,
    status VARCHAR NOT NULL,      -- downloaded, not_modified, http_error, timeout, connection_error, too_large, truncated, bad_redirect, robots_disallowed
    http_status INTEGER,
    etag VARCHAR,
    last_modified VARCHAR,
    sha256 VARCHAR,               -- the bytes last downloaded (kept when a later fetch fails)
    bytes BIGINT,
    content_type VARCHAR,         -- as the server said
    media_type VARCHAR,           -- as the bytes are
    final_url VARCHAR,            -- after redirects
    fetched_at TIMESTAMP,         -- when these bytes were downloaded
    error VARCHAR
);

ALTER TABLE runs ADD COLUMN requests INTEGER;
ALTER TABLE runs ADD COLUMN downloads INTEGER;
ALTER TABLE runs ADD COLUMN not_modified INTEGER;
ALTER TABLE runs ADD COLUMN fetch_failures INTEGER;
