"""Which schools belong to which partnership, in every form a page or report prints it:
- case-study establishment blocks ('Lead Establishment' / 'Additional Establishments');
- 'federated with A and B' and 'part of the X Trust' in a report (the report's own school);
- lists of schools in prose, introduced ('the six schools in the First Federation – A, B and C',
  'the following schools: …') or as the subject of joining ('A and B formed a Hard Federation');
- schools named with the partnership's possessive ('LAAT’s Harrowby Infant School');
- a federation named after its schools ('the Federation of Kenley and Whyteleafe Schools');
- one school per line under the partnership's name or a heading ('Our schools').
A list goes to the partnership its sentence names, else to the one 'the Trust' refers to, else
to the nearest named one before it. Like the gold labels, one school alone is no member list:
prose rules keep a partnership's schools only when it has two or more.
"""
from __future__ import annotations

import dataclasses
import re
from functools import lru_cache

from extractors.identity import Identity, looks_like_school_name, normalise_postcode, tidy_name
from extractors.partnerships import federated_schools, federated_with
from extractors.patterns import compiled, load_patterns
from extractors.school_lists import ListItem, is_generic_school, is_headed, read_item, read_list, split_elided_pair
from extractors.sentences import sentence_bounds
from extractors.textwords import Word, first_at, joins, last_before, words_of
from extractors.versions import EXTRACTOR_VERSIONS
from pipeline.models import Document, PartnershipMember, PartnershipMention

NAME = "membership"
VERSION = EXTRACTOR_VERSIONS.get(NAME, "")
_POSTCODE = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2})\b")
MAX_LIST = 40  # a member list longer than this is not a list of schools
MAX_DETAIL_LINES = 8  # lines of a school's details (head, address, telephone) between two schools of a list
NEAREST_CHARS = 700  # a list with no partnership in its sentence belongs to one named this close before it
PROSE_RULES_MIN = 2  # schools a partnership needs in a document for its prose-read members to count
_SUBJECT_SCHOOL = re.compile(r"((?:[A-Z][\w’'-]*\s+){1,6}(?:School|Academy|College))(?:\s+in\s+[A-Z]\w+)?,?\s+"
                             r"(?:when|after|since|as|which|and)?\s*(?:it\s+|was\s+|had\s+|has\s+)*\Z")
_FORMERLY = re.compile(r",?\s*(?:formerly|previously)(?:\s+(?:known\s+as|called|named))?\s+\Z")
_URN_AFTER = re.compile(r"[ \t]*[,(\[]?[ \t]*(?:URN|Unique reference number)[ \t]*:?[ \t]*(\d{6})\b", re.I)
_FROM_NAMED = re.compile(r"\bschools\s+(?:\w+\s+){0,2}from\s+", re.I)
_TYPE_TAIL = {"trust", "federation", "partnership", "alliance", "network", "cluster", "hub", "consortium",
              "collaborative", "academies", "academy", "schools", "schools'", "learning", "education", "educational",
              "multi", "multi-academy", "mat", "group", "and", "of", "co-operative", "cooperative", "primary"}
_ANAPHOR = re.compile(r"\b(?:the|our|this|a|new)\s+(?:[\w-]+\s+){0,2}?(trust|federation|partnership|alliance|network|"
                      r"cluster|mat|hub|consortium|collaborative)\b(?![’']s)", re.I)


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
    document = _without_chrome(document)
    members = establishment_blocks(document, main_partnership(mentions) or ("~collaboration", "collaboration"))
    members += _federations(document, school, mentions)
    members += _part_of(document, mentions, school)
    words = words_of(document.text)
    prose = _member_lists(document, mentions, words)
    prose += _prose_lists(document, mentions, words)
    prose += _possessives(document, mentions, words)
    prose += _named_after_schools(document, mentions)
    prose += _single_schools(document, mentions, words)
    prose += _lead_schools(document, mentions)
    prose += _academies_operated(document, mentions)
    prose += _heads_of_schools(document, mentions)
    prose += _paired_schools(document, mentions, words)
    prose += _merged_into(document, mentions, prose)
    members += _with_company(prose)
    seen: set[tuple[str, str]] = set()
    unique = []
    for m in members:  # one row per school and partnership in a document
        if (m.partnership_key, m.school_name.lower()) not in seen:
            seen.add((m.partnership_key, m.school_name.lower()))
            unique.append(m)
    return unique


_CHROME = re.compile(r"(?im)^[ \t]*(?:read more|related(?: stories| articles)?|see also|also read|more stories|most read|"
                     r"you may also like|click here)\b.*$")


def _without_chrome(document: Document) -> Document:
    """Link lines of the page around the text ('READ MORE: Oak Academy wins award') blanked, every
    other character where it was, so a school in a link is not read as a member."""
    text = document.text
    blanked = _CHROME.sub(lambda m: " " * len(m.group(0)), text)
    return document if blanked == text else dataclasses.replace(document, text=blanked)


def _with_company(members: list[PartnershipMember]) -> list[PartnershipMember]:
    """Only partnerships with two or more schools: one school named near a trust is no member list."""
    schools: dict[str, set[str]] = {}
    for m in members:
        schools.setdefault(m.partnership_key, set()).add(m.school_name.lower())
    return [m for m in members if len(schools[m.partnership_key]) >= PROSE_RULES_MIN]


