"""Named partnerships (trusts, federations, alliances, networks, clusters, hubs) and their mentions.

Names come from four readings of the text, each a rule with an id:
- a type word and the capitalised words before it (`partnership_names`): 'Oak Learning Trust',
  'Federation of Kenley and Whyteleafe Schools', 'Hastings EIP';
- national programmes by their names (the span ruler's KNOWN_PARTNERSHIP phrases);
- brand names the text itself calls a partnership ('a trust, named St Christopher’s';
  'Coop Schools is the national membership organisation for all schools');
- acronyms: spelt out in brackets ('… Trust (ESAT)'), the initials of a name found, or a trust's
  acronym after a role ('CEO ATLP').
Each name is then judged (generic phrase, public body, charity, a kind of thing after 'a'), and
the forms of one body in a document fold into its fullest name: `name` is that name, and
`mention_text` the words as printed.
"""
from __future__ import annotations

import re
from functools import cache, lru_cache

from spacy.tokens import Doc

from extractors.nlp import pattern_meta
from extractors.partnership_names import (
    NameSpan,
    Vocabulary,
    anchored_names,
    judge_name,
    name_text,
    vocabulary,
)
from extractors.patterns import load_patterns
from extractors.sentences import sentence_around
from extractors.textwords import GLUED, Word, joins, words_of
from extractors.versions import EXTRACTOR_VERSIONS
from pipeline.models import Document, PartnershipMention
from pipeline.partnership_keys import partnership_key

NAME = "partnerships"
VERSION = EXTRACTOR_VERSIONS[NAME]  # a hash of this module and its pattern file
SPANS_KEY = "partnership_cues"
MAX_SENTENCE = 600
CONTEXT_CHARS = 400  # the text either side of a name that says whether it is about schools
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,7}s?$")
_DEFINITION = re.compile(r"\s*(?:\(\s*|,?\s+or\s+[‘'\"“]?)([A-Z][A-Za-z0-9&]{1,7})\s*[)’'\"”,]")
_HUB_DESIGNATION = re.compile(r"\s+(?:(?:English|Maths|Mathematics|Computing|Behaviour|Science|Music|Teaching\s+School|"
                              r"Research(?:\s+School)?)\s+)?Hub$")
_LEAD_SCHOOL_END = re.compile(r"\b(?:School|Academy|Primary|College|Infants?|Juniors?|Nursery|High)$")


def _named_by_its_school(name: str) -> bool:
    """'Lacey Green Primary Academy English Hub': a hub named only by its lead school is a designation."""
    designation = _HUB_DESIGNATION.search(name)
    return designation is not None and _LEAD_SCHOOL_END.search(name[:designation.start()]) is not None
_SCHOOL_END = re.compile(r"\b(?:School|Academy|College|Primary|Infants?|Juniors?|Nursery)$")


@cache
def _meta() -> dict:
    meta = pattern_meta(NAME)
    return {
        "refine": meta["type-refinements"]["refine"],
        "programme_words": frozenset(meta["programme-name-words"]["words"]),
        "trust_endings": tuple(meta["acronym-trust-endings"]["words"]),
        "generic_acronyms": frozenset(meta["generic-acronyms"]["words"]),
        "acronym_roles": frozenset(meta["acronym-roles"]["words"]),
    }


@lru_cache(maxsize=1)
def _brands() -> tuple[tuple[dict, re.Pattern, re.Pattern], ...]:
    return tuple((p, re.compile(p["regex"]), re.compile("|".join(rf"\b{re.escape(k)}\b" for k in p["keywords"]), re.I))
                 for p in load_patterns(NAME) if p["label"] == "BRAND")


_ACRONYM_VERBS = {"is", "was", "has", "have", "will", "runs", "operates", "includes", "comprises", "became", "aims",
                  "believes", "works", "supports", "serves", "offers", "provides", "are", "were", "can", "does"}
BRAND_REACH = 200  # characters either side of a keyword that a brand rule reads


