"""Exports for analysts: every table and analyst view as Parquet or CSV files, read from the
published warehouse (a consistent snapshot, whatever a run is writing meanwhile)."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import duckdb

from warehouse.catalog import relations
from warehouse.query import WarehouseMissing, check_warehouse_file

FORMATS = {"parquet": "(FORMAT parquet, COMPRESSION zstd)", "csv": "(FORMAT csv, HEADER true)"}


class ExportError(Exception):
    """The export cannot be made; the message says what to do."""


@dataclass(frozen=True)
class Exported:
    name: str
    path: Path
    rows: int


def export(db: str | Path, out: str | Path, format: str = "parquet", only: list[str] | None = None,
           report=None) -> list[Exported]:
    """Write each relation to OUT/<name>.<format>; `report(Exported)` is told of each as it lands."""
    db, out = Path(db), Path(out)
    if format not in FORMATS:
        raise ExportError(f"unknown format {format!r}: use one of {', '.join(FORMATS)}")
    if not db.exists():
        raise WarehouseMissing(f"no warehouse at {db}: build one first with `schoolpipe run --corpus DIR --db {db}`")
    check_warehouse_file(db)
    out.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(db), read_only=True)  # a snapshot: a publish meanwhile changes nothing here
    try:
        known = [name for name, _, _ in relations(con)]
        names = known if not only else only
        unknown = [n for n in names if n not in known]
        if unknown:
            raise ExportError(f"no table or view named {', '.join(unknown)}; known: {', '.join(known)}")
        done = []
        for name in names:
            target = out / f"{name}.{format}"
            incoming = out / f".{name}.{format}.incoming"
            con.execute(f'COPY (SELECT * FROM "{name}") TO \'{_sql_path(incoming)}\' {FORMATS[format]}')
            os.replace(incoming, target)  # a reader of OUT never sees half a file
            rows = con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
            done.append(Exported(name, target, rows))
            if report is not None:
                report(done[-1])
        return done
    finally:
        con.close()


def _sql_path(path: Path) -> str:
    return str(path.resolve()).replace("'", "''")
