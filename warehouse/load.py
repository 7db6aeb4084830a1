"""Load document results in batches: one transaction per batch, replacing each document's rows."""
from __future__ import annotations

import dataclasses
import hashlib
import os
from pathlib import PurePath

import duckdb
import pyarrow as pa

from pipeline.models import DocumentResult, RunSummary, SourceDocument
from warehouse.partnership_ids import named_id
from warehouse.query import known_documents  # noqa: F401  (flows read it from here too)
from warehouse.transaction import transaction

# Table -> its columns, in the order of the record fields they come from.
DOCUMENT_COLUMNS = ("document_id", "uri", "file_name", "sha256", "size_bytes", "media_type", "kind", "page_count",
                    "status", "error", "parser_version", "extractor_version", "loaded_run_id", "processing_seconds",
                    "ocr_pages", "ocr_engine", "ocr_confidence")
# Child tables: table -> (Extraction attribute, id column, id prefix). Inspections come first.
CHILD_RECORDS = {
    "judgements": ("judgements", "judgement_id", "j"),
    "partnership_mentions": ("partnerships", "mention_id", "p"),
    "partnership_members": ("members", "member_id", "m"),
    "collaboration_activities": ("activities", "activity_id", "a"),
    "grade_mentions": ("grade_mentions", "grade_mention_id", "g"),
    "metrics": ("metrics", "metric_id", "x"),
}
CHILD_TABLES = ("inspections", *CHILD_RECORDS, "document_pages")


def partnership_id_for(document_id: str, key: str | None) -> str | None:
    """Named partnerships share an id across documents; an unnamed one ('~cluster') is its document's."""
    if key is None:
        return None
    if not key.startswith("~"):
        return named_id(key)  # until the publish resolves it across documents (warehouse/partnership_ids.py)
    return "u-" + hashlib.sha256(f"{document_id}{key}".encode()).hexdigest()[:16]


def inspection_id_for(document_id: str) -> str:
    return f"{document_id}:i1"


def document_row(result: DocumentResult, run_id: str) -> dict:
    source = result.source
    extraction = result.extraction
    return {
        "document_id": result.document_id,
        "uri": source.uri,
        "file_name": PurePath(source.uri.split("?")[0]).name,
        "sha256": source.sha256,
        "size_bytes": source.size_bytes,
        "media_type": result.media_type,
        "kind": extraction.kind if extraction else None,
        "page_count": result.page_count,
        "status": result.status,
        "error": result.error,
        "parser_version": result.parser_version,
        "extractor_version": result.extractor_version,
        "loaded_run_id": run_id,
        "processing_seconds": round(result.seconds, 4),
        "ocr_pages": sum(1 for c in result.page_ocr if c is not None),
        "ocr_engine": result.ocr_engine if _ocr_read(result) else None,
        "ocr_confidence": _mean_ocr(result),
    }


def _ocr_read(result: DocumentResult) -> bool:
    return any(c is not None for c in result.page_ocr)


def _mean_ocr(result: DocumentResult) -> float | None:
    found = [c for c in result.page_ocr if c is not None]
    return round(sum(found) / len(found), 4) if found else None


def _ocr_marks(result: DocumentResult, page: int | None) -> dict:
    """`ocr` and `ocr_confidence` of a row read from `page` (1-based)."""
    confidence = result.page_ocr[page - 1] if page and 0 < page <= len(result.page_ocr) else None
    return {"ocr": confidence is not None, "ocr_confidence": confidence}


