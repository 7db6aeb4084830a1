"""Where a partnership's name begins and ends, read from the words and the text's structure.

A name is found from its type word ('Trust', 'Federation', 'Cluster', 'EIP', ...) leftwards over
capitalised words, joined by 'of', 'and', '&' or a hyphen, stopping at a lower-case word, a
role ('CEO'), a hard line end, a bullet or a mark; 'of Schools' after the type word belongs to
it. Whether the words found are a proper name, a generic phrase or a public body is decided by
`judge_name`. The vocabulary is the `partnerships.patterns.jsonl` META entries.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extractors.nlp import pattern_meta
from extractors.textwords import Word, is_abbreviation_dot, joins

PATTERNS = "partnerships"
MAX_NAME_WORDS = 10
MAX_OF_LIST = 8
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.I)
_ADDRESS_WORDS = {"road", "street", "lane", "drive", "avenue", "close", "crescent", "terrace", "gardens", "rd", "st.",
                  "tel", "telephone", "fax", "email", "www"}
_AGE_RANGE = re.compile(r"^\d{1,2}[-–]\d{1,2}$")
_PARTICLES = ("de", "le", "la", "du", "van", "von", "di")  # words in a type-first name's 'of A and B Schools'


@dataclass(frozen=True)
class NameSpan:
    """A candidate name: words[first..last] of the text, with the type word that anchors it."""
    first: int
    last: int
    anchor: str
    rule: str
    modifier: bool = False  # followed by a capitalised noun: the start of a longer name ('… Trust Board')


@dataclass(frozen=True)
class Vocabulary:
    types: dict[str, str]
    weak_types: frozenset[str]
    acronym_types: frozenset[str]
    connectors: frozenset[str]
    stops: frozenset[str]
    generic: frozenset[str]
    type_phrases: frozenset[str]
    public_words: frozenset[str]
    false_friends: frozenset[str]
    school_heads: frozenset[str]
    school_phases: frozenset[str]
    indefinite: frozenset[str]
    plural_heads: frozenset[str]
    stop_pairs: frozenset[str]
    of_heads: frozenset[str]
    suppliers: frozenset[str]
    the_inside: frozenset[str]
    of_the_heads: frozenset[str]
    typed_only_after: frozenset[str]


@cache
def vocabulary() -> Vocabulary:
    meta = pattern_meta(PATTERNS)

    def words(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in meta[key]["words"])

    types = {k.lower(): v for k, v in meta["type-words"]["types"].items()}
    return Vocabulary(
        types=types, weak_types=words("weak-type-words"), acronym_types=words("acronym-type-words"),
        connectors=words("name-connectors"), stops=words("name-stops"), generic=words("generic-words"),
        type_phrases=frozenset(meta["type-phrases"]["names"]), public_words=words("public-bodies"),
        false_friends=frozenset(meta["false-friends"]["names"]), school_heads=words("school-heads"), school_phases=words("school-phases"),
        indefinite=words("indefinite-words"), plural_heads=words("type-first-plurals"),
        stop_pairs=words("name-stop-pairs"), of_heads=words("of-name-heads"), suppliers=words("supplier-words"), the_inside=words("the-inside-names"),
        of_the_heads=words("of-the-heads"),
        typed_only_after=frozenset(meta["typed-only-after"]["names"]),
    )


def is_anchor(word: Word, vocab: Vocabulary, before: Word | None = None) -> bool:
    """A type word that can end a name: capitalised ('Trust', 'TRUST') or a type acronym ('EIP')."""
    if not word.is_word or not word.capitalised:
        return False
    if word.lower in ("company", "community"):  # only in 'Multi Academy Company', 'Learning Community'
        return before is not None and f"{before.lower} {word.lower}" in vocab.typed_only_after
    return word.lower in vocab.types or (word.upper and word.lower in vocab.acronym_types)


def anchored_names(words: list[Word]) -> list[NameSpan]:
    """Every name ending in a type word, with its left edge read from the words before it."""
    vocab = vocabulary()
    out = []
    anchors = vocab.types.keys() | vocab.acronym_types
    for i, word in enumerate(words):
        if word.lower in vocab.plural_heads and word.capitalised and _company_suffix(words, i + 1):
            # 'Collaborative Schools Ltd': a company of schools working together, named without a type word
            # (not 'Compass Community Schools Ltd', an independent school's proprietor)
            first = name_start(words, i, vocab)
            if any(w.lower in _COLLABORATIVE for w in words[first:i]):
                out.append(NameSpan(first, i + 1, word.text, "name-company", modifier=_continues(words, i + 1, vocab)))
            continue
        if word.text.lower() not in anchors or not is_anchor(word, vocab, words[i - 1] if i else None):
            continue
        nxt = words[i + 1] if i + 1 < len(words) else None
        if nxt is not None and joins(word, nxt) and is_anchor(nxt, vocab, word) and nxt.lower not in vocab.acronym_types:
            continue  # 'Cluster Partnership': the name ends at the later type word
        first = name_start(words, i, vocab)
        last, rule = i, "name-typed"
        extended = type_first_end(words, i, vocab)
        if extended is not None:
            last, rule = extended, "name-type-of-schools"
        elif (tail := _generic_head_tail(words, first, i, vocab)) is not None:
            last, rule = tail, "name-type-then-words"
        if _company_suffix(words, last + 1):
            last += 1  # 'The Three Rivers Learning Trust Ltd'
        out.append(NameSpan(first, last, word.text, rule, modifier=_continues(words, last, vocab)))
    return out


_COLLABORATIVE = frozenset({"collaborative", "co-operative", "cooperative", "partnership", "partners", "united", "together",
                            "alliance", "federated", "associated", "consortium"})


def _company_suffix(words: list[Word], k: int) -> bool:
    """words[k] is 'Ltd' or 'Limited' closing the name before it."""
    return (0 < k < len(words) and words[k].is_word and words[k].lower in ("ltd", "limited")
            and words[k].text[:1].isupper() and joins(words[k - 1], words[k]))


def name_start(words: list[Word], anchor: int, vocab: Vocabulary) -> int:
    """The first word of the name that ends at words[anchor]."""
    start = anchor
    k = anchor - 1
    while k >= 0 and anchor - k <= MAX_NAME_WORDS and joins(words[k], words[k + 1]):
        word = words[k]
        if word.possessive and k > 0 and words[k - 1].end == word.start and words[k - 1].lower in vocab.types:
            break  # 'Education Development Trust’s Schools Partnership Programme': the owner is not the name
        if is_abbreviation_dot(words, k) or (word.possessive and k > 0 and words[k - 1].end == word.start):
            k -= 1
            continue
        low = word.lower
        if low == "the" and word.text == "the" and k > 0 and (
                (words[k + 1].lower in vocab.the_inside and words[k - 1].text[:1].isupper())
                or (words[k - 1].text == "of" and k > 1 and words[k - 2].lower in vocab.of_the_heads)):  # 'Our Lady of the …'
            k -= 1  # 'St John the Baptist Catholic Multi Academy Trust'
            continue
        if low in _PARTICLES and start == k + 1 and k > 0 and words[k - 1].lower == "the":
            start = k  # 'THE DE FERRERS TRUST': a surname's particle begins the name
            k -= 1
            continue
        if low in ("and", "&") or low in vocab.connectors:
            left = _previous_word(words, k)
            if left is None or not _connector_joins(words, left, k, start, anchor, vocab):
                break
            k = left
            continue
        if not word.is_word or not word.capitalised or _modifier_word(low, vocab) \
                or (word.text.isdigit() and not (k > 0 and (words[k - 1].lower == "the" or words[k - 1].text.isdigit()
                                                             or _counted_name(words, k)))):
            break  # a year ('November 2019 Unity …') is no word of a name; 'The 3 Rivers Trust', 'the 1 3 5 Cluster' are
        if word.upper and not words[anchor].upper and k > 0 and words[k - 1].upper and words[k - 1].is_word:
            break  # a heading in capitals run into a mixed-case name ('ABOUT US Oak Learning Trust')
        if low in vocab.stops and f"{low} {words[k + 1].lower}" not in vocab.stop_pairs \
                and not _acronym_word(words, k):
            break
        start = k
        if low == "the":
            break  # 'The' begins a name; nothing before it belongs
        k -= 1
    start = _wrapped_field(words, start)
    if words[start].text == "The" and start < anchor and _sentence_start(words, start):
        start += 1  # 'The' opening a sentence or a line says nothing about the name
    if (start + 2 < anchor and words[start + 1].lower == "of" and _sentence_start(words, start)
            and words[start].lower not in vocab.of_heads and words[start].lower not in vocab.types):
        start += 2  # 'Membership of Challenge Partners …': a sentence's first noun, not the name's
    start = _listed_places(words, start, anchor)
    if _after_preposition(words, start):
        ands = [j for j in range(start, anchor) if words[j].lower in ("and", "&")]
        if ands:
            start = ands[-1] + 1  # 'the Trust in Darlington and Endeavour Academies'
    return start


_ROLE_ACRONYMS = frozenset({"ceo", "coo", "cfo", "cto", "md", "hr"})  # 'CEO Learning Partners Trust': a role, no name


def _acronym_word(words: list[Word], k: int) -> bool:
    """'OUR Co-operative Academies Trust': a common word in capitals among mixed-case words is an acronym."""
    word = words[k]
    return (word.upper and 2 <= len(word.text) <= 4 and word.lower not in _ROLE_ACRONYMS and not words[k + 1].upper
            and (k == 0 or not words[k - 1].upper))


def _wrapped_field(words: list[Word], start: int) -> int:
    """'Executive Principal, Parkside\nFederation': a name that opens a line goes on from the last
    comma-separated field of the line above when that field is capitalised words only."""
    if start < 2 or not words[start].broken or not words[start].line_break:
        return start
    k = start - 1
    while k >= 0 and words[k].is_word and words[k].text[:1].isupper() and not words[k].broken and start - k <= 3:
        k -= 1
    if k < start - 1 and k >= 0 and words[k].text == ",":
        return k + 1
    return start


def _listed_places(words: list[Word], start: int, anchor: int) -> int:
    """'the Eton, Slough, Windsor and Heston Partnership': single capitalised words separated by
    commas before an 'and'-joined name belong to it when 'the' opens the whole run."""
    if start < 1 or start >= anchor or words[start].lower == "the" or words[start + 1].lower not in ("and", "&"):
        return start
    k = start
    while k >= 2 and words[k - 1].text == "," and words[k - 2].is_word and words[k - 2].text[:1].isupper() \
            and joins(words[k - 2], words[k - 1]) and joins(words[k - 1], words[k]):
        k -= 2
    if k < start and k >= 1 and words[k - 1].lower == "the" and joins(words[k - 1], words[k]):
        return k
    return start


def _sentence_start(words: list[Word], k: int) -> bool:
    return k == 0 or words[k].broken or words[k - 1].text in (".", "!", "?", ":", ";", "•", "|", "“", '"', "‘")


def _modifier_word(low: str, vocab: Vocabulary) -> bool:
    """'Nottingham-based', 'City-wide': a capitalised word made an adjective by a hyphenated ending."""
    parts = low.split("-")
    return len(parts) > 1 and parts[-1] not in vocab.generic and parts[-1] not in vocab.connectors and (
        parts[-1] in ("based", "led", "wide", "funded", "run", "sponsored", "owned", "born", "backed", "supported", "endorsed"))


def _after_preposition(words: list[Word], start: int) -> bool:
    """The name's first word follows 'in', 'at', 'near' …: a place, so an 'and' after it lists two things."""
    return start > 0 and joins(words[start - 1], words[start]) and words[start - 1].lower in (
        "in", "at", "near", "from", "between", "across", "around", "to", "serving", "covering", "both")


