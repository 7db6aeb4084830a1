"""The `schoolpipe` command line: run the pipeline, query the warehouse."""
from __future__ import annotations

import csv
import datetime as dt
import decimal
import json
import os
import sys
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from pipeline.settings import Settings, SettingsError, load_settings

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Ofsted reports and case studies into DuckDB.",
                  pretty_exceptions_enable=False, context_settings={"help_option_names": ["-h", "--help"]})
out = Console()
err = Console(stderr=True, soft_wrap=True)  # messages stay whole lines, easy to grep

# Exit codes a scheduler can act on.
EXIT_OK = 0
EXIT_ERROR = 1             # the command could not do its work
EXIT_DOCUMENT_FAILURES = 3  # the run completed, but some documents could not be used


class Format(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"
    markdown = "markdown"


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print one line, `error: …`, exactly as written (no Rich markup read from it); the Exit to raise."""
    err.print("[red]error:[/red] " + escape(message), highlight=False)
    return typer.Exit(code)


def say(message: str) -> None:
    """A progress line on stderr, exactly as written."""
    err.print(message, markup=False, highlight=False)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            own = version("schoolpipe")
        except PackageNotFoundError:
            own = "dev"
        out.print(f"schoolpipe {own}", highlight=False)
        raise typer.Exit()


@app.callback()
def options(
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks and Prefect's own log lines."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version."),
) -> None:
    """Ofsted reports and case studies into DuckDB."""
    if debug:
        os.environ["SCHOOLPIPE_DEBUG"] = "1"
        os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "INFO")


def _settings(**flags) -> Settings:
    try:
        return load_settings(flags)
    except SettingsError as exc:
        raise fail(str(exc)) from None


def _run_flow(server, flow, settings: Settings, **parameters):
    """Run a flow on `server` (None: the configured Prefect API), on the runner the settings
    ask for; a busy warehouse or a Prefect that cannot start becomes one line and exit 1."""
    from flows.prefect_server import PrefectUnavailable, use_api
    from flows.runners import with_runner
    from warehouse.query import WarehouseUnusable
    from warehouse.session import WarehouseBusy

    try:
        with use_api(server):
            return with_runner(flow, settings)(settings=settings, **parameters)
    except (WarehouseBusy, WarehouseUnusable, PrefectUnavailable) as exc:
        raise fail(str(exc)) from None


@contextmanager
def _interruptible(db: str):
    """Ctrl-C or SIGTERM inside: one line, the shell's exit code (130 or 143), no traceback."""
    from pipeline.interrupts import exit_code, is_interrupt

    try:
        yield
    except BaseException as exc:
        if not is_interrupt(exc):
            raise
        err.print(f"schoolpipe: interrupted; nothing of this run was published, {db} is as it was "
                  "(the run is recorded as interrupted in `runs`)", markup=False, highlight=False)
        raise typer.Exit(exit_code(exc)) from None


def _quiet_prefect() -> None:
    """No analytics (no network here) and no chatter; a temporary home unless one is set."""
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_LOGGING_LOG_PRINTS", "false")
    # Prefect's own console lines ("Crash detected!" on Ctrl-C, say) repeat what our one line says;
    # its logs still reach the server (`schoolpipe serve` shows them in the UI).
    os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "CRITICAL")


@app.command()
def run(
    corpus: Optional[Path] = typer.Option(None, "--corpus", help="Folder of PDF, HTML and text documents."),
    sources: Optional[Path] = typer.Option(None, "--sources", help="A sources.toml naming what to fetch."),
    db: Optional[str] = typer.Option(None, "--db", help="DuckDB file (default $SCHOOLPIPE_DB, then warehouse/schoolpipe.duckdb)."),
    batch_size: Optional[int] = typer.Option(None, "--batch-size", help="Documents per load transaction."),
    report: Optional[str] = typer.Option(None, "--report", help="Write the HTML report here after the run (setting report)."),
) -> None:
    """Read a folder (--corpus) or fetch what changed (--sources); parse, extract and load.

    Example: schoolpipe run --corpus reports/ --db warehouse/schoolpipe.duckdb --report report.html
    """
    settings = _settings(db=db, batch_size=batch_size, report=report)
    if corpus is None and sources is None:
        raise fail("say what to read: --corpus DIR (a folder of documents) or --sources FILE") from None
    if corpus is not None and sources is not None:
        raise fail("give --corpus or --sources, not both") from None
    if corpus is not None and not corpus.is_dir():
        raise fail(f"corpus folder {corpus} does not exist; pass --corpus with a folder of documents") from None
    from pipeline import timings

    timings_file = os.environ.get(timings.ENV)  # the benchmark's: where this run's wall time went
    if timings_file:
        timings.start(settings.workers)
    try:
        with _interruptible(settings.db):
            summary = _run_corpus(settings, corpus) if corpus is not None else _run_sources(settings, str(sources))
        if summary is None:
            _report_after_run(settings, changed=False)
        else:
            print_summary(summary, settings.db)
            _report_after_run(settings)
        if timings_file:
            timings.write(timings_file)
    finally:
        timings.stop()
    if summary is not None and summary.failed:
        raise typer.Exit(EXIT_DOCUMENT_FAILURES)


