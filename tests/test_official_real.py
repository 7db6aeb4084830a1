"""Official data as Ofsted and the DfE publish it: the real releases in ../shared/real/official
(present in CI), each class of fault of the earlier importer tested on the file that shows it.
Where a test needs a damaged file it damages a real one (cut short, header only)."""
from __future__ import annotations

import hashlib
from collections import Counter

import duckdb
import pytest
from conftest import ROOT
from typer.testing import CliRunner

from pipeline.official_csv import OfficialFileError, read_official_csv
from schoolpipe.cli import app
from warehouse.migrate import apply_migrations
from warehouse.official import chains, import_official

FILES = ROOT.parent / "shared" / "real" / "official" / "files"
pytestmark = pytest.mark.skipif(not FILES.is_dir(), reason="../shared/real/official is not beside this checkout")
AUG_2024 = "ofsted-mi-latest-inspections-2024-08-31-sample.csv"
JUNE_2026 = "ofsted-mi-latest-inspections-2026-06-30-sample.csv"
YTD_2025 = "ofsted-mi-all-inspections-ytd-2025-05-31-sample.csv"
YTD_2026 = "ofsted-mi-all-inspections-ytd-2026-02-28.csv"
INDEPENDENT = "ofsted-mi-independent-non-association-2026-04-30-sample.csv"
LINKS = "gias-links-edubasealldata.csv"


def read(name: str):
    return read_official_csv((FILES / name).read_bytes(), name)


def rows_of(parsed, urn: str) -> dict:
    """The file's inspections of a school (by today's URN), keyed by first day."""
    return {str(r["inspection_start"]): r for r in parsed.rows if r["current_urn"] == urn}


def grades_of(parsed, urn: str, start: str) -> dict:
    return {j["area_key"]: j["grade"] for j in parsed.judgements if j["urn"] == urn and str(j["inspection_start"]) == start}


@pytest.fixture
def con():
    con = duckdb.connect()
    apply_migrations(con)
    yield con
    con.close()


def store(con, name: str, data: bytes | None = None):
    data = data if data is not None else (FILES / name).read_bytes()
    return import_official(con, read_official_csv(data, name), name, hashlib.sha256(data).hexdigest())


def test_the_urn_at_the_latest_graded_inspection_keys_a_converted_academy():  # class 1
    parsed = read(AUG_2024)
    latest = rows_of(parsed, "144322")["2013-12-04"]
    assert latest["urn"] == "122458" and latest["event"] == "latest" and latest["overall_effectiveness"] == "Outstanding"
    main = [r for r in parsed.rows if r["event"] == "latest"]
    assert len(main) == parsed.rows_read and all(r["inspection_number"] for r in main)


def test_schools_without_a_report_card_keep_their_latest_oeif_inspection():  # class 2
    parsed = read(JUNE_2026)
    assert rows_of(parsed, "100008")["2022-10-04"]["overall_effectiveness"] == "Good"
    assert rows_of(parsed, "100000")["2024-06-12"]["overall_effectiveness"] == "Outstanding"
    assert parsed.skipped < parsed.rows_read / 2


def test_the_variant_with_a_value_wins_over_an_empty_one():  # class 3
    parsed = read(JUNE_2026)
    card = rows_of(parsed, "100025")["2026-01-13"]
    assert card["safeguarding"] == "Met" and card["event"] == "latest"
    assert grades_of(parsed, "100025", "2026-01-13")["early_years"] == "Strong standard"
    independent = read(INDEPENDENT)
    cards = [r for r in independent.rows if r["event"] == "latest"]
    assert cards, "the 2026 report-card inspection is read"
    for card in cards:
        start = str(card["inspection_start"])
        assert card["overall_effectiveness"] is None and card["safeguarding"] == "Met"
        assert set(grades_of(independent, card["urn"], start).values()) <= {
            "Exceptional", "Strong standard", "Expected standard", "Needs attention", "Urgent improvement"}
        oeif = [r for r in independent.rows if r["urn"] == card["urn"] and r["event"] == "latest_oeif"]
        assert oeif and oeif[0]["inspection_start"] < card["inspection_start"] and oeif[0]["overall_effectiveness"]


def test_history_files_keep_their_grades_and_safeguarding():  # class 4
    feb = read(YTD_2026)
    assert feb.kind == "ofsted_history" and len(feb.rows) == feb.rows_read == 248
    assert Counter(r["safeguarding"] for r in feb.rows).keys() <= {"Met", "Not met"}
    assert all(r["safeguarding"] for r in feb.rows)
    graded = sum(1 for r in feb.rows for a in ("inclusion", "achievement") if grades_of(feb, r["urn"], str(r["inspection_start"])).get(a))
    assert graded >= 2 * 246  # two rows of the file are ungraded (9)
    may = read(YTD_2025)
    main = [r for r in may.rows if r["event"] == "inspection"]
    assert Counter(r["safeguarding"] for r in main)["Effective"] == 26  # "Safeguarding is effective", no question mark
    assert all(r["overall_effectiveness"] is None for r in main)  # the September 2024 framework has no overall grade


