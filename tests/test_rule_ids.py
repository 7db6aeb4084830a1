"""Every rule id the extractors emit names a pattern in a pattern file: a value can be traced to its rule."""
from __future__ import annotations

import dataclasses
from pathlib import Path

from extractors.extract import extract_document
from extractors.patterns import HERE, read_pattern_file
from pipeline.parse import parse_document

ROOT = Path(__file__).resolve().parent.parent


def pattern_ids() -> set[str]:
    ids = set()
    for path in HERE.glob("*.patterns.jsonl"):
        ids.update(p["id"] for p in read_pattern_file(path, path.name.split(".")[0]))
    return ids


def emitted(value) -> set[str]:
    found = set()
    if dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            item = getattr(value, f.name)
            if f.name == "rule_id" and item:
                found.update(item.split("+"))  # an area and its grade: "area-oe-1+grade-good-1"
            elif f.name == "rule_ids" and item:
                found.update(item)
            else:
                found |= emitted(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            found |= emitted(item)
    return found


def documents() -> list[Path]:
    found = sorted((ROOT / "corpus" / "demo").iterdir())
    samples = ROOT.parent / "shared" / "samples"
    if samples.is_dir():
        found += sorted(p for p in samples.iterdir() if p.suffix in (".pdf", ".html", ".txt"))
    return found


def test_every_emitted_rule_id_is_in_a_pattern_file():
    known, seen, unknown = pattern_ids(), set(), {}
    for path in documents():
        ids = emitted(extract_document(parse_document(path.read_bytes())))
        seen |= ids
        if ids - known:
            unknown[path.name] = sorted(ids - known)
    assert len(seen) > 20, "too little was extracted for the check to mean anything"
    assert not unknown, f"rule ids in no pattern file: {unknown}"
