"""Which schools belong to which partnership: case-study establishment blocks, 'federated with',
'part of the X Trust', and lists of member schools under a partnership's name."""
from __future__ import annotations

import re
from functools import lru_cache

from extractors.identity import Identity, looks_like_school_name, normalise_postcode, tidy_name
from extractors.partnerships import federated_schools, federated_with
from extractors.patterns import compiled, load_patterns
from extractors.versions import EXTRACTOR_VERSIONS
from pipeline.models import Document, PartnershipMember, PartnershipMention

NAME = "membership"
VERSION = EXTRACTOR_VERSIONS.get(NAME, "")
_POSTCODE = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2})\b")
MAX_LIST = 40  # a member list longer than this is not a list of schools


def _regexes(field: str):
    return [(p, r) for p, r in compiled(NAME) if p["field"] == field]


@lru_cache(maxsize=1)
def _labels() -> list[tuple[str, str]]:
    labels = next(p["labels"] for p in load_patterns(NAME) if p["field"] == "block_labels")
    return sorted(((label, key) for label, key in labels), key=lambda pair: -len(pair[0]))


def main_partnership(mentions: list[PartnershipMention]) -> tuple[str, str] | None:
    """The document's partnership: its most mentioned named one, else its first unnamed one."""
    named = [m for m in mentions if m.named]
    pool = named or list(mentions)
    if not pool:
        return None
    counts: dict[str, int] = {}
    for m in pool:
        counts[m.partnership_key] = counts.get(m.partnership_key, 0) + 1
    key = max(counts, key=lambda k: (counts[k], -min(m.start_char for m in pool if m.partnership_key == k)))
    return key, next(m.name for m in pool if m.partnership_key == key)


def extract_members(document: Document, mentions: list[PartnershipMention], school: Identity | None) -> list[PartnershipMember]:
    members = establishment_blocks(document, main_partnership(mentions) or ("~collaboration", "collaboration"))
    members += _federations(document, school)
    members += _part_of(document, mentions, school)
    members += _member_lists(document, mentions)
    seen: set[tuple[str, str]] = set()
    unique = []
    for m in members:  # one row per school and partnership in a document
        if (m.partnership_key, m.school_name.lower()) not in seen:
            seen.add((m.partnership_key, m.school_name.lower()))
            unique.append(m)
    return unique


def establishment_blocks(document: Document, partnership: tuple[str, str]) -> list[PartnershipMember]:
    """'Lead Establishment' / 'Additional Establishments' blocks of label-value lines; a new
    establishment starts whenever 'Name' comes again."""
    headings = [(p, r) for p, r in _regexes("block_heading")]
    role, rule, block, start, out = None, None, {}, 0, []
    offset, last = 0, None
    for line in document.text.split("\n"):
        line_start, offset = offset, offset + len(line) + 1
        found = next((p for p, r in headings if r.match(line)), None)
        if found:
            out += _block_member(document, block, role, start, line_start, partnership, rule)
            role, rule, block, start = found["role"], found["id"], {}, line_start
            continue
        if role is None or not line.strip():
            continue
        label, value = _split_label(line.strip())
        if label == "name" and "name" in block:
            out += _block_member(document, block, role, start, line_start, partnership, rule)
            block, start = {}, line_start
        if label:
            block[label] = value
            last = label
        elif block and last == "address":  # an address goes on over several lines
            block["address"] = (block.get("address", "") + ", " + line.strip()).strip(", ")
    out += _block_member(document, block, role, start, offset, partnership, rule)
    return out


def _split_label(line: str) -> tuple[str | None, str]:
    for label, key in _labels():
        if line.lower().startswith(label.lower()):
            return key, line[len(label):].strip(" :\t")
    return None, line


def _block_member(document: Document, block: dict, role: str | None, start: int, end: int,
                  partnership: tuple[str, str], rule: str | None) -> list[PartnershipMember]:
    name = block.get("name", "").strip()
    if not role or not name:
        return []
    address = block.get("address") or None
    postcode = _POSTCODE.search(address or "")
    return [PartnershipMember(
        partnership_key=partnership[0], partnership_name=partnership[1], school_name=tidy_name(name), role=role,
        postcode=normalise_postcode(postcode.group(1)) if postcode else None, address=address,
        telephone=block.get("telephone") or None, email=block.get("email") or None,
        headteacher=block.get("headteacher") or None, local_authority=block.get("local_authority") or None,
        phase=block.get("phase") or None, school_type=block.get("school_type") or None,
        page=document.page_at(start), start_char=start, end_char=end,
        evidence=" ".join(document.text[start:end].split())[:600], rule_id=rule,
    )]


def _this_school(school: Identity | None, key: str, name: str, start: int, end: int, document: Document,
                 rule: str) -> list[PartnershipMember]:
    if school is None or not school.school_name:
        return []
    return [PartnershipMember(partnership_key=key, partnership_name=name, school_name=school.school_name,
                              role="this_school", urn=school.urn, postcode=school.postcode,
                              local_authority=school.local_authority, page=document.page_at(start),
                              start_char=start, end_char=end, evidence=" ".join(document.text[start:end].split()),
                              rule_id=rule)]


def _federations(document: Document, school: Identity | None) -> list[PartnershipMember]:
    out = []
    for m in federated_with(document.text):
        name = " ".join(m.group(0).split())
        out += _this_school(school, "~federation", name, m.start(), m.end(), document, "federated-with")
        for other in federated_schools(m):
            out.append(PartnershipMember(partnership_key="~federation", partnership_name=name,
                                         school_name=tidy_name(other), role="member", page=document.page_at(m.start()),
                                         start_char=m.start(), end_char=m.end(), evidence=name, rule_id="federated-with"))
    return out


def _part_of(document: Document, mentions: list[PartnershipMention], school: Identity | None) -> list[PartnershipMember]:
    """'This school is part of Balmoral Learning Trust': the report's own school is a member."""
    regexes = [r for _, r in _regexes("part_of")]
    out = []
    for m in mentions:
        if not m.named:
            continue
        before = document.text[max(0, m.start_char - 40): m.start_char]
        if any(r.search(before) for r in regexes):
            out += _this_school(school, m.partnership_key, m.name, m.start_char, m.end_char, document, "part-of")
    return out


def _member_lists(document: Document, mentions: list[PartnershipMention]) -> list[PartnershipMember]:
    """A line naming a partnership and ending in ':' followed by one school per line."""
    intro = list(_regexes("list_intro"))
    out = []
    for m in mentions:
        if not m.named:
            continue
        line_end = document.text.find("\n", m.end_char)
        line_end = len(document.text) if line_end == -1 else line_end
        rule = next((p["id"] for p, r in intro if r.search(document.text[m.end_char: line_end])), None)
        if rule is None:
            continue
        offset = line_end + 1
        for line in document.text[offset:].split("\n")[:MAX_LIST]:
            if not line.strip():
                if out:
                    break
                offset += len(line) + 1
                continue
            school = _school_in(line)
            if school is None:
                break
            out.append(PartnershipMember(partnership_key=m.partnership_key, partnership_name=m.name,
                                         school_name=school, role="member", page=document.page_at(offset),
                                         start_char=offset, end_char=offset + len(line), evidence=line.strip(),
                                         rule_id=rule))
            offset += len(line) + 1
    return out


def _school_in(line: str) -> str | None:
    """The school name in a list line, past any junk before it ('images-2 Werrington Primary School')."""
    words = line.strip().split()
    for i in range(len(words)):
        if words[i][:1].isupper():
            candidate = " ".join(words[i:])
            if looks_like_school_name(candidate):
                return tidy_name(candidate)
    return None
