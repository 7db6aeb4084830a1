"""Accuracy on real documents, held to floors: the samples and the independent-school reports
against hand-checked gold, the local-authority reports against a public scraper's labels, and
the two PDF engines against each other. Floors live in tests/accuracy_floors.json and only move up."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import accuracy  # noqa: E402

FLOORS = json.loads((Path(__file__).parent / "accuracy_floors.json").read_text())
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not accuracy.SAMPLES.is_dir(), reason="../shared is not beside this checkout")]


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("accuracy")


@pytest.mark.parametrize("corpus", ["samples", "independent"])
def test_gold_scores_hold_their_floors(corpus, work):
    folder = accuracy.SAMPLES if corpus == "samples" else accuracy.INDEPENDENT / "docs"
    gold = (accuracy.SAMPLES if corpus == "samples" else accuracy.INDEPENDENT) / "gold.jsonl"
    db = work / f"{corpus}.duckdb"
    accuracy.build_warehouse(folder, db)
    figures = accuracy.score_gold(gold, db, show_misses=False)["figures"]
    for name, floor in FLOORS[corpus].items():
        assert figures[name] >= floor, f"{corpus} {name} {figures[name]} fell below its floor {floor}"


def test_local_authority_reports_agree_with_the_scrapers_labels(work):
    db = work / "ilacs.duckdb"
    accuracy.build_warehouse(accuracy.ILACS / "docs", db)
    peer = accuracy.peer_agreement(db, accuracy.ILACS / "peer_labels.csv")
    floors = FLOORS["ilacs"]
    assert peer["reports"] >= 250
    assert len(peer["taken_for_school"]) <= floors["taken_for_school_max"], peer["taken_for_school"][:5]
    assert peer["agreement"] >= floors["agreement_min"], peer["disagreements"][:10]
    assert peer["missed_share"] <= floors["missed_share_max"], [d for d in peer["disagreements"] if d[2] is None][:10]


def test_pdf_engines_read_real_pdfs_alike():
    """Every fourth real PDF (the whole set is `make accuracy`'s: about ten minutes)."""
    pdfs = (sorted(accuracy.SAMPLES.glob("*.pdf")) + sorted((accuracy.ILACS / "docs").glob("*.pdf")))[::4]
    engines = accuracy.engines_agreement(pdfs)
    assert engines["share"] >= FLOORS["engines"]["share_min"], engines["differ"]


@pytest.mark.skipif(not (accuracy.CASESTUDIES / "docs").is_dir(), reason="no case studies beside this checkout")
def test_case_studies_hold_their_floors_on_both_halves(work):
    """Named partnerships and member schools on real pages: the whole set, the half the rules were
    built on and the half nobody tuned on (split by a hash of the file name)."""
    db = work / "casestudies.duckdb"
    accuracy.build_warehouse(accuracy.CASESTUDIES / "docs", db)
    result = accuracy.score_halves(accuracy.CASESTUDIES / "gold.jsonl", db, work, show_misses=False)
    for half, floors in FLOORS["casestudies"].items():
        figures = result[half]["figures"]
        for name, floor in floors.items():
            assert figures[name] >= floor, f"case studies ({half}) {name} {figures[name]} fell below its floor {floor}"


def test_the_case_study_halves_are_fixed_by_file_name():
    names = [json.loads(line)["file"] for line in (accuracy.CASESTUDIES / "gold.jsonl").read_text().splitlines()
             if line.strip()] if (accuracy.CASESTUDIES / "gold.jsonl").is_file() else ["a.txt", "b.txt", "c.txt"]
    halves = [accuracy.casestudy_half(n) for n in names]
    assert halves == [accuracy.casestudy_half(n) for n in names]  # the same every run
    assert accuracy.casestudy_half("docs/x.txt") == accuracy.casestudy_half("x.txt")  # by the name alone
    assert set(halves) == {"tuning", "held_out"}


@pytest.mark.skipif(not (accuracy.WEB_REPORTS / "docs").is_dir(), reason="no web reports beside this checkout")
def test_web_reports_hold_their_floors_on_both_halves(work):
    """Early years reports and copies of reports in web pages (scored on their report kinds): the
    whole set and both halves; no news item becomes an inspection."""
    db = work / "web-reports.duckdb"
    accuracy.build_warehouse(accuracy.WEB_REPORTS / "docs", db)
    result = accuracy.score_halves(accuracy.WEB_REPORTS / "gold.jsonl", db, work, False, accuracy.REPORT_KINDS)
    floors = FLOORS["web_reports"]
    for half in ("whole", "tuning", "held_out"):
        figures = result[half]["figures"]
        for name, floor in floors[half].items():
            assert figures[name] >= floor, f"web reports ({half}) {name} {figures[name]} fell below its floor {floor}"
    checks = accuracy.web_report_checks(accuracy.WEB_REPORTS / "gold.jsonl", db)
    assert len(checks["news_as_inspections"]) <= floors["news_as_inspections_max"], checks["news_as_inspections"]
    assert len(checks["early_years_other_remit"]) <= floors["early_years_other_remit_max"], checks["early_years_other_remit"]
