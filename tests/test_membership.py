"""Members of partnerships and collaboration activities, on sample texts and texts written here."""
from extractors.extract import extract_document
from pipeline.parse_text import text_to_document

CASE_STUDY = """Building capacity through cluster collaboration
Collaborative work within three cluster first schools, Fairfield, Meadows and Sidemoor.
Joint learning walks under the NAHT ‘Instead’ model and joint moderation of writing.
Lead Establishment
NameMeadows First School
AddressStourbridge Road
Bromsgrove
B61 0AH
Telephone01527 872508
Emailhead@meadows.worcs.sch.uk
Headteacher / ManagerSue Hewitt
Local AuthorityWorcestershire
Phase of EducationPrimary
Additional Establishments
NameFairfield First School
AddressStourbridge Road
B61 0AH
Headteacher / ManagerScott Smith
NameSidemoor First School and Nursery
AddressPerryfields Road
B61 8QN
"""


def extract(text):
    return extract_document(text_to_document(text, "text/plain"))


def test_establishment_blocks_become_members_of_the_cluster():
    got = extract(CASE_STUDY)
    members = {m.school_name: m for m in got.members}
    assert set(members) == {"Meadows First School", "Fairfield First School", "Sidemoor First School and Nursery"}
    lead = members["Meadows First School"]
    assert (lead.role, lead.postcode, lead.headteacher, lead.telephone) == ("lead", "B61 0AH", "Sue Hewitt", "01527 872508")
    assert lead.address == "Stourbridge Road, Bromsgrove, B61 0AH"
    assert members["Sidemoor First School and Nursery"].postcode == "B61 8QN"
    assert {m.partnership_key for m in got.members} == {"~cluster"}
    assert {m.name for m in got.partnerships} == {"cluster first schools"}
    assert not any(m.named for m in got.partnerships)


def test_activities_are_typed_and_tied_to_the_partnership():
    got = extract(CASE_STUDY)
    kinds = {a.activity for a in got.activities}
    assert {"learning_walks", "joint_moderation"} <= kinds
    assert all(a.partnership_key == "~cluster" for a in got.activities)
    assert all(a.sentence and a.page == 1 for a in got.activities)


def test_federated_with_and_part_of_a_trust():
    text = ("School report\nRough Hay Primary School\nRough Hay Road, Wednesbury WS10 8NQ\n"
            "Unique reference number\t139305\n"
            "• The school is federated with King’s Rise Primary School and Croft Academy, and is part\n"
            "of the Elliot Foundation Academies Trust. All three schools work in partnership.")
    got = extract(text)
    edges = {(m.partnership_name, m.school_name, m.role) for m in got.members}
    federation = "federated with King’s Rise Primary School and Croft Academy"
    assert edges == {
        (federation, "Rough Hay Primary School", "this_school"),
        (federation, "King’s Rise Primary School", "member"),
        (federation, "Croft Academy", "member"),
        ("Elliot Foundation Academies Trust", "Rough Hay Primary School", "this_school"),
    }
    this_school = next(m for m in got.members if m.role == "this_school")
    assert (this_school.urn, this_school.postcode) == ("139305", "WS10 8NQ")


def test_a_list_of_member_schools_under_the_name():
    text = ("We are a group of headteachers.\nThe Seven Stars Collaborative Network is:\n\n"
            "abbeyhulton Abbey Hulton Primary School\nimages-2 Werrington Primary School\n"
            "school_logo_display St. Mark’s CE Primary School\n\nBack to top\n")
    got = extract(text)
    assert [m.school_name for m in got.members] == ["Abbey Hulton Primary School", "Werrington Primary School",
                                                    "St. Mark’s CE Primary School"]
    assert {m.partnership_name for m in got.members} == {"Seven Stars Collaborative Network"}


def test_unnamed_typed_mentions_and_false_friends():
    text = ("Leaders have accessed support from the teaching school alliance and a cooperative trust with "
            "three other special schools. Three of the schools are part of a hard federation. "
            "Partnerships with parents are strong and staff work in partnership with the interim headteacher.")
    got = {(m.name.lower(), m.partnership_type, m.named) for m in extract(text).partnerships}
    assert got == {("teaching school alliance", "teaching_school_alliance", False),
                   ("cooperative trust", "cooperative_trust", False),
                   ("hard federation", "federation", False)}