def _run_corpus(settings: Settings, corpus: Path):
    """The run's summary, or None when nothing changed (already printed)."""
    from pipeline import timings

    timings.switch(timings.DISCOVERY)
    documents, todo = _corpus_work(corpus, settings)
    if documents and not todo:  # every document already loaded by these versions
        from pipeline.models import RunSummary

        timings.switch(timings.SHUT_DOWN)
        print_summary(RunSummary(run_id="none", documents_seen=len(documents),
                                 documents_unchanged=len(documents)), settings.db)
        return None
    readable = sum(1 for d in todo if not d.problem)
    if settings.executor == "local" and 0 < readable < settings.workers:
        # a worker per document at most: on a small run the others would only compete for the cores while
        # they load spaCy (a one-document run on 2 cores: 5.2 s with two workers, 4.0 s with one)
        import dataclasses

        settings = dataclasses.replace(settings, workers=readable)
        if timings.current() is not None:
            timings.current().workers = readable
    timings.switch(timings.PREFECT)
    _quiet_prefect()
    from contextlib import nullcontext

    from flows.prefect_server import prefect_api
    from flows.workers import open_pool

    # The local worker pool is this command's: opened now, closed when the command ends.
    with open_pool(settings) if settings.executor == "local" else nullcontext() as pool:
        if pool is not None:
            pool.warm_up()  # the workers load spaCy…
            pool.prefetch([d for d in todo if not d.problem][: _in_flight(settings)])  # …and start on the first…
        say(f"schoolpipe: reading {corpus} into {settings.db} (starting Prefect…)")
        with prefect_api() as server:  # …while Prefect's server starts in the background
            from flows.run_corpus import run_corpus_flow

            return _run_flow(server, run_corpus_flow, settings, corpus=str(corpus))


@app.command()
def refresh(
    source: Optional[str] = typer.Option(None, "--source", help="Only this source (its name in the sources file)."),
    url: Optional[str] = typer.Option(None, "--url", help="Only this URL."),
    urn: Optional[list[str]] = typer.Option(None, "--urn", help="Every report of this provider on Ofsted's report site "
                                                                "(repeat for more); no sources file needed."),
    local_authority: Optional[str] = typer.Option(None, "--local-authority",
                                                  help="Every report of the providers in this local authority, "
                                                       "from Ofsted's report site."),
    remit: Optional[str] = typer.Option(None, "--remit", help="With --local-authority: only school, early_years, "
                                                              "local_authority or further_education providers."),
    force: bool = typer.Option(False, "--force", help="Download again even if unchanged, and reprocess."),
    sources: Optional[Path] = typer.Option(None, "--sources", help="Sources file (default corpus/sources.toml)."),
    db: Optional[str] = typer.Option(None, "--db", help="DuckDB file."),
) -> None:
    """Fetch again on demand: everything, one source (--source), one URL (--url), or Ofsted's
    reports of some providers (--urn, --local-authority).

    Example: schoolpipe refresh --urn 123456 --db warehouse/schoolpipe.duckdb
    """
    settings = _settings(db=db, sources=str(sources) if sources else None)
    ofsted = None
    if urn or local_authority:
        from corpus.sources import SourcesError, ofsted_source

        if source or url:
            raise fail("give --urn / --local-authority, or --source / --url, not both")
        try:
            ofsted_source("ofsted", list(urn or []), local_authority, remit, None, "refresh")
        except SourcesError as exc:
            raise fail(str(exc)) from None
        ofsted = {"urns": list(urn or []), "local_authority": local_authority, "remit": remit}
    elif remit:
        raise fail("--remit goes with --local-authority")
    with _interruptible(settings.db):
        summary = _run_sources(settings, settings.sources, source_name=source, url=url, force=force, command="refresh",
                               ofsted=ofsted)
    print_summary(summary, settings.db)
    _report_after_run(settings)
    if summary.failed:
        raise typer.Exit(EXIT_DOCUMENT_FAILURES)