def _matches_near(regex: re.Pattern, keywords: re.Pattern, text: str):
    """The rule's matches, looked for only around its keywords (a report of 100 pages has few)."""
    windows: list[list[int]] = []
    for k in keywords.finditer(text):
        lo, hi = max(0, k.start() - BRAND_REACH), min(len(text), k.end() + BRAND_REACH)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    seen: set[int] = set()
    for lo, hi in windows:
        for m in regex.finditer(text, lo, hi):
            if m.start() not in seen:
                seen.add(m.start())
                yield m


@lru_cache(maxsize=1)
def _proprietor() -> re.Pattern:
    return re.compile(pattern_meta(NAME)["not-partnership-sentences"]["regex"], re.I)


@lru_cache(maxsize=1)
def _public_names() -> re.Pattern:
    return re.compile(pattern_meta(NAME)["public-body-names"]["regex"], re.I)


@lru_cache(maxsize=1)
def _school_context() -> tuple[frozenset[str], re.Pattern]:
    meta = pattern_meta(NAME)["school-context"]
    return frozenset(meta["types"]), re.compile(meta["regex"], re.I)


def about_schools(name: str, kind: str, around: str) -> bool:
    """A school structure by its type, or a body whose name or the text around it is about schools."""
    types, words = _school_context()
    return kind in types or words.search(name) is not None or words.search(around) is not None


def is_public_body(name: str) -> bool:
    """A safeguarding board, a health trust, a council's service: not schools working together."""
    return judge_name(name, []) == "public-body" or _public_names().match(name) is not None


def type_of(name: str) -> str:
    lowered = name.lower()
    for phrase, refined in _meta()["refine"].items():
        if lowered.endswith(phrase):
            return refined
    words = re.findall(r"[\w-]+", name)
    for word in reversed(words):
        kind = vocabulary().types.get(word.lower())
        if kind:
            return kind
    return "partnership"


# ---------------------------------------------------------------------------------------------
# finding names


class _Found:
    """Names found in one document: (start, end, name as printed, rule, type) per occurrence."""

    def __init__(self) -> None:
        self.spans: list[tuple[int, int, str, str, str]] = []
        self.acronyms: dict[str, str | None] = {}  # acronym -> the name it spells out (None: not a name)
        self.expansions: dict[str, str] = {}
        self.text = ""  # acronym -> the words it stands for ('EIP' -> 'Education Improvement Partnership')

    def add(self, start: int, end: int, name: str, rule: str, kind: str) -> None:
        self.spans.append((start, end, name, rule, kind))


def extract_partnerships(document: Document, doc: Doc) -> list[PartnershipMention]:
    """Named partnerships (each occurrence, named by its fullest form in the document) and
    unnamed, typed mentions ('a teaching school alliance', 'federated with A and B')."""
    text = document.text
    words = words_of(text)
    found = _Found()
    found.text = text
    _typed_names(text, words, found)
    _expansions(text, found)
    _acronym_lowercase_type(text, words, found)
    _known_programmes(doc, found, text)
    _brand_names(text, found)
    _headings_over_lead_schools(text, found)
    _acronyms(text, words, found)
    _repeat_occurrences(text, found)
    canonical = _canonical_names(found)
    mentions = []
    for start, end, name, rule, kind in _without_overlaps(found.spans):
        full = canonical.get(name, name)
        mentions.append(_mention(document, start, end, full, partnership_key(full),
                                 type_of(full) if full != name else kind, True, rule))
    mentions += _unnamed(document, doc, mentions)
    return sorted(mentions, key=lambda m: m.start_char)


def _typed_names(text: str, words: list[Word], found: _Found) -> None:
    vocab = vocabulary()
    for span in anchored_names(words):
        name = name_text(text, words, span)
        start, end = words[span.first].start, words[span.last].end
        reason = _reject(text, words, span, name, vocab)
        definition = _DEFINITION.match(text, end)
        if definition:  # '… Trust (ESAT)': the acronym spells out this name, or this non-name
            acronym = definition.group(1)
            if _spells(acronym, name):
                found.acronyms.setdefault(acronym, None if reason else name)
        if reason is None:
            found.add(start, end, name, span.rule, type_of(name))


