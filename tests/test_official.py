"""Official data: Ofsted management information and GIAS CSVs as published (Windows-1252, title rows,
header wordings of several releases), imports that replace their kind, and the reconciliation of
the documents with the official record. Every file here is written by the test; names are invented."""
from __future__ import annotations

import csv
import datetime as dt
import io

import duckdb
import pytest
from typer.testing import CliRunner

from pipeline.official_csv import OfficialFileError, grade_word, read_official_csv
from schoolpipe.cli import app
from warehouse.migrate import apply_migrations
from warehouse.official import agreement, import_official

LATEST_HEADER = ["URN", "LAESTAB", "School name", "Ofsted phase", "Type of education", "Local authority", "Postcode",
                 "Inspection number of latest full inspection", "Inspection type", "Inspection start date",
                 "Inspection end date", "Publication date", "URN at time of latest full inspection",
                 "Category of concern", "Latest OEIF overall effectiveness", "Latest OEIF quality of education",
                 "Latest OEIF  safeguarding is effective?"]  # the double space is as published
GIAS_HEADER = ["URN", "LA (code)", "LA (name)", "EstablishmentNumber", "EstablishmentName",
               "TypeOfEstablishment (name)", "EstablishmentStatus (name)", "OpenDate", "CloseDate",
               "PhaseOfEducation (name)", "Trusts (name)", "Postcode"]


def csv_bytes(rows: list[list[str]], encoding: str = "cp1252") -> bytes:
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    return text.getvalue().encode(encoding)


def latest_row(urn, start, end="", overall="", quality="", category="", safe="Yes", urn_then="", name="Quillon Park School"):
    return [urn, "9991234", name, "Primary", "Community school", "Nowhereshire", "ZZ1 1ZZ", "ITS555", "S5 Inspection",
            start, end, "", urn_then, category, overall, quality, safe]


def test_latest_file_in_windows_1252_below_a_title_row():
    data = csv_bytes([["State-funded schools – latest inspections as at 31 October 2026"], [], LATEST_HEADER,
                      latest_row("190001", "07/02/2011", "08/02/2011", overall="3", name="Quillon Park – A Language School"),
                      latest_row("190002", "2019-05-14", overall="3", quality="2", category="SWK", safe="No"),
                      latest_row("190003", "", overall="9"),  # never inspected: no key, left out
                      latest_row("190004", "03/03/2023", overall="1", urn_then="180004")])
    got = read_official_csv(data, "latest.csv")
    assert got.kind == "ofsted_latest" and got.skipped == 1 and str(got.release_date) == "2026-10-31"
    first, second, converted = got.rows
    assert first["school_name"] == "Quillon Park – A Language School"  # the en dash of cp1252 0x96
    assert first["inspection_start"] == dt.date(2011, 2, 7) and first["inspection_end"] == dt.date(2011, 2, 8)
    assert first["overall_effectiveness"] == "Satisfactory"  # grade 3 before September 2012
    assert second["overall_effectiveness"] == "Requires improvement"
    assert second["category_of_concern"] == "serious_weaknesses" and second["safeguarding"] == "Not effective"
    assert first["category_of_concern"] == "none" and first["safeguarding"] == "Effective"
    assert converted["urn"] == "180004" and converted["current_urn"] == "190004"  # keyed on the URN of the time
    assert {(j["urn"], j["area_key"], j["grade"]) for j in got.judgements} == {
        ("190001", "overall_effectiveness", "Satisfactory"), ("190002", "overall_effectiveness", "Requires improvement"),
        ("190002", "quality_of_education", "Good"), ("180004", "overall_effectiveness", "Outstanding")}


