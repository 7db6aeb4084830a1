"""The required-word check in front of every pattern regex never changes a result."""
from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.patterns import compiled
from extractors.prefilter import FilteredRegex, required_words

ROOT = Path(__file__).resolve().parent.parent
NAMES = sorted(p.name.removesuffix(".patterns.jsonl") for p in (ROOT / "extractors").glob("*.patterns.jsonl"))
ALL = [(name, pattern, regex) for name in NAMES for pattern, regex in compiled(name)]
# Words the patterns look for, in other cases, and characters IGNORECASE folds onto ASCII letters.
WORDS = sorted({w for _, _, r in ALL if r.words for w in r.words})
PIECES = WORDS + [w.upper() for w in WORDS] + [w.title() for w in WORDS] + ["ſ", "ı", "İ", "K", " ", "\n", "."]


def test_required_words_read_off_the_pattern():
    assert required_words(r"\b(?:joint|shared) (?:CPD|professional development)\b", re.I) == {"joint", "shared"}
    assert required_words(r"special measures monitoring", re.I) == {"special measures monitoring"}
    assert required_words(r"no longer (?:has|have) serious weaknesses|removal of", re.I) == {" serious weaknesses", "removal of"}
    assert required_words(r"(?:Trust)?\d+", 0) is None          # optional: nothing is required
    assert required_words(r"URN", 0) == {"URN"}                  # case-sensitive patterns keep their case
    assert required_words(r"(?i:joint) work", 0) == {" work"}    # a case change inside is skipped, not trusted
    assert required_words(r"ab|c", re.I) is None                 # too short to be worth checking


def test_most_patterns_have_a_requirement():
    with_words = sum(1 for _, _, r in ALL if r.words)
    assert with_words >= 0.7 * len(ALL), f"{with_words} of {len(ALL)}"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=30).map(" ".join))
def test_filtered_regexes_find_exactly_what_the_regexes_find(text):
    for _name, pattern, regex in ALL:
        assert isinstance(regex, FilteredRegex)
        assert [m.span() for m in regex.finditer(text)] == [m.span() for m in regex.regex.finditer(text)], pattern["id"]
        assert bool(regex.search(text)) == bool(regex.regex.search(text)), pattern["id"]


def test_a_case_folding_character_is_never_filtered_out():
    regex = FilteredRegex(re.compile("special measures", re.I))
    assert regex.search("the ſpecial measures") is not None      # long s matches 's' under IGNORECASE
    assert regex.search("nothing here") is None
