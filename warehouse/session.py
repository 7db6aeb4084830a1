"""Write sessions: one writer at a time, working on a private copy that is published atomically.

Analysts read the published file (`schoolpipe query`, or any read-only DuckDB connection)
and are never blocked by a run: a run copies the warehouse, writes to the copy, and
replaces the published file with it (a rename) after its last batch, and at checkpoints during a
long run: every `publish_every` seconds, and every `checkpoint_documents` documents if set. A run
killed at any moment leaves the published file as of its last publish: every document in it whole.

A run in progress is written down beside the warehouse (`<db>.running`); the next run finds
what a killed one left there and records it as `interrupted`. A run stopped by Ctrl-C or
SIGTERM publishes nothing of its work, only its row in `runs`, marked `interrupted`.
"""
from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import shutil
import time
from contextlib import contextmanager
from pathlib import Path

import duckdb

from pipeline import timings
from pipeline.interrupts import is_interrupt
from pipeline.memory import give_back_freed_heap
from warehouse.fts import build_page_index, has_page_index
from warehouse.migrate import apply_migrations
from warehouse.partnership_ids import resolve_partnership_ids
from warehouse.query import check_warehouse_file
from warehouse.school_resolution import resolve_school_names
from warehouse.transaction import transaction


class WarehouseBusy(Exception):
    """Another run holds the write lock for longer than we were willing to wait."""


class WriteSession:
    def __init__(self, con: duckdb.DuckDBPyConnection, published: Path, building: Path, publish_every: float,
                 publish_documents: int = 0):
        self.con, self.published, self.building = con, published, building
        self.publish_every = publish_every
        self.publish_documents = publish_documents  # also a checkpoint after this many documents (0: by time only)
        self.loaded_since = 0
        self.last_publish = time.monotonic()
        self.marker = _marker(published)
        self.run_id: str | None = None
        self.changed = False

    def begin_run(self, run_id: str, command: str, source: str, parser_version: str, extractor_version: str) -> None:
        """A row in `runs` marked 'running', and a note beside the warehouse that outlives a kill."""
        row = {"run_id": run_id, "command": command, "corpus": source, "started_at": dt.datetime.now().isoformat(),
               "parser_version": parser_version, "extractor_version": extractor_version}
        self.con.execute("INSERT INTO runs (run_id, command, corpus, started_at, status, parser_version, "
                         "extractor_version) VALUES ($run_id, $command, $corpus, $started_at, 'running', "
                         "$parser_version, $extractor_version)", row)
        _write_atomically(self.marker, json.dumps(row))
        self.run_id = run_id

    def end_run(self, counts: dict, status: str) -> None:
        """The run's counts and how it ended (completed, failed, interrupted)."""
        with transaction(self.con):
            self.con.execute(
                "UPDATE runs SET finished_at = $finished_at, documents_seen = $seen, documents_processed = $processed, "
                "documents_unchanged = $unchanged, documents_failed = $failed, status = $status WHERE run_id = $run_id",
                {**counts, "finished_at": dt.datetime.now(), "status": status, "run_id": self.run_id})

    def mark_changed(self) -> None:
        """Documents were loaded: the search index must be rebuilt before the next publish."""
        self.changed = True

    def publish(self) -> None:
        """Make everything committed so far visible to readers, in one atomic step (the search
        index and the partnerships' ids across documents rebuilt first when documents changed)."""
        if self.changed or not has_page_index(self.con):
            with timings.phase(timings.INDEX):
                build_page_index(self.con)
                resolve_partnership_ids(self.con)
                resolve_school_names(self.con)
            self.changed = False
        with timings.phase(timings.PUBLISH):
            self.con.execute("CHECKPOINT")
            incoming = self.published.with_name(self.published.name + ".incoming")
            shutil.copyfile(self.building, incoming)
            os.replace(incoming, self.published)
        # The index build and the checkpoint's peak are passing; glibc would keep their freed heap,
        # and a long run's writer would grow by it at every checkpoint.
        give_back_freed_heap()
        self.last_publish = time.monotonic()
        self.loaded_since = 0

    def maybe_publish(self, documents: int = 0) -> None:
        """A checkpoint when `publish_every` seconds or `publish_documents` documents have passed since the last."""
        self.loaded_since += documents
        if time.monotonic() - self.last_publish >= self.publish_every or (
                self.publish_documents and self.loaded_since >= self.publish_documents):
            self.publish()


def _holder(db: Path) -> str:
    """' (run abc, `run`, started 13:20:05)' from the note of the run holding the lock, or ''."""
    try:
        row = json.loads(_marker(db).read_text(encoding="utf-8"))
        return f" (run {row['run_id']}, `{row['command']}`, started {row['started_at'][:19].replace('T', ' ')})"
    except (OSError, ValueError, KeyError, TypeError):
        return ""


def _marker(db: Path) -> Path:
    return db.with_name(db.name + ".running")


def _write_atomically(path: Path, text: str) -> None:
    incoming = path.with_name(path.name + ".incoming")
    incoming.write_text(text, encoding="utf-8")
    os.replace(incoming, path)