def test_older_header_wordings_and_a_history_file_are_recognised():
    older = ["URN", "School name", "Inspection start date", "Inspection end date", "Overall effectiveness",
             "Outcomes for pupils", "Date of latest section 8 inspection"]
    got = read_official_csv(csv_bytes([older, ["190010", "Quillon", "12/10/2016", "13/10/2016", "2", "2", ""]]))
    assert got.kind == "ofsted_latest"
    assert {j["area_key"] for j in got.judgements} == {"overall_effectiveness", "outcomes"}
    history = ["URN", "School name", "Inspection number", "Inspection start date", "First published date",
               "Overall effectiveness", "Category", "How well do pupils achieve", "Behaviour and safety of pupils"]
    got = read_official_csv(csv_bytes([history, ["190011", "Quillon", "ITS1", "20/06/2008", "20/07/2008", "4", "NTI", "3", "4"]]))
    assert got.kind == "ofsted_history"
    row = got.rows[0]
    assert row["category_of_concern"] == "notice_to_improve" and row["publication_date"] == dt.date(2008, 7, 20)
    assert {(j["area_key"], j["grade"]) for j in got.judgements} == {
        ("overall_effectiveness", "Inadequate"), ("achievement", "Satisfactory"), ("behaviour_and_safety", "Inadequate")}


def test_gias_in_utf8_with_a_byte_order_mark():
    data = b"\xef\xbb\xbf" + csv_bytes([GIAS_HEADER, ["190020", "999", "Nowhereshire", "1234", "Ashgrove St Æthel’s",
                                                     "Academy converter", "Open", "01/09/2015", "", "Primary",
                                                     "Farthing Trust", "ZZ9 9ZZ"]], "utf-8")
    got = read_official_csv(data, "edubasealldata.csv")
    assert got.kind == "gias"
    assert got.rows[0]["school_name"] == "Ashgrove St Æthel’s" and got.rows[0]["open_date"] == dt.date(2015, 9, 1)


def test_a_file_that_is_neither_says_what_to_give():
    with pytest.raises(OfficialFileError, match="no header row with a URN column"):
        read_official_csv(csv_bytes([["name", "grade"], ["x", "1"]]), "grades.csv")
    with pytest.raises(OfficialFileError, match="neither GIAS"):
        read_official_csv(csv_bytes([["URN", "name"], ["190001", "x"]]), "urns.csv")


@pytest.mark.parametrize(("value", "start", "word"), [
    ("1", dt.date(2010, 1, 1), "Outstanding"), ("3", dt.date(2012, 8, 31), "Satisfactory"),
    ("3", dt.date(2012, 9, 1), "Requires improvement"), ("9", None, None), ("Not judged", None, None),
    ("STRONG STANDARD", None, "Strong standard"), ("", None, None)])
def test_grade_words(value, start, word):
    assert grade_word(value, start) == word


@pytest.fixture
def warehouse():
    con = duckdb.connect()
    apply_migrations(con)
    docs = [("d1", "190001", "2011-02-07", "2011-02-08", "Good", False, "Effective"),
            ("d2", "190002", "2019-05-14", "2019-05-15", "Good", False, "Effective"),
            ("d3", "190002", "2015-03-01", None, "Good", False, None),      # not in the latest file
            ("d4", "170000", "2016-01-01", None, "Good", False, None)]      # a school the file does not know
    for doc, urn, start, end, overall, sm, safe in docs:
        con.execute("INSERT INTO documents (document_id, uri, sha256, status) VALUES (?, ?, 'x', 'ok')", [doc, doc])
        con.execute("INSERT INTO inspections (inspection_id, document_id, urn, inspection_start, inspection_end, "
                    "remit, overall_effectiveness, special_measures, serious_weaknesses, notice_to_improve, "
                    "safeguarding) VALUES (?, ?, ?, ?, ?, 'school', ?, ?, false, false, ?)",
                    [f"{doc}:i1", doc, urn, start, end, overall, sm, safe])
    for doc, area, grade, score in [("d2", "quality_of_education", "Good", 2), ("d2", "outcomes", "Good", 2)]:
        con.execute("INSERT INTO judgements (judgement_id, document_id, inspection_id, area, area_key, grade, "
                    "grade_score) VALUES (?, ?, ?, ?, ?, ?, ?)", [f"{doc}:{area}", doc, f"{doc}:i1", area, area, grade, score])
    yield con
    con.close()


