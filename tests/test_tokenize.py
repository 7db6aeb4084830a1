"""The line-by-line tokenizer gives exactly the tokens spaCy's own would, only faster."""
from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.nlp import build_pipeline, tokenize
from extractors.patterns import load_patterns
from pipeline.parse import parse_document

ROOT = Path(__file__).resolve().parent.parent
# Whitespace of every kind (spaCy makes tokens of some), tokenizer exceptions, affixes, URLs.
PIECES = [" ", "  ", "\n", "\n\n", " \n", "\n ", "\t", "\xa0", "\f", "\r\n", "school's", "pupils’", "and/or", "cannot",
          "Mr.", "e.g.", "a.m.", "(Good)", "“quoted”", "U.S.", "9–10", "£1,200.50", "www.example.org/a?b=1",
          "head@school.org.uk", "co-operative", "Trust,", ":)", "Inspection", "N'T", "Grade:", "-", "...", "•"]
text_like = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=60).map("".join)


def spacy_tokens(doc) -> list[tuple[str, str, int]]:
    return [(token.text, token.whitespace_, token.idx) for token in doc]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text_like)
def test_same_tokens_as_spacys_tokenizer_on_any_text(text):
    nlp = build_pipeline()
    assert spacy_tokens(tokenize(nlp, text)) == spacy_tokens(nlp.tokenizer(text))


def test_same_tokens_on_every_demo_and_sample_document(samples):
    nlp = build_pipeline()
    paths = sorted((ROOT / "corpus" / "demo").iterdir()) + sorted(p for p in samples.iterdir() if p.suffix != ".jsonl")
    checked = 0
    for path in paths:
        if path.suffix.lower() not in (".pdf", ".html", ".htm", ".txt"):
            continue
        text = parse_document(path.read_bytes()).text
        assert spacy_tokens(tokenize(nlp, text)) == spacy_tokens(nlp.tokenizer(text)), path.name
        checked += 1
    assert checked >= 20


def test_no_pattern_matches_on_norm():
    """Token norms from tokenizer exceptions are not carried by `tokenize` (see there)."""
    names = [path.name.removesuffix(".patterns.jsonl") for path in (ROOT / "extractors").glob("*.patterns.jsonl")]
    assert "partnerships" in names and "judgements" in names
    for name in names:
        for pattern in load_patterns(name):
            assert "NORM" not in json.dumps(pattern.get("pattern", "")), f"{name}: {pattern['id']}"
