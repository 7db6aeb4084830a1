"""A school named in a document, resolved to its URN from registers of schools (GIAS, the DfE's
school list, Ofsted's management information, GIAS links' former names). Pure: records in, an
index; a name with its postcode or town in, a URN out, or nothing when the evidence is not enough.

Names are compared by a key that folds the ways documents write them: case, accents and
apostrophes; "&"/"and"; "St"/"St."/"Saint"; "CE", "C of E", "CofE", "Church of England"; "RC",
"Roman Catholic"; with or without "The" and "School". Where the key is not met exactly, the
candidates at the same postcode or in the same town are scored with rapidfuzz; a name is resolved
only when one candidate is clearly best (score and margin: RESOLVE_AT, MARGIN), never on a
name alone that several schools share.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from rapidfuzz import fuzz

RESOLVE_AT = 88   # rapidfuzz token_set_ratio of the keys, 0-100
MARGIN = 6        # the best candidate's lead over the next school's
_PHRASES = [
    (re.compile(r"\bchurch of england\b"), "ce"), (re.compile(r"\bc\s*of\s*e\b"), "ce"), (re.compile(r"\bcofe\b"), "ce"),
    (re.compile(r"\bc\s+e\b"), "ce"), (re.compile(r"\broman catholic\b"), "rc"), (re.compile(r"\br\s+c\b"), "rc"),
    (re.compile(r"\bsaint\b"), "st"), (re.compile(r"\bst\b\.?"), "st"), (re.compile(r"&"), " and "),
    (re.compile(r"\bvoluntary aided\b"), "va"), (re.compile(r"\bvoluntary controlled\b"), "vc"),
]
_DROPPED = {"the", "school", "schools"}
_POSTCODE = re.compile(r"^([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})$")


def name_key(name: str) -> str:
    """The name folded as documents vary it: 'The St. Mary's C of E School' → 'st marys ce'."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"['’`]", "", text)
    for pattern, repl in _PHRASES:
        text = pattern.sub(repl, text)
    words = [w for w in re.split(r"[^a-z0-9]+", text) if w and w not in _DROPPED]
    return " ".join(words)


def postcode_key(postcode: str | None) -> str | None:
    if not postcode:
        return None
    match = _POSTCODE.match(" ".join(postcode.upper().split()))
    return f"{match.group(1)} {match.group(2)}" if match else None


def place_key(place: str | None) -> str | None:
    words = [w for w in re.split(r"[^a-z0-9]+", (place or "").lower()) if w]
    return " ".join(words) or None


@dataclass
class SchoolRecord:
    urn: str
    names: list[str]                  # today's name first, then former names
    postcode: str | None = None
    places: list[str] = field(default_factory=list)  # town, locality, local authority


@dataclass(frozen=True)
class Resolution:
    urn: str | None
    score: float
    why: str                          # exact name, name at postcode, name in town, ... or why not


class SchoolIndex:
    """`chain_of`: URN → its school across conversions (GIAS links); several URNs of one school
    that fit a name equally are that one school, given by the URN whose name today it is."""

    def __init__(self, records: list[SchoolRecord], chain_of: dict[str, str] | None = None):
        self.chain_of = chain_of or {}
        self.today: dict[str, str] = {}
        self.by_key: dict[str, set[str]] = {}
        self.by_postcode: dict[str, set[str]] = {}
        self.by_place: dict[str, set[str]] = {}
        self.keys: dict[str, set[str]] = {}
        self.places: dict[str, set[str]] = {}  # URN -> its town, locality, local authority (as keys)
        self.placed: set[str] = set()  # URNs some register gives a postcode
        self._placed_schools: set[str] | None = None
        for record in records:
            keys = self.keys.setdefault(record.urn, set())
            if record.names:
                self.today[record.urn] = name_key(record.names[0])
            for name in record.names:
                key = name_key(name)
                if key:
                    keys.add(key)
                    self.by_key.setdefault(key, set()).add(record.urn)
            code = postcode_key(record.postcode)
            if code:
                self.by_postcode.setdefault(code, set()).add(record.urn)
                self.placed.add(record.urn)
            for place in record.places:
                if place_key(place):
                    self.by_place.setdefault(place_key(place), set()).add(record.urn)
                    self.places.setdefault(record.urn, set()).add(place_key(place))

    def resolve(self, name: str, postcode: str | None = None, town: str | None = None) -> Resolution:
        key = name_key(name)
        if not key:
            return Resolution(None, 0, "no name")
        code, place = postcode_key(postcode), place_key(town)
        nearby = (self.by_postcode.get(code, set()) if code else set()) | (self.by_place.get(place, set()) if place else set())
        exact = self.by_key.get(key, set())
        if code or place:
            here = self._one_school(exact & nearby, key)
            if len(here) == 1:
                return Resolution(next(iter(here)), 100, "exact name " + ("at the postcode" if code else "in the town"))
            if len(here) > 1:
                return Resolution(None, 100, "several schools of that name there")
            if code and len(key.split()) >= 2:  # one school at the postcode whose name holds the other's
                inside = self._one_school({u for u in self.by_postcode.get(code, set())
                                           if max(fuzz.token_set_ratio(key, k) for k in self.keys[u]) >= 95}, key)
                if len(inside) == 1:
                    return Resolution(next(iter(inside)), 95, "the one school at the postcode, names one within the other")
            only = self._one_school(exact, key)
            if code and len(only) == 1:
                # the only school so named anywhere; no register gives its postcode, but its town or local
                # authority is one where the registers place schools of that postcode district (and the
                # town given, if any, is one of its places)
                urn = next(iter(only))
                places = self.places.get(urn, set())
                if not self._has_postcode(urn) and (not place or place in places) and places & self._places_near(code):
                    return Resolution(urn, 100, "exact name, the only school so named, in the postcode's district")
            if code and not place:  # a postcode shared by no school of that name: the outward code's schools
                nearby = self._in_district(code) or nearby
            scored = sorted(((max(fuzz.token_sort_ratio(key, k) for k in self.keys[urn]), urn) for urn in nearby),
                            reverse=True)
            if not scored:
                return Resolution(None, 0, "no school there")
            best, urn = scored[0]
            rivals = [s for s, u in scored[1:] if self.chain_of.get(u, u) != self.chain_of.get(urn, urn)]
            runner_up = rivals[0] if rivals else 0
            tied = self._one_school({u for s, u in scored if s == best}, key)
            urn = next(iter(tied)) if len(tied) == 1 else urn
            if best >= RESOLVE_AT and best - runner_up >= MARGIN:
                return Resolution(urn, best, "closest name " + ("near the postcode" if code else "in the town"))
            return Resolution(None, best, "no name close enough" if best < RESOLVE_AT else "two names as close")
        exact = self._one_school(exact, key)
        if len(exact) == 1:
            return Resolution(next(iter(exact)), 100, "exact name, the only school so named")
        return Resolution(None, 100 if exact else 0, "several schools of that name" if exact else "no place to look in")

    def _in_district(self, code: str) -> set[str]:
        """The URNs at any postcode of the postcode's district (its outward code)."""
        outward = code.split()[0]
        return set().union(*(urns for c, urns in self.by_postcode.items() if c.split()[0] == outward))

    def _places_near(self, code: str) -> set[str]:
        return set().union(*(self.places.get(urn, set()) for urn in self._in_district(code)))

    def _has_postcode(self, urn: str) -> bool:
        if self._placed_schools is None:
            self._placed_schools = {self.chain_of.get(u, u) for u in self.placed}
        return self.chain_of.get(urn, urn) in self._placed_schools

    def _one_school(self, urns: set[str], key: str) -> set[str]:
        """URNs of one school (one chain) count as one: the URN whose name today fits, else the newest."""
        if len(urns) < 2 or len({self.chain_of.get(u, u) for u in urns}) > 1:
            return urns
        today = [u for u in urns if self.today.get(u) == key]
        return {max(today or urns, key=lambda u: (len(u), u))}


def same_authority(a: str | None, b: str) -> bool:
    """Local authority names compared as people write them ("Oxfordshire", "oxfordshire county council",
    "Bristol, City of")."""
    def core(name: str) -> str:
        name = re.sub(r"[^a-z ]", " ", name.lower())
        name = re.sub(r"\b(?:the|county|city|borough|metropolitan|royal|district|council|of)\b", " ", name)
        return " ".join(name.split())
    return a is not None and core(a) == core(b)
