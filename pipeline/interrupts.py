"""Ctrl-C and SIGTERM as one kind of event: the run stops, publishes nothing of its work, says so."""
from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager

EXIT_CODES = {signal.SIGINT: 130, signal.SIGTERM: 143}  # 128 + the signal, as shells report them


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so every `finally` runs."""

    signal = signal.SIGTERM


def is_interrupt(exc: BaseException) -> bool:
    """Ctrl-C, our SIGTERM, or Prefect's TerminationSignal (which carries the signal) inside a flow."""
    return isinstance(exc, KeyboardInterrupt) or getattr(exc, "signal", None) in EXIT_CODES


def exit_code(exc: BaseException) -> int:
    return EXIT_CODES.get(getattr(exc, "signal", signal.SIGINT), 130)


@contextmanager
def sigterm_interrupts() -> Iterator[None]:
    """Inside, SIGTERM raises Terminated in the main thread, and SIGINT KeyboardInterrupt."""
    def raise_terminated(signum, frame):
        raise Terminated()

    previous = signal.signal(signal.SIGTERM, raise_terminated)
    # Ctrl-C too, even when started by a shell that ignores SIGINT for background jobs
    previous_int = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
        signal.signal(signal.SIGINT, previous_int)
