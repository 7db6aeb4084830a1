"""Which school a document is about: name, URN, postcode, local authority, type, category."""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.patterns import compiled, load_patterns
from extractors.versions import EXTRACTOR_VERSIONS
from pipeline.models import Document

NAME = "identity"
VERSION = EXTRACTOR_VERSIONS[NAME]  # a hash of this module and its pattern file
HEAD_LINES = 40  # a report's title block (a letter's after the addresses) sits in its first lines
BLOCK_LINES = 3  # a cover's name takes at most this many lines above its address
UNADDRESSED_REMITS = ("local_authority", "trust")  # their reports print no address of their own
_ADDRESS_START = re.compile(r"^\s*(?:address\s*:|\d)", re.I)
_GLUED_ADDRESS = re.compile(r"\s+(?:\d|\(?URN\b).*$")
_SMALL_WORDS = {"a", "and", "of", "the", "in", "on", "at", "for", "de", "e", "with", "upon", "under", "by", "le", "la"}
_KEEP_UPPER = {"CE", "RC", "VC", "VA", "CofE", "UTC", "PRU", "FCJ", "SJ", "II", "III", "C", "E"}


@dataclass(frozen=True)
class Identity:
    school_name: str | None = None
    urn: str | None = None
    postcode: str | None = None
    local_authority: str | None = None
    school_type: str | None = None
    school_category: str | None = None
    rule_ids: tuple[str, ...] = ()


def label_values(field: str) -> list[str]:
    """A list the identity pattern file keeps (details-table labels, head nouns, ...)."""
    return _values(field)


def _values(field: str) -> list[str]:
    for pattern in load_patterns(NAME):
        if pattern["field"] == field:
            return list(pattern["values"])
    return []


def _regexes(field: str):
    return [(p, r) for p, r in compiled(NAME) if p["field"] == field]


def extract_identity(document: Document, remit: str = "school") -> Identity:
    """Who the document is about. `remit` picks the name rules: a council's name sits in its
    report's title, a trust's in its letter's, a school's or provider's on its cover."""
    rules: list[str] = []
    name = find_name(document, remit, rules)
    urn = _first_group(document.text, "urn", rules)
    postcode = find_postcode(document, rules) if remit not in UNADDRESSED_REMITS else None
    la = _first_group(document.text, "local_authority", rules)
    school_type = _first_group(document.text, "school_type", rules)
    category = _first_group(document.text, "school_category", rules)
    return Identity(name, urn, postcode, la and la.strip(), school_type, category, tuple(rules))


def _first_group(text: str, field: str, rules: list[str]) -> str | None:
    best: tuple[int, str, str] | None = None
    for pattern, regex in _regexes(field):
        m = regex.search(text)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), m.group(1).strip(), pattern["id"])
    if best is None:
        return None
    rules.append(best[2])
    return best[1]


def normalise_postcode(value: str) -> str:
    compact = re.sub(r"\s+", "", value).upper()
    return compact[:-3] + " " + compact[-3:]


def find_postcode(document: Document, rules: list[str]) -> str | None:
    """The first postcode of the title block, else a labelled one, else the first in the text."""
    ignore = {normalise_postcode(v) for v in _values("ignore_postcodes")}
    head = "\n".join(_head_lines(document))
    labelled = _regexes("postcode_label")
    plain = _regexes("postcode")
    for zone, regexes in ((head, plain), (document.text, labelled), (document.text[:6000], plain)):
        for pattern, regex in regexes:
            for m in regex.finditer(zone):
                value = normalise_postcode(m.group(1))
                if value not in ignore:
                    rules.append(pattern["id"])
                    return value
    return None


def postcode_in(text: str) -> str | None:
    """The first postcode in a line of address, normalised."""
    for _, regex in _regexes("postcode"):
        m = regex.search(text)
        if m:
            return normalise_postcode(m.group(1))
    return None


def _head_lines(document: Document) -> list[str]:
    return document.text[:6000].split("\n")[:HEAD_LINES]


def looks_like_school_name(text: str) -> bool:
    words = text.split()
    if not 1 < len(words) <= 14 or text.rstrip().endswith((".", ":", ";")) or re.search(r"\d{4}", text):
        return False
    lowered = " " + re.sub(r"[^\w\s]", " ", text.lower()) + " "
    return any(f" {noun} " in lowered for noun in _values("head_nouns"))


def tidy_name(text: str) -> str:
    """Collapse spaces; give an all-capitals name its ordinary capitals."""
    text = " ".join(text.replace("\t", " ").split()).strip(" ,")
    if text.isupper() and len(text) > 4:
        words = []
        for i, word in enumerate(text.split()):
            if word in _KEEP_UPPER:
                words.append(word)
            elif i and word.lower() in _SMALL_WORDS:
                words.append(word.lower())
            else:
                words.append(word[:1] + word[1:].lower())
        text = " ".join(words)
    return text