def test_reconciliation_field_by_field(warehouse):
    data = csv_bytes([LATEST_HEADER,
                      latest_row("190001", "07/02/2011", "08/02/2011", overall="2"),
                      latest_row("190002", "14/05/2019", "15/05/2019", overall="3", quality="2", category="SWK"),
                      latest_row("190003", "01/01/2020", overall="1")])  # a school with no document
    import_official(warehouse, read_official_csv(data), "latest.csv", "sha")
    got = {(urn, str(start), field): (outcome, doc, off) for urn, start, field, outcome, doc, off in warehouse.execute(
        "SELECT urn, inspection_start, field, outcome, document_value, official_value FROM reconciliation").fetchall()}
    assert got[("190001", "2011-02-07", "overall_effectiveness")] == ("agree", "Good", "Good")
    assert got[("190002", "2019-05-14", "overall_effectiveness")] == ("disagree", "Good", "Requires improvement")
    assert got[("190002", "2019-05-14", "category_of_concern")] == ("disagree", "none", "serious_weaknesses")
    assert got[("190002", "2019-05-14", "quality_of_education")] == ("agree", "Good", "Good")
    assert got[("190002", "2015-03-01", "inspection")][0] == "only_documents"  # the file has only the latest
    assert got[("190001", "2011-02-07", "inspection_end")][0] == "agree"
    assert ("190002", "2019-05-14", "outcomes") not in got  # an area the file never grades is not a miss
    assert not [k for k in got if k[0] in {"170000", "190003"}]  # schools only one side knows are not compared
    counts = {f.field: f for f in agreement(warehouse)}
    assert counts["overall_effectiveness"].agreement == 0.5
    assert counts["inspection"].agree == 2 and counts["inspection"].only_documents == 1


def test_a_document_dated_a_day_off_the_official_record_is_the_same_inspection(warehouse):
    data = csv_bytes([LATEST_HEADER,
                      latest_row("190001", "06/02/2011", "08/02/2011", overall="2"),   # the document says 7 February
                      latest_row("190002", "12/05/2019", "13/05/2019", overall="3")])  # two days before: another visit
    import_official(warehouse, read_official_csv(data), "latest.csv", "sha")
    got = {(urn, str(start), field): (outcome, doc, off) for urn, start, field, outcome, doc, off in warehouse.execute(
        "SELECT urn, inspection_start, field, outcome, document_value, official_value FROM reconciliation").fetchall()}
    assert got[("190001", "2011-02-07", "inspection")] == ("disagree", "2011-02-07", "2011-02-06")
    assert got[("190001", "2011-02-07", "overall_effectiveness")] == ("agree", "Good", "Good")
    assert got[("190002", "2019-05-14", "inspection")][0] == "only_documents"
    assert got[("190002", "2019-05-12", "inspection")][0] == "only_official"
    history = warehouse.execute("SELECT urn, inspection_start::VARCHAR, source FROM school_history "
                                "WHERE urn IN ('190001', '190002') ORDER BY ALL").fetchall()
    assert history == [("190001", "2011-02-07", "both"), ("190002", "2015-03-01", "documents"),
                       ("190002", "2019-05-12", "official"), ("190002", "2019-05-14", "documents")]


