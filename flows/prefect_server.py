"""Prefect servers started by schoolpipe: one for schedules (`serve`), and the temporary one a
run needs when none is configured, started in the background so start-up overlaps other work."""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from pipeline import timings


def die_with_parent() -> None:
    """In the child before it runs: its own session (a terminal's Ctrl-C reaches the run, which
    records it and then stops the server), and SIGTERM when the parent dies, even by kill -9."""
    os.setsid()
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass  # not Linux: a killed run may leave its temporary server behind


PR_SET_PDEATHSIG = 1


class PrefectUnavailable(RuntimeError):
    """No Prefect API to run flows on; the message says what to do."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_local_server(port: int | None = None, timeout: float = 90.0,
                       log_path: str | os.PathLike | None = None) -> tuple[subprocess.Popen, str]:
    """`prefect server start` on 127.0.0.1, its output appended to `log_path` (or discarded);
    returns the process and its API URL once healthy."""
    port = port or free_port()
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_UI_ENABLED": os.environ.get("PREFECT_UI_ENABLED", "true")}
    env.pop("PREFECT_API_URL", None)
    log = open(log_path, "ab") if log_path else tempfile.TemporaryFile()
    process = subprocess.Popen(
        [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, preexec_fn=die_with_parent,
    )
    log.close()  # the server holds its own copy
    api = f"http://127.0.0.1:{port}/api"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            where = f"; its log is {log_path}" if log_path else ""
            raise PrefectUnavailable(f"prefect server exited with code {process.returncode}{where}; "
                                     "set PREFECT_API_URL to a running server (`prefect server start`)")
        try:
            if httpx.get(f"{api}/health", timeout=2).status_code == 200:
                return process, api
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    process.terminate()
    raise PrefectUnavailable(f"prefect server did not answer on {api} within {timeout:.0f} s")


class ServerLogWatch:
    """Reads a server's log as it grows and reports each new error once, as one line: a
    scheduler that fails on every pass must not fail silently in a file nobody reads."""

    ERROR = re.compile(r"\|\s*(ERROR|CRITICAL)\s*\||^Traceback|Unexpected error", re.M)

    def __init__(self, path: str | os.PathLike, report, every: float = 2.0):
        self.path, self.report, self.every = Path(path), report, every
        self.offset = self.path.stat().st_size if self.path.exists() else 0
        self.seen: set[str] = set()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="server-log-watch", daemon=True)

    def __enter__(self) -> ServerLogWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def check(self) -> list[str]:
        """The new errors since the last check (each message reported once)."""
        try:
            with open(self.path, "rb") as handle:
                handle.seek(self.offset)
                chunk = handle.read()
        except OSError:
            return []
        self.offset += len(chunk)
        text = chunk.decode(errors="replace")
        if not self.ERROR.search(text):
            return []
        logger = re.search(r"\|\s*(?:ERROR|CRITICAL)\s*\|\s*([\w.]+)", text)
        message = f"{logger.group(1)}: {_last_error(text)}" if logger else _last_error(text)
        if message in self.seen:
            return []
        self.seen.add(message)
        return [message]

    def _watch(self) -> None:
        while not self._stop.wait(self.every):
            for message in self.check():
                self.report(message)


PORT_IN_USE = 3  # uvicorn's exit code when the port was taken between our check and its bind
PORT_TRIES = 5


class TemporaryServer:
    """Prefect's temporary API server, as Prefect itself starts one when PREFECT_API_URL is unset,
    but without waiting: `start` returns at once and `wait` blocks only when a flow needs it.
    (Prefect's own would also import its whole server package into this process first.)"""

    def __init__(self) -> None:
        self.log = tempfile.TemporaryFile()
        self.process: subprocess.Popen | None = None
        self.port = 0

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def start(self) -> TemporaryServer:
        self.port = free_port()
        env = {**os.environ, "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}
        env.pop("PREFECT_API_URL", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--app-dir", _prefect_site_dir(), "--factory",
             "prefect.server.api.server:create_app", "--host", "127.0.0.1", "--port", str(self.port),
             "--log-level", "error", "--lifespan", "on"],
            env=env, stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log, preexec_fn=die_with_parent,
        )
        return self

    def wait(self, timeout: float = 90.0) -> str:
        """Block until the server answers; its API URL."""
        deadline = time.monotonic() + timeout
        tries = 1
        with httpx.Client(timeout=2) as client:
            while time.monotonic() < deadline:
                code = self.process.poll()
                if code is not None:
                    output = self._output()
                    if code == PORT_IN_USE and "while attempting to bind" in output and tries < PORT_TRIES:
                        tries += 1
                        self.start()  # another process took the port first: a new one
                        continue
                    raise PrefectUnavailable(
                        f"Prefect's temporary server could not start ({_last_error(output)}); check PREFECT_HOME "
                        f"({os.environ.get('PREFECT_HOME', '~/.prefect')}) is a writable folder, or set "
                        "PREFECT_API_URL to a running server (`prefect server start`)")
                try:
                    if client.get(f"{self.api_url}/health").status_code == 200:
                        return self.api_url
                except httpx.HTTPError:
                    pass
                time.sleep(0.05)
        self.stop()
        raise PrefectUnavailable(f"Prefect's temporary server did not answer within {timeout:.0f} s; "
                                 "set PREFECT_API_URL to a running server (`prefect server start`)")

    def _output(self) -> str:
        self.log.seek(0)
        return self.log.read().decode(errors="replace")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()


def _last_error(output: str) -> str:
    """The last exception line of a traceback, or the last line."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    errors = [line for line in lines if re.match(r"[\w.]*(Error|Exception)\b", line)]
    return (errors or lines or ["no output"])[-1][:300]


def _prefect_site_dir() -> str:
    """The folder holding the prefect package, found without importing it (that costs a second)."""
    from importlib.util import find_spec

    return os.path.dirname(os.path.dirname(find_spec("prefect").origin))


def configured_api() -> str | None:
    """The Prefect API this process would use: PREFECT_API_URL, or one set in a Prefect
    profile, prefect.toml or .env, or a setting already in force (a test harness's)."""
    if os.environ.get("PREFECT_API_URL"):
        return os.environ["PREFECT_API_URL"]
    from prefect.settings import get_current_settings

    return get_current_settings().api.url


ADVERTISED = "schoolpipe-server.json"  # in PREFECT_HOME: the server a `schoolpipe serve` runs, for runs to reuse


def _advert_path() -> Path:
    from prefect.settings import get_current_settings

    return Path(get_current_settings().home) / ADVERTISED


def advertise(api: str) -> Path:
    """Say (in PREFECT_HOME) that this process serves a Prefect API other schoolpipe runs may use."""
    import json

    path = _advert_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    incoming = path.with_name(path.name + f".{os.getpid()}")
    incoming.write_text(json.dumps({"api": api, "pid": os.getpid()}), encoding="utf-8")
    os.replace(incoming, path)
    return path


def withdraw(path: Path) -> None:
    import json

    try:
        if json.loads(path.read_text(encoding="utf-8")).get("pid") == os.getpid():
            path.unlink()
    except (OSError, ValueError):
        pass


def advertised_api(timeout: float = 0.5) -> str | None:
    """The API of a `schoolpipe serve` still running with this PREFECT_HOME, if it answers at once."""
    import json

    try:
        advert = json.loads(_advert_path().read_text(encoding="utf-8"))
        os.kill(int(advert["pid"]), 0)  # the serving process is alive
        if httpx.get(f"{advert['api']}/health", timeout=timeout).status_code == 200:
            return str(advert["api"])
    except (OSError, ValueError, KeyError, TypeError, httpx.HTTPError):
        pass
    return None


class RunningServer:
    """A server someone else runs (a `schoolpipe serve`): used as it is, never stopped here."""

    def __init__(self, api: str):
        self.api = api

    def wait(self, timeout: float = 0.0) -> str:
        return self.api

    def stop(self) -> None:
        pass


@contextmanager
def prefect_api() -> Iterator[TemporaryServer | RunningServer | None]:
    """The Prefect API for this run: the configured one (PREFECT_API_URL or a profile), else the
    server a `schoolpipe serve` runs (no start-up cost), else a temporary server started now and
    stopped on exit; call `use_api(server)` before the first flow."""
    if configured_api():
        yield None
        return
    running = advertised_api()
    if running:
        yield RunningServer(running)
        return
    server = TemporaryServer().start()
    try:
        yield server
    finally:
        with timings.phase(timings.STOP_SERVER):
            server.stop()


HEARTBEAT_SETTINGS = ("PREFECT_FLOWS_HEARTBEAT_FREQUENCY", "PREFECT_RUNNER_HEARTBEAT_FREQUENCY")


@contextmanager
def use_api(server: TemporaryServer | RunningServer | None) -> Iterator[None]:
    """Flows inside talk to `server` (waiting until it answers), and so do processes started inside."""
    if server is None:  # the configured API: as configured, but for heartbeats nobody asked for
        from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, get_current_settings, temporary_settings
        from prefect.settings.models.flows import FlowsSettings

        asked = get_current_settings().flows.heartbeat_frequency != FlowsSettings.model_fields["heartbeat_frequency"].default
        if asked or any(os.environ.get(name) for name in HEARTBEAT_SETTINGS):  # a profile, prefect.toml, the env
            yield
            return

        # Prefect's heartbeat thread sleeps in one-second steps, and the flow waits for it to end:
        # up to a second more per run. They only matter to an automation watching for dead runs;
        # set PREFECT_FLOWS_HEARTBEAT_FREQUENCY to keep them.
        with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
            yield
        return
    with timings.phase(timings.PREFECT_SERVER):
        api = server.wait()
    from prefect.settings import PREFECT_API_URL, PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    os.environ["PREFECT_API_URL"] = api  # for processes started inside (Dask workers)
    try:
        # Heartbeats tell a lasting server that a run died; this one dies with the run. Without
        # them a flow also ends at once, not at the heartbeat thread's next one-second tick.
        with temporary_settings(updates={PREFECT_API_URL: api, PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
            try:
                yield
            finally:
                with timings.phase(timings.SEND_LOGS):
                    _send_pending_logs()  # while the server still answers (not at exit, to a closed port)
    finally:
        os.environ.pop("PREFECT_API_URL", None)


def _send_pending_logs() -> None:
    from prefect.logging.handlers import APILogWorker

    try:
        APILogWorker.drain_all(timeout=5)
    except Exception:  # the logs are Prefect's copy; the run's outcome is already recorded
        pass
