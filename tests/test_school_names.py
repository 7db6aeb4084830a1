"""Resolving a school named in text to its URN: keys that fold how documents write names, and a
resolver that answers only when one school clearly fits. Records here are invented."""
from __future__ import annotations

import pytest

from pipeline.school_names import SchoolIndex, SchoolRecord, name_key


@pytest.mark.parametrize(("a", "b"), [
    ("St Mary's Church of England Primary School", "Saint Marys C of E Primary"),
    ("The Quillon & Farthing Academy", "Quillon and Farthing Academy"),
    ("St. Aidan’s CofE Junior School", "St Aidans CE Junior"),
    ("Holy Cross Roman Catholic High School", "Holy Cross RC High School"),
])
def test_keys_fold_the_ways_documents_write_names(a, b):
    assert name_key(a) == name_key(b)


def test_keys_keep_what_tells_schools_apart():
    assert name_key("Quillon Infant School") != name_key("Quillon Junior School")
    assert name_key("Quillon Academy") != name_key("Quillon Primary School")


@pytest.fixture
def index() -> SchoolIndex:
    return SchoolIndex([
        SchoolRecord("190001", ["St Mary's Church of England Primary School"], "ZZ1 1AA", ["Quillbury"]),
        SchoolRecord("190002", ["St Mary's Church of England Primary School"], "ZZ9 9ZZ", ["Farthingham"]),
        SchoolRecord("190003", ["Quillbury Academy", "Quillbury High School"], "ZZ1 2BB", ["Quillbury"]),
        SchoolRecord("190004", ["Quillbury Infant School"], "ZZ1 3CC", ["Quillbury"]),
        SchoolRecord("190005", ["Quillbury Junior School"], "ZZ1 3CD", ["Quillbury"]),
        SchoolRecord("180003", ["Quillbury High School"], "ZZ1 2BB", ["Quillbury"]),
    ], chain_of={"180003": "180003", "190003": "180003"})


def test_a_shared_name_resolves_only_with_its_place(index):
    assert index.resolve("Saint Mary's C of E Primary").urn is None
    assert index.resolve("Saint Mary's C of E Primary", town="Farthingham").urn == "190002"
    assert index.resolve("St Marys CE Primary School", postcode="zz1 1aa").urn == "190001"


def test_a_former_name_finds_the_school_today(index):
    assert index.resolve("The Quillbury High School", town="Quillbury").urn == "180003"  # today's name of that URN
    assert index.resolve("Quillbury Academy", town="Quillbury").urn == "190003"


def test_near_names_resolve_only_with_a_clear_lead(index):
    assert index.resolve("Quillbury Infants School", town="Quillbury").urn == "190004"
    assert index.resolve("Quillbury School", town="Quillbury").urn is None  # infant, junior, high: no clear lead
    assert index.resolve("Nowhere Primary", town="Quillbury").urn is None
