"""Read-only SQL for analysts: the connection cannot write, whatever the statement says, and a
statement runs in a child process, so that one which crashes DuckDB, runs too long or is
interrupted ends with a message, never with the command aborting or ignoring Ctrl-C."""
from __future__ import annotations

import json
import os
import pickle
import signal
import subprocess
import sys
from pathlib import Path

import duckdb

from warehouse.fts import SearchUnavailable, load_fts


def known_documents(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, str, str]]:
    """uri -> (sha256, parser_version, extractor_version) of every loaded document."""
    rows = con.execute("SELECT uri, sha256, parser_version, extractor_version FROM documents").fetchall()
    return {uri: (sha, pv, ev) for uri, sha, pv, ev in rows}


class WarehouseMissing(Exception):
    """The database file does not exist yet."""


class QueryFailed(Exception):
    """The statement could not be answered; the message says why and what to do."""


class WarehouseUnusable(Exception):
    """The file named as the warehouse is something else."""


def check_warehouse_file(path: Path) -> None:
    """Raise WarehouseUnusable unless `path` is a DuckDB database file (its header says DUCK)."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(12)
    except IsADirectoryError:
        raise WarehouseUnusable(f"{path} is a folder, not a warehouse file; pass --db with a file path") from None
    except OSError as exc:
        raise WarehouseUnusable(f"{path} cannot be read ({exc.strerror}); check its permissions") from None
    if header[8:12] != b"DUCK":
        what = "an empty file" if not header else "its first bytes are not a DuckDB header"
        raise WarehouseUnusable(f"{path} is not a DuckDB warehouse ({what}); pass --db with a warehouse file, "
                                "or a path where a new one can be made")


def open_read_only(path: str | Path) -> duckdb.DuckDBPyConnection:
    path = Path(path)
    if not path.exists():
        raise WarehouseMissing(f"no warehouse at {path}: build one first with `schoolpipe run --corpus DIR --db {path}`")
    check_warehouse_file(path)
    con = duckdb.connect(str(path), read_only=True)
    try:
        load_fts(con)  # match_bm25 works in queries; loaded before file access is turned off
    except SearchUnavailable:
        pass  # queries work without it; `schoolpipe search` says how to install it
    # no file system access from here on: no COPY TO, no read_csv of other files, no ATTACH, no LOAD
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")  # and no statement may turn it back on
    return con


def run_statements(path: str | Path, sql: str) -> list[tuple[str, list[str], list[tuple]]]:
    """(statement, column names, rows) of each statement in `sql`, in order, on one read-only connection."""
    con = open_read_only(path)
    try:
        answers = []
        for statement in con.extract_statements(sql):
            cursor = con.execute(statement.query)
            names = [d[0] for d in cursor.description] if cursor.description else []
            answers.append((statement.query.strip(), names, cursor.fetchall() if names else []))
        return answers
    finally:
        con.close()


def query_in_child(path: str | Path, sql: str, timeout: float = 0.0) -> list[tuple[str, list[str], list[tuple]]]:
    """`run_statements` in a child process: within `timeout` seconds (0: no limit), stopped at once
    by Ctrl-C, and a DuckDB crash reported instead of taking this process down."""
    open_read_only(path).close()  # a missing or unusable warehouse: said here, in one line
    child = subprocess.Popen([sys.executable, "-c", "from warehouse.query import answer; answer()"],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             cwd=os.getcwd(), env={**os.environ, "PYTHONPATH": _our_path()},
                             start_new_session=True)  # Ctrl-C comes to us; we stop it
    try:
        output, _ = child.communicate(json.dumps({"path": str(path), "sql": sql}).encode(),
                                      timeout=timeout or None)
    except subprocess.TimeoutExpired:
        raise QueryFailed(f"the query ran longer than {timeout:g} s and was stopped (setting query_timeout); "
                          "narrow it (a WHERE, a LIMIT), or raise query_timeout") from None
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=5)
    if child.returncode != 0 or not output:
        raise QueryFailed(_crashed(child.returncode))
    outcome = pickle.loads(output)
    if outcome[0] == "error":
        raise QueryFailed(outcome[1])
    return outcome[1]


def _our_path() -> str:
    here = str(Path(__file__).resolve().parent.parent)
    return os.pathsep.join(p for p in (here, os.environ.get("PYTHONPATH", "")) if p)


def _crashed(code: int | None) -> str:
    what = f"signal {signal.Signals(-code).name}" if code and code < 0 else f"exit code {code}"
    return (f"DuckDB crashed running the query ({what}); the warehouse is unchanged (it is opened read-only); "
            "this statement cannot be run here")


def answer() -> None:
    """The child's side: the statements from stdin, their answers pickled to stdout."""
    request = json.loads(sys.stdin.buffer.read())
    try:
        outcome = ("ok", run_statements(request["path"], request["sql"]))
    except duckdb.Error as exc:
        outcome = ("error", error_line(exc))
    try:
        data = pickle.dumps(outcome)
    except Exception as exc:  # a value that cannot be sent back
        data = pickle.dumps(("error", f"the answer cannot be sent back ({type(exc).__name__}: {exc})"))
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
    os._exit(0)  # no clean-up that a statement's side effects could crash


def error_line(exc: Exception) -> str:
    """DuckDB's message on one line, its hints ("Did you mean …") kept, the echoed SQL left out."""
    lines = []
    for line in str(exc).splitlines():
        if line.strip().startswith("LINE "):
            break
        if line.strip():
            lines.append(line.strip())
    message = " ".join(lines)
    if "read-only" in message.lower() or "read only" in message.lower():
        message += " (the warehouse is read-only here: queries cannot change it)"
    elif "file system operations are disabled" in message or "external access" in message.lower():
        message += (" (queries cannot read or write files; to write tables to files, use "
                    "`schoolpipe export --out DIR [--format parquet|csv] [--tables …]`)")
    return message