@app.command()
def reprocess(
    db: Optional[str] = typer.Option(None, "--db", help="DuckDB file."),
    force: bool = typer.Option(False, "--force", help="Reprocess every document, not only those of older versions."),
) -> None:
    """Re-extract loaded documents from the raw store (no fetching) where the parser or an extractor changed.

    Example: schoolpipe reprocess --force
    """
    settings = _settings(db=db)
    _quiet_prefect()
    from flows.prefect_server import prefect_api

    with _interruptible(settings.db), prefect_api() as server:  # the server starts while the flow's modules load
        from flows.reprocess import reprocess_flow

        summary = _run_flow(server, reprocess_flow, settings, force=force)
    print_summary(summary, settings.db)
    _report_after_run(settings)
    if summary.failed:
        raise typer.Exit(EXIT_DOCUMENT_FAILURES)


@app.command()
def serve(
    cron: str = typer.Option("0 2 * * *", "--cron", help="When the nightly run starts (cron, server time)."),
    sources: Optional[Path] = typer.Option(None, "--sources", help="Sources file (default corpus/sources.toml)."),
    db: Optional[str] = typer.Option(None, "--db", help="DuckDB file."),
) -> None:
    """Serve the nightly deployment on a Prefect server ($PREFECT_API_URL, or a local one started here).

    Example: schoolpipe serve --cron "0 2 * * *" --sources corpus/sources.toml
    """
    settings = _settings(db=db, sources=str(sources) if sources else None)
    from corpus.sources import SourcesError, load_sources

    try:
        load_sources(settings.sources)
    except SourcesError as exc:
        raise fail(str(exc)) from None
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    from contextlib import ExitStack

    from flows.prefect_server import PrefectUnavailable, ServerLogWatch, configured_api, start_local_server

    def report(message: str) -> None:
        err.print(f"schoolpipe: the Prefect server logged an error: {message} (whole log: {log_path})",
                  markup=False, highlight=False)

    server = None
    runner_env = dict(os.environ)  # the warm runner's: as this command found it
    api = configured_api()  # PREFECT_API_URL, or a Prefect profile's
    log_path = Path(settings.db).resolve().with_name("prefect-server.log")
    with ExitStack() as stack:
        if not api:
            from prefect.settings import PREFECT_API_URL, temporary_settings

            log_path.parent.mkdir(parents=True, exist_ok=True)
            err.print(f"schoolpipe: no Prefect API is configured (PREFECT_API_URL): starting a local Prefect server "
                      f"on 127.0.0.1, its log in {log_path}…", markup=False)
            watch = stack.enter_context(ServerLogWatch(log_path, report))
            try:
                server, api = start_local_server(log_path=log_path)
            except PrefectUnavailable as exc:
                for message in watch.check():
                    report(message)
                raise fail(str(exc)) from None
            stack.callback(_stop_process, server)
            os.environ["PREFECT_API_URL"] = api  # for the processes that run the scheduled flows
            stack.enter_context(temporary_settings(updates={PREFECT_API_URL: api}))  # and for this one
            err.print(f"schoolpipe: Prefect server at {api.removesuffix('/api')} (its UI shows the runs); "
                      "it stops when this command stops", markup=False)
        from flows.nightly import DEPLOYMENT, schedule_check, serve_nightly
        from flows.prefect_server import advertise, withdraw

        stack.callback(withdraw, advertise(api))  # runs started meanwhile use this server: no start-up of their own
        from schoolpipe.warm_runner import start as start_warm_runner

        runner = start_warm_runner(runner_env)  # and are run warm: no imports, workers ready
        if runner is not None:
            stack.callback(_stop_process, runner)
            err.print("schoolpipe: `schoolpipe run`, `refresh` and `reprocess` with this PREFECT_HOME are run warm "
                      "here while this serves (SCHOOLPIPE_WARM=0 runs one on its own)", markup=False)

        check = schedule_check(api, lambda message: err.print(f"schoolpipe: {message}", markup=False))
        stack.callback(check.set)
        err.print(f"schoolpipe: serving deployment schoolpipe-nightly/{DEPLOYMENT} on cron {cron!r} at {api}; "
                  "Ctrl-C to stop", markup=False)
        serve_nightly(str(Path(settings.sources).resolve()), str(Path(settings.db).resolve()),
                      str(Path(settings.raw_dir).resolve()), cron=cron)


def _stop_process(process) -> None:
    import subprocess

    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


def _run_sources(settings: Settings, sources_file: str, **options):
    from corpus.sources import SourcesError, load_sources

    try:
        if not options.get("ofsted"):
            spec = load_sources(sources_file)
            if options.get("source_name"):
                spec.named(options["source_name"])
    except SourcesError as exc:
        raise fail(str(exc)) from None
    _quiet_prefect()
    from flows.prefect_server import prefect_api

    with prefect_api() as server:  # starts in the background while the flow's modules load
        origin = "Ofsted's report site" if options.get("ofsted") else sources_file
        say(f"schoolpipe: fetching from {origin} into {settings.db} (starting Prefect…)")
        from flows.run_sources import run_sources_flow

        return _run_flow(server, run_sources_flow, settings, sources_file=sources_file, **options)