def _previous_word(words: list[Word], k: int) -> int | None:
    j = k - 1
    if j >= 0 and (is_abbreviation_dot(words, j) or words[j].possessive):
        j -= 1
    if j < 0 or not joins(words[j], words[j + 1]):
        return None
    return j


_WORDS_BEFORE_DATES_AND_YEAR_GROUPS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december", "year", "years", "key", "stage", "since", "in"}


def _counted_name(words: list[Word], k: int) -> bool:
    """'the Primary 6 Partnership': a small number after a capitalised word of the name, not a date ('June 2019')
    or a year group ('Year 6')."""
    before = words[k - 1]
    return (len(words[k].text) <= 2 and before.is_word and before.capitalised and before.lower not in _WORDS_BEFORE_DATES_AND_YEAR_GROUPS
            and k > 1 and words[k - 2].lower == "the")


def _connector_joins(words: list[Word], left: int, k: int, start: int, anchor: int, vocab: Vocabulary) -> bool:
    """'and'/'of' at words[k] belongs to the name when capitalised words stand on both sides and
    the left side is not a whole name of its own ('Oak Academy and the …')."""
    before = words[left]
    if not before.is_word or not before.capitalised or before.lower in vocab.stops or before.lower == "the":
        return False
    right = [w.lower for w in words[k + 1: anchor + 1] if w.is_word]
    if not right or words[start].lower == "the":
        return False
    if words[k].lower in ("and", "&"):
        if before.lower in vocab.school_phases and words[k + 1].lower in vocab.school_phases:
            return True  # 'Ashdown Infant and Junior Schools Federation': two phases of one name
        # a school or a body ends before 'and': two names, not one
        if before.lower in vocab.school_heads or before.lower in vocab.types:
            return False
        return not _left_has_type(words, left, vocab)  # 'Compass Partnership of Schools and EKO Trust'
    if before.lower in vocab.types and words[k].lower == "of":
        return True  # 'Priory Federation of Academies Trust' 
    if words[k + 1].text in ("E", "England") and before.text in ("C", "Church"):
        return True  # 'C of E', 'Church of England'
    # 'of'/'for': something distinctive must stand between it and the type word ('Name of Trust' is no name)
    return any(w not in vocab.types and w not in vocab.generic for w in right[:-1])


