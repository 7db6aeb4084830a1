"""A report copied into a web page: the page's own claims kept apart from the report's text.

Directory sites put a data block above the report ("Ofsted Inspection Rating Good",
"Inspection Date 17 September 2014", "Address ..."), document hosts their furniture, a
nursery's or school's own page a heading ("Ofsted - Outstanding", "2010: Good"). Those claims
can be stale or about another inspection (a predecessor school's report shown under today's
name), so they never become the inspection's values: each is recorded as a page claim (a
grade mention with its own rule id), and its line is blanked, at the same length so offsets
hold, before the report inside is read. Only the provider's name and address may come from the
page, where the report does not print them and the page does not say the report is a
predecessor's.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from extractors.patterns import load_patterns
from extractors.versions import EXTRACTOR_VERSIONS
from pipeline.models import Document, GradeMention

NAME = "web_page"
VERSION = EXTRACTOR_VERSIONS[NAME]  # a hash of this module and its pattern file
PAGE_CLAIM = "page_claim"  # grade_mentions.statement of a page's own rating
_PDF = "application/pdf"  # Ofsted's own files: never wrapped in a page


@dataclass(frozen=True)
class PageClaim:
    claim: str          # rating, date, name, address, field, predecessor, boilerplate
    value: str | None   # as printed
    about_date: str | None
    start: int          # the claim's line in Document.text
    end: int
    rule_id: str


@dataclass(frozen=True)
class WebPage:
    claims: tuple[PageClaim, ...]
    report: Document    # the document with the page's own lines blanked

    def first(self, claim: str) -> PageClaim | None:
        return next((c for c in self.claims if c.claim == claim), None)

    @property
    def predecessor(self) -> bool:
        """The page says the report it shows is a predecessor school's."""
        return self.first("predecessor") is not None


@lru_cache(maxsize=1)
def _rules() -> tuple[tuple[dict, re.Pattern], ...]:
    grades = [p["pattern"] for p in load_patterns("judgements") if p["label"] == "GRADE"]
    grade = "(?:" + "|".join(re.escape(g).replace(r"\ ", r"\s+") for g in sorted(grades, key=len, reverse=True)) + ")"
    rules = []
    for pattern in load_patterns(NAME):
        flags = re.M | (0 if pattern.get("case_sensitive") else re.I)
        rules.append((pattern, re.compile(pattern["regex"].replace("{GRADE}", grade), flags)))
    return tuple(rules)


def read_page(document: Document) -> WebPage:
    """The page's claims, and the report with their lines blanked. A PDF is Ofsted's own file:
    it is read as it is."""
    if document.media_type == _PDF:
        return WebPage((), document)
    found: list[PageClaim] = []
    gated: list[PageClaim] = []
    taken: set[int] = set()
    for pattern, regex in _rules():
        for m in regex.finditer(document.text):
            if m.start() in taken:
                continue
            groups = m.groupdict()
            claim = PageClaim(pattern["claim"], _clean(groups.get("value")), groups.get("date"), m.start(), m.end(),
                              pattern["id"])
            (gated if pattern.get("needs_wrapper") else found).append(claim)
            taken.add(m.start())
    if not found:
        return WebPage((), document)
    claims = sorted(found + gated, key=lambda c: c.start)
    names = {c.value for c in claims if c.claim == "name" and c.value}
    claims += _title_lines(document.text, names, {c.start for c in claims})
    claims.sort(key=lambda c: c.start)
    return WebPage(tuple(claims), _blanked(document, claims))


def _clean(value: str | None) -> str | None:
    return " ".join(value.split()).strip(" ,.;") or None if value else None


def _title_lines(text: str, names: set[str], taken: set[int]) -> list[PageClaim]:
    """Lines that are only the page's subject, its title ("Gloucester Academy" above the data block)."""
    out = []
    position = 0
    for line in text.split("\n"):
        if position not in taken and line.strip() and " ".join(line.split()) in names:
            out.append(PageClaim("field", None, None, position, position + len(line), "page-title-line"))
        position += len(line) + 1
    return out


def _blanked(document: Document, claims: list[PageClaim]) -> Document:
    chars = list(document.text)
    for claim in claims:
        for i in range(claim.start, claim.end):
            if chars[i] != "\n":
                chars[i] = " "
    return replace(document, text="".join(chars))


def subject(page: WebPage) -> tuple[str | None, str | None, tuple[str, ...]]:
    """The provider the page is about, (name, address, rule ids), unless the page says its report
    is a predecessor's (then the report is not about the named school)."""
    if page.predecessor:
        return None, None, ()
    name, address = page.first("name"), page.first("address")
    rules = tuple(c.rule_id for c in (name, address) if c)
    return (name.value if name else None), (address.value if address else None), rules


def claim_mentions(document: Document, page: WebPage) -> list[GradeMention]:
    """The page's ratings as grade mentions of their own (statement 'page_claim'): what the page
    says, about the school it names, never the inspection's grade."""
    name = None if page.predecessor else (page.first("name").value if page.first("name") else None)
    date = page.first("date")
    out = []
    for claim in page.claims:
        if claim.claim != "rating" or not claim.value:
            continue
        out.append(GradeMention(
            statement=PAGE_CLAIM, grade=_grade_word(claim.value), area=None, school_name=name,
            about_date=claim.about_date or (date.value if date else None), hypothetical=False, previous=False,
            negated=False, share_percent=None, of_schools=None,
            sentence=" ".join(document.text[claim.start: claim.end].split()), page=document.page_at(claim.start),
            start_char=claim.start, end_char=claim.end, rule_id=claim.rule_id))
    return out


def _grade_word(value: str) -> str:
    """The grade as judgements.grade spells it."""
    folded = " ".join(value.split()).lower()
    for pattern in load_patterns("judgements"):
        if pattern["label"] == "GRADE" and pattern["pattern"].lower() == folded:
            return pattern["grade"]
    return value[:1].upper() + value[1:].lower()


def with_page_subject(identity, page: WebPage):
    """The report's identity, with the page's name and address where the report prints none."""
    name, address, rules = subject(page)
    if not (name or address):
        return identity
    from extractors.identity import postcode_in  # identity imports nothing of this module's

    updates: dict = {}
    used: list[str] = []
    if identity.school_name is None and name:
        updates["school_name"] = name
        used.append(rules[0])
    postcode = postcode_in(address) if address else None
    if identity.postcode is None and postcode:
        updates["postcode"] = postcode
        used.append(rules[-1])
    return replace(identity, **updates, rule_ids=identity.rule_ids + tuple(used)) if updates else identity