def test_releases_live_side_by_side_and_the_newest_value_wins(warehouse):
    first = csv_bytes([["Latest inspections as at 31 March 2026"], LATEST_HEADER,
                       latest_row("190001", "07/02/2011", overall="2"), latest_row("190002", "14/05/2019", overall="2")])
    import_official(warehouse, read_official_csv(first, "a.csv"), "a.csv", "1")
    gias = csv_bytes([GIAS_HEADER, ["190001", "999", "Nowhereshire", "1234", "Quillon Park", "Community school", "Open",
                                    "", "", "Primary", "", ""]])
    import_official(warehouse, read_official_csv(gias), "g.csv", "2")
    newer = csv_bytes([LATEST_HEADER, latest_row("190001", "07/02/2011", overall="1")])
    again = import_official(warehouse, read_official_csv(newer, "latest_2026-04-30.csv"), "latest_2026-04-30.csv", "3")
    assert again.rows == 1 and again.new == 0 and str(again.release_date) == "2026-04-30"
    got = dict(warehouse.execute("SELECT urn, overall_effectiveness FROM official_inspections").fetchall())
    assert got == {"190001": "Outstanding", "190002": "Good"}  # the older release's other school is kept
    assert warehouse.execute("SELECT releases FROM official_inspections WHERE urn = '190001'").fetchone()[0] == 2
    assert warehouse.execute("SELECT count(*) FROM official_judgements").fetchone()[0] == 2
    assert warehouse.execute("SELECT count(*) FROM official_schools").fetchone()[0] == 1  # GIAS kept
    older = csv_bytes([LATEST_HEADER, latest_row("190001", "07/02/2011", overall="3")])
    import_official(warehouse, read_official_csv(older, "x.csv"), "x.csv", "4", as_at=dt.date(2020, 1, 1))
    assert warehouse.execute("SELECT overall_effectiveness FROM official_inspections WHERE urn = '190001'").fetchone()[0] \
        == "Outstanding"  # a release older than the one holding the value does not override it
    assert warehouse.execute("SELECT source_kind, file_name FROM official_imports ORDER BY release_date").fetchall() == [
        ("ofsted_latest", "x.csv"), ("ofsted_latest", "a.csv"), ("ofsted_latest", "latest_2026-04-30.csv"), ("gias", "g.csv")]
    assert import_official(warehouse, read_official_csv(newer), "copy.csv", "3").already  # the same bytes again


def test_gias_fills_what_the_document_lacks(warehouse):
    gias = csv_bytes([GIAS_HEADER, ["190001", "999", "Nowhereshire", "1234", "Quillon Park", "Academy converter", "Open",
                                    "", "", "Primary", "Farthing Trust", "ZZ1 1ZZ"]])
    import_official(warehouse, read_official_csv(gias), "g.csv", "2")
    row = warehouse.execute("SELECT school_name, phase, school_type, trust, postcode, from_gias FROM school_details "
                            "WHERE urn = '190001'").fetchone()
    assert row == ("Quillon Park", "Primary", "Academy converter", "Farthing Trust", "ZZ1 1ZZ",
                   ["school_name", "phase", "school_type", "local_authority", "trust", "postcode"])
    assert warehouse.execute("SELECT from_gias FROM school_details WHERE urn = '170000'").fetchone()[0] == []


def test_import_official_and_reconcile_commands(tmp_path):
    db = tmp_path / "w.duckdb"
    con = duckdb.connect(str(db))
    apply_migrations(con)
    con.execute("INSERT INTO inspections (inspection_id, document_id, urn, inspection_start, remit, overall_effectiveness, "
                "special_measures, serious_weaknesses, notice_to_improve) "
                "VALUES ('d1:i1', 'd1', '190001', DATE '2011-02-07', 'school', 'Good', false, false, false)")
    con.close()
    runner = CliRunner()
    assert "no official data imported yet" in runner.invoke(app, ["reconcile", "--db", str(db)]).output
    latest = tmp_path / "latest.csv"
    latest.write_bytes(csv_bytes([LATEST_HEADER, latest_row("190001", "07/02/2011", overall="2")]))
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"nothing,here\n1,2\n")
    result = runner.invoke(app, ["import-official", str(latest), str(bad), "--db", str(db)])
    assert result.exit_code == 1 and "bad.csv: no header row" in result.output
    assert "no official data imported yet" in runner.invoke(app, ["reconcile", "--db", str(db)]).output  # nothing half-done
    result = runner.invoke(app, ["import-official", str(latest), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "latest.csv: Ofsted management information, latest inspections (ofsted_latest), 1 row" in result.output
    again = runner.invoke(app, ["import-official", str(latest), "--db", str(db)])
    assert again.exit_code == 0 and "already imported" in again.output
    result = runner.invoke(app, ["reconcile", "--db", str(db)])
    assert result.exit_code == 0, result.output
    line = next(ln for ln in result.output.splitlines() if "overall_effectiveness" in ln)
    assert line.split("│")[2].strip() == "1" and "1.000" in line