def _corpus_work(corpus: Path, settings: Settings):
    """The corpus's documents, and those that need processing, by the flow's own rule (`plan_run`).

    Worked out before Prefect starts: an unchanged re-run then takes a second, not a server's
    start-up (and changes nothing, so it leaves no row in `runs` either), and the others can
    start parsing while Prefect starts. The flow plans again inside its write lock, where the
    answer is final (another run may have loaded something meanwhile); the bytes are read and
    hashed once (corpus.discover remembers them by file identity).
    """
    from corpus.discover import discover_folder
    from corpus.rawstore import RawStore
    from flows.plan import plan_run
    from warehouse.migrate import migration_files
    from warehouse.query import known_documents, open_read_only

    documents = discover_folder(corpus, RawStore(settings.raw_dir), settings.max_bytes)
    known: dict = {}
    if Path(settings.db).exists():
        try:
            con = open_read_only(settings.db)
        except Exception:
            return documents, documents  # not a warehouse: the run itself says so, in one line
        try:
            schema = con.execute("SELECT max(version) FROM schema_migrations").fetchone()[0]
            known = known_documents(con) if schema == migration_files()[-1][0] else {}
        except Exception:
            known = {}  # an older or damaged warehouse: let a real run deal with it
        finally:
            con.close()
    plan = plan_run(documents, known)
    return list(plan.documents), list(plan.todo)


def _in_flight(settings: Settings) -> int:
    """Documents worth parsing before the flow asks: the batches it keeps in flight."""
    from flows.workers import in_flight_batches

    return in_flight_batches(settings) * settings.batch_size


def _report_after_run(settings: Settings, changed: bool = True) -> None:
    """With the report setting, the page is rewritten after a run that changed something, and
    its place is the run's last line."""
    if not settings.report:
        return
    from warehouse.report import write_report

    target = Path(settings.report)
    if changed or not target.exists():
        try:
            write_report(settings.db, target)
        except Exception as exc:  # the run itself is done and published: say so, do not fail it
            say(f"schoolpipe: the report could not be written to {target} ({exc}); "
                f"try schoolpipe report --out {target} --db {settings.db}")
            return
    out_line(f"report: {target.resolve()}")


def print_summary(summary, db: str) -> None:
    table = Table(title=f"run {summary.run_id}: {summary.documents_seen} documents in {summary.seconds:.1f} s",
                  show_header=True)
    table.add_column("what")
    table.add_column("count", justify="right")
    if summary.requests or summary.fetch_errors:
        table.add_row("HTTP requests", str(summary.requests))
        table.add_row("downloaded", str(summary.downloads))
        table.add_row("not modified (304)", str(summary.not_modified))
        table.add_row("fetch failures", str(len(summary.fetch_errors)))
    table.add_row("new or changed, processed", str(summary.documents_processed))
    table.add_row("unchanged, skipped", str(summary.documents_unchanged))
    for status, n in sorted(summary.by_status.items()):
        table.add_row(f"status {status}", str(n))
    for kind, n in sorted(summary.by_kind.items()):
        table.add_row(f"kind {kind}", str(n))
    table.add_row("inspections loaded", str(summary.inspections))
    table.add_row("judgements loaded", str(summary.judgements))
    table.add_row("partnership mentions loaded", str(summary.partnership_mentions))
    out.print(table)
    if summary.documents_processed == 0 and summary.documents_seen:
        out.print("Nothing changed since the last run: the warehouse is as it was.")
    for note in summary.notes:
        say(f"schoolpipe: {note}")
    for url, status, error in summary.fetch_errors[:20]:
        err.print(f"[yellow]{status}[/yellow] " + escape(f"{url}: {error}"), highlight=False)
    for uri, status, error in summary.errors[:20]:
        err.print(f"[yellow]{status}[/yellow] " + escape(f"{uri}: {error}"), highlight=False)
    if len(summary.errors) > 20:
        err.print(f"… and {len(summary.errors) - 20} more: "
                  f"schoolpipe query \"select uri, status, error from document_problems\" --db {db}")


