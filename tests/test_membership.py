"""Members of partnerships and collaboration activities, on texts written here (invented schools, people
and numbers: 01632 960xxx is Ofcom's drama range)."""
from extractors.extract import extract_document
from pipeline.parse_text import text_to_document

CASE_STUDY = """Building capacity through cluster collaboration
Collaborative work within three cluster first schools, Hazelmere, Larkfield and Brookside.
Joint learning walks under the NAHT ‘Instead’ model and joint moderation of writing.
Lead Establishment
NameLarkfield First School
AddressOrchard Road
Elmsworth
EW61 0AH
Telephone01632 960508
Emailhead@larkfield.example.sch.uk
Headteacher / ManagerAnn Example
Local AuthorityMidshire
Phase of EducationPrimary
Additional Establishments
NameHazelmere First School
AddressOrchard Road
EW61 0AH
Headteacher / ManagerSam Sample
NameBrookside First School and Nursery
AddressMillpond Road
EW61 8QN
"""


def extract(text):
    return extract_document(text_to_document(text, "text/plain"))


def test_establishment_blocks_become_members_of_the_cluster():
    got = extract(CASE_STUDY)
    members = {m.school_name: m for m in got.members}
    assert set(members) == {"Larkfield First School", "Hazelmere First School", "Brookside First School and Nursery"}
    lead = members["Larkfield First School"]
    assert (lead.role, lead.postcode, lead.headteacher, lead.telephone) == ("lead", "EW61 0AH", "Ann Example", "01632 960508")
    assert lead.address == "Orchard Road, Elmsworth, EW61 0AH"
    assert members["Brookside First School and Nursery"].postcode == "EW61 8QN"
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
    text = ("School report\nOakmere Primary School\nOakmere Road, Elmsworth EW10 8NQ\n"
            "Unique reference number\t199305\n"
            "• The school is federated with Queen’s Hill Primary School and Brook Academy, and is part\n"
            "of the Northfield Learning Academies Trust. All three schools work in partnership.")
    got = extract(text)
    edges = {(m.partnership_name, m.school_name, m.role) for m in got.members}
    federation = "federated with Queen’s Hill Primary School and Brook Academy"
    assert edges == {
        (federation, "Oakmere Primary School", "this_school"),
        (federation, "Queen’s Hill Primary School", "member"),
        (federation, "Brook Academy", "member"),
        ("Northfield Learning Academies Trust", "Oakmere Primary School", "this_school"),
    }
    this_school = next(m for m in got.members if m.role == "this_school")
    assert (this_school.urn, this_school.postcode) == ("199305", "EW10 8NQ")


def test_a_list_of_member_schools_under_the_name():
    text = ("We are a group of headteachers.\nThe Five Rivers Collaborative Network is:\n\n"
            "abbeyfold Abbey Fold Primary School\nimages-2 Wrenford Primary School\n"
            "school_logo_display St. Luke’s CE Primary School\n\nBack to top\n")
    got = extract(text)
    assert [m.school_name for m in got.members] == ["Abbey Fold Primary School", "Wrenford Primary School",
                                                    "St. Luke’s CE Primary School"]
    assert {m.partnership_name for m in got.members} == {"Five Rivers Collaborative Network"}


def test_unnamed_typed_mentions_and_false_friends():
    text = ("Leaders have accessed support from the teaching school alliance and a cooperative trust with "
            "three other special schools. Three of the schools are part of a hard federation. "
            "Partnerships with parents are strong and staff work in partnership with the interim headteacher.")
    got = {(m.name.lower(), m.partnership_type, m.named) for m in extract(text).partnerships}
    assert got == {("teaching school alliance", "teaching_school_alliance", False),
                   ("cooperative trust", "cooperative_trust", False),
                   ("hard federation", "federation", False)}


# Member schools in every form a page prints them (issue 20's classes, on invented text).

def pairs(text):
    return {(m.partnership_name, m.school_name) for m in extract(text).members}


