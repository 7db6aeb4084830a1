"""The shared spaCy pipeline: a blank English tokenizer and one span ruler per pattern file."""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from extractors.patterns import load_patterns

# pattern file name -> the span group its ruler writes
RULERS = {"judgements": "judgement_cues", "partnerships": "partnership_cues"}
MAX_CHARS = 5_000_000  # the longest text handed to spaCy; longer documents are cut, and say so


@lru_cache(maxsize=1)
def build_pipeline() -> Language:
    """Built once per process: loading patterns costs far more than running them."""
    nlp = spacy.blank("en")
    nlp.max_length = MAX_CHARS + 1
    for name, spans_key in RULERS.items():
        ruler = nlp.add_pipe(
            "span_ruler",
            name=f"{name}_ruler",
            config={
                "spans_key": spans_key,
                "phrase_matcher_attr": "LOWER",
                "spans_filter": {"@misc": "spacy.first_longest_spans_filter.v1"},
                "overwrite": True,
            },
        )
        ruler.add_patterns([
            {"label": p["label"], "pattern": p["pattern"], "id": p["id"]}
            for p in load_patterns(name)
            if p.get("pattern")
        ])
    return nlp


def analyse(text: str) -> Doc:
    """Run the pipeline over a document's text (cut at MAX_CHARS)."""
    return build_pipeline()(text[:MAX_CHARS])


@lru_cache(maxsize=None)
def pattern_meta(name: str) -> dict[str, dict]:
    """Pattern id -> the whole pattern record, for metadata the ruler does not carry."""
    return {p["id"]: p for p in load_patterns(name)}