def _generic_head_tail(words: list[Word], first: int, anchor: int, vocab: Vocabulary) -> int | None:
    """'Trust in Learning', 'Learning Trust for Excellence': a name whose words before the type word
    are only generic goes on past 'in'/'for'/'of' to its distinctive words (one to three)."""
    before = [w.lower for w in words[first:anchor] if w.is_word and w.lower != "the"]
    if any(w not in vocab.generic and w not in vocab.types for w in before):
        return None
    k = anchor + 1
    if k + 1 >= len(words) or words[k].lower not in ("in", "for", "of") or not joins(words[anchor], words[k]):
        return None
    last = None
    for j in range(k + 1, min(len(words), k + 4)):
        word = words[j]
        if not (word.is_word and word.text[:1].isupper() and joins(words[j - 1], word)) or word.lower in vocab.stops:
            break
        last = j
    if last is None or words[last].lower in vocab.types:
        return None
    if last + 2 < len(words) and words[last + 1].lower in ("&", "and", ",") and words[last + 2].text[:1].isupper():
        return None  # 'Federation of North & South Cowton …': more name follows than this rule can read
    if _place_elsewhere(words, last):
        return None  # 'Diocesan Multi Academy Trust for Suffolk': a description and its county
    if not _printed_again(words, first, last):
        return None  # a name of this shape is one only when the text uses it as one, more than once
    return last


