"""Golden output per document and extractor: a diff shows exactly what an extractor change did.

Regenerate after a deliberate change with `pytest tests/test_golden.py --regen-golden` and review the diff.
"""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from conftest import DEMO, GOLDEN, SAMPLES

from extractors.extract import extract_document
from pipeline.parse import parse_document

SUFFIXES = (".pdf", ".txt", ".html")


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES) if folder.is_dir() else []


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
        "judgements": [[j.area, j.area_key, j.grade, j.grade_score, j.page] for j in got.judgements],
        "partnerships": sorted({(p.name, p.partnership_type, p.named) for p in got.partnerships}),
        "members": [[m.partnership_name, m.school_name, m.role, m.urn, m.postcode] for m in got.members],
        "activities": sorted({(a.activity, a.phrase) for a in got.activities}),
        "grade_mentions": [[g.statement, g.grade, g.area, g.school_name, g.about_date, g.hypothetical, g.previous,
                            g.negated, g.share_percent, g.of_schools] for g in got.grade_mentions],
        "metrics": [[m.measure, m.value, m.subject, m.pupil_group, m.year, m.comparison, m.comparison_value]
                    for m in got.metrics],
    }


CASES = [("demo", p) for p in _files(DEMO)] + [("samples", p) for p in _files(SAMPLES)]


@pytest.mark.parametrize("group, path", CASES, ids=[f"{g}/{p.name}" for g, p in CASES])
def test_golden(group, path, regen_golden):
    target = GOLDEN / group / (path.name + ".json")
    got = json.loads(json.dumps(golden_record(path), ensure_ascii=False))
    if regen_golden or not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        if not regen_golden:
            pytest.fail(f"wrote missing golden file {target.name}: review and commit it")
    assert got == json.loads(target.read_text(encoding="utf-8"))