def test_an_introduced_list_keeps_and_inside_a_name_and_drops_towns():
    text = ("The Wexcombe Learning Trust was formed in 2019. The schools are Oak Community Primary School; "
            "Elm Community College, Wexley and Ash Green School, Tenby.\n\n"
            "The federation brings together Iford and Kingston, Rodwell, Beech Hill and Stoke Abbas, "
            "all part of the Marden Vale Federation.")
    assert pairs(text) == {
        ("Wexcombe Learning Trust", "Oak Community Primary School"),
        ("Wexcombe Learning Trust", "Elm Community College"),
        ("Wexcombe Learning Trust", "Ash Green School"),
        ("Marden Vale Federation", "Iford and Kingston"), ("Marden Vale Federation", "Rodwell"),
        ("Marden Vale Federation", "Beech Hill"), ("Marden Vale Federation", "Stoke Abbas"),
    }


def test_schools_as_the_subject_of_federating_belong_to_the_federation_the_page_names():
    text = ("Hollybank C of E Schools Federation\n\nIn April 2016 the governors of Hollybank C. of E. Infant School and "
            "Hollybank C. of E. Junior School formed a Hard Federation, with one governing body for both.")
    assert pairs(text) == {("Hollybank C of E Schools Federation", "Hollybank C. of E. Infant School"),
                           ("Hollybank C of E Schools Federation", "Hollybank C. of E. Junior School")}


def test_nested_lists_go_to_each_level():
    text = ("The Brookvale Primary Trust educates 1,900 pupils.\n\nThe Trust encompasses the three schools in the "
            "Vale Federation – Ashby, Coldwell in Tenby and Dunmore – and the two schools in the Hill Federation "
            "– Elmsleigh and Farnley – as well as Greystone and Hartwell in Wexley.\n\n"
            "Ivy Lane in Tenby and Juniper will both join the Trust in January.")
    got = pairs(text)
    assert {s for p, s in got if p == "Vale Federation"} == {"Ashby", "Coldwell", "Dunmore"}
    assert {s for p, s in got if p == "Hill Federation"} == {"Elmsleigh", "Farnley"}
    assert {s for p, s in got if p == "Brookvale Primary Trust"} == {
        "Ashby", "Coldwell", "Dunmore", "Elmsleigh", "Farnley", "Greystone", "Hartwell", "Ivy Lane", "Juniper"}


def test_possessives_and_a_federation_named_after_its_schools():
    text = ("Ann Example, CEO of Lindale Anglican Academy Trust (LAAT), writes. LAAT’s Harwood Church of England "
            "Infant School will become a primary, while the Trust’s Market Junior School will change too. "
            "Nearby, Little Gorby Infant School, a member of Infinity Oak Academies Trust, will do the same.\n"
            "Parents welcomed the Federation of Kenmore and Whytecliffe Schools.")
    assert pairs(text) == {
        ("Lindale Anglican Academy Trust", "Harwood Church of England Infant School"),
        ("Lindale Anglican Academy Trust", "Market Junior School"),
        ("Federation of Kenmore and Whytecliffe Schools", "Kenmore"),
        ("Federation of Kenmore and Whytecliffe Schools", "Whytecliffe"),
    }  # one school named near a trust is no member list


def test_lists_of_things_that_are_not_schools_stay_out():
    text = ("The Oakmere Network has four regions: Northern, Central, Western and the South East. "
            "Leaders Ann Example, Bob Sample and Cat Test met the Oakmere Network board in March, April and May.")
    assert pairs(text) == set()


def test_elided_pairs_are_two_schools():
    text = ("Wexley Infant and Junior Schools formed the Wexley Federation in 2009.\n\n"
            "The Marsh Federation brings together Hallmead and Gatewood Primary Schools.")
    assert pairs(text) == {("Wexley Federation", "Wexley Infant School"), ("Wexley Federation", "Wexley Junior School"),
                           ("Marsh Federation", "Hallmead Primary School"), ("Marsh Federation", "Gatewood Primary School")}


