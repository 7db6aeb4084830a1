"""Regexes that skip a text at C speed when it lacks a word every match must contain.

Most patterns match nowhere in most documents ("special measures", "joint moderation"),
yet Python's `re` still tries every position of a 60,000-character report, slowly under
IGNORECASE. Each pattern's required words are read off its parse tree (for
`\\b(?:joint|shared) CPD\\b`: "joint" or "shared"); when none is in the text, the answer is
"no match" without running the regex. When one is, the regex runs as before, so results
are identical: the filter only ever skips work that would have found nothing.
"""
from __future__ import annotations

import re
from functools import lru_cache
from re import _constants as sre_constants  # Python >= 3.11 (pyproject)
from re import _parser as sre_parse

MIN_WORD = 3  # shorter required words are in nearly every text: not worth checking


@lru_cache(maxsize=1)
def _odd_case() -> re.Pattern:
    """Non-ASCII characters that IGNORECASE matches to an ASCII letter (the Kelvin sign and
    'k', dotless 'ı' and 'i', long 'ſ' and 's', ...): a text holding any is never filtered."""
    odd = [chr(c) for c in range(0x80, 0x10000) if not 0xD800 <= c < 0xE000 and re.match("[a-z]", chr(c), re.I)]
    return re.compile("[" + "".join(map(re.escape, odd)) + "]")


def required_words(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Words one of which every match contains (lower-cased under IGNORECASE), or None."""
    try:
        tree = sre_parse.parse(pattern, flags)
    except re.error:
        return None
    words = _sequence(list(tree))
    if not words or min(map(len, words)) < MIN_WORD:
        return None
    return frozenset(w.lower() for w in words) if tree.state.flags & re.I else words


def _sequence(items: list) -> frozenset[str] | None:
    """The best requirement of a sequence: its longest run of literal characters, or an item's."""
    best: frozenset[str] | None = None
    run: list[str] = []

    def better(candidate):
        nonlocal best
        if candidate and (best is None or min(map(len, candidate)) > min(map(len, best))):
            best = candidate

    for op, arg in items:
        if op is sre_constants.LITERAL and arg < 128:
            run.append(chr(arg))
            continue
        better(frozenset(["".join(run)]) if run else None)
        run = []
        better(_item(op, arg))
    better(frozenset(["".join(run)]) if run else None)
    return best


def _item(op, arg) -> frozenset[str] | None:
    if op is sre_constants.SUBPATTERN:
        _group, add_flags, del_flags, inner = arg
        if (add_flags | del_flags) & re.I:
            return None  # case rules change inside: no safe requirement
        return _sequence(list(inner))
    if op is sre_constants.BRANCH:
        options: set[str] = set()
        for branch in arg[1]:
            words = _sequence(list(branch))
            if not words:
                return None  # a branch without a requirement: the whole alternation has none
            options |= words
        return frozenset(options)
    if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT):
        low, _high, inner = arg
        return _sequence(list(inner)) if low >= 1 else None
    if op is sre_constants.ATOMIC_GROUP:
        return _sequence(list(arg))
    return None


class _Folded:
    """The last text seen, lower-cased once for all the patterns run over it."""
    text: str | None = None
    lower: str = ""
    odd: bool = False

    @classmethod
    def of(cls, text: str) -> tuple[str, bool]:
        if text is not cls.text:
            cls.text, cls.lower, cls.odd = text, text.lower(), _odd_case().search(text) is not None
        return cls.lower, cls.odd


class FilteredRegex:
    """A compiled regex with a required-word check in front; otherwise exactly the regex."""

    def __init__(self, regex: re.Pattern):
        self.regex = regex
        self.words = required_words(regex.pattern, regex.flags)
        self.ignore_case = bool(regex.flags & re.I)

    def may_match(self, text: str) -> bool:
        if self.words is None:
            return True
        if self.ignore_case:
            lower, odd = _Folded.of(text)
            return odd or any(word in lower for word in self.words)
        return any(word in text for word in self.words)

    def search(self, text: str, *bounds):
        return self.regex.search(text, *bounds) if bounds or self.may_match(text) else None

    def finditer(self, text: str, *bounds):
        return self.regex.finditer(text, *bounds) if bounds or self.may_match(text) else iter(())

    def findall(self, text: str, *bounds):
        return self.regex.findall(text, *bounds) if bounds or self.may_match(text) else []

    def __getattr__(self, name):  # match, fullmatch, sub, pattern, flags, groupindex, …
        return getattr(self.regex, name)

    def __repr__(self) -> str:
        return f"FilteredRegex({self.regex.pattern!r}, words={sorted(self.words) if self.words else None})"
