"""The whole pipeline over scans of real Ofsted PDFs (the samples, and the first pages of some
local-authority reports from ../shared/real/ilacs), made here: each page rendered to an image and
bound again, and two re-set in a font whose text mapping is then removed (compared with the same
re-set PDF with its mapping). Both warehouses are compared
document by document: kind, name, URN, dates, overall grade and every judgement must agree with
the text-layer result at least 95% of the time, and every value from an OCR page is marked."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from benchmarks.scans import first_pages, image_only, unmapped_font
from schoolpipe.cli import app

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
FIELDS = ("kind", "school_name", "urn", "inspection_start", "inspection_end", "overall_effectiveness")
pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]


def originals() -> dict[str, bytes]:
    found = {p.name: p.read_bytes() for p in sorted((SHARED / "samples").glob("*.pdf"))}
    reports = [p for p in sorted((SHARED / "real" / "ilacs" / "docs").glob("*.pdf")) if p.read_bytes()[:5] == b"%PDF-"]
    for path in reports[5::40]:  # six councils, 2013 to 2026, spread through the folder's order
        found[path.name] = first_pages(path.read_bytes(), 4)
    return found


@pytest.fixture(scope="module")
def warehouses(tmp_path_factory, prefect_server):
    root = tmp_path_factory.mktemp("ocr")
    text, scans = root / "text", root / "scans"
    text.mkdir()
    scans.mkdir()
    docs = originals()
    assert len(docs) >= 8, "../shared/samples and ../shared/real/ilacs are needed"
    for name, data in docs.items():
        (text / name).write_bytes(data)
        (scans / name).write_bytes(image_only(data, dpi=150))
    for name in (sorted(n for n in docs if n.startswith("ofsted-"))[:1] + sorted(n for n in docs if n[0].isdigit())[:1]):
        (text / f"unmapped-{name}").write_bytes(unmapped_font(docs[name], pages=4, keep_mapping=True))
        (scans / f"unmapped-{name}").write_bytes(unmapped_font(docs[name], pages=4))
    dbs = {}
    for label, folder in (("text", text), ("scans", scans)):
        db = root / f"{label}.duckdb"
        result = CliRunner().invoke(app, ["run", "--corpus", str(folder), "--db", str(db)])
        assert result.exit_code == 0, result.output
        dbs[label] = db
    return dbs


def read(db: Path) -> tuple[dict, dict]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        fields = {row[0]: row[1:] for row in con.execute(
            f"SELECT d.file_name, {', '.join('d.kind' if f == 'kind' else 'i.' + f for f in FIELDS)} "
            "FROM documents d LEFT JOIN inspections i USING (document_id)").fetchall()}
        judgements: dict[str, set] = {}
        for name, area, grade in con.execute("SELECT d.file_name, j.area_key, j.grade FROM judgements j "
                                             "JOIN documents d USING (document_id)").fetchall():
            judgements.setdefault(name, set()).add((area, grade))
        return fields, judgements
    finally:
        con.close()


def test_scans_agree_with_the_text_layer(warehouses):
    text_fields, text_judgements = read(warehouses["text"])
    scan_fields, scan_judgements = read(warehouses["scans"])
    assert set(text_fields) == set(scan_fields)
    pairs = [(name, f, a, b) for name in text_fields for f, a, b in zip(FIELDS, text_fields[name], scan_fields[name])]
    disagree = [p for p in pairs if p[2] != p[3]]
    assert 1 - len(disagree) / len(pairs) >= 0.95, disagree
    wanted = sum(len(v) for v in text_judgements.values())
    found = sum(len(text_judgements[n] & scan_judgements.get(n, set())) for n in text_judgements)
    invented = sum(len(scan_judgements[n] - text_judgements.get(n, set())) for n in scan_judgements)
    assert wanted >= 30 and found / wanted >= 0.95 and invented / max(1, found) <= 0.05


def test_every_value_from_an_ocr_page_is_marked(warehouses):
    con = duckdb.connect(str(warehouses["scans"]), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM documents WHERE status = 'ok' AND ocr_pages <> page_count").fetchone()[0] == 0
        assert con.execute("SELECT bool_and(ocr_engine LIKE 'tesseract %' AND ocr_confidence BETWEEN 0.5 AND 1) "
                           "FROM documents").fetchone()[0]
        for table in ("judgements", "document_pages"):
            marked = con.execute(f"SELECT count(*), count(*) FILTER (ocr AND ocr_confidence BETWEEN 0 AND 1) "
                                 f"FROM {table}").fetchone()
            assert marked[0] > 0 and marked[0] == marked[1], table
        assert con.execute("SELECT bool_and(ocr) FROM inspections").fetchone()[0]
    finally:
        con.close()
    con = duckdb.connect(str(warehouses["text"]), read_only=True)
    try:
        assert con.execute("SELECT sum(ocr_pages) FROM documents").fetchone()[0] == 0
        assert con.execute("SELECT count(*) FILTER (ocr) FROM judgements").fetchone()[0] == 0
    finally:
        con.close()
