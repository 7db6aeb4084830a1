"""Named partnerships (trusts, federations, alliances, networks, clusters, hubs) and their mentions.

The span ruler proposes capitalised names ending in a type word; this module trims
sentence-initial noise, drops false friends (charities, research bodies, 'year group')
and generic phrases, and folds a name printed in two ways into one partnership.
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Span

from extractors.nlp import pattern_meta
from extractors.sentences import sentence_around
from extractors.versions import EXTRACTOR_VERSIONS
from pipeline.models import Document, PartnershipMention

NAME = "partnerships"
VERSION = EXTRACTOR_VERSIONS[NAME]  # a hash of this module and its pattern file
SPANS_KEY = "partnership_cues"
MAX_SENTENCE = 600
CONTEXT_CHARS = 400  # the text either side of a name that says whether it is about schools


@lru_cache(maxsize=1)
def _meta() -> dict:
    meta = pattern_meta(NAME)
    return {
        "types": meta["type-words"]["types"],
        "refine": meta["type-refinements"]["refine"],
        "names": set(meta["false-friends"]["names"]),
    }


def _leading_noise() -> set[str]:
    return set(pattern_meta(NAME)["leading-noise"]["words"])


def _noise_unless_named() -> set[str]:
    return set(pattern_meta(NAME)["leading-noise-unless-named"]["words"])


@lru_cache(maxsize=1)
def _public_words() -> frozenset[str]:
    return frozenset(pattern_meta(NAME)["public-bodies"]["words"])


@lru_cache(maxsize=1)
def _body_join() -> re.Pattern:
    return re.compile(pattern_meta(NAME)["body-joins"]["regex"])


@lru_cache(maxsize=1)
def _proprietor() -> re.Pattern:
    return re.compile(pattern_meta(NAME)["not-partnership-sentences"]["regex"], re.I)


def is_public_body(name: str) -> bool:
    """A safeguarding board, a health trust, a Prevent panel, a council's service: not schools working together."""
    words = {w.strip("’'.,").lower() for w in re.split(r"[\s-]+", name.replace("’s", "").replace("'s", ""))}
    return bool(words & _public_words()) or _public_names().match(name) is not None


@lru_cache(maxsize=1)
def _longer_body() -> frozenset[str]:
    return frozenset(pattern_meta(NAME)["longer-body"]["words"])


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


def last_body(tokens: list[str]) -> list[str]:
    """Of two bodies printed as one name ('the Safeguarding Board and the Oak Partnership'), the last."""
    text = " ".join(tokens)
    m = _body_join().match(text)
    return text[m.end():].split() if m else tokens


def _generic_words() -> set[str]:
    return set(pattern_meta(NAME)["generic-words"]["words"])


def clean_name(tokens: list[str]) -> list[str]:
    """Drop sentence-initial words that cannot begin a name ('Leaders of the X Trust' -> 'X Trust')."""
    noise, content = _leading_noise(), _noise_unless_named()
    tokens = [t for t in tokens if t.strip()]
    while len(tokens) > 1:
        first = tokens[0].lower().strip("’'")
        # a content word starts the name when a capitalised word follows ("Working Together Group")
        named = first in content and tokens[1][:1].isupper() and tokens[1].lower() not in noise
        if not (first in noise or (first in content and not named)):
            break
        tokens = tokens[1:]
    return tokens


def type_of(name: str) -> str:
    meta = _meta()
    lowered = name.lower()
    for phrase, refined in meta["refine"].items():
        if lowered.endswith(phrase):
            return refined
    last = name.split()[-1]
    return meta["types"].get(last[:1].upper() + last[1:].lower(), "partnership")


def is_generic(tokens: list[str]) -> bool:
    """Only type and generic words: 'the Trust', 'Multi Academy Trust', 'Teaching School Alliance'."""
    generic = _generic_words()
    types = {t.lower() for t in _meta()["types"]}
    return all(t.lower() in generic or t.lower() in types for t in tokens)


