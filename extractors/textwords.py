"""Words with their places in the text, and where the text's structure breaks a phrase.

Names of partnerships and schools are read word by word: a name may run over a soft line wrap in
prose, but never over a blank line, a heading's line end, a bullet, a table cell or sentence
punctuation. `words_of` gives each word and punctuation mark with its offsets, and whether the
space before it holds a line break that ends a phrase.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import NamedTuple

# a word: letters and digits, joined by hyphens or apostrophes inside, with
# an apostrophe after a final s kept ("Saints'", "LEARNERS'"); anything else is one mark
_TOKEN = re.compile(
    r"[^\W_]+(?:[’'](?=[^\W\d_])(?![sS](?![^\W_]))[^\W_]+|-(?=[^\W_])[^\W_]+)*(?:(?<=[sS])[’'](?![^\W_]))?"
    r"|(?<=[^\W_])[’'][sS](?![^\W_])|[^\w\s]|_+")
SOFT_WRAP_MIN = 25  # shorter lines are headings, labels or table cells, never wrapped prose
SOFT_WRAP_SHARE = 0.7  # a line this share of the text's usual long line, ending mid-sentence, was wrapped
# a type or school word with the next sentence's first word run into it ('TrustThe', 'AcademyPhoto')
GLUED = re.compile(r"^((?:Trust|Federation|Partnership|Alliance|Network|Cluster|Hub|Academy|Academies|School|Schools|"
                    r"College))([A-Z][a-z]{2,}.*)$")
_GLUE_HEADS = frozenset("TFPANCHS")
_LOWER_WORD = re.compile(r"(?<![\w’'])[a-z][a-z’'-]*")
SENTENCE_OPENERS = {"The", "This", "These", "Those", "It", "Its", "We", "Our", "They", "Their", "A", "An", "In", "On",
                    "At", "As", "He", "She", "I", "There", "What", "How", "When", "If", "Since", "For", "From"}
ABBREVIATIONS = {"st", "mt", "c", "e", "co", "cof", "rc", "ce", "dr", "no"}


class Word(NamedTuple):
    """A word or mark of the text (a named tuple: tens of thousands are made per report)."""
    text: str
    start: int
    end: int
    broken: bool  # a phrase cannot run from the previous word into this one (a hard line end)
    line_break: bool  # the space before it holds a line break (soft or hard)

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum()

    @property
    def possessive(self) -> bool:
        """The "’s" of a possessive, a token of its own ('Christopher' '’s')."""
        return len(self.text) == 2 and self.text[0] in "’'" and self.text[1] in "sS"

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def capitalised(self) -> bool:
        first = self.text[:1]
        return first.isupper() or first.isdigit()

    @property
    def upper(self) -> bool:
        letters = [c for c in self.text if c.isalpha()]
        return len(letters) >= 2 and all(c.isupper() for c in letters)


@lru_cache(maxsize=2)
def words_of(text: str) -> tuple[Word, ...]:
    """Every word and mark of `text`, each saying whether a hard break comes before it (kept for the
    last two texts: the partnership and membership extractors read the same document)."""
    return tuple(_words_of(text))


def _words_of(text: str) -> list[Word]:
    out: list[Word] = []
    append = out.append
    new = tuple.__new__  # a named tuple made without its Python-level __new__: a third of the time
    previous_end = 0
    wrap_at = wrap_length(text)
    find = text.find
    for m in _TOKEN.finditer(text):
        start, end = m.span()
        token = m.group(0)
        line_break = start > previous_end and (find("\n", previous_end, start) >= 0 or find("\f", previous_end, start) >= 0)
        broken = line_break and not _soft_wrap(text, previous_end, text[previous_end:start], wrap_at)
        glued = GLUED.match(token) if len(token) > 7 and token[0] in _GLUE_HEADS else None
        if glued:  # 'TrustThe', 'SchoolCaption': a caption run into the next sentence
            cut = start + glued.end(1)
            append(new(Word, (glued.group(1), start, cut, broken or previous_end == 0, line_break)))
            append(new(Word, (token[glued.end(1):], cut, end, True, False)))
        else:
            append(new(Word, (token, start, end, broken or previous_end == 0, line_break)))
        previous_end = end
    return out


def wrap_length(text: str) -> int:
    """How long a line must be to have been wrapped: most of the text's usual long line (its
    75th percentile), so a two-column report's 45-character lines and a web page's paragraphs
    both wrap, and their headings do not."""
    lengths = sorted(len(line.strip()) for line in text.split("\n") if line.strip())
    if not lengths:
        return SOFT_WRAP_MIN
    return max(SOFT_WRAP_MIN, int(SOFT_WRAP_SHARE * lengths[(3 * len(lengths)) // 4]))


def _soft_wrap(text: str, line_end: int, gap: str, wrap_at: int) -> bool:
    """A single line break inside a sentence of prose: the line is prose (it has lower-case words),
    does not end a sentence, and is as long as the text's lines usually are, or about as long as
    the line before it (a narrow column), or the next line goes on in lower case. A table's row of
    names has no lower-case words, so its line end stays a break."""
    if gap.count("\n") != 1 or "\f" in gap:
        return False
    line_start = text.rfind("\n", 0, line_end) + 1
    line = text[line_start:line_end].strip()
    if len(line) < SOFT_WRAP_MIN or line[-1:] in ".!?:;|":
        return False
    if len(_LOWER_WORD.findall(line)) < 2:
        # a list of names wrapped at the text's width ('…, Mersey Primary, Stoneferry' / 'Primary, …') goes on;
        # a table's row of names does not fill the line
        return line.count(", ") >= 2 and len(line) >= 0.8 * wrap_at and line[-1:] not in ","
    following = text[line_end + len(gap):line_end + len(gap) + 12].split(" ")[0]
    if following in SENTENCE_OPENERS:
        return False  # 'The alliance takes in …' on the next line starts a sentence
    if len(line) >= wrap_at:
        return True
    previous_start = text.rfind("\n", 0, max(0, line_start - 1)) + 1
    previous = text[previous_start:max(previous_start, line_start - 1)].strip()
    return len(line) >= 0.8 * len(previous) >= SOFT_WRAP_MIN or following[:1].islower()


def first_at(words: list[Word], offset: int) -> int:
    """The index of the first word starting at or after `offset` (len(words) if none): a bisection."""
    return bisect.bisect_left(words, offset, key=lambda w: w.start)


def last_before(words: list[Word], offset: int) -> int | None:
    """The index of the last word ending at or before `offset`, or None."""
    k = bisect.bisect_right(words, offset, key=lambda w: w.end) - 1
    return k if k >= 0 else None


def joins(left: Word, right: Word) -> bool:
    """Two words may be read as one phrase: nothing but spaces (or a soft wrap) between them."""
    return not right.broken and (right.start - left.end <= 3 or right.line_break)


def is_abbreviation_dot(words: list[Word], i: int) -> bool:
    """words[i] is the dot of an abbreviation inside a name ('St.', 'C. of E.')."""
    return (words[i].text == "." and i > 0 and words[i - 1].lower in ABBREVIATIONS
            and words[i - 1].end == words[i].start)