def looks_like_name(text: str) -> bool:
    """A name printed where a name belongs (a title, a cover): most words capitalised, no
    sentence, no date; it needs no school noun ("Swallow Grange", "Red Balloon Aylesbury")."""
    words = text.split()
    if not 1 <= len(words) <= 14 or text.rstrip().endswith((".", ":", ";", ",")) or re.search(r"\d{3}", text):
        return False
    capitalised = [w[:1].isupper() or w[:1].isdigit() or w in ("&", "-", "–") for w in words]
    small = [w.lower() in _SMALL_WORDS for w in words]
    return words[0][:1].isupper() and all(c or s for c, s in zip(capitalised, small)) and any(
        c and not s for c, s in zip(capitalised, small))


def find_name(document: Document, remit: str, rules: list[str]) -> str | None:
    """The name as printed: by the remit's title rules first, then the cover layouts."""
    from extractors.kind import title_zones  # the title block as the kind rules see it
    head = title_zones(document)["head"]
    for pattern, regex in _regexes("name_head"):
        if remit in pattern["remits"]:
            m = regex.search(head)
            if m and looks_like_name(_clean_title_name(m.group("name"))):
                rules.append(pattern["id"])
                return tidy_name(_clean_title_name(m.group("name")))
    if remit in UNADDRESSED_REMITS:
        return None
    return find_school_name(document, rules)


def _clean_title_name(text: str) -> str:
    text = " ".join(text.replace("\t", " ").split()).strip(" ,:-")
    return "The" + text[3:] if text.startswith("the ") else text  # "Inspection of the Royal Borough of ..."


def find_name_block(document: Document) -> str | None:
    """The lines at the top of page 1 above the address (a cover with no title line above the name)."""
    lines = [line.strip() for line in document.text[:1500].split("\n")]
    lines = [line for line in lines if line][:BLOCK_LINES + 1]
    for i, line in enumerate(lines[1:], 1):
        if _ADDRESS_START.match(line) or _has_postcode(line):
            name = " ".join(lines[:i])
            return name if looks_like_name(name) else None
    return None


def _has_postcode(line: str) -> bool:
    return any(regex.search(line) for _, regex in _regexes("postcode"))


def find_school_name(document: Document, rules: list[str]) -> str | None:
    for pattern, regex in _regexes("name_running_title"):
        # a page's running title in the text itself ("Inspection report: <name>, 18/03/2014"): a copy
        # of a report on the web keeps it where a PDF's footer was
        for m in regex.finditer(document.text):
            name = tidy_name(m.group(1))
            if looks_like_school_name(name) or looks_like_name(name):
                rules.append(pattern["id"])
                return name
    lines = _head_lines(document)
    filled = [(i, line.strip()) for i, line in enumerate(lines) if line.strip()]
    for pattern, regex in _regexes("name_prefix"):
        for pos, (_, line) in enumerate(filled):
            m = regex.match(line)
            if not m:
                continue
            name = _GLUED_ADDRESS.sub("", m.group(1).strip())
            if pos + 1 < len(filled) and _continues_name(name, filled[pos + 1][1]):
                name += " " + filled[pos + 1][1]
            if looks_like_school_name(name) or looks_like_name(name):
                rules.append(pattern["id"])
                return tidy_name(name)
    for pattern, regex in _regexes("name_anchor"):
        for pos, (_, line) in enumerate(filled):
            if not regex.match(line):
                continue
            order = {"next": [pos + 1], "previous": [pos - 1], "around": [pos - 1, pos + 1]}[pattern["anchor"]]
            for candidate in order:
                if 0 <= candidate < len(filled) and (looks_like_school_name(filled[candidate][1])
                                                     or looks_like_name(filled[candidate][1])):
                    rules.append(pattern["id"])
                    return tidy_name(filled[candidate][1])
    for pattern in (p for p in load_patterns(NAME) if p["field"] == "name_block"):
        name = find_name_block(document)
        if name:
            rules.append(pattern["id"])
            return tidy_name(name)
    for pattern, regex in _regexes("name_inline"):
        m = regex.search(document.text[:600])
        if m and looks_like_school_name(m.group(1)):
            rules.append(pattern["id"])
            return tidy_name(m.group(1))
    for pattern, regex in _regexes("name_furniture"):
        for line in document.furniture:
            m = regex.match(line)
            if m and looks_like_school_name(m.group(1)):
                rules.append(pattern["id"])
                return tidy_name(m.group(1))
    for pattern in (p for p in load_patterns(NAME) if p["field"] == "name_first_line"):
        # a page whose first line is only a school's name ("Castle Hill Primary School"): its title
        for _, line in filled[: pattern["lines"]]:
            if looks_like_school_name(line) and looks_like_name(line) and line.split()[-1].lower() in _values("head_nouns"):
                rules.append(pattern["id"])
                return tidy_name(line)
    return None


def _continues_name(name: str, following: str) -> bool:
    """A title wrapped onto a second line: short, no comma or digits, starts with a capital."""
    if looks_like_school_name(name) and name.split()[-1].lower() in ("school", "academy", "college"):
        return False
    return (following[:1].isupper() and "," not in following and not re.search(r"\d", following)
            and len(following.split()) <= 6 and ":" not in following)