@app.command()
def query(
    sql: Optional[str] = typer.Argument(None, help="SQL (read-only): one statement or several; '-' or "
                                                   "nothing reads it from standard input."),
    db: Optional[str] = typer.Option(None, "--db", help="DuckDB file (default $SCHOOLPIPE_DB, then warehouse/schoolpipe.duckdb)."),
    format: Format = typer.Option(Format.table, "--format", "-f", help="table, csv, json, jsonl or markdown."),
) -> None:
    """Run read-only SQL against the warehouse and print the answer (NULL shown as NULL).

    Example: schoolpipe query "SELECT grade, count(*) FROM judgements GROUP BY ALL"

    Example: schoolpipe query -f csv < my_query.sql > answer.csv
    """
    from warehouse.query import QueryFailed, WarehouseMissing, WarehouseUnusable, query_in_child

    settings = _settings(db=db)
    if sql is None or sql == "-":
        if sys.stdin.isatty():
            raise fail('give the SQL: schoolpipe query "SELECT …", or pipe it in: schoolpipe query - < file.sql')
        sql = sys.stdin.read()
    try:
        answers = query_in_child(settings.db, sql, settings.query_timeout)
    except (WarehouseMissing, WarehouseUnusable, QueryFailed) as exc:
        raise fail(str(exc)) from None
    except KeyboardInterrupt:
        say("schoolpipe: query interrupted")
        raise typer.Exit(130) from None
    if not answers:
        raise fail("no SQL statement given")
    if len(answers) > 1 and format not in (Format.table, Format.markdown):
        raise fail(f"{len(answers)} statements given: --format {format.value} writes one answer; give one statement")
    for n, (statement, columns, rows) in enumerate(answers, 1):
        if len(answers) > 1:
            out_line(f"statement {n} of {len(answers)}: {' '.join(statement.split())[:100]}")
        write_rows(columns, rows, format)


class ExportFormat(str, Enum):
    parquet = "parquet"
    csv = "csv"


@app.command()
def export(
    out: Path = typer.Option(..., "--out", help="Folder to write the files into (made if missing)."),
    format: ExportFormat = typer.Option(ExportFormat.parquet, "--format", "-f", help="parquet or csv."),
    tables: Optional[list[str]] = typer.Option(None, "--tables", help="Only these tables or views (repeat, or comma-separate)."),
    db: Optional[str] = typer.Option(None, "--db", help="DuckDB file."),
) -> None:
    """Write every table and analyst view to files, one per table (Parquet by default).

    Reads the published warehouse, so it can run while a run is writing.

    Example: schoolpipe export --out exports/ --tables judgements,inspections --format csv
    """
    from warehouse.export import ExportError
    from warehouse.export import export as write_exports
    from warehouse.query import WarehouseMissing, WarehouseUnusable

    settings = _settings(db=db)
    only = [t.strip() for item in tables or [] for t in item.split(",") if t.strip()] or None
    try:
        write_exports(settings.db, out, format.value, only,
                      report=lambda e: out_line(f"{e.path}  {e.rows:,} row{'s' if e.rows != 1 else ''}"))
    except (WarehouseMissing, WarehouseUnusable, ExportError) as exc:
        raise fail(str(exc)) from None
    except OSError as exc:
        raise fail(f"cannot write into {out} ({exc.strerror}); choose a folder you can write to") from None


@app.command()
def search(
    words: str = typer.Argument(..., help="Words to find (stemmed: 'moderating' finds 'moderation')."),
    kind: Optional[str] = typer.Option(None, "--kind", help="Only documents of this kind (inspection_report, case_study, …)."),
    limit: int = typer.Option(20, "--limit", "-n", help="How many hits to show."),
    db: Optional[str] = typer.Option(None, "--db", help="DuckDB file."),
) -> None:
    """Full-text search over every page, ranked (BM25): the school, document, page and a snippet.

    Example: schoolpipe search "joint moderation" --kind case_study
    """
    from warehouse.fts import SearchUnavailable
    from warehouse.query import WarehouseMissing, WarehouseUnusable
    from warehouse.search import search as find

    settings = _settings(db=db)
    try:
        hits = find(settings.db, words, kind, limit)
    except (WarehouseMissing, WarehouseUnusable, SearchUnavailable) as exc:
        raise fail(str(exc)) from None
    for hit in hits:  # two lines a hit: where, then the words in context
        out_line(f"{hit.score:6.2f}  {hit.school_name or '(no school named)'}, {hit.kind or 'unknown kind'}: "
                 f"{hit.uri} page {hit.page}")
        out_line(f"        {hit.snippet}")
    out.print(f"{len(hits)} hit{'s' if len(hits) != 1 else ''}")


@app.command()
def tables(db: Optional[str] = typer.Option(None, "--db", help="DuckDB file.")) -> None:
    """List the warehouse's tables and views, with their row counts and what each holds.

    Example: schoolpipe tables --db warehouse/schoolpipe.duckdb
    """
    from warehouse.catalog import relations

    con = _catalog_connection(db)
    try:
        table = Table(show_header=True)
        for column in ("name", "kind", "rows", "what it holds"):
            table.add_column(column)
        for name, kind, comment in relations(con):
            rows = con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
            table.add_row(name, kind, f"{rows:,}", comment or "")
        out.print(table)
    finally:
        con.close()