def test_the_independent_schools_release_is_its_own_remit(con):  # class 5
    assert read(INDEPENDENT).kind == "ofsted_independent"
    store(con, AUG_2024)
    store(con, INDEPENDENT)
    remits = dict(con.execute("SELECT remit, count(*) FROM official_inspections GROUP BY remit").fetchall())
    assert remits["independent_school"] == 9 and remits["school"] == 61
    assert con.execute("SELECT count(*) FROM official_releases").fetchone()[0] == 2


@pytest.mark.parametrize("damage", ["header only", "cut inside the first row", "children's social care"])
def test_a_file_with_no_usable_row_changes_nothing_and_fails(tmp_path, damage):  # class 6
    db = str(tmp_path / "w.duckdb")
    runner = CliRunner()
    assert runner.invoke(app, ["import-official", str(FILES / AUG_2024), "--db", db]).exit_code == 0
    text = (FILES / AUG_2024).read_bytes()
    header_end = text.index(b"\n") + 1
    bad = tmp_path / "bad.csv"
    if damage == "header only":
        bad.write_bytes(text[:header_end])
    elif damage == "cut inside the first row":
        bad.write_bytes(text[:header_end + 40])
    else:
        bad.write_bytes((FILES / "ofsted-mi-childrens-social-care-providers-2018-03-31.csv").read_bytes())
    result = runner.invoke(app, ["import-official", str(bad), "--db", db])
    assert result.exit_code == 1
    assert len(result.output.strip().splitlines()) == 1 and "nothing imported" in result.output
    con = duckdb.connect(db, read_only=True)
    assert con.execute("SELECT count(*), min(file_name) FROM official_releases").fetchone() == (1, AUG_2024)
    assert con.execute("SELECT count(*) FROM official_inspections").fetchone()[0] == 61
    con.close()


def test_a_truncated_row_is_left_out_and_counted():  # class 7
    text = (FILES / YTD_2026).read_bytes()
    cut = text[:text.rindex(b"Expected standard") + len(b"Expected s")]  # the file ends inside a grade
    parsed = read_official_csv(cut, "cut.csv")
    assert parsed.rows_read >= 240 and len(parsed.rows) == parsed.rows_read - 1 and parsed.skipped == 1
    assert any("field count" in reason for reason in parsed.problems)
    assert not [j for j in parsed.judgements if j["grade"] == "Expected s"]


def test_releases_live_side_by_side_and_a_second_import_changes_nothing(con):  # class 8
    store(con, AUG_2024)
    store(con, JUNE_2026)
    releases = con.execute("SELECT source_kind, release_date FROM official_releases ORDER BY release_date").fetchall()
    assert [(k, str(d)) for k, d in releases] == [("ofsted_latest", "2024-08-31"), ("ofsted_latest", "2026-06-30")]
    both = con.execute("SELECT count(*) FROM official_inspections WHERE releases = 2").fetchone()[0]
    assert both > 0  # inspections in both releases are one inspection each
    assert con.execute("SELECT count(*) FROM (SELECT urn, inspection_start FROM official_inspections GROUP BY ALL "
                       "HAVING count(*) > 1)").fetchone()[0] == 0
    before = con.execute("SELECT count(*) FROM official_release_inspections").fetchone()[0]
    again = store(con, AUG_2024)
    assert again.already
    assert con.execute("SELECT count(*) FROM official_release_inspections").fetchone()[0] == before
    assert con.execute("SELECT count(*) FROM official_releases").fetchone()[0] == 2


def test_codes_outside_the_vocabulary_are_not_grades():  # class 9
    parsed = read(AUG_2024)
    assert not [j for j in parsed.judgements if j["grade"] not in {"Outstanding", "Good", "Requires improvement",
                                                                    "Satisfactory", "Inadequate"}]
    assert parsed.problems["early_years: '8' is not a grade (left NULL)"] == 4
    feb = read(YTD_2026)
    assert Counter(r["category_of_concern"] for r in feb.rows)["requires_significant_improvement"] == 3


def test_previous_and_ungraded_inspections_become_inspections():  # class 10
    parsed = read(AUG_2024)
    previous = rows_of(parsed, "139305")["2016-11-08"]
    assert previous["event"] == "previous" and previous["overall_effectiveness"] == "Good"
    outcomes = Counter(r["outcome"] for r in parsed.rows if r["event"] == "ungraded")
    assert outcomes["School remains Good"] == 7 and outcomes["School remains Outstanding"] == 2