def _reject(text: str, words: list[Word], span: NameSpan, name: str, vocab: Vocabulary) -> str | None:
    """Why the words of `span` are not a partnership's name here, or None."""
    if span.modifier:
        return "longer-name"
    nxt = words[span.last + 1] if span.last + 1 < len(words) else None
    modifies = nxt is not None and nxt.is_word and nxt.text[:1].islower() and joins(words[span.last], nxt) \
        and nxt.lower not in _NOT_NOUNS  # 'an Ogden Trust Partnership school', not 'a Regional Jubilee Network or …'
    reason = judge_name(name, _words_before(words, span.first), vocab, modifies_noun=modifies)
    if reason == "generic" and _proper_by_use(text, words, span, name, vocab):
        reason = None  # 'CEO Learning Partners Trust', 'Letter from Learning Partners Trust': one body's name
    if reason:
        return reason
    if _public_names().match(name):
        return "public-body"
    if _named_by_its_school(name):
        return "hub-named-by-its-school"  # 'Lacey Green Primary Academy English Hub': a designation of a school
    if _organisation_product(text, name, vocab):
        return "organisation-product"
    start, end = words[span.first].start, words[span.last].end
    if _proprietor().search(sentence_around(text, start, end)):
        return "proprietor"  # an independent school's owner, not schools working together
    kind = type_of(name)
    anchor = span.anchor.lower()
    if anchor in vocab.weak_types or anchor == "programme":
        around = text[max(0, start - CONTEXT_CHARS): end + CONTEXT_CHARS]
        if not about_schools(name, kind, around):
            return "not-about-schools"
        if anchor == "programme" and not set(re.findall(r"[a-z]+", name.lower())) & _meta()["programme_words"]:
            return "programme-not-a-partnership"
    elif not about_schools(name, kind, text[max(0, start - CONTEXT_CHARS): end + CONTEXT_CHARS]):
        return "not-about-schools"
    return None


_NOT_NOUNS = frozenset({"or", "and", "to", "in", "for", "with", "which", "that", "who", "is", "are", "was", "were",
                        "has", "have", "had", "will", "can", "could", "would", "should", "may", "of", "on", "at", "by",
                        "as", "from", "where", "when", "if", "but", "so", "than", "then", "across", "within"})
_ROLES = frozenset({"ceo", "chair", "chairman", "chairwoman", "director", "trustee", "trustees", "headteacher",
                    "principal", "founder", "coo", "cfo"})
_DETERMINERS = frozenset({"the", "a", "an", "our", "this", "that", "their", "your", "its", "each", "every", "any",
                          "one", "another", "new", "local"})


def _proper_by_use(text: str, words: list[Word], span: NameSpan, name: str, vocab: Vocabulary) -> bool:
    """A name of generic words used as one body's name: after a role ('CEO Learning Partners Trust'), or
    printed bare (no article or determiner before it) twice or more; never a known description."""
    tokens = [t for t in name.split() if t.lower() != "the"]
    if len(tokens) < 3 or " ".join(t.lower() for t in tokens) in vocab.type_phrases:
        return False
    if span.first > 0 and words[span.first - 1].lower in _ROLES:
        return True
    if span.first > 0 and words[span.first - 1].text == "At" and re.match(r",\s+(?:we|our|us)\b", text[words[span.last].end:]):
        return True  # 'At Primary Learning Trust, we welcome …': the body speaking of itself
    bare = 0
    for m in re.finditer(r"(?<![\w’'-])" + re.escape(" ".join(tokens)) + r"(?![\w’'-])", text):
        before = re.search(r"([\w’']+)(\W*)\Z", text[max(0, m.start() - 30):m.start()])
        if before is None or re.search(r"[\n.!?:;,(]", before.group(2)) \
                or (before.group(1).lower() not in _DETERMINERS and before.group(1)[:1].islower()) \
                or before.group(1).lower() in _ROLES:
            bare += 1  # at a line's or sentence's start, after a verb or preposition, after a role
    return bare >= 2


