"""One key per partnership, however it is printed: the key that ties mentions, members and an
official register's name to one body (`partnership_key`)."""
from __future__ import annotations

import re

_FOLDS = (
    (re.compile(r"\bco-?operative\b"), "cooperative"),
    (re.compile(r"\b(?:church of england|c\.? ?of\.? ?e\.?|cofe)(?=\s|$)"), "ce"),
    (re.compile(r"\bsaint\b"), "st"),
    (re.compile(r"\bst\.(?=\s)"), "st"),
    (re.compile(r"\bmat\b$"), "multi academy trust"),
)


def partnership_key(name: str) -> str:
    """Case, a leading 'The', '&', quotes, hyphens, 'Academies'/'Academy', 'Co-operative',
    'C of E', a closing 'MAT' and 'Ltd' folded: 'The Oak Academies Trust' and 'Oak Academy Trust' share
    'oak academy trust'."""
    folded = name.lower().replace("&", " and ").replace("\u2019", "'").replace("\u2018", "'")
    for pattern, replacement in _FOLDS:
        folded = pattern.sub(replacement, folded)
    folded = re.sub(r"[^\w\s']", " ", folded.replace("-", " "))
    words = [w.strip("'") for w in folded.split() if w.strip("'")]
    if words and words[0] == "the":
        words = words[1:]
    if len(words) > 2 and words[-1] in ("ltd", "limited"):
        words = words[:-1]  # a company's legal suffix: 'Oak Learning Trust Ltd' is 'Oak Learning Trust'
    return " ".join("academy" if w == "academies" else w for w in words)