def test_links_join_a_school_across_its_urns(con):  # class 11
    assert read(LINKS).kind == "gias_links"
    store(con, LINKS)
    chain = dict(con.execute("SELECT urn, current_urn FROM school_chains WHERE urn IN ('103980', '131696', '122458')").fetchall())
    assert chain == {"103980": "144635", "131696": "140109", "122458": "144322"}
    store(con, AUG_2024)
    school = con.execute("SELECT current_urn, urns, official_inspections FROM schools WHERE '122458' = ANY(urns)").fetchone()
    assert school == ("144322", ["122458", "144322"], 2)


def test_chains_follow_succession_not_sixth_form_links():
    of, superseded = chains([("1", "2", "Successor"), ("2", "3", "Predecessor - merged"), ("4", "5", "Sixth Form Centre Link"),
                             ("3", "6", "Successor")], {"successor", "predecessor - merged"})
    assert of["1"] == of["2"] == of["3"] == of["6"] == "1" and "4" not in of
    assert superseded == {"1", "3"}


def test_a_spreadsheet_release_reads_as_its_csv(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    import csv
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    book.active.append(["Management information - state-funded schools - latest inspections as at 31 August 2024"])
    sheet = book.create_sheet("Data")
    with (FILES / AUG_2024).open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle):
            sheet.append([int(c) if c.isdigit() and len(c) < 9 else c for c in row])
    path = tmp_path / "latest.xlsx"
    book.save(path)
    from_sheet = read_official_csv(path.read_bytes(), path.name)
    from_csv = read(AUG_2024)
    assert from_sheet.kind == "ofsted_latest" and from_sheet.rows == from_csv.rows


def test_the_dfe_school_list_is_a_register_of_schools(con):
    parsed = read("dfe-ks4-information-about-schools-2024-25.csv")
    assert parsed.kind == "dfe_schools" and len(parsed.rows) == 5755
    first = parsed.rows[0]
    assert first["postcode"] and first["town"] and first["statutory_low_age"] is not None
    store(con, "dfe-ks4-information-about-schools-2024-25.csv")
    assert con.execute("SELECT count(*) FROM official_schools").fetchone()[0] == 5755


def test_remits_we_do_not_import_are_refused_by_name():
    for name in ("ofsted-mi-childrens-social-care-inspections-2017-18.csv",
                 "ofsted-mi-childrens-social-care-providers-2018-03-31.csv"):
        with pytest.raises(OfficialFileError, match="children's social care"):
            read(name)


def test_every_release_in_the_folder_is_imported_or_refused(con):
    import csv
    imported, refused = 0, 0
    for path in sorted(FILES.glob("*.csv")):
        data = path.read_bytes()
        try:
            parsed = read_official_csv(data, path.name)
        except OfficialFileError:
            refused += 1
            continue
        lines = [r for r in csv.reader(data.decode("utf-8", "replace").splitlines()) if any(c.strip() for c in r)]
        assert parsed.rows_read == len(lines) - 1, path.name
        given = len({r["source_row"] for r in parsed.rows})
        assert given + parsed.skipped + parsed.duplicates >= parsed.rows_read, path.name  # every row accounted for
        import_official(con, parsed, path.name, hashlib.sha256(data).hexdigest())
        imported += 1
    assert imported >= 10 and refused <= 3  # the trust register is imported through the groups reader
    assert con.execute("SELECT count(*) FROM official_releases").fetchone()[0] == imported


@pytest.mark.slow
def test_the_sample_documents_reconcile_across_releases_and_urns(tmp_path):
    import sys
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import accuracy
    db = tmp_path / "samples.duckdb"
    accuracy.build_warehouse(accuracy.SAMPLES, db)
    runner = CliRunner()
    result = runner.invoke(app, ["import-official", *map(str, (FILES / n for n in (AUG_2024, JUNE_2026, YTD_2026, LINKS))),
                                 "--db", str(db)])
    assert result.exit_code == 0, result.output
    con = duckdb.connect(str(db), read_only=True)
    agreed = dict(con.execute("SELECT urn, outcome FROM reconciliation WHERE field = 'inspection' "
                              "AND urn IN ('100008', '139305') AND document_value IS NOT NULL").fetchall())
    assert agreed == {"100008": "agree", "139305": "agree"}  # the Aug 2024 file's previous graded inspections
    current = dict(con.execute("SELECT urn, current_urn FROM school_urns WHERE urn IN ('103980', '131696')").fetchall())
    assert current == {"103980": "144635", "131696": "140109"}  # found through the links file
    con.close()
    shown = runner.invoke(app, ["school", "103980", "--db", str(db)])
    assert shown.exit_code == 0 and "URN 144635 (earlier 103980)" in shown.output and "documents" in shown.output
