"""One settings object, read once at the entry point: defaults < config file < environment < flags."""
from __future__ import annotations

import dataclasses
import os
import tomllib
import typing
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DB = "warehouse/schoolpipe.duckdb"
CONFIG_FILE = "schoolpipe.toml"
ENV_PREFIX = "SCHOOLPIPE_"


class SettingsError(ValueError):
    """A bad setting: names the setting, the value and where it came from."""


@dataclass(frozen=True)
class Settings:
    db: str = DEFAULT_DB
    batch_size: int = 32          # documents per load transaction
    max_bytes: int = 200_000_000  # larger files are recorded as too_large
    max_pages: int = 2000         # longer PDFs are recorded as too_large
    workers: int = max(1, os.cpu_count() or 1)  # parse/extract worker processes
    doc_timeout: float = 300.0    # seconds one document may take before its worker is stopped
    worker_memory_mb: int = 3072  # address-space limit of a worker process
    max_decompressed_bytes: int = 300_000_000  # a PDF's streams may inflate to this much in all
    executor: str = "local"       # "local" (worker processes here) or "dask" (prefect-dask)
    dask_address: str = ""        # an existing Dask scheduler (tcp://host:8786); empty: a local cluster
    pdf_engine: str = "fast"      # "fast" (word boxes from PDFium) or "pdfplumber" (the slower reference)
    ocr: str = "auto"             # "auto": pages without a usable text layer are read by OCR when installed; "off"
    ocr_dpi: int = 200            # rendering resolution of a page for OCR
    publish_every: float = 240.0  # seconds between a long run's checkpoints (its work so far published to readers)
    checkpoint_documents: int = 0  # also a checkpoint every this many documents loaded; 0: by time only
    warehouse_memory_mb: int = 256  # DuckDB's memory limit for the run's writer (more spills to a temporary file)
    lock_wait: float = 1800.0     # seconds to wait for another run to finish writing
    query_timeout: float = 300.0  # seconds `schoolpipe query` may run one statement (0: no limit)
    report: str = ""              # an HTML report written after each run (run, refresh, reprocess); empty: none
    sources: str = "corpus/sources.toml"
    raw_dir: str = "corpus/raw"   # fetched documents, named by sha256
    contact: str = "https://github.com/schoolpipe"  # in the User-Agent, so site owners can reach us
    fetch_timeout: float = 30.0   # seconds one read may wait
    fetch_deadline: float = 300.0  # seconds one URL may take in all (retries and a slow body included)
    max_retry_after: float = 120.0  # the longest Retry-After (429, 503) a run waits for
    max_links: int = 2000         # links followed from one index page; more are reported and left
    fetch_retries: int = 3
    fetch_backoff: float = 1.0
    fetch_concurrency: int = 4    # downloads in flight in all
    host_concurrency: int = 2     # downloads in flight to one host
    host_delay: float = 1.0       # seconds between requests to one host
    ofsted_url: str = ""          # Ofsted's report site for "ofsted" sources; empty: corpus/ofsted_site.json's base_url


DEFAULTS = Settings()  # the one place defaults live: parsers and the fetcher take theirs from here
_TYPES = typing.get_type_hints(Settings)
_KINDS = {int: (int, "a whole number"), float: (float, "a number"), str: (str, "text")}


def _coerce(name: str, value, source: str):
    convert, described = _KINDS[_TYPES[name]]
    try:
        return convert(value)
    except (TypeError, ValueError) as exc:
        raise SettingsError(f"setting {name!r} from {source} must be {described}, got {value!r}") from exc


def load_settings(flags: dict | None = None, config_path: str | Path | None = None,
                  environ: dict | None = None) -> Settings:
    environ = os.environ if environ is None else environ
    names = {f.name for f in dataclasses.fields(Settings)}
    values: dict = {}
    path = Path(config_path or environ.get(ENV_PREFIX + "CONFIG") or CONFIG_FILE)
    if path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise SettingsError(f"{path} is not valid TOML: {exc}") from exc
        for key, value in data.get("schoolpipe", data).items():
            if key not in names:
                raise SettingsError(f"unknown setting {key!r} in {path}; known: {', '.join(sorted(names))}")
            values[key] = _coerce(key, value, str(path))
    for name in names:
        if ENV_PREFIX + name.upper() in environ:
            values[name] = _coerce(name, environ[ENV_PREFIX + name.upper()], f"${ENV_PREFIX}{name.upper()}")
    for name, value in (flags or {}).items():
        if value is not None:
            values[name] = _coerce(name, value, f"--{name.replace('_', '-')}")
    settings = Settings(**values)
    for name in ("batch_size", "max_bytes", "max_pages", "workers", "fetch_concurrency", "host_concurrency", "max_links",
                 "doc_timeout", "worker_memory_mb", "max_decompressed_bytes", "warehouse_memory_mb"):
        if getattr(settings, name) < 1:
            raise SettingsError(f"setting {name!r} must be at least 1, got {getattr(settings, name)}")
    if settings.executor not in ("local", "dask"):
        raise SettingsError(f"setting 'executor' must be 'local' or 'dask', got {settings.executor!r}")
    if settings.pdf_engine not in ("fast", "pdfplumber"):
        raise SettingsError(f"setting 'pdf_engine' must be 'fast' or 'pdfplumber', got {settings.pdf_engine!r}")
    if settings.ocr not in ("auto", "off"):
        raise SettingsError(f"setting 'ocr' must be 'auto' or 'off', got {settings.ocr!r}")
    if not 72 <= settings.ocr_dpi <= 600:
        raise SettingsError(f"setting 'ocr_dpi' must be between 72 and 600, got {settings.ocr_dpi}")
    for name in ("fetch_timeout", "fetch_deadline", "max_retry_after", "fetch_retries", "fetch_backoff", "host_delay", "publish_every", "lock_wait", "query_timeout"):
        if getattr(settings, name) < 0:
            raise SettingsError(f"setting {name!r} cannot be negative, got {getattr(settings, name)}")
    return settings


def user_agent(settings: Settings) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        own = version("schoolpipe")
    except PackageNotFoundError:
        own = "dev"
    return f"schoolpipe/{own} (+{settings.contact})"
