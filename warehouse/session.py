"""Write sessions: one writer at a time, working on a private copy that is published atomically.

Analysts read the published file (`schoolpipe query`, or any read-only DuckDB connection)
and are never blocked by a run: a run copies the warehouse, writes to the copy, and
replaces the published file with it (a rename) after its last batch, and every
`publish_every` seconds during a long run. A run killed at any moment leaves the
published file as of its last publish: every document in it whole.
"""
from __future__ import annotations

import datetime as dt
import fcntl
import os
import shutil
import time
from contextlib import contextmanager
from pathlib import Path

import duckdb

from warehouse.migrate import apply_migrations


class WarehouseBusy(Exception):
    """Another run holds the write lock for longer than we were willing to wait."""


class WriteSession:
    def __init__(self, con: duckdb.DuckDBPyConnection, published: Path, building: Path, publish_every: float):
        self.con, self.published, self.building = con, published, building
        self.publish_every = publish_every
        self.last_publish = time.monotonic()

    def publish(self) -> None:
        """Make everything committed so far visible to readers, in one atomic step."""
        self.con.execute("CHECKPOINT")
        incoming = self.published.with_name(self.published.name + ".incoming")
        shutil.copyfile(self.building, incoming)
        os.replace(incoming, self.published)
        self.last_publish = time.monotonic()

    def maybe_publish(self) -> None:
        if time.monotonic() - self.last_publish >= self.publish_every:
            self.publish()


@contextmanager
def run_lock(db: Path, wait_seconds: float):
    """An exclusive lock beside the warehouse, so two runs never write at once."""
    db.parent.mkdir(parents=True, exist_ok=True)
    handle = open(db.with_name(db.name + ".lock"), "w")
    deadline = time.monotonic() + wait_seconds
    try:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise WarehouseBusy(f"another schoolpipe run is writing to {db}; try again when it has finished")
                time.sleep(0.5)
        yield
    finally:
        handle.close()


def _remove(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + ".wal")):
        leftover.unlink(missing_ok=True)


@contextmanager
def write_session(db: str | Path, publish_every: float = 600.0, wait_seconds: float = 1800.0):
    """A connection to a private copy of the warehouse; published when the session ends."""
    published = Path(db)
    with run_lock(published, wait_seconds):
        building = published.with_name(published.name + ".building")
        _remove(building)  # what a killed run left behind: never published, so never seen
        published.with_name(published.name + ".incoming").unlink(missing_ok=True)
        if published.exists():
            shutil.copyfile(published, building)
        con = duckdb.connect(str(building))
        try:
            apply_migrations(con)
            con.execute("UPDATE runs SET status = 'interrupted', finished_at = ? WHERE status = 'running'",
                        [dt.datetime.now()])
            session = WriteSession(con, published, building, publish_every)
            try:
                yield session
            except BaseException:
                try:
                    session.publish()  # what was committed is whole documents: keep it
                except Exception:
                    pass
                raise
            session.publish()
        finally:
            con.close()
            _remove(building)
