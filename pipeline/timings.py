"""Where a run's wall time goes, recorded by the run itself when asked (SCHOOLPIPE_TIMINGS=file).

Two views of one run. The parent's timeline: every second from the process's start to the
report belongs to exactly one phase (the innermost one open), so the phases add up to the
wall time. The workers': the seconds each worker process spent starting, parsing and
extracting (local workers; a Dask worker's seconds stay there), and the rest of
`workers × wall` they had and did not use (idle). Off by default: with no recorder started
every call here does nothing, and nothing a run writes to the warehouse depends on it.
"""
from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ENV = "SCHOOLPIPE_TIMINGS"  # a file path: `schoolpipe run` writes its timings there as JSON

# The parent's phases, in the order a run meets them.
START_UP = "start-up (interpreter, imports)"
DISCOVERY = "discovery and hashing"
PREFECT = "Prefect start (imports, flow run)"
PREFECT_SERVER = "Prefect start (waiting for its server)"
OPEN = "open warehouse (copy, migrations)"
FLOW = "flow (planning, Prefect task runs)"
WAITING = "waiting for workers"
LOAD = "load (DuckDB writes)"
INDEX = "FTS index and partnership ids"
PUBLISH = "publish (checkpoint, copy)"
SHUT_DOWN = "shut-down: the flow run ending, the summary"
SEND_LOGS = "shut-down: sending Prefect's logs"
STOP_SERVER = "shut-down: stopping Prefect's server"
STOP_WORKERS = "shut-down: stopping the workers"
PHASES = (START_UP, DISCOVERY, PREFECT, PREFECT_SERVER, OPEN, FLOW, WAITING, LOAD, INDEX, PUBLISH, SHUT_DOWN,
          SEND_LOGS, STOP_SERVER, STOP_WORKERS)

# The workers' busy seconds, and what is left of workers × wall.
WORKER_START = "worker start-up (spawn, imports, spaCy)"
PARSE = "parse (read, PDF words, reading order)"
EXTRACT = "extract (spaCy, patterns)"
IDLE = "idle workers (available minus busy)"
WORKER_STAGES = (WORKER_START, PARSE, EXTRACT)


@dataclass(frozen=True)
class Timed:
    """A worker's answer: a document's result (a DocumentResult) and where its seconds went.
    (Kept out of the result itself: the records' models are part of the parser's version.)"""
    result: object
    seconds: float              # reading, parsing and extracting
    parse_seconds: float        # of which reading and parsing
    start_seconds: float = 0.0  # on a fresh worker's first answer: its start-up (spawn, imports, spaCy)


def process_age() -> float:
    """Seconds since this process started (Linux: from /proc, to 10 ms); 0.0 where unknown."""
    try:
        with open("/proc/self/stat", "rb") as handle:
            fields = handle.read().rsplit(b")", 1)[1].split()  # the name may hold spaces and ')'
        with open("/proc/uptime", "rb") as handle:
            uptime = float(handle.read().split()[0])
        return max(0.0, uptime - int(fields[19]) / os.sysconf("SC_CLK_TCK"))  # field 22: starttime
    except (OSError, IndexError, ValueError):
        return 0.0