def _organisation_product(text: str, name: str, vocab: Vocabulary) -> bool:
    """'PSTT Cluster' on a page where PSTT also names its Fellows, Mentors and College: an
    organisation's own kind of group, not the name of one group of schools."""
    tokens = [t for t in name.split() if t.lower() != "the"]
    if len(tokens) < 2 or not _ACRONYM.match(tokens[0]):
        return False
    if not all(t.lower() in vocab.generic or t.lower() in vocab.types for t in tokens[1:]):
        return False
    followers = set(re.findall(r"\b" + re.escape(tokens[0]) + r"\s+([A-Z][a-z]+)", text))
    return len(followers - {t for t in tokens[1:]}) >= 2


def _words_before(words: list[Word], first: int, count: int = 3) -> list[Word]:
    """Up to `count` words before words[first] in the same phrase (no hard break or mark between)."""
    out: list[Word] = []
    k = first - 1
    while k >= 0 and len(out) < count and words[k].is_word and joins(words[k], words[k + 1]):
        out.insert(0, words[k])
        k -= 1
    return out


_SPELT_OUT = re.compile(r"((?:[A-Z][\w’'-]*\s+(?:(?:of|and|for|&)\s+)?){1,7})\(([A-Z]{2,8})(s?)\)")


def _expansions(text: str, found: _Found) -> None:
    """'Education Improvement Partnerships (EIPs)': what an acronym stands for, so 'Hastings EIP' and
    'Hastings Education Improvement Partnership' fold into one name."""
    for m in _SPELT_OUT.finditer(text):
        words = m.group(1).split()
        acronym = m.group(2)
        for start in range(len(words)):
            phrase = " ".join(words[start:])
            if _initials(phrase) == acronym.lower():
                if m.group(3) and phrase.endswith("s"):
                    phrase = phrase[:-1]
                found.expansions.setdefault(acronym, phrase)
                break


_LOWER_TYPES = ("network", "partnership", "cluster", "alliance", "hub", "collaborative", "federation", "consortium",
                "pyramid")


_ROAD = re.compile(r"[ABM]\d{1,4}")


def _acronym_lowercase_type(text: str, words: list[Word], found: _Found) -> None:
    """'the ESPRIT network': an acronym named body with its type in lower case; 'the Cromer Ridge
    cluster': two or more capitalised words before it after 'the'."""
    generic = _meta()["generic_acronyms"]
    vocab = vocabulary()
    for i in range(len(words) - 1):
        word, nxt = words[i], words[i + 1]
        trust_after_type = nxt.text == "trust" and word.lower in ("multi-academy", "academy", "academies", "learning",
                                                                   "education", "schools")
        if (nxt.text not in _LOWER_TYPES and not trust_after_type) or not joins(word, nxt) or nxt.line_break:
            continue
        road = _ROAD.fullmatch(word.text) is not None  # 'the A170 cluster', named after the road its schools are on
        if (word.upper or road) and _ACRONYM.match(word.text) and len(word.text) >= 3 and word.lower not in generic:
            name = text[word.start:nxt.end]
            if judge_name(f"{word.text} {nxt.text.title()}", []) is None:
                found.add(word.start, nxt.end, name, "name-acronym-lowercase-type", type_of(name))
            continue
        first = i
        while first > 0 and words[first - 1].is_word and words[first - 1].text[:1].isupper() \
                and joins(words[first - 1], words[first]) and words[first - 1].lower not in vocab.stops:
            first -= 1
        if i - first < 1 or first == 0 or words[first - 1].lower != "the" or not word.text[:1].isupper():
            continue  # two capitalised words at least, after 'the'
        name = text[words[first].start:nxt.end]
        _, school_words = _school_context()
        if judge_name(" ".join(name.split()[:-1]) + " " + nxt.text.title(), [words[first - 1]]) is None \
                and not _is_generic(name, vocab) \
                and school_words.search(sentence_around(text, words[first].start, nxt.end)):
            found.add(words[first].start, nxt.end, " ".join(name.split()), "name-lowercase-type", type_of(name))


