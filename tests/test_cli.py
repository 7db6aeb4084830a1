"""The `schoolpipe` command line: run, query formats, read-only queries, errors that say what to do."""
from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from schoolpipe.cli import EXIT_DOCUMENT_FAILURES, app

runner = CliRunner()


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory, prefect_server):
    db = tmp_path_factory.mktemp("cli") / "demo.duckdb"
    result = runner.invoke(app, ["run", "--corpus", "corpus/demo", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "judgements loaded" in result.output
    return db


def test_query_prints_a_table(demo_db):
    result = runner.invoke(app, ["query", "SELECT count(*) AS n FROM documents", "--db", str(demo_db)])
    assert result.exit_code == 0
    assert "1 row" in result.output


def test_query_csv_and_json(demo_db):
    sql = "SELECT file_name, status FROM documents ORDER BY file_name"
    as_csv = runner.invoke(app, ["query", sql, "--db", str(demo_db), "--format", "csv"])
    assert as_csv.output.splitlines()[0] == "file_name,status"
    as_json = runner.invoke(app, ["query", sql, "--db", str(demo_db), "-f", "json"])
    rows = json.loads(as_json.output)
    assert {r["status"] for r in rows} == {"ok"} and len(rows) >= 8
    as_jsonl = runner.invoke(app, ["query", sql, "--db", str(demo_db), "-f", "jsonl"])
    assert [json.loads(line) for line in as_jsonl.output.splitlines()] == rows


def test_query_markdown_keeps_pipes_and_nulls_apart(demo_db):
    result = runner.invoke(app, ["query", "SELECT 'a|b' AS x, NULL AS y, '' AS z", "--db", str(demo_db), "-f", "markdown"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["| x | y | z |", "|---|---|---|", "| a\\|b | NULL |  |"]


def test_query_cannot_write(demo_db):
    result = runner.invoke(app, ["query", "DELETE FROM documents", "--db", str(demo_db)])
    assert result.exit_code == 1
    assert "read-only" in result.output
    count = runner.invoke(app, ["query", "SELECT count(*) FROM documents", "--db", str(demo_db), "-f", "csv"])
    assert int(count.output.splitlines()[1]) >= 8


def test_query_without_a_warehouse_says_how_to_make_one(tmp_path):
    result = runner.invoke(app, ["query", "SELECT 1", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert "schoolpipe run --corpus" in result.output


def test_run_exit_code_tells_a_scheduler_about_failed_documents(tmp_path, prefect_server):
    corpus = tmp_path / "c"
    corpus.mkdir()
    shutil.copy("corpus/demo/demo-short-inspection-118634.txt", corpus)
    (corpus / "broken.pdf").write_bytes(b"%PDF-1.4 truncated")
    result = runner.invoke(app, ["run", "--corpus", str(corpus), "--db", str(tmp_path / "w.duckdb")])
    assert result.exit_code == EXIT_DOCUMENT_FAILURES
    assert "broken.pdf" in result.output and "corrupt" in result.output


def test_run_without_a_corpus_folder_explains(tmp_path):
    result = runner.invoke(app, ["run", "--corpus", str(tmp_path / "missing"), "--db", str(tmp_path / "w.duckdb")])
    assert result.exit_code == 1
    assert "does not exist" in result.output


def test_bad_setting_is_named(tmp_path, monkeypatch):
    monkeypatch.setenv("SCHOOLPIPE_BATCH_SIZE", "many")
    result = runner.invoke(app, ["query", "SELECT 1", "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 1
    assert "batch_size" in result.output and "SCHOOLPIPE_BATCH_SIZE" in result.output


def test_a_second_writer_waits_then_says_the_warehouse_is_busy(tmp_path, monkeypatch, prefect_server):
    from warehouse.session import run_lock

    db = tmp_path / "w.duckdb"
    monkeypatch.setenv("SCHOOLPIPE_LOCK_WAIT", "1")
    with run_lock(db, 1):
        result = runner.invoke(app, ["run", "--corpus", "corpus/demo", "--db", str(db)])
    assert result.exit_code == 1
    assert "another schoolpipe run is writing" in result.output


def test_query_cannot_read_or_write_other_files(demo_db, tmp_path):
    for sql in (f"COPY documents TO '{tmp_path / 'out.csv'}'", "SELECT * FROM read_csv('/etc/passwd')",
                f"ATTACH '{tmp_path / 'other.duckdb'}'"):
        result = runner.invoke(app, ["query", sql, "--db", str(demo_db)])
        assert result.exit_code == 1, sql
    assert not (tmp_path / "out.csv").exists() and not (tmp_path / "other.duckdb").exists()


def test_a_sources_typo_is_one_line_that_keeps_its_brackets(tmp_path):
    sources = tmp_path / "sources.toml"
    sources.write_text('[[sources]]\nname = "x"\nkind = "urls"\nurls = ["https://example.org/a.pdf"]\n', encoding="utf-8")
    result = runner.invoke(app, ["run", "--sources", str(sources), "--db", str(tmp_path / "w.duckdb")])
    assert result.exit_code == 1
    assert "did you mean [[source]]?" in result.output and len(result.output.strip().splitlines()) == 1


def test_a_relative_folder_that_is_not_there_is_one_line(tmp_path, monkeypatch):
    (tmp_path / "conf").mkdir()
    sources = tmp_path / "conf" / "sources.toml"
    sources.write_text('[[source]]\nname = "local"\nkind = "folder"\npath = "reports"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # neither here nor beside the sources file
    result = runner.invoke(app, ["run", "--sources", str(sources), "--db", str(tmp_path / "w.duckdb")])
    assert result.exit_code == 1
    assert "folder 'reports' not found" in result.output and "absolute path" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_a_db_that_is_not_a_warehouse_is_left_alone(tmp_path, prefect_server):
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes, not a warehouse\n", encoding="utf-8")
    for args in (["run", "--corpus", "corpus/demo", "--db", str(notes)], ["query", "SELECT 1", "--db", str(notes)]):
        result = runner.invoke(app, args)
        assert result.exit_code == 1, result.output
        assert "is not a DuckDB warehouse" in result.output and "Traceback" not in result.output
    assert notes.read_text(encoding="utf-8") == "my notes, not a warehouse\n"


def test_query_errors_keep_duckdbs_hint(demo_db):
    result = runner.invoke(app, ["query", "SELECT * FROM documnts", "--db", str(demo_db)])
    assert result.exit_code == 1
    assert 'Did you mean "documents"' in result.output and len(result.output.strip().splitlines()) == 1


def test_a_statement_that_crashes_duckdb_is_one_line(demo_db):
    crash = "CALL enable_logging(storage='file', storage_path='/tmp/schoolpipe-log'); SELECT 1"
    result = runner.invoke(app, ["query", crash, "--db", str(demo_db)])
    assert result.exit_code == 1
    assert "DuckDB crashed" in result.output and len(result.output.strip().splitlines()) == 1


def test_version_and_short_help():
    assert runner.invoke(app, ["--version"]).output.startswith("schoolpipe ")
    assert "Commands" in runner.invoke(app, ["-h"]).output


def test_export_writes_every_table_and_view_with_its_row_count(demo_db, tmp_path):
    import duckdb

    result = runner.invoke(app, ["export", "--out", str(tmp_path / "x"), "--db", str(demo_db)])
    assert result.exit_code == 0, result.output
    con = duckdb.connect(str(demo_db), read_only=True)
    for name in ("documents", "judgements", "inspections", "school_judgements", "partnership_network"):
        want = con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
        assert duckdb.sql(f"SELECT count(*) FROM read_parquet('{tmp_path / 'x' / name}.parquet')").fetchone()[0] == want
        assert f"{name}.parquet  {want:,} row" in result.output
    assert not (tmp_path / "x" / "schema_migrations.parquet").exists()
    assert not list((tmp_path / "x").glob(".*incoming"))


def test_export_csv_of_chosen_tables_and_an_unknown_one(demo_db, tmp_path):
    result = runner.invoke(app, ["export", "--out", str(tmp_path / "c"), "-f", "csv", "--tables", "judgements,runs",
                                 "--db", str(demo_db)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "c").iterdir()) == ["judgements.csv", "runs.csv"]
    assert (tmp_path / "c" / "judgements.csv").read_text(encoding="utf-8").startswith("judgement_id,")
    wrong = runner.invoke(app, ["export", "--out", str(tmp_path / "w"), "--tables", "judgments", "--db", str(demo_db)])
    assert wrong.exit_code == 1 and "no table or view named judgments" in wrong.output


def test_query_that_writes_a_file_points_to_export(demo_db, tmp_path):
    result = runner.invoke(app, ["query", f"COPY judgements TO '{tmp_path / 'j.parquet'}'", "--db", str(demo_db)])
    assert result.exit_code == 1 and "schoolpipe export --out DIR" in result.output


def test_tables_and_schema_describe_the_warehouse(demo_db):
    listing = runner.invoke(app, ["tables", "--db", str(demo_db)])
    assert listing.exit_code == 0 and "judgements" in listing.output and "school_judgements" in listing.output
    columns = runner.invoke(app, ["schema", "judgements", "--db", str(demo_db)])
    assert columns.exit_code == 0 and "grade_score" in columns.output and "INTEGER" in columns.output
    unknown = runner.invoke(app, ["schema", "judgments", "--db", str(demo_db)])
    assert unknown.exit_code == 1 and "no table or view named 'judgments'" in unknown.output


def test_search_ranks_pages_and_filters_by_kind(demo_db):
    found = runner.invoke(app, ["search", "joint moderation", "--db", str(demo_db)])
    assert found.exit_code == 0, found.output
    first = found.output.splitlines()[0]
    assert "case_study" in first and "demo-case-study-kestrel-vale.html page 1" in first
    assert "moderation" in found.output.splitlines()[1].lower()
    only = runner.invoke(app, ["search", "governors", "--kind", "inspection_report", "-n", "3", "--db", str(demo_db)])
    hits = [line for line in only.output.splitlines() if line.startswith("  ") and ": " in line and " page " in line]
    assert len(hits) == 3 and all("inspection_report" in line for line in hits)


def test_the_search_index_is_usable_from_query_but_files_stay_out_of_reach(demo_db, tmp_path):
    sql = ("SELECT count(*) FROM (SELECT fts_main_document_pages.match_bm25(page_id, 'moderation') AS s "
           "FROM document_pages) WHERE s IS NOT NULL")
    result = runner.invoke(app, ["query", sql, "--db", str(demo_db), "-f", "csv"])
    assert result.exit_code == 0, result.output
    assert int(result.output.splitlines()[1]) >= 1
    for refused in ("SET enable_external_access = true", f"LOAD '{tmp_path / 'x.duckdb_extension'}'",
                    f"ATTACH '{tmp_path / 'x.duckdb'}'"):
        assert runner.invoke(app, ["query", refused, "--db", str(demo_db)]).exit_code == 1, refused


def test_query_answers_every_statement_and_tells_null_from_empty(demo_db):
    result = runner.invoke(app, ["query", "SELECT NULL AS a, '' AS b, '[red]x[/red]' AS c; SELECT 2 AS two",
                                 "--db", str(demo_db)])
    assert result.exit_code == 0, result.output
    assert "statement 1 of 2" in result.output and "statement 2 of 2" in result.output
    assert "NULL" in result.output and "[red]x[/red]" in result.output  # values are never read as markup
    one_format = runner.invoke(app, ["query", "SELECT 1; SELECT 2", "-f", "csv", "--db", str(demo_db)])
    assert one_format.exit_code == 1 and "give one statement" in one_format.output


def test_query_reads_sql_from_standard_input(demo_db):
    result = runner.invoke(app, ["query", "-", "-f", "csv", "--db", str(demo_db)], input="SELECT 42 AS answer\n")
    assert result.exit_code == 0 and result.output.splitlines() == ["answer", "42"]


def test_a_quoted_phrase_is_searched_as_a_phrase(demo_db):
    def hits(query: str) -> list[str]:
        result = runner.invoke(app, ["search", query, "-n", "50", "--db", str(demo_db)])
        assert result.exit_code == 0, result.output
        return [line for line in result.output.splitlines() if line.startswith("  ") and " page " in line]

    assert hits("moderation joint")  # the words, anywhere on a page
    assert hits('"joint moderation"')
    assert len(hits('"joint moderation"')) <= len(hits("joint moderation"))
    assert hits('"moderation joint"') == []  # the same words in another order are not the phrase
