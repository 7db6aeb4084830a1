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