def _known_programmes(doc: Doc, found: _Found, text: str) -> None:
    meta = pattern_meta(NAME)
    for span in doc.spans[SPANS_KEY] if SPANS_KEY in doc.spans else []:
        if span.label_ != "KNOWN_PARTNERSHIP" or not span.text[:1].isupper():
            continue  # "leaders challenge partners to ..." is a verb, not the programme
        if _proprietor().search(sentence_around(text, span.start_char, span.end_char)):
            continue
        found.add(span.start_char, span.end_char, " ".join(span.text.split()), span.id_,
                  meta.get(span.id_, {}).get("partnership_type", "programme"))


@lru_cache(maxsize=1)
def _lead_label() -> re.Pattern:
    return re.compile(pattern_meta(NAME)["heading-over-lead-school"]["regex"], re.I | re.M)


_TITLE_LINE = re.compile(r"(?m)^[ \t]*((?:[A-Z0-9][\w’'&.-]*|of|and|&|in|for|the|on|upon)(?:[ \t]+(?:[A-Z0-9][\w’'&.-]*|of|and|&|in|for|the|on|upon)){0,9})[ \t]*$")


def _headings_over_lead_schools(text: str, found: _Found) -> None:
    """A list of alliances or hubs, each a heading with 'Lead school: …' under it: the heading is the
    body's name, whatever words it is made of ('Durham Schools Together')."""
    vocab = vocabulary()
    for label in _lead_label().finditer(text):
        before = text[:label.start()].rstrip("\n \t")
        line_start = before.rfind("\n") + 1
        line = _TITLE_LINE.match(before, line_start)
        if line is None or not line.group(1)[:1].isupper():
            continue
        name = line.group(1)
        if any(s <= line.start(1) < e for s, e, *_ in found.spans if e - s >= len(name)):
            continue  # already read whole
        if judge_name(name, []) in ("public-body", "false-friend") or _is_generic(name, vocab) or _SCHOOL_END.search(name):
            continue
        found.spans = [sp for sp in found.spans if not (line.start(1) <= sp[0] < line.end(1))]  # a part of it
        found.add(line.start(1), line.start(1) + len(name), name, "heading-over-lead-school", type_of(name))


def _brand_names(text: str, found: _Found) -> None:
    """Names without a type word that the text itself calls a trust, network or federation."""
    vocab = vocabulary()
    for pattern, regex, keywords in _brands():
        for m in _matches_near(regex, keywords, text):
            name = _trim_brand(m.group("name"))
            if not name or _SCHOOL_END.search(name) or " ".join(name.split()).lower() in vocab.stops:
                continue
            first = name.split()[0].lower().rstrip(".")
            if first in vocab.stops and first != "the":
                continue
            if judge_name(name, []) not in (None, "generic") or _is_generic(name, vocab):
                continue
            if any(GLUED.match(w) for w in name.split()):
                continue  # a caption run into the text ('TrustWexbridge'): the typed rules read it
            if {w.lower().strip("’'") for w in name.split()} & _brand_not_bodies():
                continue  # 'The Diocese of Exeter has 130 church schools'
            if pattern["id"] == "brand-runs-schools" and _SCHOOL_END.search(name):
                continue
            context = pattern.get("context_before")
            if context and not re.search(context, text[max(0, m.start() - 300):m.start()], re.I):
                continue  # 'Luton Futures, formed in 2010': a brand only after the text spoke of a partnership of schools
            if pattern["id"] == "brand-type-of" and name.split()[-1].lower() in vocab.plural_heads:
                continue  # 'a partnership of Wexley Park Schools': schools, not the body's name
            if pattern["id"] == "brand-appositive" and not about_schools(name, "", sentence_around(text, m.start(), m.end())):
                continue  # 'Team Doncaster, the strategic partnership of statutory … organisations
            start = m.start("name") + m.group("name").find(name)
            if name.startswith("The ") and text[:start].rstrip()[-1:] in ("", ".", "!", "?", ":", "\n"):
                name, start = name[4:], start + 4  # 'The' opening a sentence is not the name's
            end = _whole_line_name(text, start, start + len(name)) if pattern.get("whole_line") else start + len(name)
            found.add(start, end, " ".join(text[start:end].split()), pattern["id"], pattern["partnership_type"])


