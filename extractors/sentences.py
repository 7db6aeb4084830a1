"""One notion of a sentence for every extractor: it ends at a full stop (or ! ? …) before a
capital or a digit, at a blank line, or before a bullet (`sentences.patterns.jsonl`), so
"e.g. the" and "2.5 per cent" do not end one."""
from __future__ import annotations

from functools import cache

from extractors.patterns import compiled

NAME = "sentences"
REACH = 2000  # characters looked at on either side of a phrase for its sentence's ends


@cache
def _ends():
    return tuple(regex for pattern, regex in compiled(NAME) if pattern["kind"] == "sentence_end")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The whole text cut into sentences: (start, end) of each that holds more than space."""
    cuts = sorted({m.end() for regex in _ends() for m in regex.finditer(text)})
    bounds = [0, *cuts, len(text)]
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if text[a:b].strip()]


def sentence_bounds(text: str, start: int, end: int, reach: int = REACH) -> tuple[int, int]:
    """(lo, hi) of the sentence around text[start:end], at most `reach` characters either side;
    hi keeps the sentence's own full stop."""
    lo = max(0, start - reach)
    for regex in _ends():
        for m in regex.finditer(text, lo, min(len(text), start + 1)):  # +1: the lookahead sees the phrase
            if m.end() <= start:
                lo = max(lo, m.end())
    limit = min(len(text), end + reach)
    found = [m for regex in _ends() if (m := regex.search(text, end, limit))]
    if not found:
        return lo, limit
    first = min(found, key=lambda m: m.start())
    return lo, first.start() + (1 if text[first.start()] in ".!?\u2026" else 0)


def sentence_around(text: str, start: int, end: int, reach: int = REACH) -> str:
    lo, hi = sentence_bounds(text, start, end, reach)
    return text[lo:hi]
