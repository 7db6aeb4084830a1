"""Named partnerships and their false friends."""
from extractors.extract import extract_document
from pipeline.parse_text import text_to_document


def names(text: str) -> set[str]:
    return {p.name for p in extract_document(text_to_document(text, "text/plain")).partnerships if p.named}


def test_trust_network_cluster_hub_names():
    text = ("Since 2019 the school has been part of the Meadowbrook Learning Trust, a multi-academy trust.\n"
            "Staff benefit from joint moderation with colleagues in the Northfield Cluster and from CPD led by "
            "the Vale Teaching School Hub. Leaders work within the ESPRIT network.")
    assert names(text) == {"Meadowbrook Learning Trust", "Northfield Cluster", "Vale Teaching School Hub", "ESPRIT network"}


def test_false_friends_stay_out():
    text = ("The school promotes values of trust, openness and accountability. They trust staff.\n"
            "Leaders used research from the Sutton Trust and the Education Endowment Foundation.\n"
            "Pupils in each Year Group work in partnership with parents. The Trust board met.")
    assert names(text) == set()


def test_name_wrapped_over_a_line_is_whole_and_short_forms_fold_in():
    text = ("Strong leadership with support from leaders of the Elliot\nFoundation Academies Trust has brought "
            "improvement. The Elliot Foundation Academies Trust was praised. Elliot Foundation Trust leaders visit.")
    mentions = extract_document(text_to_document(text, "text/plain")).partnerships
    mentions = [m for m in mentions if m.named]
    assert {m.name for m in mentions} == {"Elliot Foundation Academies Trust"}
    assert len(mentions) == 3
    assert mentions[0].partnership_type == "multi_academy_trust"
    assert "Foundation Academies Trust has brought" in mentions[0].sentence


def test_sentence_initial_words_are_not_part_of_the_name():
    assert names("Leaders of the Kestrel Vale Learning Partnership meet termly.") == {"Kestrel Vale Learning Partnership"}


def test_public_bodies_are_no_school_partnerships():
    text = ("The Oakshire Safeguarding Children Partnership and the Oakshire Clinical Commissioning Group meet.\n"
            "Referrals reach the Multi-Agency Safeguarding Hub. The Prevent Panel and the Corporate Parenting Group met.\n"
            "Services are run by Oakshire Children’s Services Trust. The Children and Young People’s Partnership "
            "sets priorities. Schools take part.")
    assert names(text) == set()


def test_names_are_whole_and_one_body_each():
    text = ("Headteachers of the Working Together Group of schools meet.\n"
            "The Oak Health Board and the Elmtree Schools Partnership support pupils.\n"
            "Schools in the 1 3 5 Cluster Partnership share staff.")
    assert names(text) == {"Working Together Group", "Elmtree Schools Partnership", "1 3 5 Cluster Partnership"}


def test_a_verb_is_not_the_programme():
    assert names("School leaders challenge partners to improve teaching.") == set()
    assert names("The school is a member of Challenge Partners, a network of schools.") == {"Challenge Partners"}


def test_a_proprietor_is_no_partnership():
    assert names("The proprietor, the Oakfield Educational Trust, runs two schools.") == set()
