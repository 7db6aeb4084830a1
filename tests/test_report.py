"""The HTML report: written after a run when configured, from a real warehouse with official data
imported, and opened in a real headless Chromium with the network cut off: it loads without
errors and every chart is drawn."""
from __future__ import annotations

import csv
import io

import duckdb
import pytest
from typer.testing import CliRunner

from schoolpipe.cli import app
from tests.browser import browser_missing, open_page

runner = CliRunner()
pytestmark = pytest.mark.timeout(300)


@pytest.fixture(scope="module")
def reported(tmp_path_factory, prefect_server):
    """A demo-corpus warehouse, its report written by the run itself, then official data that agrees
    with it but for one grade, and the report written again by `schoolpipe report`."""
    folder = tmp_path_factory.mktemp("report")
    db, page = folder / "w.duckdb", folder / "after-run.html"
    result = runner.invoke(app, ["run", "--corpus", "corpus/demo", "--db", str(db), "--report", str(page)])
    assert result.exit_code == 0, result.output
    assert f"report: {page.resolve()}" in result.output.splitlines()[-1]
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("SELECT urn, strftime(inspection_start, '%d/%m/%Y'), overall_effectiveness FROM inspections "
                       "WHERE remit = 'school' AND urn IS NOT NULL AND inspection_start IS NOT NULL "
                       "AND overall_effectiveness IS NOT NULL ORDER BY urn").fetchall()
    con.close()
    assert len(rows) >= 2
    digits = {"Outstanding": "1", "Good": "2", "Requires improvement": "3", "Satisfactory": "3", "Inadequate": "4"}
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(["URN", "School name", "Inspection start date", "Latest OEIF overall effectiveness"])
    for n, (urn, start, overall) in enumerate(rows):
        grade = digits[overall] if n else ("4" if overall != "Inadequate" else "1")  # the first disagrees
        writer.writerow([urn, "Invented name", start, grade])
    official = folder / "latest.csv"
    official.write_bytes(text.getvalue().encode("cp1252"))
    assert runner.invoke(app, ["import-official", str(official), "--db", str(db)]).exit_code == 0
    full = folder / "report.html"
    result = runner.invoke(app, ["report", "--out", str(full), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db, page, full, len(rows)


def test_the_report_is_one_file_that_needs_nothing_from_outside(reported):
    _, after_run, full, _ = reported
    for page in (after_run, full):
        text = page.read_text(encoding="utf-8")
        assert "<script src=" not in text and "<link " not in text  # plotly.js is inside; the browser test runs offline
        assert text.count("Plotly.newPlot") == text.count("class=chart")
    assert "no official data imported" in after_run.read_text(encoding="utf-8")


def test_every_chart_is_drawn_in_a_real_browser_without_errors(reported):
    missing = browser_missing()
    assert missing is None, missing
    _, _, full, _ = reported
    check = open_page(full)
    assert check.errors == []
    assert set(check.charts) >= {"documents-by-status", "documents-by-kind", "overall-by-framework", "grades-ofsted",
                                 "inspections-by-year", "partnership-network", "reconciliation"}
    undrawn = [name for name, marks in check.charts.items() if marks == 0]
    assert undrawn == []


def test_the_browser_check_catches_a_broken_page(tmp_path):
    missing = browser_missing()
    assert missing is None, missing
    page = tmp_path / "broken.html"
    page.write_text("<html><body><div class=chart data-chart='nothing'></div>"
                    "<script>undefinedFunction()</script></body></html>", encoding="utf-8")
    check = open_page(page, wait_seconds=3)
    assert check.charts == {"nothing": 0}
    assert any("undefinedFunction" in e for e in check.errors)


def test_the_reconciliation_in_the_report_counts_the_disagreement(reported):
    db, _, full, compared = reported
    result = runner.invoke(app, ["reconcile", "--db", str(db)])
    line = next(ln for ln in result.output.splitlines() if "overall_effectiveness" in ln)
    cells = [c.strip() for c in line.split("│")]
    assert cells[2:4] == [f"{compared - 1:,}", "1"]
    assert "Reconciliation with official data" in full.read_text(encoding="utf-8")


def test_report_without_a_warehouse_says_how_to_make_one(tmp_path):
    result = runner.invoke(app, ["report", "--out", str(tmp_path / "r.html"), "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1 and "build one first" in result.output


def test_the_partnership_network_names_its_partnerships_on_the_page(reported):
    missing = browser_missing()
    assert missing is None, missing
    db, _, full, _ = reported
    con = duckdb.connect(str(db), read_only=True)
    try:
        partnerships = {p for (p,) in con.execute(
            "SELECT DISTINCT partnership_name FROM partnership_network WHERE school_name IS NOT NULL").fetchall()}
    finally:
        con.close()
    labels = open_page(full).labels["partnership-network"]
    assert partnerships and {name for name in partnerships if len(name) <= 32} <= set(labels)


def test_one_school_and_one_trust_over_time(reported, tmp_path):
    missing = browser_missing()
    assert missing is None, missing
    source, _, _, _ = reported
    db = tmp_path / "w.duckdb"
    db.write_bytes(source.read_bytes())  # the module's warehouse stays as it was
    con = duckdb.connect(str(db), read_only=True)
    urns = [u for (u,) in con.execute("SELECT DISTINCT urn FROM inspections WHERE remit = 'school' AND urn IS NOT NULL "
                                      "AND inspection_start IS NOT NULL ORDER BY urn").fetchall()]
    con.close()
    register = io.StringIO()  # a register that puts two of the schools in one trust, printed two ways
    writer = csv.writer(register)
    writer.writerow(["URN", "EstablishmentName", "TypeOfEstablishment (name)", "EstablishmentStatus (name)",
                     "Trusts (name)", "Postcode"])
    writer.writerow([urns[0], "Quillon Primary", "Academy converter", "Open", "QUILLON VALE LEARNING TRUST", ""])
    writer.writerow([urns[1], "Farthing Academy", "Academy converter", "Open", "Quillon Vale Learning Trust", ""])
    (tmp_path / "gias.csv").write_text(register.getvalue(), encoding="utf-8")
    trusts = io.StringIO()  # the trust's own list of its schools, in the DfE performance tables' layout
    writer = csv.writer(trusts)
    writer.writerow(["time_period", "trust_id", "trust_name", "trust_uid", "establishment_type_group", "urns"])
    writer.writerow(["202425", "TR09999", "Quillon Vale Learning Trust", "9999", "Multi-academy trust", urns[2]])
    (tmp_path / "trusts.csv").write_text(trusts.getvalue(), encoding="utf-8")
    for name in ("gias.csv", "trusts.csv"):
        result = runner.invoke(app, ["import-official", str(tmp_path / name), "--db", str(db)])
        assert result.exit_code == 0, result.output
    page = tmp_path / "one.html"
    result = runner.invoke(app, ["report", "--out", str(page), "--db", str(db), "--school", urns[0],
                                 "--trust", "quillon vale"])
    assert result.exit_code == 0, result.output
    text = page.read_text(encoding="utf-8")
    assert "<h2>Quillon Primary over time</h2>" in text and "Quillon Vale Learning Trust over time</h2>" in text
    assert "3 schools of the trust today, 3 with an inspection on record" in text
    assert text.count("<tr><td>Quillon Primary (") >= 2 and "<tr><td>Farthing Academy (" in text  # in both pictures
    check = open_page(page)
    assert check.errors == [] and check.charts["timeline-0"] > 0 and check.charts["timeline-1"] > 0
    for asked, words in ((["--school", "no such school at all"], "no school"), (["--trust", "learning nowhere"], "no trust")):
        result = runner.invoke(app, ["report", "--out", str(tmp_path / "x.html"), "--db", str(db), *asked])
        assert result.exit_code == 1 and words in result.output and not (tmp_path / "x.html").exists()
