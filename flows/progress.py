"""Progress of a long run on the terminal: a live bar on a terminal, a line every few seconds in logs."""
from __future__ import annotations

import sys
import time

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

LOG_EVERY_SECONDS = 5.0


class ProgressReporter:
    """Counts documents done; draws a bar when stderr is a terminal, else prints sparse lines."""

    def __init__(self, total: int, label: str = "documents"):
        self.total, self.label, self.done = total, label, 0
        self.started = self.last_line = time.monotonic()
        self.bar: Progress | None = None
        if total and sys.stderr.isatty():
            self.bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                TimeRemainingColumn(), console=Console(stderr=True), transient=True)
            self.task = self.bar.add_task(f"parsing {label}", total=total)
            self.bar.start()

    def advance(self, n: int) -> None:
        self.done += n
        if self.bar is not None:
            self.bar.update(self.task, completed=self.done)
            return
        now = time.monotonic()
        if now - self.last_line >= LOG_EVERY_SECONDS or self.done == self.total:
            rate = self.done / max(now - self.started, 1e-6)
            print(f"schoolpipe: {self.done}/{self.total} {self.label} ({rate:.1f}/s)", file=sys.stderr, flush=True)
            self.last_line = now

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