def partnership_key(name: str) -> str:
    """One key per partnership across documents: case, 'the', '&' and punctuation folded."""
    folded = re.sub(r"^the\s+", "", name.lower().replace("&", " and ").replace("\u2019", "'"))
    return " ".join(re.sub(r"[^\w\s'-]", " ", folded).split())


def extract_partnerships(document: Document, doc: Doc) -> list[PartnershipMention]:
    """Named partnerships (one name per partnership in the document) and unnamed, typed mentions."""
    meta = pattern_meta(NAME)
    false_friends = _meta()["names"]
    found: list[tuple[Span, str, str, str]] = []  # span, name, type, rule
    unnamed: list[PartnershipMention] = []
    for span in doc.spans[SPANS_KEY] if SPANS_KEY in doc.spans else []:
        rule = meta.get(span.id_, {})
        if _proprietor().search(sentence_around(document.text, span.start_char, span.end_char)):
            continue  # an independent school's proprietor owns it; it is no partnership of schools
        if span.label_ == "KNOWN_PARTNERSHIP":
            if not _capitalised(span.text):
                continue  # "leaders challenge partners to ..." is a verb, not the programme
            found.append((span, " ".join(span.text.split()), rule.get("partnership_type", "programme"), span.id_))
            continue
        if span.label_ == "UNNAMED_PARTNERSHIP":
            unnamed.append(_mention(document, span.start_char, span.end_char, " ".join(span.text.split()),
                                    "~" + rule["partnership_type"], rule["partnership_type"], False, span.id_))
            continue
        if span.end < len(doc) and doc[span.end].text in _longer_body():
            continue  # the name of a longer body ("... Partnership Board") cut short
        words = [t for t in span if t.text.strip()]
        tokens = clean_name(last_body([t.text for t in words]))
        if not tokens or is_generic(tokens):
            continue
        first = words[len(words) - len(tokens)]
        name = " ".join(doc[first.i: span.end].text.split())  # as printed: "Children’s" is one word
        folded = name.lower().replace("’", "'")
        if is_public_body(name) or folded in false_friends or _ends_with_false_friend(folded, false_friends):
            continue
        around = document.text[max(0, span.start_char - CONTEXT_CHARS): span.end_char + CONTEXT_CHARS]
        if not about_schools(name, type_of(name), around):
            continue
        found.append((doc[first.i: span.end], name, type_of(name), span.id_))
    canonical = _canonical_names([name for _, name, _, _ in found])
    mentions = []
    for span, name, kind, rule in found:
        full = canonical[name]
        mentions.append(_mention(document, span.start_char, span.end_char, full, partnership_key(full),
                                 type_of(full) if full != name else kind, True, rule))
    for m in federated_with(document.text):
        unnamed.append(_mention(document, m.start(), m.end(), " ".join(m.group(0).split()), "~federation",
                                "federation", False, "federated-with"))
    return sorted(mentions + unnamed, key=lambda m: m.start_char)


def _capitalised(text: str) -> bool:
    return all(w[:1].isupper() for w in text.split() if w.lower() not in ("in", "for", "and", "of", "the"))


def federated_with(text: str) -> list[re.Match]:
    """'federated with A and B': an unnamed federation and the schools in it."""
    regex = _federated_with_regex()
    return list(regex.finditer(text))


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


def _ends_with_false_friend(name: str, false_friends: set[str]) -> bool:
    return any(name.endswith(" " + friend) for friend in false_friends if " " in friend)


def _core(name: str) -> str:
    words = re.sub(r"^the\s+", "", name.lower()).split()
    types = {t.lower() for t in _meta()["types"]} | {"academies", "learning", "collaborative"}
    while len(words) > 1 and words[-1] in types:
        words.pop()
    return " ".join(words)


def _canonical_names(names: list[str]) -> dict[str, str]:
    """Each name to the longest name in the document it is a short form of."""
    out = {}
    for name in names:
        best = name
        core = _core(name)
        for other in names:
            other_core = _core(other)
            if len(other) > len(best) and (other_core == core or other_core.endswith(" " + core)
                                           or other.lower().endswith(" " + name.lower())):
                best = other
        out[name] = best
    return out