_NAME_LINE_REST = re.compile(r"(?:[ \t]+(?:[A-Z][\w’'.-]*|of|and|&|the|upon|on|in))*[ \t]*\.?[ \t]*(?=\n|$)")


def _whole_line_name(text: str, start: int, end: int) -> int:
    """'… will be formally known as\nThe Federation of North Cowton Community Primary School and
    Melsonby Methodist Primary School.': a name given a line of its own runs to the line's end."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip():
        return end
    rest = _NAME_LINE_REST.match(text, end)
    if rest is None:
        return end
    return end + len(rest.group(0).rstrip(" \t.")) if len(text[start:rest.end()].split()) <= 20 else end


@lru_cache(maxsize=1)
def _brand_not_bodies() -> frozenset[str]:
    return frozenset(pattern_meta(NAME)["brand-not-bodies"]["words"])


def _trim_brand(name: str) -> str:
    tokens = name.split()
    while tokens and tokens[-1].lower() in ("of", "and", "&", "the", "st", "st."):
        tokens.pop()
    return " ".join(tokens)


def _is_generic(name: str, vocab: Vocabulary) -> bool:
    words = [w.lower().strip("’'") for w in name.split() if w.lower() != "the"]
    return all(w in vocab.generic or w in vocab.types or w in vocab.connectors for w in words)


def _acronyms(text: str, words: list[Word], found: _Found) -> None:
    """Acronyms of names found, and a trust's own acronym after a role ('CEO ATLP')."""
    vocab = vocabulary()
    meta = _meta()
    names = {name for _, _, name, _, _ in found.spans}
    initials = {name: _initials(name) for name in names}
    spelt = set(re.findall(r"\(([A-Z][A-Z0-9&]{1,7})s?\)", text))
    for i, word in enumerate(words):
        token = word.text.rstrip("’'")
        if not _ACRONYM.match(token) or not word.upper or token.lower() in meta["generic_acronyms"]:
            continue
        nxt = words[i + 1] if i + 1 < len(words) else None
        if nxt is not None and nxt.is_word and nxt.text[:1].isupper() and not nxt.broken and nxt.start - word.end <= 2:
            continue  # part of a longer capitalised name ('PSTT Science Cluster', 'WEALD EIP')
        if any(s <= word.start < e for s, e, *_ in found.spans):
            continue
        acronym = token[:-1] if token.endswith("s") and token[:-1] in found.acronyms else token
        if acronym in found.acronyms:
            name = found.acronyms[acronym]
            if name:
                found.add(word.start, word.start + len(acronym), acronym, "acronym-defined", type_of(name))
            continue
        match = next((n for n, letters in initials.items() if len(acronym) >= 3 and letters == acronym.lower()), None)
        if match:
            found.acronyms[acronym] = match
            found.add(word.start, word.start + len(acronym), acronym, "acronym-initials", type_of(match))
            continue
        before = words[i - 1] if i > 0 else None
        if acronym in spelt:
            continue  # 'the help and advice team (CHAT)': spelt out, as no name found here
        role = before is not None and not word.broken and (
            before.lower in meta["acronym_roles"] or  # 'CEO ATLP', 'joining LET'
            (before.lower == "the" and nxt is not None and nxt.lower in _ACRONYM_VERBS))  # 'The DHMAT is …'
        if (acronym.lower().endswith(meta["trust_endings"]) and len(acronym) >= 4 and role
                and (nxt is None or nxt.broken or not nxt.is_word or not nxt.text[:1].isupper())
                and acronym.lower() not in vocab.stops):
            found.add(word.start, word.start + len(acronym), acronym, "acronym-trust", "multi_academy_trust")


