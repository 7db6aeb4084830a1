"""The command line's side of the warm runner (schoolpipe/warm_runner.py): before importing
anything heavy, a `run`, `refresh` or `reprocess` asks the runner of a `schoolpipe serve` with
this PREFECT_HOME to run it, and waits for its exit code. SCHOOLPIPE_WARM=0 turns this off."""
from __future__ import annotations

import json
import os
import signal
import socket
import sys
from pathlib import Path

from schoolpipe.warm_runner import COMMANDS, HEADER, socket_name

FORWARDED = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def wanted(argv: list[str]) -> bool:
    """A command worth handing over: it starts Prefect, and it is not asking for help."""
    if os.environ.get("SCHOOLPIPE_WARM", "1").lower() in ("0", "false", "no", "off") or not sys.platform.startswith("linux"):
        return False
    words = [a for a in argv[1:] if not a.startswith("-")]
    return bool(words) and words[0] in COMMANDS and not {"-h", "--help"} & set(argv)


def connect() -> socket.socket | None:
    """A connection to this PREFECT_HOME's warm runner, if one serves."""
    home = os.environ.get("PREFECT_HOME") or Path.home() / ".prefect"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.connect(socket_name(home))
    except OSError:
        sock.close()
        return None
    return sock


def run_warm(argv: list[str], age: float) -> int | None:
    """The command's exit code, run by the warm runner; None when there is none or it declines
    (the caller then runs the command itself)."""
    if not wanted(argv):
        return None
    sock = connect()
    if sock is None:
        return None
    with sock:
        request = json.dumps({"argv": argv, "cwd": os.getcwd(), "env": dict(os.environ), "age": age}).encode()
        try:
            socket.send_fds(sock, [str(len(request)).rjust(HEADER).encode()], [0, 1, 2])
            sock.sendall(request)
        except OSError:
            return None
        lines = sock.makefile("rb")
        first = _message(lines)
        if first is None or "declined" in first:
            if first is not None:
                print(f"schoolpipe: not run warm: {first['declined']}", file=sys.stderr)
            return None
        pid = int(first["pid"])
        for signum in FORWARDED:
            signal.signal(signum, lambda number, frame: _forward(pid, number))
        last = _message(lines)
        while lines.read(1024):  # the run's process ends (its atexit work done) before this one
            pass
        if last is None or "exit" not in last:
            print("schoolpipe: error: the warm runner of `schoolpipe serve` stopped during the run; run the command "
                  "again (SCHOOLPIPE_WARM=0 runs it without the warm runner)", file=sys.stderr)
            return 1
        return int(last["exit"])


def _message(lines) -> dict | None:
    try:
        line = lines.readline()
    except OSError:
        return None
    return json.loads(line) if line.strip() else None


def _forward(pid: int, signum: int) -> None:
    try:
        os.kill(pid, signum)
    except ProcessLookupError:
        pass
