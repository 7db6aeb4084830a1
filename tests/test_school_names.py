"""Resolving a school named in text to its URN: keys that fold how documents write names, and a
resolver that answers only when one school clearly fits. Records here are invented."""
from __future__ import annotations

import pytest

from pipeline.school_names import SchoolIndex, SchoolRecord, name_key


@pytest.mark.parametrize(("a", "b"), [
    ("St Mary's Church of England Primary School", "Saint Marys C of E Primary"),
    ("The Quillon & Farthing Academy", "Quillon and Farthing Academy"),
    ("St. Aidan’s CofE Junior School", "St Aidans CE Junior"),
    ("Holy Cross Roman Catholic High School", "Holy Cross RC High School"),
])
def test_keys_fold_the_ways_documents_write_names(a, b):
    assert name_key(a) == name_key(b)


def test_keys_keep_what_tells_schools_apart():
    assert name_key("Quillon Infant School") != name_key("Quillon Junior School")
    assert name_key("Quillon Academy") != name_key("Quillon Primary School")


@pytest.fixture
def index() -> SchoolIndex:
    return SchoolIndex([
        SchoolRecord("190001", ["St Mary's Church of England Primary School"], "ZZ1 1AA", ["Quillbury"]),
        SchoolRecord("190002", ["St Mary's Church of England Primary School"], "ZZ9 9ZZ", ["Farthingham"]),
        SchoolRecord("190003", ["Quillbury Academy", "Quillbury High School"], "ZZ1 2BB", ["Quillbury"]),
        SchoolRecord("190004", ["Quillbury Infant School"], "ZZ1 3CC", ["Quillbury"]),
        SchoolRecord("190005", ["Quillbury Junior School"], "ZZ1 3CD", ["Quillbury"]),
        SchoolRecord("180003", ["Quillbury High School"], "ZZ1 2BB", ["Quillbury"]),
    ], chain_of={"180003": "180003", "190003": "180003"})


def test_a_shared_name_resolves_only_with_its_place(index):
    assert index.resolve("Saint Mary's C of E Primary").urn is None
    assert index.resolve("Saint Mary's C of E Primary", town="Farthingham").urn == "190002"
    assert index.resolve("St Marys CE Primary School", postcode="zz1 1aa").urn == "190001"


def test_a_former_name_finds_the_school_today(index):
    assert index.resolve("The Quillbury High School", town="Quillbury").urn == "180003"  # today's name of that URN
    assert index.resolve("Quillbury Academy", town="Quillbury").urn == "190003"


def test_near_names_resolve_only_with_a_clear_lead(index):
    assert index.resolve("Quillbury Infants School", town="Quillbury").urn == "190004"
    assert index.resolve("Quillbury School", town="Quillbury").urn is None  # infant, junior, high: no clear lead
    assert index.resolve("Nowhere Primary", town="Quillbury").urn is None


def test_a_unique_name_that_no_register_gives_a_postcode_resolves_in_its_district():
    index = SchoolIndex([
        SchoolRecord("190011", ["The Farthing Vale Academy"], None, ["Quillbury"]),     # a list that prints no postcode
        SchoolRecord("190012", ["Ashgrove Primary School"], "ZZ1 1AA", ["Quillbury"]),
        SchoolRecord("190013", ["Ashgrove Primary School"], None, ["Quillbury"]),
        SchoolRecord("190014", ["Kelby Academy"], "ZZ3 1AA", ["Kelby"]),
        SchoolRecord("190015", ["Holt Lane School"], None, []),                      # a name known without a place
    ])
    assert index.resolve("Farthing Vale Academy", postcode="ZZ1 8ZZ").urn == "190011"  # ZZ1 schools are in Quillbury
    assert index.resolve("Farthing Vale Academy", postcode="ZZ3 8ZZ").urn is None      # ZZ3 schools are in Kelby
    assert index.resolve("Farthing Vale Academy", postcode="ZZ1 8ZZ", town="Kelby").urn is None  # the town says otherwise
    assert index.resolve("Ashgrove Primary School", postcode="ZZ9 8ZZ").urn is None  # two so named, neither near
    assert index.resolve("Kelby Academy", postcode="ZZ1 8ZZ").urn is None  # the register places it elsewhere
    assert index.resolve("Holt Lane School", postcode="ZZ1 8ZZ").urn is None  # nothing says where it is


def test_the_warehouse_resolves_schools_named_without_a_urn(tmp_path):
    import csv
    import io

    import duckdb
    from typer.testing import CliRunner

    from schoolpipe.cli import app
    from warehouse.migrate import apply_migrations

    db = tmp_path / "w.duckdb"
    con = duckdb.connect(str(db))
    apply_migrations(con)
    con.execute("INSERT INTO documents (document_id, uri, sha256, status) VALUES ('d1', 'd1', 'x', 'ok')")
    con.execute("INSERT INTO inspections (inspection_id, document_id, school_name, postcode, inspection_start, remit, "
                "overall_effectiveness, special_measures, serious_weaknesses, notice_to_improve) VALUES "
                "('d1:i1', 'd1', 'Saint Aidans C of E Primary', 'ZZ1 1ZZ', DATE '2019-05-14', 'school', 'Good', "
                "false, false, false)")
    con.execute("INSERT INTO partnership_members (member_id, document_id, partnership_id, school_name, role) VALUES "
                "('d1:m1', 'd1', 'p-1', 'Nowhere Infants', 'member')")
    con.close()
    text = io.StringIO()
    csv.writer(text).writerows([["URN", "EstablishmentName", "LA (name)", "TypeOfEstablishment (name)", "Postcode", "Town"],
                                ["190001", "St Aidan's Church of England Primary School", "Nowhereshire",
                                 "Voluntary aided school", "ZZ1 1ZZ", "Quillbury"]])
    gias = tmp_path / "edubasealldata.csv"
    gias.write_text(text.getvalue(), encoding="utf-8")
    assert CliRunner().invoke(app, ["import-official", str(gias), "--db", str(db)]).exit_code == 0
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT source_table, row_id, urn FROM school_resolutions").fetchall() == [
        ("inspections", "d1:i1", "190001")]  # the member school fits no registered school: not resolved
    assert con.execute("SELECT urn, source, urn_resolved FROM school_history").fetchall() == [("190001", "documents", True)]
    con.close()