def _printed_again(words: list[Word], first: int, last: int) -> bool:
    phrase = [w.text for w in words[first:last + 1] if w.lower != "the"]
    size = len(phrase)
    return sum(1 for j in range(len(words) - size + 1)
               if words[j].text == phrase[0] and [w.text for w in words[j:j + size]] == phrase) >= 2


def _place_elsewhere(words: list[Word], k: int) -> bool:
    """The word at words[k] is printed elsewhere after 'in', 'of', 'across' …: a place."""
    text, head = words[k].text, words[k - 2].text if k >= 2 else ""
    return any(w.text == text and j > 1 and words[j - 1].lower in ("in", "of", "across", "around", "from", "near", "throughout")
               and words[j - 2].text != head for j, w in enumerate(words) if j != k)  # not the name printed again


def _left_has_type(words: list[Word], j: int, vocab: Vocabulary) -> bool:
    """The capitalised run ending at words[j] holds a type word ('… Partnership of Schools')."""
    while j >= 0 and words[j].is_word and (words[j].capitalised or words[j].lower in vocab.connectors):
        if words[j].lower in vocab.types and words[j].lower not in vocab.weak_types:
            return True
        if j == 0 or not joins(words[j - 1], words[j]):
            break
        j -= 1
    return False


def type_first_end(words: list[Word], anchor: int, vocab: Vocabulary) -> int | None:
    """'Federation of Kenley and Whyteleafe Schools', 'Brook Partnership of Schools': the last word."""
    k = anchor + 1
    if k >= len(words) or words[k].lower != "of" or not joins(words[anchor], words[k]):
        return None
    heads_seen = joined_after_head = False  # a federation named after two whole school names
    j = k
    while j + 1 < min(len(words), k + 1 + MAX_OF_LIST * 2):
        j += 1
        word = words[j]
        if word.possessive and word.start == words[j - 1].end:
            continue  # 'Federation of Arthur’s Hill Primary Schools'
        if not joins(words[j - 1], word) or not word.is_word:
            return None
        if word.capitalised and word.lower in vocab.plural_heads:
            return j
        if word.lower in vocab.school_heads:
            if words[anchor].lower != "federation" or not words[anchor].capitalised:
                return None  # 'Partnership of Oak Primary School and …': a description of two schools
            while j + 1 < len(words) and words[j + 1].lower in vocab.school_heads and joins(word, words[j + 1]):
                j += 1
                word = words[j]
            if heads_seen and joined_after_head:
                return j  # 'The Federation of Fleur De Lys Primary School and Pengam Primary School'
            heads_seen, joined_after_head = True, False
            continue
        if heads_seen and word.lower in ("and", "&"):
            joined_after_head = True
        if not (word.capitalised or word.lower in ("and", "&", "of")):
            return None
    return None