class Timings:
    """One run's recorder. `clock` and `started` are for tests; by default the wall time starts
    when the process did."""

    def __init__(self, workers: int, clock=time.perf_counter, started: float | None = None):
        self.workers, self.clock = workers, clock
        self.started = started if started is not None else clock() - process_age()
        self.phases: dict[str, float] = dict.fromkeys(PHASES, 0.0)
        self.busy: dict[str, float] = dict.fromkeys(WORKER_STAGES, 0.0)
        self.documents = 0
        self.warm = False  # run by `schoolpipe serve`'s warm runner
        self._open = [START_UP]  # the phases open now; time goes to the innermost
        self._since = self.started
        self._lock = threading.Lock()

    def _close_slice(self) -> None:
        now = self.clock()
        self.phases[self._open[-1]] = self.phases.get(self._open[-1], 0.0) + now - self._since
        self._since = now

    def switch(self, name: str) -> None:
        """From now on, time goes to `name` instead of the phase open at this level."""
        with self._lock:
            self._close_slice()
            self._open[-1] = name

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        """Time inside goes to `name` (less any phase opened inside it)."""
        with self._lock:
            self._close_slice()
            self._open.append(name)
        try:
            yield
        finally:
            with self._lock:
                self._close_slice()
                self._open.pop()

    def add_document(self, seconds: float, parse_seconds: float, start_seconds: float = 0.0) -> None:
        """A worker's seconds for one document, as its result comes back (from any thread)."""
        parse = min(parse_seconds, seconds)
        with self._lock:
            self.documents += 1
            self.busy[PARSE] += parse
            self.busy[EXTRACT] += seconds - parse
            self.busy[WORKER_START] += start_seconds

    def report(self) -> dict:
        """The figures so far, as plain data (what `write` puts in the file)."""
        with self._lock:
            self._close_slice()
            wall = self._since - self.started
            available = wall * self.workers
            busy = dict(self.busy)
            return {"wall_seconds": wall, "workers": self.workers, "documents": self.documents, "warm": self.warm,
                    "phases": dict(self.phases),
                    "worker_seconds": {**busy, IDLE: max(0.0, available - sum(busy.values()))}}


_current: Timings | None = None
_earlier = 0.0  # seconds the command ran before this process did (a warm runner's client)


def started_earlier(seconds: float) -> None:
    """This process runs a command another process started `seconds` before it (the client of
    `schoolpipe serve`'s warm runner): a run's wall time counts from that start."""
    global _earlier
    _earlier = max(0.0, seconds)


def start(workers: int) -> Timings:
    """Record this process's run from now on (its wall time counted from the command's start)."""
    global _current
    _current = Timings(workers, started=time.perf_counter() - process_age() - _earlier)
    _current.warm = _earlier > 0
    return _current


def stop() -> None:
    global _current
    _current = None


def current() -> Timings | None:
    return _current


def switch(name: str) -> None:
    if _current is not None:
        _current.switch(name)


@contextmanager
def phase(name: str) -> Iterator[None]:
    if _current is None:
        yield
        return
    with _current.phase(name):
        yield


def add_document(seconds: float, parse_seconds: float, start_seconds: float = 0.0) -> None:
    if _current is not None:
        _current.add_document(seconds, parse_seconds, start_seconds)


def write(path: str | os.PathLike) -> dict:
    """The current run's report, written to `path` as JSON (atomically); the report."""
    report = _current.report() if _current is not None else {}
    target = Path(path)
    incoming = target.with_name(target.name + ".incoming")
    incoming.write_text(json.dumps(report, indent=1), encoding="utf-8")
    os.replace(incoming, target)
    return report


def breakdown(report: dict, wall: float | None = None) -> list[tuple[str, float, float]]:
    """Rows (stage, seconds, share) of a report: first the parent's phases, as shares of the wall
    time, then the workers' stages, as shares of the worker-seconds available (workers × wall).

    `wall`, when given, is the wall time measured from outside (say, by a benchmark from its
    own `Popen` to the exit): what it has beyond the report's becomes a last parent row
    ("exit"), so the parent's rows add up to it."""
    recorded = report["wall_seconds"]
    wall = max(wall or 0.0, recorded)
    rows = [(name, seconds, seconds / wall if wall else 0.0) for name, seconds in report["phases"].items()]
    if wall > recorded:
        rows.append(("exit (after the report: interpreter exit)", wall - recorded, (wall - recorded) / wall))
    available = recorded * report["workers"]
    workers = report["worker_seconds"]
    rows += [(name, seconds, seconds / available if available else 0.0) for name, seconds in workers.items()]
    return rows