def test_a_trusts_annual_report_table_and_links_around_the_text():
    text = ("THE OAKDENE TRUST REFERENCE AND ADMINISTRATIVE DETAILS Company secretary Mrs T Example Academies "
            "operated Location Principal The Oakdene Academy Wexley Mr N Sample Elmfield Primary Wexley Mrs B Test "
            "Ashgrove Wexley Mrs H Example -1 - Independent auditor Example LLP\n"
            "READ MORE: Birchwood Primary School joins the Oakdene Trust\n")
    got = extract(text)
    assert {(m.partnership_key, m.school_name) for m in got.members} == {
        ("oakdene trust", "The Oakdene Academy"), ("oakdene trust", "Elmfield Primary"), ("oakdene trust", "Ashgrove")}


def test_lists_introduced_by_a_sentence_about_schools_and_bullets_after_one():
    text = ("Four primary schools from The Oakvale Federation were approved to move to the Wexley Academy Trust: "
            "Ashby CofE Primary School, Bexley CofE Primary School and Cotton Primary School.\n\n"
            "Dunmore Catholic Primary School became an Academy in 2016 and is now part of the Holy Cross Multi "
            "Academy Company along with 2 other Catholic schools.\n\n  • St Anne's Catholic Primary School\n"
            "  • St Austin's Catholic Primary School\n\nWhat is an Academy?\n")
    got = pairs(text)
    trust = {s for p, s in got if p == "Wexley Academy Trust"}
    assert trust == {"Ashby CofE Primary School", "Bexley CofE Primary School", "Cotton Primary School"}
    assert {s for p, s in got if p == "The Oakvale Federation"} == trust  # the schools it had
    assert {s for p, s in got if p == "Holy Cross Multi Academy Company"} == {
        "Dunmore Catholic Primary School", "St Anne's Catholic Primary School", "St Austin's Catholic Primary School"}


def test_a_trust_that_runs_schools_and_its_heads_and_things_that_are_not_schools():
    text = ("Brightway Learning currently runs 12 schools. In Wexshire these are Oak Academy, Elm Community School "
            "and Ash Primary School.\n\nThe trust's curriculum includes English, Maths and Science, and partners "
            "including Wexley Council, Ann Example and Bob Sample.\n")
    assert pairs(text) == {("Brightway Learning", "Oak Academy"), ("Brightway Learning", "Elm Community School"),
                           ("Brightway Learning", "Ash Primary School")}
    heads = ("The Hollin Trust\nOur academies\nAnn Example, Principal, Riverdale Collegiate\n"
             "Bob Sample, Principal, Gossmoor Green Primary School\n")
    assert pairs(heads) == {("Hollin Trust", "Riverdale Collegiate"), ("Hollin Trust", "Gossmoor Green Primary School")}


def test_a_member_printed_with_its_urn_or_postcode_keeps_it():
    text = ("The Larkmoor Federation brings together Oak Primary School (URN 199101) and Elm Infant School, URN: 199102.\n\n"
            "The Fernway Trust consists of three schools:\nAsh Primary School\nHeadteacher: Ann Example\nChurch Lane,\n"
            "Wexley.\nEW1 2AB\nBirch Academy\nHeadteacher: Bob Sample\nEW3 4CD\nCedar School\n\n2. GUIDANCE NOTES\n")
    got = {m.school_name: m for m in extract(text).members}
    assert (got["Oak Primary School"].urn, got["Elm Infant School"].urn) == ("199101", "199102")
    assert (got["Ash Primary School"].postcode, got["Birch Academy"].postcode) == ("EW1 2AB", "EW3 4CD")
    assert got["Cedar School"].partnership_name == "Fernway Trust" and got["Cedar School"].postcode is None


def test_inline_bullets_an_unnamed_body_and_a_page_about_one_partnership():
    text = ("Wexdale Active School Sport Partnership\n\nThe following Secondaries and their pyramid schools… "
            "• Balbury Sports College – hub of the partnership • Danmoor Technology College • Edlingford School\n\n"
            "This is an informal collaboration of three Dorset schools: John of Gaunt School; Clarendale School; "
            "and St Augustine's Catholic College.")
    got = pairs(text)
    assert {s for p, s in got} == {"Balbury Sports College", "Danmoor Technology College", "Edlingford School"}
    assert {p for p, s in got} == {"Wexdale Active School Sport Partnership"}