def _continues(words: list[Word], last: int, vocab: Vocabulary) -> bool:
    """A capitalised noun right after the name makes it part of a longer one ('Trust Board')."""
    if last + 1 >= len(words):
        return False
    nxt = words[last + 1]
    return (nxt.is_word and joins(words[last], nxt) and nxt.text[:1].isupper()
            and nxt.lower not in ("and", "of") and not (nxt.upper and len(nxt.text) > 1 and words[last].upper))


def name_text(text: str, words: list[Word], span: NameSpan) -> str:
    """The name as printed, its spaces and line breaks collapsed."""
    return " ".join(text[words[span.first].start: words[span.last].end].split())


def judge_name(name: str, words_before: list[Word], vocab: Vocabulary | None = None,
               modifies_noun: bool = False) -> str | None:
    """Why `name` is not a proper name of a group of schools, or None when it is one."""
    vocab = vocab or vocabulary()
    tokens = [t for t in re.split(r"\s+", name) if t]
    definite = bool(tokens) and tokens[0].lower() == "the"
    if definite:
        tokens = tokens[1:]
    if not tokens:
        return "empty"
    indefinite = bool(words_before) and words_before[-1].lower in vocab.indefinite or (
        len(words_before) >= 2 and words_before[-2].lower in vocab.indefinite and not words_before[-1].capitalised)
    if indefinite and not modifies_noun:
        return "indefinite"  # 'an active Ogden Trust Partnership': a kind of thing, not one body
    if any(w.lower in vocab.suppliers for w in words_before[-3:]):
        return "supplier"  # 'education charities the Hamilton Trust'
    if _POSTCODE.search(name) or any(t.lower() in _ADDRESS_WORDS for t in tokens):
        return "address"  # a flattened table's address run into a heading
    if words_before and words_before[-1].lower == "the":
        definite = True
    lowered = [_fold(t) for t in tokens]
    folded = " ".join(lowered)
    if folded in vocab.type_phrases:
        return "generic"
    if folded in vocab.false_friends or any(folded.endswith(" " + f) for f in vocab.false_friends if " " in f):
        return "false-friend"
    if any(w in vocab.public_words for w in _word_parts(lowered)):
        return "public-body"
    if lowered[0].isdigit() and len(lowered) > 1 and lowered[-1] in ("academies",):
        return "count"
    if len(lowered) >= 4 and lowered[-1] in vocab.plural_heads and lowered[-1] != "trusts" \
            and ("and" in lowered[1:-1] or "&" in lowered[1:-1]) and not any(w in vocab.types for w in lowered[:-1]):
        return "schools-listed"  # 'Peak and Greenfield Academies', 'Oak and Elm Primary Schools': two schools
    content = [w for w in lowered if w not in vocab.connectors and w not in ("and", "&") and not _AGE_RANGE.match(w)]
    if not content:
        return "generic"  # '14-19 Partnership'

    distinctive = [w for w in content if w not in vocab.generic and w not in vocab.types]
    if not distinctive:
        if folded in vocab.type_phrases or len(content) < 2 or not definite:
            return "generic"
    if not all(t[:1].isupper() or t[:1].isdigit() or _fold(t) in vocab.connectors or t in ("and", "&", "in", "the")
               for t in tokens):
        return "not-capitalised"
    return None


def _word_parts(lowered: list[str]) -> list[str]:
    parts = []
    for w in lowered:
        parts.append(w.removesuffix("'s").rstrip("'"))
        parts.extend(p for p in w.split("-") if p)
    return parts


def _fold(token: str) -> str:
    return token.lower().replace("\u2019", "'").strip(".,")