@app.command()
def schema(
    table: Optional[str] = typer.Argument(None, help="A table or view; all of them when left out."),
    db: Optional[str] = typer.Option(None, "--db", help="DuckDB file."),
) -> None:
    """Print the columns of a table or view (or of all), with their types and meanings.

    Example: schoolpipe schema judgements
    """
    from warehouse.catalog import columns, relations

    con = _catalog_connection(db)
    try:
        known = {name: comment for name, _, comment in relations(con)}
        if table is not None and table not in known:
            raise fail(f"no table or view named {table!r}; known: {', '.join(known)}")
        for name in [table] if table else list(known):
            grid = Table(title=f"{name}: {known[name] or ''}", show_header=True, title_justify="left")
            for column in ("column", "type", "meaning"):
                grid.add_column(column)
            for column, kind, comment in columns(con, name):
                grid.add_row(column, kind, comment or "")
            out.print(grid)
    finally:
        con.close()


class OfficialKind(str, Enum):
    auto = "auto"
    ofsted_latest = "ofsted_latest"
    ofsted_history = "ofsted_history"
    ofsted_independent = "ofsted_independent"
    gias = "gias"
    gias_links = "gias_links"
    dfe_schools = "dfe_schools"
    groups = "groups"


@app.command("import-official")
def import_official(
    files: list[Path] = typer.Argument(..., help="Ofsted management information (state-funded schools' latest "
                                                 "inspections or inspections in a period, independent schools), GIAS "
                                                 "edubasealldata and links files, the DfE performance tables' schools, "
                                                 "or a register of trusts and federations; CSV, .xlsx or .ods."),
    kind: OfficialKind = typer.Option(OfficialKind.auto, "--kind", help="What the file is; auto: read from its header row."),
    as_at: Optional[str] = typer.Option(None, "--as-at", help="The release's date (YYYY-MM-DD) when neither its title "
                                                              "rows nor its file name give it; orders releases."),
    db: Optional[str] = typer.Option(None, "--db", help="DuckDB file."),
) -> None:
    """Bring official data into the warehouse; each file is a release kept beside the others.

    Reads Windows-1252 or UTF-8 CSV and spreadsheets, finds the header row below any title rows, knows
    past header wordings, and checks every row (field count, dates, grade codes) before the warehouse
    is touched: a file with no usable row, or of a remit schoolpipe does not import, changes nothing.
    The same file imported again changes nothing; an inspection in several releases is one inspection.

    Then `schoolpipe reconcile` compares the documents with it and `schoolpipe school` shows a school's
    timeline. A register of groups of schools gives the partnerships their official group.

    Example: schoolpipe import-official Management_information_latest_as_at_31_Aug_2024.csv links_edubasealldata.csv
    """
    import datetime as dt
    import hashlib

    from pipeline.official_csv import OfficialFileError, read_official_csv
    from pipeline.official_groups import GroupRegister, is_group_register, read_group_register
    from warehouse.official import import_groups
    from warehouse.official import import_official as store
    from warehouse.session import WarehouseBusy, write_session

    settings = _settings(db=db)
    try:
        release_date = dt.date.fromisoformat(as_at) if as_at else None
    except ValueError:
        raise fail(f"--as-at {as_at!r} is not a date; give it as YYYY-MM-DD") from None
    parsed = []
    for path in files:  # every file read and checked before the warehouse is touched: a bad one changes nothing
        try:
            data = path.read_bytes()
            if kind is OfficialKind.groups or (kind is OfficialKind.auto and is_group_register(data)):
                official = read_group_register(data, path.name)
            else:
                official = read_official_csv(data, path.name, None if kind is OfficialKind.auto else kind.value)
            parsed.append((path, hashlib.sha256(data).hexdigest(), official))
        except OSError as exc:
            raise fail(f"cannot read {path} ({exc.strerror}); check the path") from None
        except OfficialFileError as exc:
            raise fail(str(exc)) from None
    try:
        with write_session(settings.db, settings.publish_every, settings.lock_wait, waiting=say) as session:
            for path, sha, official in parsed:
                if isinstance(official, GroupRegister):
                    done = import_groups(session.con, official, path.name, sha)
                    session.mark_changed()  # the partnerships' official groups are resolved before publishing
                else:
                    done = store(session.con, official, path.name, sha, release_date)
                    if not done.already:
                        session.mark_changed()  # schools named without a URN are resolved again before publishing
                _say_imported(path.name, done)
    except WarehouseBusy as exc:
        raise fail(str(exc)) from None