def child_rows(result: DocumentResult) -> dict[str, list[dict]]:
    """The inspection and every other extracted row of one document, with stable ids."""
    rows: dict[str, list[dict]] = {table: [] for table in CHILD_TABLES}
    doc_id = result.document_id
    rows["document_pages"] = [{"page_id": f"{doc_id}:{n}", "document_id": doc_id, "page": n, "text": text,
                               **_ocr_marks(result, n)} for n, text in enumerate(result.page_texts, 1)]
    extraction = result.extraction
    if extraction is None:
        return rows
    version = extraction.extractor_version
    inspection_id = None
    if extraction.inspection is not None:
        inspection_id = inspection_id_for(doc_id)
        rows["inspections"].append({
            "inspection_id": inspection_id, "document_id": doc_id,
            **dataclasses.asdict(extraction.inspection), "extractor_version": version,
            "ocr": _ocr_read(result), "ocr_confidence": _mean_ocr(result),
        })
    for table, (attribute, id_column, prefix) in CHILD_RECORDS.items():
        for n, record in enumerate(getattr(extraction, attribute), 1):
            row = {id_column: f"{doc_id}:{prefix}{n}", "document_id": doc_id,
                   **dataclasses.asdict(record), "extractor_version": version}
            row.update(_ocr_marks(result, row.get("page")))
            if table == "judgements":
                row["inspection_id"] = inspection_id
            if "partnership_key" in row:
                row["partnership_id"] = partnership_id_for(doc_id, row["partnership_key"])
            rows[table].append(row)
    return rows


def arrow_table(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> pa.Table:
    """An Arrow table with the warehouse table's column names and types."""
    columns = con.execute(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
        [table],
    ).fetchall()
    types = {"VARCHAR": pa.string(), "INTEGER": pa.int32(), "BIGINT": pa.int64(), "DOUBLE": pa.float64(),
             "BOOLEAN": pa.bool_(), "DATE": pa.date32(), "TIMESTAMP": pa.timestamp("us")}
    arrays = {name: pa.array([row.get(name) for row in rows], type=types[dtype]) for name, dtype in columns}
    unknown = {key for row in rows for key in row} - set(arrays)
    if unknown:
        raise ValueError(f"records carry fields the {table} table lacks: {sorted(unknown)}")
    return pa.table(arrays)


def load_batch(con: duckdb.DuckDBPyConnection, results: list[DocumentResult], run_id: str,
               summary: RunSummary | None = None) -> None:
    """Replace every row of these documents in one transaction: all of the batch or none of it."""
    if not results:
        return
    documents = [document_row(r, run_id) for r in results]
    children: dict[str, list[dict]] = {table: [] for table in CHILD_TABLES}
    for result in results:
        for table, rows in child_rows(result).items():
            children[table].extend(rows)
    batch = {"documents": arrow_table(con, "documents", documents)}
    batch.update({table: arrow_table(con, table, rows) for table, rows in children.items()})
    ids = pa.table({"document_id": pa.array([r.document_id for r in results], pa.string())})
    with transaction(con):
        con.register("batch_ids", ids)
        for table in (*CHILD_TABLES, "documents"):
            con.execute(f"DELETE FROM {table} WHERE document_id IN (SELECT document_id FROM batch_ids)")
        for table in ("documents", *CHILD_TABLES):
            con.register("batch_rows", batch[table])
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM batch_rows")
            con.unregister("batch_rows")
        con.unregister("batch_ids")
    if summary is not None:
        summary.inspections += len(children["inspections"])
        summary.judgements += len(children["judgements"])
        summary.partnership_mentions += len(children["partnership_mentions"])


def stored_documents(con: duckdb.DuckDBPyConnection, store) -> tuple[list, list[tuple[str, str]]]:
    """Loaded documents whose bytes can be read again, from the raw store; a local file loaded
    before local files were kept there is read from its path if it still holds the same bytes.

    Returns the readable ones as SourceDocuments, and (uri, why) for those whose bytes are gone.
    Documents that were never read (a NULL sha256) have nothing to reprocess.
    """
    found, missing = [], []
    rows = con.execute("SELECT uri, sha256, size_bytes FROM documents WHERE sha256 IS NOT NULL ORDER BY uri")
    for uri, sha, size in rows.fetchall():
        if not store.has(sha) and os.path.isfile(uri):
            with open(uri, "rb") as handle:
                data = handle.read()
            if hashlib.sha256(data).hexdigest() != sha:
                missing.append((uri, "the file changed since it was loaded and its loaded bytes were not kept; "
                                     "load the new version with `schoolpipe run --corpus`"))
                continue
            store.put(data)
        if store.has(sha):
            found.append(SourceDocument(uri=uri, path=str(store.path_for(sha)), sha256=sha, size_bytes=size))
        else:
            missing.append((uri, "its bytes are neither in the raw store nor at its path; "
                                 "fetch it again with `schoolpipe refresh --url`"))
    return found, missing
