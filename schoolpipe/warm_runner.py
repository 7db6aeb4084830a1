"""The warm runner `schoolpipe serve` keeps: a process with Prefect and the flows already imported,
and a fork server whose workers have spaCy built. A `schoolpipe run`, `refresh` or `reprocess`
started while it serves hands itself over (schoolpipe/warm_client.py) and runs in a fork of it,
with the caller's terminal, environment and folder: the same command, without the imports.

Protocol, on a Linux abstract socket named from PREFECT_HOME (only the same user may use it):
the client sends a 16-byte length and its stdin, stdout and stderr (SCM_RIGHTS), then the
request as JSON (argv, cwd, env, its age in seconds); the fork answers one JSON line,
{"pid": N} or {"declined": "why"}, and at the end {"exit": code}. The client forwards its
signals to that pid; a client that goes away (kill -9) stops the run as SIGTERM would.

A fork declines when schoolpipe's own files or the installed packages changed since the runner
started (it would run old code): the client then runs the command itself and says why.
"""
from __future__ import annotations

import atexit
import hashlib
import json
import os
import select
import signal
import socket
import struct
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OWN_PACKAGES = ("schoolpipe", "flows", "pipeline", "extractors", "warehouse", "corpus")
HEADER = 16  # bytes: the request's length, in ASCII digits
COMMANDS = ("run", "refresh", "reprocess")  # the commands worth handing over: those that start Prefect


def socket_name(prefect_home: str | os.PathLike) -> bytes:
    """The abstract socket a runner for this Prefect home listens on (no file: nothing stale to clean)."""
    digest = hashlib.sha256(str(Path(prefect_home).expanduser().resolve()).encode()).hexdigest()[:24]
    return b"\0schoolpipe-warm-runner-" + digest.encode()


def code_fingerprint() -> dict[str, int]:
    """What a fork must still match to run this process's code: the modification times of
    schoolpipe's own files (code and pattern data) and of the installed packages' folder."""
    seen = {}
    for package in OWN_PACKAGES:
        for path in (ROOT / package).rglob("*"):
            if path.is_file() and path.suffix in (".py", ".json", ".toml", ".sql", ".txt") \
                    and "__pycache__" not in path.parts:
                seen[str(path)] = path.stat().st_mtime_ns
    import sysconfig

    for folder in {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}:
        try:
            seen[folder] = os.stat(folder).st_mtime_ns  # changes when a package is installed or removed
        except OSError:
            pass
    return seen


def decline_reason(started: dict[str, int], now: dict[str, int]) -> str | None:
    """Why a fork must not run this request, or None."""
    if started == now:
        return None
    changed = sorted(set(started) ^ set(now) | {p for p in started.keys() & now.keys() if started[p] != now[p]})
    shown = os.path.relpath(changed[0], ROOT) if changed[0].startswith(str(ROOT)) else changed[0]
    more = f" and {len(changed) - 1} more" if len(changed) > 1 else ""
    return (f"schoolpipe's code changed since `schoolpipe serve` started ({shown}{more}); "
            "restart `schoolpipe serve` to run warm again")