def _record_killed_run(con: duckdb.DuckDBPyConnection, marker: Path) -> None:
    """A run that left its note behind was killed: record it as interrupted (its end unseen)."""
    try:
        row = json.loads(marker.read_text(encoding="utf-8"))
        run_id = str(row["run_id"])
    except (OSError, ValueError, KeyError, TypeError):
        return  # not ours, or half-written: nothing to record
    found = con.execute("SELECT status FROM runs WHERE run_id = ?", [run_id]).fetchone()
    if found is not None and found[0] != "running":
        return  # it ended and was published; only its note was left behind
    with transaction(con):
        con.execute("DELETE FROM runs WHERE run_id = ?", [run_id])
        con.execute("INSERT INTO runs (run_id, command, corpus, started_at, status, parser_version, extractor_version) "
                    "VALUES (?, ?, ?, ?, 'interrupted', ?, ?)",
                    [run_id, row.get("command"), row.get("corpus"), row.get("started_at"),
                     row.get("parser_version"), row.get("extractor_version")])


def _publish_interrupted_run(session: WriteSession) -> None:
    """Ctrl-C or SIGTERM: the published warehouse keeps its data as it was; only the stopped run's
    row (marked interrupted, with what it had done) is added, through the same atomic rename."""
    if session.run_id is None:
        return
    cursor = session.con.execute("SELECT * FROM runs WHERE run_id = ?", [session.run_id])
    columns = [d[0] for d in cursor.description]
    row = cursor.fetchone()
    if row is None:
        return
    incoming = session.published.with_name(session.published.name + ".incoming")
    _remove(incoming)
    if session.published.exists():
        shutil.copyfile(session.published, incoming)
    con = duckdb.connect(str(incoming))
    try:
        apply_migrations(con)
        con.execute("DELETE FROM runs WHERE run_id = ?", [session.run_id])
        con.execute(f"INSERT INTO runs ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})", list(row))
        con.execute("CHECKPOINT")
    finally:
        con.close()
    os.replace(incoming, session.published)
    _remove(incoming)


@contextmanager
def run_lock(db: Path, wait_seconds: float, waiting=None):
    """An exclusive lock beside the warehouse, so two runs never write at once; `waiting(message)`
    is told once when another run holds it."""
    db.parent.mkdir(parents=True, exist_ok=True)
    handle = open(db.with_name(db.name + ".lock"), "a")
    deadline = time.monotonic() + wait_seconds
    try:
        told = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = _holder(db)
                if time.monotonic() >= deadline:
                    raise WarehouseBusy(f"another schoolpipe run{holder} is writing to {db}; waited "
                                        f"{wait_seconds:g} s (setting lock_wait): try again when it has finished") from None
                if waiting is not None and not told:
                    waiting(f"schoolpipe: another run{holder} is writing to {db}; waiting for it to finish, "
                            f"up to {wait_seconds:g} s (setting lock_wait)…")
                    told = True
                time.sleep(0.5)
        yield
    finally:
        handle.close()


def _remove(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + ".wal")):
        leftover.unlink(missing_ok=True)


@contextmanager
def write_session(db: str | Path, publish_every: float = 240.0, wait_seconds: float = 1800.0, waiting=None,
                  publish_documents: int = 0, memory_mb: int = 0):
    """A connection to a private copy of the warehouse; published when the session ends.

    `memory_mb` bounds DuckDB's buffer pool (0: DuckDB's default, most of the machine's memory): a long run's
    writer would otherwise keep every page of a growing warehouse it has touched, checkpoint after checkpoint.
    What does not fit spills to a temporary folder beside the file."""
    published = Path(db)
    if published.exists():
        check_warehouse_file(published)  # never copy, migrate and replace a file that is something else
    with run_lock(published, wait_seconds, waiting):
        building = published.with_name(published.name + ".building")
        with timings.phase(timings.OPEN):
            _remove(building)  # what a killed run left behind: never published, so never seen
            published.with_name(published.name + ".incoming").unlink(missing_ok=True)
            if published.exists():
                shutil.copyfile(published, building)
            con = duckdb.connect(str(building), config={"memory_limit": f"{memory_mb}MB"} if memory_mb else {})
        try:
            with timings.phase(timings.OPEN):
                apply_migrations(con)
                con.execute("UPDATE runs SET status = 'interrupted', finished_at = ? WHERE status = 'running'",
                            [dt.datetime.now()])
                session = WriteSession(con, published, building, publish_every, publish_documents)
                _record_killed_run(con, session.marker)
            try:
                yield session
            except BaseException as exc:
                if is_interrupt(exc):  # Ctrl-C or SIGTERM: nothing of the run's work is published
                    _publish_interrupted_run(session)
                    session.marker.unlink(missing_ok=True)
                    raise
                try:
                    session.publish()  # what was committed is whole documents: keep it
                except Exception as failure:
                    exc.add_note(f"publishing what was committed failed too: {failure}")
                session.marker.unlink(missing_ok=True)
                raise
            session.publish()
            session.marker.unlink(missing_ok=True)
        finally:
            con.close()
            _remove(building)