def _initials(name: str) -> str:
    """'The Education Village Academy Trust' -> 'evat' (hyphenated parts count: 'Multi-Academy' -> 'ma')."""
    parts = [p for w in name.split() if w.lower() not in ("the", "of", "and", "&", "for") for p in w.split("-") if p]
    return "".join(p[0].lower() for p in parts if p[:1].isalnum())


def _spells(acronym: str, name: str) -> bool:
    """The acronym's letters, in order, are initials of the name's words (function words optional)."""
    letters = acronym.lower().rstrip("s") if len(acronym) > 2 else acronym.lower()
    parts = [p for w in name.split() if w.lower() != "the" for p in w.split("-") if p]
    heads = [p[0].lower() for p in parts if p[:1].isalnum()]
    i = 0
    for head in heads:
        if i < len(letters) and head == letters[i]:
            i += 1
    return i == len(letters) and bool(heads) and heads[0] == letters[0] or i == len(letters) and len(letters) >= 3


def _repeat_occurrences(text: str, found: _Found) -> None:
    """Every other place a found name (or acronym) is printed is a mention of it too."""
    taken = [(s, e) for s, e, *_ in found.spans]
    by_name: dict[str, tuple[str, str]] = {}
    for _, _, name, rule, kind in found.spans:
        by_name.setdefault(name, (rule, kind))
    for name, (rule, kind) in by_name.items():
        pattern = re.compile(r"(?<![\w’'-])" + r"\s+".join(map(re.escape, name.split())) + r"(?![\w-])")
        for m in pattern.finditer(text):
            if not any(s < m.end() and m.start() < e for s, e in taken):
                found.add(m.start(), m.end(), name, rule, kind)
                taken.append((m.start(), m.end()))


def _without_overlaps(spans):
    """One name per place in the text: the longest wins."""
    kept: list[tuple[int, int, str, str, str]] = []
    for span in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if kept and span[0] < kept[-1][1]:
            continue
        kept.append(span)
    return kept


def _core(name: str) -> str:
    """A name without 'The' and its trailing type words: 'St Christopher’s Multi Academy Trust' -> 'st christopher's'."""
    vocab = vocabulary()
    words = partnership_key(name).split()
    trailing = set(vocab.types) | {"multi", "academy", "learning", "schools", "education", "educational"}
    while len(words) > 1 and words[-1] in trailing:
        words.pop()
    return " ".join(words)


def _fuller(name: str, than: str) -> bool:
    """Longer without a leading 'The'; of two otherwise equal forms, the one without it."""
    def size(n: str) -> tuple[int, int]:
        bare = re.sub(r"^the\s+", "", n, flags=re.I)
        return len(bare), bare == n
    return size(name) > size(than)


def _same_body(core: str, other_core: str) -> bool:
    """Two cores name one body: equal, or the short one ends the long one and holds a word of its
    own ('Pathfinder Project' in 'Lead and Emerging Practitioner Pathfinder Project'; not
    'First Federation' in 'Children First Federation')."""
    if core == other_core:
        return True
    vocab = vocabulary()
    return other_core.endswith(" " + core) and any(w not in vocab.generic for w in core.split())


_FORMERLY = re.compile(r"^\s*,?\s*\(?\s*(?:formerly|previously|once|until\s+\d{4})\s*(?:known\s+as|called|named)?"
                       r"\s*(?:the\s+)?$", re.I)
_RENAMED = re.compile(r"^\s*,?\s*(?:has\s+been|was|is\s+being|will\s+be|is\s+to\s+be|is)?\s*(?:renamed|rebranded|"
                      r"re-named|re-branded|now\s+(?:called|known\s+as)|changed\s+its\s+name\s+to|changing\s+its\s+name\s+to)"
                      r"(?:\s+(?:as|to))?\s*(?:the\s+)?$", re.I)


def _renamings(found: _Found) -> dict[str, str]:
    """A former name to the current one: 'Unity Schools Partnership (formerly Samuel Ward Academy Trust)',
    'Samuel Ward Academy Trust has been renamed Unity Schools Partnership'."""
    text = found.text
    spans = sorted(found.spans)
    out: dict[str, str] = {}
    for (_, e1, a, *_), (s2, _, b, *_) in zip(spans, spans[1:]):
        between = text[e1:s2]
        if len(between) > 40 or a == b:
            continue
        if _FORMERLY.match(between):
            out.setdefault(b, a)  # b was a's name
        elif _RENAMED.match(between):
            out.setdefault(a, b)
    return out


