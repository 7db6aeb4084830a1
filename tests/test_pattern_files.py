"""Pattern files are data checked when they load: a mistake names the file and the line."""
from __future__ import annotations

import json

import pytest

from extractors.patterns import HERE, PatternFileError, load_patterns, read_pattern_file
from extractors.versions import EXTRACTOR_FILES

NAMES = sorted({name for _, names in EXTRACTOR_FILES.values() for name in names})


@pytest.mark.parametrize("name", NAMES)
def test_every_shipped_pattern_file_follows_its_schema(name):
    assert load_patterns(name)


def _write(tmp_path, name, rows):
    path = tmp_path / f"{name}.patterns.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_a_misspelt_key_names_the_file_and_line(tmp_path):
    good = json.loads((HERE / "dates.patterns.jsonl").read_text().splitlines()[0])
    bad = {**{k: v for k, v in good.items() if k != "regex"}, "id": "x-1", "regx": "inspection dates?"}
    with pytest.raises(PatternFileError, match=r"dates\.patterns\.jsonl line 2 \(id 'x-1'\).*'regx'"):
        read_pattern_file(_write(tmp_path, "dates", [good, bad]), "dates")


def test_a_wrong_value_and_an_unknown_kind_of_line_are_errors(tmp_path):
    title = next(p for p in load_patterns("kind") if p["rule"] == "title")
    with pytest.raises(PatternFileError, match=r"line 1 .*zone.*'header' is not one of"):
        read_pattern_file(_write(tmp_path, "kind", [{**title, "zone": "header"}]), "kind")
    with pytest.raises(PatternFileError, match=r"line 1: rule 'tittle' is not one of"):
        read_pattern_file(_write(tmp_path, "kind", [{**title, "rule": "tittle"}]), "kind")


def test_ids_stay_unique(tmp_path):
    row = json.loads((HERE / "dates.patterns.jsonl").read_text().splitlines()[0])
    with pytest.raises(PatternFileError, match="line 2: every pattern needs a unique 'id'"):
        read_pattern_file(_write(tmp_path, "dates", [row, row]), "dates")
