"""Golden output per document and extractor, with each value's rule and character span: a
failure prints the diff, so it shows exactly what an extractor change did and which rule did it.

After a deliberate change, `pytest tests/test_golden.py --regen-golden -s` rewrites only the files
that changed and prints each one's diff; review them, and `git diff tests/golden` before committing.
"""
from __future__ import annotations

import dataclasses
import difflib
import json
from pathlib import Path

import pytest
from conftest import DEMO, GOLDEN, SAMPLES

from extractors.extract import extract_document
from pipeline.parse import parse_document

SUFFIXES = (".pdf", ".txt", ".html")


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES) if folder.is_dir() else []


def trace(record) -> tuple:
    """Where a value was read and by which rule: "rule_id@start-end"."""
    return (f"{record.rule_id}@{record.start_char}-{record.end_char}",)


def golden_record(path: Path) -> dict:
    document = parse_document(path.read_bytes())
    got = extract_document(document)
    inspection = dataclasses.asdict(got.inspection) if got.inspection else None
    if inspection:
        inspection = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in inspection.items()}
    return {
        "kind": got.kind,
        "pages": document.page_count,
        "inspection": inspection,
        "judgements": [[j.area, j.area_key, j.grade, j.grade_score, j.page, *trace(j)] for j in got.judgements],
        "partnerships": sorted({(p.name, p.partnership_type, p.named, *trace(p)) for p in got.partnerships}),
        "members": [[m.partnership_name, m.school_name, m.role, m.urn, m.postcode, *trace(m)] for m in got.members],
        "activities": sorted({(a.activity, a.phrase, *trace(a)) for a in got.activities}),
        "grade_mentions": [[g.statement, g.grade, g.area, g.school_name, g.about_date, g.hypothetical, g.previous,
                            g.negated, g.share_percent, g.of_schools, *trace(g)] for g in got.grade_mentions],
        "metrics": [[m.measure, m.value, m.subject, m.pupil_group, m.year, m.comparison, m.comparison_value, *trace(m)]
                    for m in got.metrics],
    }


CASES = [("demo", p) for p in _files(DEMO)] + [("samples", p) for p in _files(SAMPLES)]


@pytest.mark.parametrize("group, path", CASES, ids=[f"{g}/{p.name}" for g, p in CASES])
def test_golden(group, path, regen_golden):
    target = GOLDEN / group / (path.name + ".json")
    got = json.loads(json.dumps(golden_record(path), ensure_ascii=False))
    text = json.dumps(got, indent=1, ensure_ascii=False) + "\n"
    before = target.read_text(encoding="utf-8") if target.exists() else ""
    if text == before:
        return
    diff = "".join(difflib.unified_diff(before.splitlines(True), text.splitlines(True),
                                        f"golden/{group}/{target.name}", "now", n=1))
    if regen_golden or not before:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        print(diff)
        if not regen_golden:
            pytest.fail(f"wrote missing golden file {target.name}: review and commit it")
        return
    pytest.fail(f"extraction differs from the golden file (after a deliberate change: --regen-golden):\n{diff[:6000]}")
