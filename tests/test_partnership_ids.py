"""One id per body of schools across documents and printed forms, and its group in an imported
register (warehouse/partnership_ids.py, pipeline/official_groups.py). Names and files are invented."""
from __future__ import annotations

import csv
import io

import duckdb
import pytest
from typer.testing import CliRunner

from pipeline.official_csv import OfficialFileError
from pipeline.official_groups import is_group_register, read_group_register
from pipeline.partnership_keys import partnership_key
from schoolpipe.cli import app
from warehouse.load import partnership_id_for
from warehouse.migrate import apply_migrations
from warehouse.partnership_ids import resolve_partnership_ids

MAT_HEADER = ["time_period", "trust_id", "trust_name", "trust_uid", "trust_companies_house_number",
              "establishment_type_group", "urns", "school_count"]


def warehouse(path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(path))
    apply_migrations(con)
    return con


def mention(con, doc: str, n: int, name: str, printed: str) -> None:
    key = partnership_key(name)
    con.execute("INSERT INTO partnership_mentions (mention_id, document_id, name, mention_text, named, "
                "partnership_key, partnership_id) VALUES (?, ?, ?, ?, TRUE, ?, ?)",
                [f"{doc}:p{n}", doc, name, printed, key, partnership_id_for(doc, key)])


def ids(con) -> dict[str, str]:
    return dict(con.execute("SELECT mention_id, partnership_id FROM partnership_mentions").fetchall())


def test_forms_of_one_body_share_an_id_across_documents(tmp_path):
    con = warehouse(tmp_path / "w.duckdb")
    mention(con, "d1", 1, "Oak Valley Academies Trust", "Oak Valley Academies Trust")
    mention(con, "d1", 2, "Oak Valley Academies Trust", "OVAT")
    mention(con, "d2", 1, "OVAT", "OVAT")                        # another page prints only the acronym
    mention(con, "d3", 1, "The Oak Valley Academy Trust", "The Oak Valley Academy Trust")  # 'The', 'Academy'
    mention(con, "d4", 1, "Elm Learning Trust", "Elm Learning Trust")
    assert resolve_partnership_ids(con) == 1
    got = ids(con)
    assert got["d1:p1"] == got["d1:p2"] == got["d2:p1"] == got["d3:p1"] != got["d4:p1"]
    assert resolve_partnership_ids(con) == 0  # a second pass changes nothing


def test_a_form_two_documents_give_to_different_bodies_stays_apart(tmp_path):
    con = warehouse(tmp_path / "w.duckdb")
    mention(con, "d1", 1, "Leeford Education Trust", "LET")
    mention(con, "d2", 1, "Lindum Educational Trust", "LET")
    mention(con, "d3", 1, "LET", "LET")
    resolve_partnership_ids(con)
    got = ids(con)
    assert len({got["d1:p1"], got["d2:p1"], got["d3:p1"]}) == 3


def mat_file(rows) -> bytes:
    text = io.StringIO()
    csv.writer(text).writerows([MAT_HEADER, *rows])
    return text.getvalue().encode()


def test_the_dfe_trust_file_is_a_register_of_groups_and_their_schools():
    data = mat_file([["202425", "TR09001", "Oak Valley Academy Trust", "9001", "0123", "Multi-academy trust",
                      "190001;190002", "2"],
                     ["202425", "TR09001", "Oak Valley Academy Trust", "9001", "0123", "All academies", "190001;190002", "2"],
                     ["202425", "TR09002", "", "9002", "", "Multi-academy trust", "190003", "1"]])
    assert is_group_register(data)
    register = read_group_register(data, "mats.csv")
    assert [(g["group_uid"], g["group_id"], g["name"]) for g in register.groups] == [("9001", "TR09001", "Oak Valley Academy Trust")]
    assert register.skipped == 1  # a row without a name
    assert {(s["group_uid"], s["urn"]) for s in register.schools} == {("9001", "190001"), ("9001", "190002")}


def test_a_file_without_a_group_is_refused():
    with pytest.raises(OfficialFileError, match="no group"):
        read_group_register(mat_file([["202425", "", "", "", "", "", "", ""]]), "empty.csv")


def test_import_official_gives_a_partnership_its_official_group(tmp_path, monkeypatch):
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "prefect"))
    db = tmp_path / "w.duckdb"
    con = warehouse(db)
    mention(con, "d1", 1, "The Oak Valley Academies Trust", "The Oak Valley Academies Trust")
    mention(con, "d1", 2, "The Oak Valley Academies Trust", "OVAT")
    mention(con, "d2", 1, "OVAT", "OVAT")
    con.close()
    register = tmp_path / "mats.csv"
    register.write_bytes(mat_file([["202425", "TR09001", "Oak Valley Academy Trust", "9001", "0123",
                                    "Multi-academy trust", "190001;190002", "2"]]))
    done = CliRunner().invoke(app, ["import-official", str(register), "--db", str(db)])
    assert done.exit_code == 0, done.output
    assert "register of groups" in done.output
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("SELECT name, documents, official_group_id, official_name FROM partnerships").fetchall()
    assert rows == [("The Oak Valley Academies Trust", 2, "TR09001", "Oak Valley Academy Trust")]