# ---------------------------------------------------------------------------------------------
# establishment blocks, 'federated with', 'part of'


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


def _federations(document: Document, school: Identity | None, mentions: list[PartnershipMention]) -> list[PartnershipMember]:
    """'The school is federated with A and B' (a report: its own school too); on other pages
    '<School> … when it federated with <School>', given to the page's one named federation."""
    out = []
    federations = {m.partnership_key: m for m in mentions if m.named and m.partnership_type == "federation"}
    owner = next(iter(federations.values())) if len(federations) == 1 and school is None else None
    for m in federated_with(document.text):
        name = " ".join(m.group(0).split())
        key, label = (owner.partnership_key, owner.name) if owner else ("~federation", name)
        out += _this_school(school, key, label, m.start(), m.end(), document, "federated-with")
        schools = federated_schools(m)
        if school is None:
            subject = _SUBJECT_SCHOOL.search(document.text, max(0, m.start() - 160), m.start())
            schools = ([subject.group(1)] if subject else []) + schools
            if len(schools) < 2:
                continue  # one school is no member list
        for other in schools:
            out.append(PartnershipMember(partnership_key=key, partnership_name=label,
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


# ---------------------------------------------------------------------------------------------
# lists


def _member(document: Document, partnership: PartnershipMention | tuple[str, str], school: str, start: int,
            end: int, evidence: str, rule: str) -> PartnershipMember:
    key, name = (partnership.partnership_key, partnership.name) if isinstance(partnership, PartnershipMention) \
        else partnership
    urn = _URN_AFTER.match(document.text, end)
    return PartnershipMember(partnership_key=key, partnership_name=name, school_name=tidy_name(school),
                             role="member", urn=urn.group(1) if urn else None, page=document.page_at(start),
                             start_char=start, end_char=end, evidence=" ".join(evidence.split())[:600], rule_id=rule)


def _member_lists(document: Document, mentions: list[PartnershipMember], words: list[Word]) -> list[PartnershipMember]:
    """One school per line (blank lines between allowed) under a line that ends in ':' and names a
    partnership or introduces schools ('The Five Rivers Network is:', 'The proposed members of the
    trust are:'), or under a heading such as 'Our schools' (the document's partnership)."""
    text = document.text
    intro = list(_regexes("list_intro"))
    before_rules = list(_regexes("list_before"))
    headings = list(_regexes("list_heading"))
    named = [m for m in mentions if m.named]
    main = _main_named(mentions)
    out = []
    offset = 0
    lines = text.split("\n")
    for n, line in enumerate(lines):
        line_start, offset = offset, offset + len(line) + 1
        owner, rule = None, None
        if line.rstrip().endswith(":"):
            on_line = [m for m in named if line_start <= m.start_char < line_start + len(line)]
            tail = text[on_line[-1].end_char: line_start + len(line)] if on_line else ""
            rule = next((p["id"] for p, r in intro if on_line and r.search(tail)), None)
            if rule:
                owner = on_line[-1]
            elif (found := next((p["id"] for p, r in before_rules if r.search(line.rstrip())), None)):
                rule = found
                owner = (on_line[-1] if on_line else _short_form_in(text, line_start, offset, named)
                         or _anaphor_in(line, named) or _last_reference(text, named, max(0, line_start - NEAREST_CHARS),
                                                                         line_start))
        if owner is None and main is not None:
            rule = next((p["id"] for p, r in headings if r.match(line)), None)
            owner = main if rule else None
        if owner is None and _BULLET_NEXT.match(text, offset) and _SCHOOLS_WORD.search(line):
            on_line = [m for m in named if line_start <= m.start_char < line_start + len(line)]
            if on_line:  # '… is now part of The Holy Trinity Trust along with 7 other schools.' then bullets
                owner, rule = on_line[-1], "list-bullets-after"
        if owner is None:
            continue
        out += _line_schools(document, owner, lines[n + 1:], offset, rule)
    return out


def _line_schools(document: Document, owner, lines: list[str], offset: int, rule: str) -> list[PartnershipMember]:
    """One school a line; a school's details under it (head, address lines, postcode, telephone) are
    passed over, its postcode kept; a short bare name ('Edgar Wood') counts among named schools."""
    found, blanks, details = [], 0, 0
    for n, line in enumerate(lines[:MAX_LIST * 4]):
        if not line.strip():
            blanks += 1
            if blanks > 3:
                break
            offset += len(line) + 1
            continue
        blanks = 0
        school = _school_in(line)
        if school is None and not _punctuated_detail(line):
            school = _bare_name_among_schools(line, lines[n + 1:n + 4], found)
        if school is None:
            postcode = _POSTCODE.search(line)
            if found and details < MAX_DETAIL_LINES and _detail_line(line):
                details += 1
                if postcode and found[-1].postcode is None:
                    found[-1] = dataclasses.replace(found[-1], postcode=normalise_postcode(postcode.group(1)))
                offset += len(line) + 1
                continue
            break
        details = 0
        found.append(_member(document, owner, school, offset, offset + len(line), line, rule))
        offset += len(line) + 1
    return found


_NOT_A_SCHOOL = {"council", "authority", "university", "diocese", "movement", "trust", "federation", "partnership",
                 "group", "board", "church", "department", "agency", "ltd", "limited", "plc", "foundation"}
_DETAIL = re.compile(r"^\s*(?:[A-Z][\w /'’&-]{0,30}:|[\w .'’,-]{1,40},\s*$|[\w .'’-]{1,30}\.\s*$|[\d+() -]{6,}$|"
                     r"(?:tel|telephone|email|web|website|phone)\b)", re.I)


def _punctuated_detail(line: str) -> bool:
    """An address line ('Church Lane,', 'Stafford.'), a label ('Address:'), a postcode or a number."""
    text = line.strip()
    return text[-1:] in ",.:;" or ":" in text or bool(_POSTCODE.search(text)) or any(c.isdigit() for c in text)


def _detail_line(line: str) -> bool:
    """'Headteacher: Mrs J Example', 'Church Lane,', 'Stafford.', 'ST18 0PS', '01632 960000'."""
    return bool(_DETAIL.match(line)) or bool(_POSTCODE.fullmatch(line.strip())) or len(line.split()) <= 2


def _bare_name_among_schools(line: str, following: list[str], found: list) -> str | None:
    """A short capitalised name with no school word ('Hadley Learning Community', 'Edgar Wood'), in a
    list of whole school names."""
    cell = _PARENTHESES.sub("", line.strip().lstrip("•*-–·● ")).strip().rstrip(".;,")
    words = cell.split()
    if not 1 <= len(words) <= 4 or not _mostly_capitalised(cell):
        return None
    if not found:  # the list's first line: a school's whole name must come next
        following = [f for f in following if f.strip()][:1]
    if words[-1].lower() in _NOT_A_SCHOOL:
        return None  # 'Devon County Council
    if not any(_school_in(f) for f in following if f.strip()):
        return None  # only between whole school names
    return tidy_name(cell)


_BULLET_NEXT = re.compile(r"(?:[ \t]*\n)*[ \t]*[•*·●▪◦-][ \t]")
_SCHOOLS_WORD = re.compile(r"\b(?:schools|academies|primaries|members)\b", re.I)
_PARENTHESES = re.compile(r"\s*\([^)]*\)")


def _school_in(line: str) -> str | None:
    """The school name in a list line, past any junk before it ('images-2 Werrington Primary School',
    '• Oak Academy', a table row's first cell) and without what follows it in brackets or after a full stop."""
    cell = re.split(r"\s*(?:\||\t| {3,})\s*", line.strip().lstrip("•*-–·● ").strip())[0]
    cell = _without_trailing_brackets(cell)
    town = re.match(r"^(.+?),\s*[A-Z][\w’' -]{1,30}$", cell)
    if town and is_headed(town.group(1)):
        cell = town.group(1)  # 'St Andrew’s CE Primary School, North Kilworth'
    words = cell.split()
    for i in range(len(words)):
        if i and words[i - 1][:1].isupper():
            break  # only junk ('images-2', a logo's file name) may stand before the name, not words of a sentence
        if words[i][:1].isupper():
            candidate = " ".join(words[i:])
            if looks_like_school_name(candidate) and is_headed(candidate) and _mostly_capitalised(candidate):
                return tidy_name(candidate)
    return None


_TRAILING_BRACKETS = re.compile(r"\s*\([^)]*\)[\s.;,]*\Z")


def _without_trailing_brackets(cell: str) -> str:
    """'Oak Primary School (2 Trustees).' -> 'Oak Primary School'; brackets inside the name stay
    ('Uplowman C of E (VC) Primary School')."""
    cell = cell.strip().rstrip(".;,")
    while (shorter := _TRAILING_BRACKETS.sub("", cell)) != cell:
        cell = shorter.strip().rstrip(".;,")
    return cell


def _mostly_capitalised(name: str) -> bool:
    """A name, not a sentence: every word but a few small ones capitalised."""
    small = {"of", "and", "the", "upon", "on", "in", "de", "le", "la", "&"}
    words = [w.strip("()") for w in name.split()]  # 'C of E (VC)'
    return all(w[:1].isupper() or w[:1].isdigit() or w.lower() in small or w in ("-", "–", "") for w in words)


def _prose_lists(document: Document, mentions: list[PartnershipMention], words: list[Word]) -> list[PartnershipMember]:
    """Lists of schools in sentences, each given to its partnership."""
    text = document.text
    before_rules = list(_regexes("list_before"))
    after_rules = list(_regexes("list_after"))
    named = [m for m in mentions if m.named]
    out: list[PartnershipMember] = []
    i = 0
    while i < len(words):
        found = read_list(text, words, i) if words[i].is_word and words[i].text[:1].isupper() else None
        if found is None:
            i += 1
            continue
        items, last = found
        start, end = items[0].start, words[last].end
        lo, hi = sentence_bounds(text, start, end)
        kind_after = _KIND_AFTER.match(text, end, hi)  # 'Blakeney, Kelling and Walsingham primaries are …'
        after = kind_after.end() if kind_after else end
        intro = next(((p, m) for p, r in before_rules if (m := r.search(text[lo:start]))), None)
        joined = next((p for p, r in after_rules if r.match(text[after:hi])), None)
        if intro and not kind_after and not _names_fit(intro[0], items, text[lo:start]):
            intro = None  # 'subjects including English, Maths and Science': not schools
        if joined and not kind_after and not _names_fit(joined, items, text[lo:start]):
            joined = None
        if intro or joined:
            rule = intro[0]["id"] if intro else joined["id"]
            span = (lo + intro[1].start(), start) if intro else None
            owners = _owners(text, mentions, named, (lo, start, after, hi), span, joined is not None)
            schools = [item for item in items if _is_member_name(item, named)]
            for owner in owners:
                for item in schools:
                    out.append(_member(document, owner, item.text, item.start, item.end, text[lo:hi], rule))
            i = last + 1
        else:
            i += 1  # 'its first Academies, Churchfield CE Academy, …': the list may begin at a later word
    return out


_KIND_AFTER = re.compile(r"[ \t]+(?:(?:primary|infant|junior|secondary|village|catholic|church|ce|c\s+of\s+e)[ \t]+)?"
                         r"(?:schools|primaries|academies)\b", re.I)  # the bare names before it are schools
_BODY_VERB = re.compile(r"\b(?:consortium|federation|trust|partnership|alliance|cluster|network|pyramid|collaborative)\s+"
                        r"(?:(?:across|in|for|of|at|around)\s+(?:[\w’'-]+\s+){1,3}?)?"  # 'consortium across Harpenden which includes'
                        r"(?:(?:which|that|also|currently|now|already)\s+)*(?:includes?|comprises?|brings together|"
                        r"consists of|is made up of|encompasses|runs|operates)\s*:?\s*\Z", re.I)
_SPEAKS_OF_SCHOOLS = re.compile(r"\b(?:schools|school sites|academies|primaries|pupils)\b", re.I)


def _names_fit(trigger: dict, items: list[ListItem], before: str) -> bool:
    """Bare names ('Belmont', 'Chaloner') count when the trigger or the sentence says they are schools;
    otherwise most items must be whole school names."""
    if trigger["bare_names"] or _SPEAKS_OF_SCHOOLS.search(before) or _BODY_VERB.search(before[-50:]):
        return True
    return sum(item.headed for item in items) * 2 >= len(items)


def _owners(text: str, mentions, named, bounds: tuple[int, int, int, int], intro: tuple[int, int] | None,
            joining: bool) -> list:
    """The partnerships a list belongs to: the one its introduction names ('the six schools in the
    First Federation –'), else the one its verb joins ('… formed a Hard Federation'), else the last
    one named or referred to ('our MAT') before it, else one named later in its sentence; and the
    one the sentence's subject ('The Trust encompasses …') refers to as well."""
    lo, start, end, hi = bounds
    if _UNNAMED_BODY.search(text, lo, start):
        return []  # 'This is an informal collaboration of three Dorset schools: …': a body with no name
    owner = None
    if intro is not None:
        inside = [m for m in named if intro[0] <= m.start_char < intro[1]]
        owner = inside[-1] if inside else (_short_form_in(text, intro[0], intro[1], named)
                                           or _anaphor_in(text[intro[0]:intro[1]], named))
    opening = {m.partnership_key for m in named if lo <= m.start_char < min(start, lo + 60)}
    if owner is None and len(opening) > 1:
        return []  # 'Oak Trust and Elm Trust are responsible for A, B and C': whose is whose is not said
    subject = _subject_of(text, named, lo, start)
    if owner is None and intro is not None and subject is not None:
        owner = subject  # '… as well as A and B': the sentence's subject's list goes on
    if owner is None and joining and intro is not None:
        later = [m for m in named if end <= m.start_char < hi]
        owner = later[0] if later else None  # '… schools in Durham – A, B and C – to join WISE Academies'
    if owner is None and intro is not None:
        before = [m for m in named if lo <= m.start_char < intro[0]]
        if len({m.partnership_key for m in before}) > 1:
            return []  # 'Oak Trust and Elm Trust are responsible for A, B and C': whose is whose is not said
        owner = before[-1] if before else _short_form_in(text, lo, intro[0], named)
    if owner is None and joining:
        later = [m for m in named if end <= m.start_char < hi]
        owner = later[0] if later else _anaphor_in(text[end:hi], named, mentions, end, hi)
    if owner is None:
        owner = _last_reference(text, named, max(0, start - NEAREST_CHARS), start, exclude=intro)
    if owner is None:
        later = [m for m in named if end <= m.start_char < hi]
        owner = later[0] if later else None
    if owner is None and len({m.partnership_key for m in named}) == 1:
        owner = named[0]  # a page about one partnership: its lists of schools are its own
    if owner is None:
        return []
    owners = [owner]
    if intro is not None:
        origin = _FROM_NAMED.search(text, lo, start)
        if origin is not None:
            left = next((m for m in named if m.start_char == origin.end()), None)
            if left is not None and left.partnership_key != owner.partnership_key:
                owners.append(left)  # 'Four schools from The Jubilee Federation … to move to the Link Trust: …'
    if subject is not None and subject.partnership_key != owner.partnership_key:
        owners.append(subject)  # 'The Trust encompasses the six schools in the First Federation – …'
    if _MOVING.search(text, lo, start):  # '… the rebrokering of A and B – now part of Oak Trust – to the Elm Trust'
        destination = next((m for m in named if end <= m.start_char < hi
                            and re.search(r"\bto\s+(?:the\s+)?\Z", text[max(end, m.start_char - 12):m.start_char])), None)
        if destination is not None and all(o.partnership_key != destination.partnership_key for o in owners):
            owners.append(destination)
    return owners


_MOVING = re.compile(r"\b(?:re-?broker(?:ing|ed)?|transfer(?:ring|red|s)?|mov(?:e|es|ed|ing)|switch(?:ing|ed|es)?)\b", re.I)


def _subject_of(text: str, named: list[PartnershipMention], lo: int, start: int):
    """The partnership a sentence opens with: named ('The Marsh Federation brings together …') or
    referred to ('The Trust encompasses …')."""
    head = min(start, lo + 40)
    opening = [m for m in named if lo <= m.start_char < head]
    if opening:
        return opening[0]
    return _anaphor_in(text[lo:head], named)


def _short_form_in(text: str, lo: int, hi: int, named: list[PartnershipMention]):
    """A named partnership referred to by the distinctive words of its name ('Hope has ten schools',
    'the TrustEd group'): the one whose name without its type words is printed in text[lo:hi]."""
    found = None
    for m in named:
        core = _name_core(m.name)
        if not core:
            continue
        at = [x.start() for x in re.finditer(r"(?<![\w’'-])" + re.escape(core) + r"(?![\w’'-])", text[lo:hi])]
        if at and (found is None or at[-1] > found[0]):
            found = (at[-1], m)
    return found[1] if found else None


def _name_core(name: str) -> str:
    """'Hope Learning Trust' -> 'Hope'; 'TrustEd Schools’ Partnership' -> 'TrustEd'."""
    words = [w for w in name.split() if w.lower() != "the"]
    while words and (words[-1].lower().strip("’'") in _TYPE_TAIL):
        words.pop()
    return " ".join(words) if words and len(" ".join(words)) >= 3 else ""


_UNNAMED_BODY = re.compile(r"\b(?:a|an)\s+(?:[a-z-]+\s+){0,2}(?:collaboration|partnership|federation|cluster|group|"
                           r"network|alliance|consortium)\s+(?:of|between)\b")
def _last_reference(text: str, named: list[PartnershipMention], lo: int, hi: int, exclude=None):
    """The partnership last named, or referred to by its type ('our MAT', 'the Trust'), in text[lo:hi]."""
    refs = [(m.start_char, m) for m in named if lo <= m.start_char < hi]
    for m in _ANAPHOR.finditer(text, lo, hi):
        if any(n.start_char <= m.start(1) < n.end_char for n in named):
            continue
        referent = _anaphor_in(m.group(0), named)
        if referent is not None:
            refs.append((m.start(), referent))
    return max(refs, key=lambda r: r[0])[1] if refs else None


def _anaphor_in(span: str, named: list[PartnershipMention], mentions=None, lo: int = 0, hi: int = 0):
    """The named partnership that 'the Trust' (or an unnamed 'Hard Federation') in `span` refers to:
    the document's most mentioned one of that type."""
    kinds = [m.group(1).lower() for m in _ANAPHOR.finditer(span)]
    if mentions is not None:
        kinds += [m.partnership_type for m in mentions if not m.named and lo <= m.start_char < hi]
    for kind in kinds:
        word = {"mat": "trust", "multi_academy_trust": "trust"}.get(kind, kind)
        pool = [m for m in named if word in m.name.lower() or (word == "trust" and "academies" in m.name.lower())]
        if pool:
            counts: dict[str, int] = {}
            for m in pool:
                counts[m.partnership_key] = counts.get(m.partnership_key, 0) + 1
            best = max(counts, key=lambda k: (counts[k], -min(m.start_char for m in pool if m.partnership_key == k)))
            return next(m for m in pool if m.partnership_key == best)
    return None


_BODY_TYPES = frozenset({"trust", "federation", "partnership", "alliance", "network", "cluster", "hub", "consortium",
                         "collaborative", "collaboration", "mat", "mac", "group", "trusts", "partnerships"})


def _is_member_name(item: ListItem, named: list[PartnershipMention]) -> bool:
    """A school's name: not a partnership, not a kind of school, not a person, month or heading word."""
    if is_generic_school(item.text):
        return False
    if any(m.start_char < item.end and item.start < m.end_char for m in named):
        return False  # a federation listed among a trust's schools is a partnership, not a school
    words = item.text.split()
    if words[-1].lower().strip("’'") in _BODY_TYPES:
        return False  # '… to form a Multi-Academy Trust, Our Lady and St Edwards, …': a body, not a school
    person = words[0].lower().rstrip(".") in ("mr", "mrs", "ms", "miss") and not re.search(r"[’']s$", words[1] if len(words) > 1 else "")
    return not (person or len(words) > 8)  # 'Mrs Ethelston’s' is a school, 'Mrs Smith' is not


def _possessives(document: Document, mentions: list[PartnershipMention], words: list[Word]) -> list[PartnershipMember]:
    """'LAAT’s Harrowby Church of England Infant School', 'the Trust’s National Junior School'."""
    text = document.text
    named = [m for m in mentions if m.named]
    out = []
    for m in re.finditer(r"[’']s\s+(?=[A-Z])", text):
        owner = next((n for n in named if n.end_char == m.start()), None)
        if owner is None:
            anaphor = _ANAPHOR.search(text, max(0, m.start() - 15), m.start())
            if anaphor is None or anaphor.end() != m.start():
                continue
            owner = _anaphor_in(anaphor.group(0), named)
        if owner is None:
            continue
        i = first_at(words, m.end())
        i = i if i < len(words) and words[i].start == m.end() else None
        last = read_item(words, i) if i is not None else None
        if last is None:
            continue
        school = " ".join(text[words[i].start:words[last].end].split())
        if is_headed(school) and not is_generic_school(school):
            out.append(_member(document, owner, school, words[i].start, words[last].end,
                               text[max(0, m.start() - 60): words[last].end + 20], "possessive-school"))
    return out


def _named_after_schools(document: Document, mentions: list[PartnershipMention]) -> list[PartnershipMember]:
    """'the Federation of Kenley and Whyteleafe Schools': Kenley and Whyteleafe are its schools, and
    'the Ashdown Infant and Junior Schools Federation' has Ashdown Infant and Ashdown Junior School;
    'The Federation of Oak Community Primary School and Elm Methodist Primary School': so are these."""
    out = []
    for m in mentions:
        if not m.named or m.mention_text != m.name:
            continue
        inner = re.match(r"^(?:the\s+)?(?:federation|partnership|collaboration|trust)\s+of\s+(.+)$", m.name, re.I)
        if not inner:
            before = re.match(r"^(?:the\s+)?(.+\s(?:Schools|Academies))\s+(?:Federation|Partnership)$", m.name, re.I)
            elided = split_elided_pair(before.group(1)) if before else []
            if len(elided) == 2:  # 'the Ashdown Infant and Junior Schools Federation'
                out += [_member(document, m, part, m.start_char, m.end_char, m.mention_text,
                                "federation-named-after-schools") for part in elided]
            continue
        body = inner.group(1)
        elided = split_elided_pair(body)
        if len(elided) == 2:
            out += [_member(document, m, part, m.start_char, m.end_char, m.mention_text, "federation-named-after-schools")
                    for part in elided]
            continue
        plural = re.match(r"^(.+?)\s+(?:Schools|Academies|Colleges)$", body)
        if plural and m.rule_id == "name-type-of-schools":
            parts = [p.strip() for p in re.split(r",\s*|\s+(?:and|&)\s+", plural.group(1)) if p.strip()]
        else:
            parts = [p.strip() for p in re.split(r",\s*|\s+and\s+", body) if p.strip()]
            if not all(is_headed(p) for p in parts):
                continue  # 'Federation of Oak Primary School and Elm … Under One Head Teacher' is a description
        if len(parts) >= 2 and all(p[:1].isupper() for p in parts):
            out += [_member(document, m, part, m.start_char, m.end_char, m.mention_text, "federation-named-after-schools")
                    for part in parts]
    return out


def _single_schools(document: Document, mentions: list[PartnershipMention], words: list[Word]) -> list[PartnershipMember]:
    """'Abbots Green Academy … is the 15th local primary school to join the Samuel Ward Academy Trust',
    'Lander Road Primary School to become part of the Great Schools Trust': one school at a time
    (kept only when its partnership has another school in the document)."""
    text = document.text
    rules = list(_regexes("single_school"))
    named = [m for m in mentions if m.named]
    targets = [(m.start_char, m.end_char, m) for m in named]
    for anaphor in _ANAPHOR.finditer(text):  # '… joined the Trust in July'
        if not any(n.start_char <= anaphor.start(1) < n.end_char for n in mentions):
            referent = _anaphor_in(anaphor.group(0), named)
            if referent is not None:
                targets.append((anaphor.start(), anaphor.end(), referent))
    out = []
    for start, end, owner in targets:
        lo, _ = sentence_bounds(text, start, end)
        before = text[lo:start]
        for pattern, regex in rules:
            verb = regex.search(before)
            if verb is None:
                continue
            school = _school_before(text, words, lo + verb.start())
            if school is None and re.search(r"\band\s*\Z", before[:verb.start()]):
                school = _opening_school(text, words, lo, lo + verb.start())  # 'X became an academy … and is now part of P'
            if school is not None:
                out.append(_member(document, owner, school[0], school[1], school[2], text[lo:end], pattern["id"]))
            break
    return out


_LEAD_LINE = re.compile(r"(?im)^[ \t]*(lead\s+(?:school|academy|setting)s?|(?:host|partner|member)\s+schools?\s+"
                        r"(?:include|includes|are)|hub\s+lead(?:\s+school)?)\s*[:\-–—]?[ \t]*(.+)$")


def _lead_schools(document: Document, mentions: list[PartnershipMention]) -> list[PartnershipMember]:
    """'Aim High Alliance' / 'Lead school: Newbottle Primary Academy.' / 'Host schools include A and B.':
    the schools under a body's heading, its lead school with the role `lead`."""
    text = document.text
    named = [m for m in mentions if m.named]
    out = []
    for line in _LEAD_LINE.finditer(text):
        heading = [m for m in named if line.start() - 300 <= m.start_char < line.start()]
        if not heading or text[heading[-1].end_char:line.start()].strip(" \t\n:") and \
                not _LEAD_LINE.search(text, heading[-1].end_char, line.start()):
            continue  # the name must be the heading right above (or above an earlier such line)
        owner = heading[-1]
        role = "lead" if line.group(1).lower().startswith(("lead", "hub")) else "member"
        for part in re.split(r",\s*(?:and\s+)?|\s+and\s+", line.group(2).strip().rstrip(".;")):
            school = _PARENTHESES.sub("", part).strip()
            if school and is_headed(school) and _mostly_capitalised(school):
                start = line.start(2) + line.group(2).find(part)
                member = _member(document, owner, school, start, start + len(part), line.group(0), "lead-school-line")
                out.append(dataclasses.replace(member, role=role))
    return out


_PERSON = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Rev|Revd)\.?\s+(?:[A-Z]\.?\s+){0,3}[A-Z][\w'’-]+"
                     r"(?:\s*\((?:from|appointed|until|to|resigned|acting|interim)[^)]*\))?")


def _academies_operated(document: Document, mentions: list[PartnershipMention]) -> list[PartnershipMember]:
    """A trust's annual report, 'Reference and administrative details' flattened: 'Academies operated
    Location Principal The Oak Academy Burton Mr N Example Elm Primary Burton Mrs B Sample …': each
    row ends at its principal's name; the school is the row up to its last school word, or the row
    less a town another row gives."""
    text = document.text
    main = _main_named(mentions)
    out = []
    for header in (r for _, r in _regexes("academies_table")):
        for m in header.finditer(text):
            if main is None:
                continue
            rows, at = [], m.end()
            for person in _PERSON.finditer(text, m.end(), m.end() + 3000):
                chunk = text[at:person.start()]
                if not chunk.strip() or re.search(r"\d|[A-Z]{3,}\s+[A-Z]{3,}", chunk) or len(chunk.split()) > 12:
                    break
                rows.append((at + len(chunk) - len(chunk.lstrip()), " ".join(chunk.split())))
                at = person.end()
            out += _table_rows(document, main, rows, m.group(0))
    return out


def _table_rows(document: Document, owner, rows: list[tuple[int, str]], header: str) -> list[PartnershipMember]:
    heads, towns = [], set()
    for start, row in rows:
        words = row.split()
        last = max((i for i, w in enumerate(words) if is_headed(w)), default=None)
        heads.append((start, row, last))
        if last is not None and last + 1 < len(words):
            towns.add(" ".join(words[last + 1:]))
    out = []
    for start, row, last in heads:
        words = row.split()
        if last is not None:
            school = " ".join(words[:last + 1])
        else:
            town = next((t for t in sorted(towns, key=len, reverse=True) if row.endswith(" " + t)), None)
            if town is None:
                continue
            school = row[: -len(town)].strip()
        if school and _mostly_capitalised(school):
            out.append(_member(document, owner, school, start, start + len(row), f"{header} … {row}",
                               "academies-operated-table"))
    return out


def _opening_school(text: str, words: list[Word], lo: int, hi: int) -> tuple[str, int, int] | None:
    """The school a sentence opens with ('Blessed Mother Teresa's Catholic Primary School became …')."""
    k = first_at(words, lo)
    if k >= len(words) or words[k].start >= hi:
        return None
    end = read_item(words, k)
    if end is None:
        return None
    name = " ".join(text[words[k].start:words[end].end].split())
    return (name, words[k].start, words[end].end) if is_headed(name) and not is_generic_school(name) else None


_HEAD_OF = re.compile(r"(?im)^[^,\n]{2,60},\s*(?:Executive\s+|Acting\s+|Interim\s+)?(?:Principal|Headteacher|Head\s?teacher|"
                      r"Head of School|Head)\s*,\s*(?P<school>[A-Z][^,\n]{2,70}?)\s*$")

_HEAD_OF_BRACKETS = re.compile(r"\b(?:Executive\s+|Acting\s+|Interim\s+)?(?:Principal|Headteacher|Head\s?teacher|Head of School)"
                               r"\s*\((?P<school>[A-Z][^()\n,]{2,60}?)\)")


def _heads_of_schools(document: Document, mentions: list[PartnershipMember]) -> list[PartnershipMember]:
    """A trust's page or report listing its heads ('Trish Example, Principal, Gossops Green Primary School',
    or 'Mrs A Example, Principal (Gossops Green Primary School)'), two or more: their schools are the trust's."""
    main = _main_named(mentions)
    if main is None or main.partnership_type in ("programme",):
        return []
    counts: dict[str, int] = {}
    for m in mentions:
        if m.named:
            counts[m.partnership_key] = counts.get(m.partnership_key, 0) + 1
    if any(key != main.partnership_key and 2 * n > counts[main.partnership_key] for key, n in counts.items()):
        return []  # heads of many bodies' schools (a report's contributors): whose is not said
    found = [m for m in _HEAD_OF.finditer(document.text)
             if _mostly_capitalised(m.group("school")) and is_headed(m.group("school"))]
    bracketed = [m for m in _HEAD_OF_BRACKETS.finditer(document.text) if _mostly_capitalised(m.group("school"))]
    if sum(is_headed(m.group("school")) for m in bracketed) >= 2:
        found += bracketed  # 'Principal (Briscoe Lane Academy) … Principal(Old Hall Drive)': a short name among them counts
    if len(found) < 2:
        return []
    return [_member(document, main, m.group("school"), m.start("school"), m.end("school"), m.group(0),
                    "heads-of-schools") for m in found]


def _school_before(text: str, words: list[Word], at: int) -> tuple[str, int, int] | None:
    """The whole school name that ends just before text offset `at` (a town after it skipped)."""
    k = last_before(words, at)
    if k is None:
        return None
    while k > 1 and words[k].text == "," :
        k -= 1
    if k > 1 and words[k - 1].lower in ("in", "near") and words[k].text[:1].isupper():
        k -= 2  # 'Grange Primary School in Shrewsbury'
    while k >= 0 and not words[k].is_word and words[k].text in (",", ")"):
        k -= 1
    last = k
    while k > 0 and (words[k - 1].capitalised or words[k - 1].lower in ("of", "upon", "the") or words[k - 1].possessive
                     or words[k - 1].text == ".") and words[k - 1].start >= 0 and not words[k].broken:
        if words[k - 1].lower == "the" and k - 1 > 0 and not words[k - 2].capitalised:
            break
        k -= 1
    while k < last and (words[k].lower in ("of", "the", "upon") or not words[k].is_word):
        k += 1
    name = " ".join(text[words[k].start:words[last].end].split())
    former = _FORMERLY.search(text, max(0, words[k].start - 30), words[k].start)
    if former is not None:  # 'Abbots Green Academy, formerly known as Abbots Green Community Primary School, is …'
        earlier = _school_before(text, words, former.start())
        if earlier is not None:
            return earlier
    if not is_headed(name) or is_generic_school(name) or len(name.split()) > 9 or not _mostly_capitalised(name):
        return None
    return name, words[k].start, words[last].end


def _paired_schools(document: Document, mentions: list[PartnershipMention], words: list[Word]) -> list[PartnershipMember]:
    """'… the trust, which was set up after Black Firs joined up with Congleton High School': both
    schools belong to the partnership the sentence names or refers to ('the trust')."""
    text = document.text
    named = [m for m in mentions if m.named]
    out = []
    for _, regex in _regexes("paired_with"):
        for m in regex.finditer(text):
            last = last_before(words, m.start())
            first_after = first_at(words, m.end())
            end = read_item(words, first_after)
            if last is None or end is None:
                continue
            first = last
            while first > 0 and words[first - 1].is_word and words[first - 1].text[:1].isupper() \
                    and joins(words[first - 1], words[first]) and last - first < 6:
                first -= 1
            if read_item(words, first) is None:
                continue  # 'The school joined with …': no name before the verb
            left = " ".join(text[words[first].start:words[last].end].split())
            right = " ".join(text[words[first_after].start:words[end].end].split())
            if not (is_headed(left) or is_headed(right)) or is_generic_school(left) or is_generic_school(right):
                continue
            lo, hi = sentence_bounds(text, m.start(), m.end())
            inside = [n for n in named if lo <= n.start_char < hi]
            owner = inside[0] if inside else _anaphor_in(text[lo:hi], named)
            if owner is None or any(n.start_char < words[end].end and words[first].start < n.end_char for n in named):
                continue
            out += [_member(document, owner, left, words[first].start, words[last].end, text[lo:hi], "paired-with"),
                    _member(document, owner, right, words[first_after].start, words[end].end, text[lo:hi], "paired-with")]
    return out


def _merged_into(document: Document, mentions: list[PartnershipMention], members: list[PartnershipMember]) -> list[PartnershipMember]:
    """'Hope Learning Trust and Sentamu Academy Learning Trust … combine forces to become the Hope
    Sentamu Learning Trust': the new body has the schools of the bodies that formed it."""
    text = document.text
    named = [m for m in mentions if m.named]
    regex = next(r for p, r in _regexes("merged_into"))
    out = []
    for m in regex.finditer(text):
        lo, hi = sentence_bounds(text, m.start(), m.end())
        after = [n for n in named if m.end() <= n.start_char <= m.end() + 40]
        parts = {n.partnership_key for n in named if lo <= n.start_char < m.start()}
        if not after or not parts:
            continue
        new = after[0]
        for member in members:
            if member.partnership_key in parts and member.partnership_key != new.partnership_key:
                out.append(_member(document, new, member.school_name, member.start_char, member.end_char,
                                   text[lo:hi], "merged-into"))
    return out


def _main_named(mentions: list[PartnershipMention]) -> PartnershipMention | None:
    main = main_partnership([m for m in mentions if m.named])
    if main is None:
        return None
    return next(m for m in mentions if m.partnership_key == main[0])
