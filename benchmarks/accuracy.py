"""How right schoolpipe is on real documents, in one run: `make accuracy`.

    python benchmarks/accuracy.py [--json FILE] [--work DIR] [--show-misses]

Builds a warehouse with `schoolpipe run` from each real corpus beside the checkout and prints:
- the score line of ../shared/tools/score.py on ../shared/samples and on
  ../shared/real/independent (hand-checked gold);
- the same on ../shared/real/casestudies (named partnerships and member schools), for the whole
  set and for each half of it split by a hash of the file name: the first half is the one rules
  were built on, the second was left untouched (`casestudy_half`);
- the same, halves too, on ../shared/real/web-reports (early years reports, copies of reports in
  web pages; scored on its report kinds), with the news items taken for an inspection and the
  early years reports given another remit;
- agreement with the public scraper's labels on ../shared/real/ilacs (peer_labels.csv): per
  field, how often both give the same value, different values, only schoolpipe one, only the
  scraper one; how many of the scraper's grades schoolpipe misses; how many of these local
  authority reports were taken for a school inspection;
- how many of those real PDFs the two PDF engines read into the same text (--engines).
`--json` writes the figures for tests/test_accuracy.py, which holds them to floors.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLES = SHARED / "samples"
INDEPENDENT = SHARED / "real" / "independent"
CASESTUDIES = SHARED / "real" / "casestudies"
WEB_REPORTS = SHARED / "real" / "web-reports"
REPORT_KINDS = "inspection_report,monitoring_letter,short_inspection_letter"  # the web-reports set is scored on these
ILACS = SHARED / "real" / "ilacs"
SCORE = SHARED / "tools" / "score.py"

# peer label column -> the area_key schoolpipe gives that judgement
PEER_GRADES = {
    "overall_effectiveness_grade": "overall_effectiveness",
    "impact_of_leaders_grade": "impact_of_leaders",
    "help_and_protection_grade": "help_and_protection",
    "in_care_grade": "children_in_care",
    "care_leavers_grade": "care_leavers",
}
PEER_DATES = {"inspection_start_date": "inspection_start", "inspection_end_date": "inspection_end"}
# what the scraper writes where a report has no such grade: not a grade
PEER_NOT_GRADES = {"", "inspection_pre_dates_judgement", "not_reported_post_reform", "data_unreadable"}
SCORE_LINE = re.compile(r"^score: (.*)$", re.M)


def build_warehouse(corpus: Path, db: Path) -> None:
    """`schoolpipe run` over a folder, as a user runs it (exit 3 only says some files were unusable)."""
    schoolpipe = Path(sys.executable).with_name("schoolpipe")
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    done = subprocess.run([str(schoolpipe), "run", "--corpus", str(corpus), "--db", str(db)], env=env,
                          capture_output=True, text=True)
    if done.returncode not in (0, 3):
        raise SystemExit(f"schoolpipe run over {corpus} failed (exit {done.returncode}): {done.stderr.strip()[-400:]}")


def score_gold(gold: Path, db: Path, show_misses: bool, kinds: str | None = None) -> dict:
    """The score tool's figures: its `score:` line as numbers, and its printed report."""
    args = [sys.executable, str(SCORE), "--gold", str(gold), "--db", str(db)] + (["--show-misses"] if show_misses else [])
    args += ["--kinds", kinds] if kinds else []
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    line = SCORE_LINE.search(out).group(1)
    figures = {}
    for part in line.split():
        key, value = part.split("=")
        figures[key] = value if "/" in value else float(value)
    return {"line": "score: " + line, "figures": figures, "report": out}


def casestudy_half(file_name: str) -> str:
    """'tuning' or 'held_out': which half of the case studies a file is in, by a hash of its name
    (the first half's misses were read while building; the second half's never were)."""
    digest = int(hashlib.sha256(Path(file_name).name.encode()).hexdigest(), 16)
    return "tuning" if digest % 2 == 0 else "held_out"