def test_addresses_after_list_items_and_a_list_whose_partnership_comes_after_it():
    text = ("On Monday the Wexcombe Learning Trust will bring together Oak Lane Primary School, in Mill Road "
            "Wexley, Ashby Vale Primary School, on Chapel Street and Brook Primary School, also in Wexley.\n\n"
            "Elsewhere the Northmoor Schools Trust grew.\n\n"
            "The board approved two schools in Midshire - Hill Top Primary School and St. Cuthbert's Primary School - "
            "to convert to academy status and join Fenland Academies, a trust with ten schools.")
    assert pairs(text) == {
        ("Wexcombe Learning Trust", "Oak Lane Primary School"), ("Wexcombe Learning Trust", "Ashby Vale Primary School"),
        ("Wexcombe Learning Trust", "Brook Primary School"),
        ("Fenland Academies", "Hill Top Primary School"), ("Fenland Academies", "St. Cuthbert's Primary School"),
    }


def test_schools_already_in_a_trust_and_the_profiled_school_of_a_trust_page():
    text = ("Three primaries will join the Marden Learning Trust in April. They will join Wexley schools "
            "Larch Junior School and Rowan Community Primary School which are already members of the trust.")
    assert pairs(text) == {("Marden Learning Trust", "Larch Junior School"),
                           ("Marden Learning Trust", "Rowan Community Primary School")}
    page = ("Holly Bank Church of England Primary School is an Academy and part of the Tenby Primary Academies "
            "Trust, a local trust consisting of 3 schools, Yew Tree Primary School, Alder Primary School and ourselves.")
    assert pairs(page) == {("Tenby Primary Academies Trust", "Holly Bank Church of England Primary School"),
                           ("Tenby Primary Academies Trust", "Yew Tree Primary School"),
                           ("Tenby Primary Academies Trust", "Alder Primary School")}


def test_a_heading_list_may_open_with_a_short_name_and_reference_marks_do_not_cut_a_list():
    text = ("Welcome to the Larchfield Learning Trust.\n\nAcademies in our Trust\n\nHadfield Learning Community\n"
            "Upton Heath School\nMoor Lane Technology College\n\nAims of the Trust\n\nTo learn.")
    assert pairs(text) == {("Larchfield Learning Trust", name) for name in
                           ("Hadfield Learning Community", "Upton Heath School", "Moor Lane Technology College")}
    encyclopedia = ("The Wexford Schools Trust (WST) was a charitable trust. WST operated four academy schools in "
                    "England: Ashby Academy [1] and Tenby Academy [2] in the London Borough of Midshire, Elm Academy "
                    "in Wexley, Fenshire, [3] and the Oak Tree School (OTS) in Northshire. [4]")
    assert pairs(encyclopedia) == {("Wexford Schools Trust", name) for name in
                                   ("Ashby Academy", "Tenby Academy", "Elm Academy", "Oak Tree School")}


def test_an_elided_plural_keeps_a_first_name_that_is_already_whole():
    text = ("The Oakfield Trust brings together Hill Community Primary and Dale End Community Primary Schools "
            "and Brook Junior School.")
    assert pairs(text) == {("Oakfield Trust", "Hill Community Primary"), ("Oakfield Trust", "Dale End Community Primary School"),
                           ("Oakfield Trust", "Brook Junior School")}


def test_schools_named_after_a_person_and_a_move_from_one_trust_to_another():
    text = ("Governors at Mrs Ashworth’s, in Wexley, and St Brannoc’s, at Tenby, have formed the Rowan Federation. "
            "Mrs Example and Mr Sample spoke.")
    assert pairs(text) == {("Rowan Federation", "Mrs Ashworth’s"), ("Rowan Federation", "St Brannoc’s")}
    move = ("The board approved the rebrokering of Hill Primary Academy and Hill Community Academy in Wexley - "
            "currently part of the Dale Learning Trust - to the Fenland Schools Trust.")
    assert pairs(move) == {(trust, school) for trust in ("Dale Learning Trust", "Fenland Schools Trust")
                           for school in ("Hill Primary Academy", "Hill Community Academy")}