def _say_imported(name: str, done) -> None:
    if done.already:
        out_line(f"{name}: already imported as release {done.release_id}; nothing changed")
        return
    when = f" as at {done.release_date:%d %b %Y}" if done.release_date else ""
    extra = "".join([f", replacing {done.replaced:,} of the previous register" if done.replaced else "",
                     f", {done.new:,} new" if done.new and done.new != done.rows else "",
                     f"; {done.skipped:,} rows gave nothing" if done.skipped else "",
                     f"; {done.duplicates:,} repeated, merged into the first" if done.duplicates else ""])
    out_line(f"{name}: {done.title} ({done.kind}){when}, {done.rows:,} row{'s' if done.rows != 1 else ''}{extra}")
    for reason, count in done.problems:
        out_line(f"  {count:,} × {reason}")


@app.command()
def school(
    which: str = typer.Argument(..., help="A URN (any the school has had) or words of its name."),
    db: Optional[str] = typer.Option(None, "--db", help="DuckDB file."),
) -> None:
    """One school's timeline: every inspection from the documents and the official data, across its URNs.

    URNs are joined by GIAS links (import-official links_edubasealldata.csv) and by Ofsted's own
    'URN at time of inspection'. A name that fits several schools lists them; give the URN then.

    Example: schoolpipe school 144322
    """
    from warehouse.school_lookup import find_schools, school_profile, school_timeline

    con = _catalog_connection(db)
    try:
        found = find_schools(con, which)
        if not found:
            raise fail(f"no school with the URN or name {which!r} in the warehouse; check it, or run "
                       "import-official with a register of schools (GIAS, the DfE's school list)")
        if len(found) > 1:
            out_line(f"{len(found)}{'+' if len(found) == 20 else ''} schools fit {which!r}; give the URN:")
            for match in found:
                out_line(f"  {match.current_urn}  {match.name or '(no name)'}"
                         f"{', ' + match.local_authority if match.local_authority else ''}")
            raise typer.Exit(2)
        profile = school_profile(con, found[0].school_id)
        timeline = school_timeline(con, found[0].school_id)
    finally:
        con.close()
    earlier = [u for u in profile["urns"] if u != profile["current_urn"]]
    out_line(f"{profile['school_name'] or '(name unknown)'}, URN {profile['current_urn']}"
             + (f" (earlier {', '.join(earlier)})" if earlier else ""))
    details = [profile[k] for k in ("phase", "school_type", "local_authority", "postcode", "establishment_status")
               if profile.get(k)]
    if profile.get("trust"):
        details.append(f"trust: {profile['trust']}")
    if details:
        out_line(" · ".join(str(d) for d in details))
    out_line(f"{len(timeline)} inspection{'s' if len(timeline) != 1 else ''}, oldest first "
             "(from: documents, official or both):")
    for row in timeline:
        result = row["overall_effectiveness"] or row["outcome"] or row["area_grades"] or "no overall grade"
        notes = [f"category: {row['category_of_concern'].replace('_', ' ')}"
                 if row["category_of_concern"] not in (None, "none") else "",
                 f"safeguarding {row['safeguarding']}" if row["safeguarding"] else "",
                 {True: "", False: "NO: documents and official data disagree", None: ""}[row["agrees"]],
                 f"document {row['document_id']}" if row["document_id"] else ""]
        out_line(f"  {row['inspection_start']:%Y-%m-%d}  {row['urn']:<8} {row['source']:<9} "
                 f"{(row['inspection_type'] or row['event'] or ''):<30.30}  {result}"
                 + "".join(f"; {n}" for n in notes if n))
    if not timeline:
        out_line("  none in the documents or the official data")


@app.command()
def reconcile(db: Optional[str] = typer.Option(None, "--db", help="DuckDB file.")) -> None:
    """How far the documents agree with the official record (import-official), field by field.

    Matched on URN at the time of inspection and the first day (a day either way, or within the official days); an
    inspection that several documents report is compared once per document. The rows are in the reconciliation view.

    Example: schoolpipe reconcile
    """
    from warehouse.official import agreement, imports

    con = _catalog_connection(db)
    try:
        known = imports(con)
        if not known:
            raise fail("no official data imported yet: schoolpipe import-official FILE "
                       "(Ofsted management information or GIAS CSV)")
        fields = agreement(con)
    finally:
        con.close()
    for kind, name, rows, when in known:
        out_line(f"{kind}: {name}, {rows:,} rows, imported {when:%Y-%m-%d %H:%M}")
    grid = Table(show_header=True, title="documents against the official record")
    for column in ("field", "agree", "disagree", "only documents", "only official", "agreement"):
        grid.add_column(column, justify="left" if column == "field" else "right", no_wrap=column == "field")
    for f in fields:
        grid.add_row(f.field, f"{f.agree:,}", f"{f.disagree:,}", f"{f.only_documents:,}", f"{f.only_official:,}",
                     "–" if f.agreement is None else f"{f.agreement:.3f}")
    out.print(grid)
    if not fields:
        out_line("no school is in both the documents and the official record (matched on URN)")
    else:
        out_line("the rows: schoolpipe query \"SELECT * FROM reconciliation WHERE outcome = 'disagree'\"")


