"""Full-text search over page text with DuckDB's FTS extension, loaded from the file the
`duckdb-extension-fts` package ships (nothing is downloaded at run time)."""
from __future__ import annotations

from functools import cache
from pathlib import Path

import duckdb

INDEXED = ("document_pages", "page_id", "text")
MATCH = "fts_main_document_pages.match_bm25"


class SearchUnavailable(Exception):
    """The FTS extension file is missing; the message says how to install it."""


@cache
def extension_path() -> Path:
    try:
        import duckdb_extension_fts
    except ImportError as exc:
        raise SearchUnavailable("full-text search needs the duckdb-extension-fts package: "
                                "pip install duckdb-extension-fts==" + duckdb.__version__) from exc
    path = (Path(duckdb_extension_fts.__file__).parent / "extensions" / f"v{duckdb.__version__}"
            / "fts.duckdb_extension")
    if not path.is_file():
        raise SearchUnavailable(f"no FTS extension for DuckDB {duckdb.__version__} at {path}; "
                                f"install duckdb-extension-fts=={duckdb.__version__}")
    return path


def load_fts(con: duckdb.DuckDBPyConnection) -> None:
    """LOAD the packaged extension (before any setting turns file access off)."""
    con.execute(f"LOAD '{str(extension_path()).replace(chr(39), chr(39) * 2)}'")


def build_page_index(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)build the BM25 index over document_pages: English stemming and stop words."""
    load_fts(con)
    table, key, column = INDEXED
    con.execute(f"PRAGMA create_fts_index('{table}', '{key}', '{column}', stemmer = 'porter', "
                "stopwords = 'english', overwrite = 1)")


def has_page_index(con: duckdb.DuckDBPyConnection) -> bool:
    return bool(con.execute("SELECT count(*) FROM duckdb_schemas() WHERE schema_name = 'fts_main_document_pages'")
                .fetchone()[0])