def test_a_place_after_a_school_name_and_brackets_inside_and_after_names_in_a_line_list():
    text = ("Larch Catholic Primary School and St Anne’s Catholic Primary School on Beckenham Rise are members "
            "of the Rowan Federation.\n\n"
            "The proposed members of the Wexcombe Learning Trust are:\n\nAsh Primary School (2 Trustees).\n\n"
            "Brook C of E (VC) Primary School (1 Trustee).\n\nDale Community College (1 Trustee).\n")
    assert pairs(text) == {("Rowan Federation", "Larch Catholic Primary School"),
                           ("Rowan Federation", "St Anne’s Catholic Primary School"),
                           ("Wexcombe Learning Trust", "Ash Primary School"),
                           ("Wexcombe Learning Trust", "Brook C of E (VC) Primary School"),
                           ("Wexcombe Learning Trust", "Dale Community College")}


def test_a_federation_named_after_its_schools_and_a_consortium_across_a_town():
    text = "The Governing Body of The Federation of Hollins Vale Primary School and Brook End Primary School meets."
    assert pairs(text) == {("The Federation of Hollins Vale Primary School and Brook End Primary School", school)
                           for school in ("Hollins Vale Primary School", "Brook End Primary School")}
    consortium = ("Sixth form\nOur sixth form is a member of the sixth form consortium across Wexley which includes "
                  "Moorfield Park School, St Aidan’s and Sir Henry Example. Students of the Wexley Consortium may "
                  "study at any of the schools.")
    assert pairs(consortium) == {("Wexley Consortium", school)
                                 for school in ("Moorfield Park School", "St Aidan’s", "Sir Henry Example")}


def test_governing_bodies_proposing_to_federate_and_schools_that_also_include():
    text = ("The Governing Bodies of St Aidan’s C of E and St Bede’s C of E Primary Schools are proposing to "
            "federate.\nThe proposed name for this new Federation will be:\nThe Two Saints Church of England Federation\n")
    assert pairs(text) == {("Two Saints Church of England Federation", "St Aidan’s C of E Primary School"),
                           ("Two Saints Church of England Federation", "St Bede’s C of E Primary School")}
    network = ("The Wexley Schools Network brings six secondary schools together. Its chair said the schools share "
               "staff. The six schools also include Oak High School, Elm Academy and Ash Secondary School.")
    assert pairs(network) == {("Wexley Schools Network", school)
                              for school in ("Oak High School", "Elm Academy", "Ash Secondary School")}


def test_two_schools_paired_in_a_sentence_about_the_trust_and_a_brand_with_its_founding_year():
    text = ("Parents at Hollin Dale Primary, in Wexley, are in a row with its trust, the Wexley Multi-Academy Trust "
            "(WMAT). The trust was set up in 2015 after Hollin Dale joined up with Wexley High School.\n\n"
            "The school joined with Ash Grove Academy last year.")
    assert pairs(text) == {("Wexley Multi-Academy Trust", "Hollin Dale"),
                           ("Wexley Multi-Academy Trust", "Wexley High School")}
    brand = ("A partnership between six schools in Wexley is raising standards.\n"
             "Wexley Futures, formed in 2012, trains its own teachers. The six schools also include Oak High School, "
             "Elm Academy and Ash Secondary School.")
    assert pairs(brand) == {("Wexley Futures", school) for school in ("Oak High School", "Elm Academy", "Ash Secondary School")}


