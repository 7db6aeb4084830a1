"""A details table that a web copy unrolled: every label on a line of its own, then every value.

Document hosts and pasted pages often print a report's page-1 table as a run of labels
("Unique Reference Number", "Local Authority", "Inspection number", ...) followed by a run of
their values in the same order. Where the two runs are equally long they are paired again, and
"Label: value" lines are added after the text, so the identity and date rules read them as
they read a table (the text itself, and every offset into it, stays as it was).
"""
from __future__ import annotations

import re
from dataclasses import replace

from extractors.identity import label_values
from pipeline.models import Document

MIN_RUN = 2          # a single label followed by a value is an ordinary line pair
MAX_VALUE_WORDS = 10
# what the value of a typed label looks like: where a run of values is longer than its labels
# (the next lines are prose, not values), the first values are paired only if every typed one fits
_TYPED = (
    (re.compile(r"unique reference number|urn", re.I), re.compile(r"^(?:EY)?\d{6,7}$", re.I)),
    (re.compile(r"inspection dates?(?:\(s\))?|date of previous", re.I), re.compile(r"\d{4}\s*$")),
    (re.compile(r"inspection number", re.I), re.compile(r"^[A-Z]{0,3}\d{5,8}$", re.I)),
)


def unrolled_pairs(text: str) -> list[tuple[str, str]]:
    labels = {label.lower() for label in label_values("details_labels")}
    filled = [line.strip() for line in text.split("\n") if line.strip()]

    def is_label(line: str) -> bool:
        return line.lower().rstrip(" :") in labels

    pairs: list[tuple[str, str]] = []
    i = 0
    while i < len(filled):
        if not is_label(filled[i]):
            i += 1
            continue
        j = i
        while j < len(filled) and is_label(filled[j]):
            j += 1
        k = j
        while k < len(filled) and _value_like(filled[k]) and not is_label(filled[k]):
            k += 1
        run, values = filled[i:j], filled[j:k]
        if len(run) >= MIN_RUN and (len(values) == len(run) or (len(values) > len(run) and _typed_fit(run, values))):
            pairs += [(label.rstrip(" :"), value) for label, value in zip(run, values)]
        i = max(k, i + 1)
    return pairs


def _typed_fit(labels: list[str], values: list[str]) -> bool:
    """Every typed label among the first values has a value of its type, and there is one."""
    typed = 0
    for label, value in zip(labels, values):
        for label_rx, value_rx in _TYPED:
            if label_rx.fullmatch(label.rstrip(" :")):
                typed += 1
                if not value_rx.search(value):
                    return False
    return typed > 0


def _value_like(line: str) -> bool:
    return not line.endswith((".", ":")) and len(line.split()) <= MAX_VALUE_WORDS


def with_unrolled_details(document: Document) -> Document:
    """The document with its unrolled details table paired again after the text, if it has one."""
    pairs = unrolled_pairs(document.text)
    if not pairs:
        return document
    return replace(document, text=document.text + "\n\n" + "\n".join(f"{label}: {value}" for label, value in pairs))