def score_halves(gold: Path, db: Path, work: Path, show_misses: bool, kinds: str | None = None) -> dict:
    """The score of the whole gold file and of each half, from one warehouse."""
    lines = [line for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    result = {"whole": score_gold(gold, db, show_misses, kinds)}
    for half in ("tuning", "held_out"):
        part = work / f"{gold.parent.name}-{half}.jsonl"
        part.write_text("\n".join(line for line in lines if casestudy_half(json.loads(line)["file"]) == half) + "\n",
                        encoding="utf-8")
        result[half] = score_gold(part, db, show_misses and half == "tuning", kinds)
    return result


def web_report_checks(gold: Path, db: Path) -> dict:
    """What the score line does not say: news items taken for an inspection, early years reports
    given another remit (by the gold's kind and remit; by file name, as the score tool matches)."""
    labels = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    con = duckdb.connect(str(db), read_only=True)
    try:
        remits = {}
        for uri, remit in con.execute("SELECT d.uri, i.remit FROM documents d JOIN inspections i USING (document_id)").fetchall():
            remits.setdefault(Path(uri).name, set()).add(remit)
    finally:
        con.close()
    news = [g["file"] for g in labels if g["kind"] == "other"]
    early = [g["file"] for g in labels if g.get("remit") == "early_years"]
    return {
        "news": len(news),
        "news_as_inspections": [f for f in news if Path(f).name in remits],
        "early_years": len(early),
        "early_years_other_remit": [f for f in early if remits.get(Path(f).name) != {"early_years"}],
    }


def _peer_date(value: str) -> str | None:
    if not value:
        return None
    return dt.datetime.strptime(value, "%d/%m/%Y").date().isoformat()


def _grade(value: str | None) -> str | None:
    if value is None:
        return None
    text = value.strip().lower()
    return None if text in PEER_NOT_GRADES else text


def peer_agreement(db: Path, labels: Path) -> dict:
    """Per field: agree, disagree, only_schoolpipe, only_scraper; misses and school mix-ups."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        documents = {Path(uri).name: (doc_id, kind) for doc_id, uri, kind in
                     con.execute("SELECT document_id, uri, kind FROM documents").fetchall()}
        inspections = {row[0]: row[1:] for row in con.execute(
            "SELECT document_id, inspection_start, inspection_end, remit, inspection_type FROM inspections").fetchall()}
        grades: dict[str, dict[str, str]] = {}
        for doc_id, key, grade in con.execute("SELECT document_id, area_key, grade FROM judgements").fetchall():
            grades.setdefault(doc_id, {}).setdefault(key, grade)
    finally:
        con.close()
    fields = {name: {"agree": 0, "disagree": 0, "only_schoolpipe": 0, "only_scraper": 0}
              for name in [*PEER_DATES.values(), *PEER_GRADES.values()]}
    disagreements: list[tuple[str, str, str | None, str | None]] = []
    taken_for_school, missing, reports = [], 0, 0
    with open(labels, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name = Path(row["file"]).name
            if name not in documents:
                continue
            doc_id, kind = documents[name]
            reports += 1
            found = inspections.get(doc_id)
            if kind == "inspection_report" or (found and found[2] == "school"):
                taken_for_school.append(name)
            ours: dict[str, str | None] = {
                "inspection_start": found[0].isoformat() if found and found[0] else None,
                "inspection_end": found[1].isoformat() if found and found[1] else None,
            }
            theirs: dict[str, str | None] = {field: _peer_date(row[column]) for column, field in PEER_DATES.items()}
            for column, key in PEER_GRADES.items():
                ours[key] = _grade(grades.get(doc_id, {}).get(key))
                theirs[key] = _grade(row[column])
            for field, counts in fields.items():
                a, b = ours[field], theirs[field]
                if a is not None and b is not None:
                    counts["agree" if a == b else "disagree"] += 1
                    if a != b:
                        disagreements.append((name, field, a, b))
                elif a is not None:
                    counts["only_schoolpipe"] += 1
                elif b is not None:
                    counts["only_scraper"] += 1
                    disagreements.append((name, field, None, b))
    both = sum(c["agree"] + c["disagree"] for c in fields.values())
    agree = sum(c["agree"] for c in fields.values())
    scraper_grades = sum(fields[k]["agree"] + fields[k]["disagree"] + fields[k]["only_scraper"] for k in PEER_GRADES.values())
    missing = sum(fields[k]["only_scraper"] for k in PEER_GRADES.values())
    return {
        "reports": reports,
        "fields": fields,
        "agreement": agree / both if both else 1.0,
        "scraper_grades": scraper_grades,
        "missed_grades": missing,
        "missed_share": missing / scraper_grades if scraper_grades else 0.0,
        "taken_for_school": taken_for_school,
        "disagreements": disagreements,
    }


def engines_agreement(pdfs: list[Path]) -> dict:
    """How many PDFs the fast engine reads into exactly the reference engine's text."""
    sys.path.insert(0, str(ROOT))
    from pipeline.parse import ParseFailure, parse_document

    same, differ = 0, []
    for path in pdfs:
        data = path.read_bytes()
        try:
            fast = parse_document(data, pdf_engine="fast", claimed_type="application/pdf")
            reference = parse_document(data, pdf_engine="pdfplumber", claimed_type="application/pdf")
        except ParseFailure:
            continue
        if fast.text == reference.text:
            same += 1
        else:
            differ.append(path.name)
    total = same + len(differ)
    return {"pdfs": total, "same": same, "share": same / total if total else 1.0, "differ": differ}


def print_report(result: dict, show_misses: bool) -> None:
    for corpus in ("samples", "independent"):
        if corpus in result:
            print(f"{corpus:12} {result[corpus]['line']}")
            if show_misses:
                print(result[corpus]["report"])
    studies = result.get("casestudies")
    if studies:
        for half, label in (("whole", "whole set"), ("tuning", "tuning half"), ("held_out", "held-out half")):
            print(f"casestudies {label:14} {studies[half]['line']}")
        if show_misses:
            print(studies["tuning"]["report"])  # the held-out half's misses are not printed: nobody tunes on them
    web = result.get("web_reports")
    if web:
        for half, label in (("whole", "whole set"), ("tuning", "tuning half"), ("held_out", "held-out half")):
            print(f"web-reports {label:14} {web[half]['line']}")
        checks = web["checks"]
        print(f"web-reports news items taken for an inspection: {len(checks['news_as_inspections'])} of {checks['news']}; "
              f"early years reports without remit early_years: {len(checks['early_years_other_remit'])} of "
              f"{checks['early_years']}")
        if show_misses:
            print(web["tuning"]["report"])
    peer = result.get("ilacs")
    if peer:
        print(f"\nilacs: {peer['reports']} local-authority reports against the scraper's labels "
              "(JT-39/ofsted-ilacs-scrape-tool; blank before 2018)")
        print(f"  {'field':22} {'agree':>6} {'disagree':>9} {'only ours':>10} {'only scraper':>13}")
        for field, c in peer["fields"].items():
            print(f"  {field:22} {c['agree']:6} {c['disagree']:9} {c['only_schoolpipe']:10} {c['only_scraper']:13}")
        print(f"  agreement where both have a value: {peer['agreement']:.3f}")
        print(f"  scraper's grades missed by schoolpipe: {peer['missed_grades']} of {peer['scraper_grades']} "
              f"({peer['missed_share']:.1%})")
        print(f"  reports taken for a school inspection: {len(peer['taken_for_school'])}")
        if show_misses:
            for name, field, ours, theirs in peer["disagreements"]:
                print(f"    {name}: {field}: schoolpipe {ours!r}, scraper {theirs!r}")
    engines = result.get("engines")
    if engines:
        print(f"\nPDF engines: the same text on {engines['same']} of {engines['pdfs']} real PDFs ({engines['share']:.1%})")
        if show_misses:
            for name in engines["differ"]:
                print(f"    differs: {name}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", type=Path, help="also write the figures here")
    ap.add_argument("--work", type=Path, help="keep the warehouses in this folder")
    ap.add_argument("--show-misses", action="store_true")
    ap.add_argument("--engines", action="store_true", help="also compare the PDF engines (slow: ~10 min)")
    args = ap.parse_args()
    if not SAMPLES.is_dir():
        raise SystemExit(f"{SHARED} is not beside this checkout: nothing to measure")
    work = args.work or Path(tempfile.mkdtemp(prefix="schoolpipe-accuracy-"))
    work.mkdir(parents=True, exist_ok=True)
    result: dict = {}
    for name, corpus, gold in (("samples", SAMPLES, SAMPLES / "gold.jsonl"),
                               ("independent", INDEPENDENT / "docs", INDEPENDENT / "gold.jsonl")):
        if corpus.is_dir():
            db = work / f"{name}.duckdb"
            build_warehouse(corpus, db)
            result[name] = score_gold(gold, db, args.show_misses)
    if (CASESTUDIES / "docs").is_dir():
        db = work / "casestudies.duckdb"
        build_warehouse(CASESTUDIES / "docs", db)
        result["casestudies"] = score_halves(CASESTUDIES / "gold.jsonl", db, work, args.show_misses)
    if (WEB_REPORTS / "docs").is_dir():
        db = work / "web-reports.duckdb"
        build_warehouse(WEB_REPORTS / "docs", db)
        result["web_reports"] = score_halves(WEB_REPORTS / "gold.jsonl", db, work, args.show_misses, REPORT_KINDS)
        result["web_reports"]["checks"] = web_report_checks(WEB_REPORTS / "gold.jsonl", db)
    if (ILACS / "docs").is_dir():
        db = work / "ilacs.duckdb"
        build_warehouse(ILACS / "docs", db)
        result["ilacs"] = peer_agreement(db, ILACS / "peer_labels.csv")
    if args.engines:
        pdfs = sorted(SAMPLES.glob("*.pdf")) + sorted((ILACS / "docs").glob("*.pdf"))
        result["engines"] = engines_agreement(pdfs)
    print_report(result, args.show_misses)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, default=str))


if __name__ == "__main__":
    main()