def prepare() -> dict[str, int]:
    """Import what a run imports and start the workers' fork server; the code's fingerprint.
    Threads started here are not in a fork, so as few as the libraries allow: no Python thread
    at all, no OpenBLAS pool, no jemalloc purging thread for Arrow (DuckDB still starts one
    at import; a fork ends with os._exit, never through the C++ destructors that would join it)."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    os.environ.setdefault("JE_ARROW_MALLOC_CONF", "background_thread:false")
    from schoolpipe import cli

    cli._quiet_prefect()  # the defaults every run sets, before Prefect reads its settings
    import prefect  # noqa: F401
    import prefect.flows  # noqa: F401

    import flows.reprocess  # noqa: F401
    import flows.run_corpus  # noqa: F401
    import flows.run_sources  # noqa: F401
    import flows.runners  # noqa: F401
    from flows.workers import use_fork_server

    use_fork_server()
    return code_fingerprint()


def serve(name: bytes, fingerprint: dict[str, int]) -> socket.socket | None:
    """Accept requests until stopped; in each fork, return its connection (the parent never returns
    with one)."""
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        listener.bind(name)
    except OSError as exc:  # another runner serves this home already
        print(f"schoolpipe warm runner: not started ({exc})", file=sys.stderr)
        return None
    listener.listen(16)
    from multiprocessing import forkserver


    forks: set[int] = set()
    while True:
        ready, _, _ = select.select([listener], [], [], 1.0)
        _reap(forks)
        if not ready:
            continue
        conn, _ = listener.accept()
        if not _same_user(conn):
            conn.close()
            continue
        forkserver.ensure_running()  # the workers' fork server, started again here if it died
        pid = os.fork()
        if pid == 0:
            listener.close()
            # the fork server is this process's parent's child: a fork may use it, not wait for it
            forkserver._forkserver.ensure_running = lambda: None
            return conn
        forks.add(pid)
        conn.close()


def _same_user(conn: socket.socket) -> bool:
    creds = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    _, uid, _ = struct.unpack("3i", creds)
    return uid == os.getuid()


def _reap(forks: set[int]) -> None:
    """Collect the forks that ended (not the fork server: multiprocessing waits for that one)."""
    for pid in list(forks):
        try:
            done, status = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            done, status = pid, 0
        if done:
            forks.discard(pid)
            if os.WIFSIGNALED(status):
                print(f"schoolpipe warm runner: the run in process {pid} ended by signal {os.WTERMSIG(status)}",
                      file=sys.stderr, flush=True)


def _receive(conn: socket.socket) -> tuple[dict, list[int]]:
    header, fds, _, _ = socket.recv_fds(conn, HEADER, 3)
    while len(header) < HEADER:
        more = conn.recv(HEADER - len(header))
        if not more:
            raise ConnectionError("the client went away")
        header += more
    size, payload = int(header), b""
    while len(payload) < size:
        more = conn.recv(size - len(payload))
        if not more:
            raise ConnectionError("the client went away")
        payload += more
    return json.loads(payload), fds


def _send(conn: socket.socket, message: dict) -> None:
    conn.sendall(json.dumps(message).encode() + b"\n")


def handle(conn: socket.socket, fingerprint: dict[str, int]) -> int:
    """In the fork: take over the client's terminal, environment and folder and run its command."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        request, fds = _receive(conn)
    except (OSError, ValueError):  # a probe that only connected, or not a client of ours: nothing to run
        return 0
    reason = decline_reason(fingerprint, code_fingerprint())
    if reason or len(fds) != 3:
        _send(conn, {"declined": reason or "the client's terminal was not passed"})
        return 0
    for fd, target in zip(fds, (0, 1, 2)):
        os.dup2(fd, target)
        os.close(fd)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    sys.argv = list(request["argv"])
    _reopen_standard_streams()
    from pipeline import timings

    timings.started_earlier(float(request.get("age", 0.0)))  # the client's own start belongs to the run
    _send(conn, {"pid": os.getpid()})
    threading.Thread(target=_stop_when_gone, args=(conn,), name="warm-client-watch", daemon=True).start()
    code = _run_cli()
    _finished.set()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    try:
        _send(conn, {"exit": code})
    except OSError:
        pass
    return code


def _reopen_standard_streams() -> None:
    """Streams and consoles on the client's descriptors, as if this process had started there."""
    sys.stdin = open(0, encoding=sys.stdin.encoding, errors=sys.stdin.errors, closefd=False)
    for name, fd in (("stdout", 1), ("stderr", 2)):
        old = getattr(sys, name)
        setattr(sys, name, open(fd, "w", buffering=1 if os.isatty(fd) or fd == 2 else -1,
                                encoding=old.encoding, errors=old.errors, closefd=False))
    from rich.console import Console

    from schoolpipe import cli

    cli.out = Console()
    cli.err = Console(stderr=True, soft_wrap=True)


_finished = threading.Event()  # in a fork: its command has ended


def _stop_when_gone(conn: socket.socket) -> None:
    """A client killed outright (its socket closes) stops the run, as SIGTERM would."""
    try:
        while conn.recv(1024):
            pass
    except OSError:
        pass
    if not _finished.is_set():
        os.kill(os.getpid(), signal.SIGTERM)


def _run_cli() -> int:
    """The command line's own entry point, inside Prefect settings read from the client's
    environment and folder (its PREFECT_API_URL, profile or prefect.toml)."""
    from prefect.context import SettingsContext, get_settings_context
    from prefect.settings import Settings

    from schoolpipe.cli import main

    try:
        with SettingsContext(profile=get_settings_context().profile, settings=Settings()):
            main(warm=False)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0


def start(env: dict[str, str]):
    """The runner as `schoolpipe serve` starts it: in a process of its own, stopped when serve
    stops (even by kill -9); its messages on serve's stderr. None where it cannot work (not Linux)."""
    if not sys.platform.startswith("linux"):
        return None
    import subprocess

    from flows.prefect_server import die_with_parent

    return subprocess.Popen([sys.executable, "-c", "from schoolpipe.warm_runner import main; main()"], env=env,
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, preexec_fn=die_with_parent)


def main() -> None:
    """`python -c "from schoolpipe.warm_runner import main; main()"`, as `schoolpipe serve` starts it."""
    fingerprint = prepare()
    from prefect.settings import get_current_settings

    conn = serve(socket_name(get_current_settings().home), fingerprint)
    if conn is not None:  # a fork: run the request, then end as multiprocessing's forks do
        code = handle(conn, fingerprint)
        atexit._run_exitfuncs()  # what the command registered (Prefect's log sending, worker pools)
        os._exit(code)  # no C++ static destructors: they belong to the runner, and abort in a fork