def test_bare_names_before_a_kind_of_school_a_comma_only_list_and_towns_in_a_semicolon_list():
    text = ("Ashby, Thornfield, Kelby and Marston primaries are uniting as the Church of England-backed Heron "
            "Federation to share a head.")
    assert pairs(text) == {("Heron Federation", s) for s in ("Ashby", "Thornfield", "Kelby", "Marston")}
    board = ("Six schools will join the Fenland Trust’s existing schools. The new schools are Hill Top Primary School, "
             "Ash CE Primary, Dale Community Primary, which are all in Fenshire, and Oak High School in Wexley.")
    assert pairs(board) == {("Fenland Trust", s) for s in ("Hill Top Primary School", "Ash CE Primary", "Dale Community Primary")}
    towns = ("Schools in the Wexshire Diocesan Multi Academy Trust are Tudor, Sudley; St Anne’s, Wexbridge; Norton; "
             "Kelby and Marston.")
    assert pairs(towns) == {("Wexshire Diocesan Multi Academy Trust", s) for s in ("Tudor", "St Anne’s", "Norton", "Kelby", "Marston")}


def test_schools_that_worked_together_to_form_a_trust_and_a_list_wrapped_at_the_line_width():
    text = ("Following the call from the bishop to form a Multi-Academy Trust, Our Lady and St Bede, St Aidan’s, "
            "St Cuthbert’s and The Holy Name Catholic Primary School have worked together in forming the Stella "
            "Maris Catholic Multi-Academy Trust.")
    assert pairs(text) == {("Stella Maris Catholic Multi-Academy Trust", s) for s in
                           ("Our Lady and St Bede", "St Aidan’s", "St Cuthbert’s", "Holy Name Catholic Primary School")}
    wrapped = ("In Wexley the schools of the city work together in two partnerships of schools, set up in 1999.\n"
               "Oakdene Partnership which comprises Oakdene secondary school,\n"
               "Ashby Primary, Brook Primary, Carr Primary, Dale Primary, Elm Road\n"
               "Primary, Fern Primary.\n")
    assert pairs(wrapped) == {("Oakdene Partnership", s) for s in
                              ("Ashby Primary", "Brook Primary", "Carr Primary", "Dale Primary", "Elm Road Primary",
                               "Fern Primary")}


def test_a_federation_named_after_an_infant_and_a_junior_school():
    text = "Mrs Example is executive head of the Kelby Infant and Junior Schools Federation, which shares one governing body."
    assert pairs(text) == {("Kelby Infant and Junior Schools Federation", s)
                           for s in ("Kelby Infant School", "Kelby Junior School")}


def test_designations_in_brackets_and_a_plural_kind_shared_by_bare_names():
    listed = ("The Fenland Schools Partnership is made up of St Mary’s (VA) Primary School, Holy Trinity (CE) "
              "Primary School and Oak Academy.")
    assert pairs(listed) == {("Fenland Schools Partnership", s) for s in
                             ("St Mary’s (VA) Primary School", "Holy Trinity (CE) Primary School", "Oak Academy")}
    shared = "The Heron Learning Trust schools are Ashby, Thornfield and Kelby Primary Academies."
    assert pairs(shared) == {("Heron Learning Trust", f"{s} Primary Academy") for s in ("Ashby", "Thornfield", "Kelby")}


def test_schools_handed_to_paired_with_or_working_together_and_heads_named_by_school():
    handed = "In 2018 Oak Primary School and Elm Infant School were passed to the Wexley Learning Trust."
    assert pairs(handed) == {("Wexley Learning Trust", s) for s in ("Oak Primary School", "Elm Infant School")}
    paired = "Elm High School moved into a partnership with Ash Academy to form the Fenway Partnership."
    assert pairs(paired) == {("Fenway Partnership", s) for s in ("Elm High School", "Ash Academy")}
    together = ("Brook Primary School and Carr Primary School have worked closely together as the Tarn Partnership "
                "since 2015.")
    assert pairs(together) == {("Tarn Partnership", s) for s in ("Brook Primary School", "Carr Primary School")}
    heads = ("The Marsh Federation is led by: Executive Head Ann Example; Principal (Oak Lane Academy) Sam Sample; "
             "Principal (Elm Road Academy) Jo Bloggs.")
    assert pairs(heads) == {("Marsh Federation", s) for s in ("Oak Lane Academy", "Elm Road Academy")}