def _canonical_names(found: _Found) -> dict[str, str]:
    """Each printed form to the fullest name in the document it is a form of: the same words
    but for 'The' and the type words at the end, or an acronym of it."""
    names = sorted({name for _, _, name, _, _ in found.spans}, key=len, reverse=True)
    out: dict[str, str] = {}

    def core_of(name: str) -> str:
        last = name.split()[-1]
        if last in found.expansions and len(name.split()) > 1:  # 'Hastings EIP'
            name = name[: -len(last)] + found.expansions[last]
        return _core(name)

    renamed = _renamings(found)
    own_acronym = {full: acronym for acronym, full in found.acronyms.items() if full}

    def apart(a: str, b: str) -> bool:  # 'Diocese of X Education Trust (DoXET)' and '… Academy Trust (DXAT)'
        return a in own_acronym and b in own_acronym and own_acronym[a] != own_acronym[b]

    for name in names:
        target = found.acronyms.get(name) or renamed.get(name) or name
        best = target
        core = core_of(target)
        for other in names:
            if _fuller(other, best) and not _ACRONYM.match(other) and _same_body(core, core_of(other)) \
                    and not apart(target, other):
                best = other
        out[name] = best
    for name in names:  # follow chains: an acronym of a short form
        seen = {name}
        while out[name] in out and out[out[name]] != out[name] and out[out[name]] not in seen:
            seen.add(out[name])
            out[name] = out[out[name]]
    return out


# ---------------------------------------------------------------------------------------------
# unnamed partnerships


def _unnamed(document: Document, doc: Doc, named: list[PartnershipMention]) -> list[PartnershipMention]:
    meta = pattern_meta(NAME)
    taken = [(m.start_char, m.end_char) for m in named]
    out = []
    for span in doc.spans[SPANS_KEY] if SPANS_KEY in doc.spans else []:
        if span.label_ != "UNNAMED_PARTNERSHIP":
            continue
        if any(s < span.end_char and span.start_char < e for s, e in taken):
            continue
        if _proprietor().search(sentence_around(document.text, span.start_char, span.end_char)):
            continue
        kind = meta[span.id_]["partnership_type"]
        out.append(_mention(document, span.start_char, span.end_char, " ".join(span.text.split()), "~" + kind,
                            kind, False, span.id_))
    for m in federated_with(document.text):
        out.append(_mention(document, m.start(), m.end(), " ".join(m.group(0).split()), "~federation",
                            "federation", False, "federated-with"))
    return out


def _capitalised(text: str) -> bool:
    return all(w[:1].isupper() for w in text.split() if w.lower() not in ("in", "for", "and", "of", "the"))


def federated_with(text: str) -> list[re.Match]:
    """'federated with A and B': an unnamed federation and the schools in it."""
    return list(_federated_with_regex().finditer(text))


@lru_cache(maxsize=1)
def _federated_with_regex() -> re.Pattern:
    return re.compile(pattern_meta(NAME)["federated-with"]["regex"])


def federated_schools(match: re.Match) -> list[str]:
    """The school names of a 'federated with' match."""
    return [part.strip(" ,") for part in re.split(r",\s*|\s+and\s+(?=[A-Z])", match.group(1)) if part.strip(" ,")]


def _mention(document: Document, start: int, end: int, name: str, key: str, kind: str, named: bool,
             rule: str) -> PartnershipMention:
    return PartnershipMention(
        name=name,
        mention_text=" ".join(document.text[start:end].split()),
        partnership_key=key,
        partnership_type=kind,
        named=named,
        sentence=" ".join(sentence_around(document.text, start, end).split())[:MAX_SENTENCE],
        page=document.page_at(start),
        start_char=start,
        end_char=end,
        rule_id=rule,
    )