@app.command()
def report(
    out_path: Path = typer.Option(Path("report.html"), "--out", help="The HTML file to write."),
    school: list[str] = typer.Option([], "--school", help="Add one school over time: a URN it has had, or words of its name. Repeatable."),
    trust: list[str] = typer.Option([], "--trust", help="Add a trust's schools over time: words of the trust's name. Repeatable."),
    db: Optional[str] = typer.Option(None, "--db", help="DuckDB file."),
) -> None:
    """Write one self-contained HTML page of charts that opens offline.

    Documents by status with their errors, grades by framework and area, inspections over time, the partnership network, the reconciliation with official data; with --school or --trust, a picture of that school or trust over time first.

    Example: schoolpipe report --out report.html --school 144322 --trust "Quillon Learning Trust"
    """
    from warehouse.query import WarehouseMissing, WarehouseUnusable
    from warehouse.report import write_report
    from warehouse.report_data import ChosenSchoolsMissing

    settings = _settings(db=db)
    try:
        written = write_report(settings.db, out_path, schools=tuple(school), trusts=tuple(trust))
    except ChosenSchoolsMissing as exc:
        raise fail(str(exc)) from None
    except (WarehouseMissing, WarehouseUnusable) as exc:
        raise fail(str(exc)) from None
    except OSError as exc:
        raise fail(f"cannot write {out_path} ({exc.strerror}); choose a path you can write to") from None
    out_line(f"report: {written.resolve()} ({written.stat().st_size / 1e6:.1f} MB)")


def _catalog_connection(db: str | None):
    from warehouse.query import WarehouseMissing, WarehouseUnusable, open_read_only

    settings = _settings(db=db)
    try:
        return open_read_only(settings.db)
    except (WarehouseMissing, WarehouseUnusable) as exc:
        raise fail(str(exc)) from None


def out_line(message: str) -> None:
    out.print(message, markup=False, highlight=False, soft_wrap=True)


def _plain(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    return value


def write_rows(columns: list[str], rows: list[tuple], format: Format) -> None:
    if format is Format.csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows([[_plain(v) for v in row] for row in rows])
    elif format is Format.json:
        sys.stdout.write(json.dumps([{c: _plain(v) for c, v in zip(columns, row)} for row in rows],
                                    ensure_ascii=False, default=str, indent=1) + "\n")
    elif format is Format.jsonl:  # one object a line, as DuckDB's jsonlines
        for row in rows:
            sys.stdout.write(json.dumps({c: _plain(v) for c, v in zip(columns, row)}, ensure_ascii=False, default=str) + "\n")
    elif format is Format.markdown:
        cell = lambda v: "NULL" if v is None else str(_plain(v)).replace("|", "\\|").replace("\n", " ")  # noqa: E731
        sys.stdout.write("| " + " | ".join(cell(c) for c in columns) + " |\n")
        sys.stdout.write("|" + "|".join("---" for _ in columns) + "|\n")
        for row in rows:
            sys.stdout.write("| " + " | ".join(cell(v) for v in row) + " |\n")
    else:
        table = Table(show_header=True)
        for column in columns:
            table.add_column(Text(column))
        for row in rows:  # Text: a value's brackets are never read as markup; NULL is not ''
            table.add_row(*[Text("NULL", style="dim") if v is None else Text(str(_plain(v))) for v in row])
        out.print(table)
        out.print(f"{len(rows)} row{'s' if len(rows) != 1 else ''}")


def main(warm: bool = True) -> None:
    """The `schoolpipe` command. `warm`: a command that starts Prefect is first offered to the warm
    runner of a `schoolpipe serve` (schoolpipe/warm_runner.py), which runs it without the imports."""
    if warm:
        from pipeline.timings import process_age
        from schoolpipe.warm_client import run_warm

        code = run_warm(sys.argv, process_age())
        if code is not None:
            sys.exit(code)
    from pipeline.interrupts import sigterm_interrupts

    with sigterm_interrupts():  # SIGTERM stops a run as Ctrl-C does, through every `finally`
        try:
            app()
        except Exception as exc:  # a fault nobody foresaw: one line, the traceback only when asked
            if os.environ.get("SCHOOLPIPE_DEBUG"):
                raise
            from pipeline.interrupts import is_interrupt

            if is_interrupt(exc):
                sys.exit(130)
            err.print("[red]error:[/red] " + escape(f"{type(exc).__name__}: {exc}".splitlines()[0][:500]) +
                      " (run again with --debug to see where, and please report it)", highlight=False)
            sys.exit(EXIT_ERROR)
