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


# The classes of issue 20, on invented text: each test is one class, not one page's wording.

def test_names_stop_at_the_texts_structure_and_at_roles():
    text = ("Our schools\nRiverside Secondary\nHollins Academy\nNorthfield Learning Trust\n\n"
            "Ms Example, executive headteacher of the Ashby Federation, spoke.\n"
            "About us\nOur Trust\nJoin the Wexcombe Partnership of Schools today.")
    assert names(text) == {"Northfield Learning Trust", "Ashby Federation", "Wexcombe Partnership of Schools"}


def test_and_hyphen_and_apostrophe_inside_a_name_keep_its_head():
    text = ("Staff train with the Ashby and Coleorton-le-Dale Teaching Alliance. "
            "Pupils from St Aidan’s C of E Schools Federation and the Blackwood and Darwen Cluster met. "
            "The Trust in Darlow and Endmoor Academies in Teesby agreed to merge.")
    assert names(text) == {"Ashby and Coleorton-le-Dale Teaching Alliance", "St Aidan’s C of E Schools Federation",
                           "Blackwood and Darwen Cluster", "Endmoor Academies"}


def test_names_in_capitals_and_acronyms():
    text = ("Trust\nOAKWOOD LEARNERS' TRUST\nType Academy sponsor led\n\n"
            "Message from our chair, Ann Example, CEO TVLP and Chair of the Forum.")
    assert names(text) == {"OAKWOOD LEARNERS' TRUST", "TVLP"}


def test_names_without_a_type_word_that_the_text_calls_a_partnership():
    text = ("The diocese set up a new trust. The Trust, named St Bride’s, will sponsor schools.\n"
            "Brightpath is a network of primary schools across the county.")
    assert names(text) == {"St Bride’s", "Brightpath"}


def test_phrases_and_bodies_that_are_no_named_partnership():
    text = ("Members of the partnership met. Our federation grew. A reading hub and the curriculum hub help. "
            "The School Sport Partnership runs games for schools. Funding came from the Oakshire Local Enterprise "
            "Partnership and the local enterprise partnership. The schools came from an active Quill Trust "
            "Partnership. The Multi Academy Trust and the Teaching School Alliance support schools.")
    assert names(text) == set()


def test_one_body_printed_several_ways_is_one_name():
    text = ("The Oak Valley Academies Trust (OVAT) runs six schools. OVAT was founded in 2012 and the "
            "Oak Valley Academy Trust grew. Heads of the Moorfield Village Academy Trust met; MVAT schools agreed.")
    mentions = [m for m in extract_document(text_to_document(text, "text/plain")).partnerships if m.named]
    assert {m.name for m in mentions} == {"Oak Valley Academies Trust", "Moorfield Village Academy Trust"}
    assert {m.mention_text for m in mentions} >= {"OVAT", "MVAT", "Oak Valley Academy Trust"}
    assert len({m.partnership_key for m in mentions}) == 2
    assert {m.rule_id for m in mentions if m.mention_text == "OVAT"} == {"acronym-defined"}
    assert {m.rule_id for m in mentions if m.mention_text == "MVAT"} == {"acronym-initials"}


def test_an_organisations_own_kind_of_group_is_no_name():
    text = ("QSTT Clusters\nQSTT Fellow Ann Example leads the QSTT Science Cluster with the QSTT Regional Mentor.\n"
            "Schools joined the Wexley Cluster, part of the original QSTT Cluster.")
    assert names(text) == {"Wexley Cluster"}


def test_a_generic_head_and_its_words_are_a_name_when_the_text_uses_them_as_one():
    text = ("Oakfield Schools Trust and Trust in Discovery plan to merge. The chair of Trust in Discovery said so. "
            "The Trust in Wexford agreed.")
    assert names(text) == {"Oakfield Schools Trust", "Trust in Discovery"}


def test_a_hub_named_by_its_lead_school_is_a_designation_and_music_hubs_serve_schools():
    text = ("The region's English Hubs are Carrowby Primary Academy English Hub, St Anne's Catholic Primary School "
            "English Hub and the Wexford English Hub. Pupils also play with the Wexshire Music Hub.")
    assert names(text) == {"Wexford English Hub"}


def test_a_renamed_body_is_one_partnership_under_its_new_name():
    text = ("The Wexford Academy Trust has been renamed Brightwater Schools Partnership. Staff of Brightwater Schools "
            "Partnership (formerly Wexford Academy Trust) met.")
    mentions = [m for m in extract_document(text_to_document(text, "text/plain")).partnerships if m.named]
    assert {m.name for m in mentions} == {"Brightwater Schools Partnership"}
    assert {m.mention_text for m in mentions} == {"Wexford Academy Trust", "Brightwater Schools Partnership"}


def test_a_name_the_text_calls_a_partnership_of_schools():
    text = ("Bright Futures First is a teaching school partnership of twelve schools. Oakleigh is a multi-academy "
            "trust. The Independent State School Partnership funds projects. This is a partnership of equals.")
    assert names(text) == {"Bright Futures First", "Oakleigh"}


def test_a_caption_run_into_the_next_sentence_does_not_hide_the_name():
    text = ("Pupils at Oakfield Primary, part of the Wexbridge Learning TrustWexbridge Learning Trust runs eight schools "
            "across the county.")
    assert names(text) == {"Wexbridge Learning Trust"}


def test_sport_partnerships_saints_wrapped_fields_and_chains_named_by_brand():
    text = ("The survey visited Hamble SSP and the Wyre and Fylde SSP.\n"
            "St John the Baptist Catholic Multi Academy Trust leads the hub.\n"
            "Ann Example, Executive Headteacher, Oakbury\nDashwell Schools Federation\n"
            "Bob Sample, Managing Director, ARK Schools\n"
            "Schools joined the 14-19 Partnership and the Congleton Multi-Academy trust (Cmat).")
    assert names(text) == {"Hamble SSP", "Wyre and Fylde SSP", "St John the Baptist Catholic Multi Academy Trust",
                           "Oakbury Dashwell Schools Federation", "ARK Schools", "Congleton Multi-Academy trust"}


def test_acronyms_in_a_councils_report_are_no_trusts():
    text = ("Most contacts to the children’s help and advice team (CHAT) are made promptly; within CHAT, staff triage. "
            "Young people who are NEET get support from the FAST team. The establishment of Team Wexford, the "
            "strategic partnership of statutory and voluntary organisations, has helped. The DHMAT is a trust of "
            "twelve church schools.")
    assert names(text) == {"DHMAT"}


def test_company_suffixes_roads_and_an_owners_possessive():
    text = ("Written evidence from Wexley United Schools Ltd (WUSL), a company formed by twelve schools. Hill House "
            "is owned by Oakfield Community Schools LTD. The board of "
            "The Five Valleys Learning Trust Ltd met the schools. Later the Five Valleys Learning Trust grew.\n\n"
            "Four moorland schools formed the B1234 cluster to share staff.\n\n"
            "Schools joined the Northfield Education Trust’s Schools Partnership Programme in 2019.")
    assert names(text) == {"Wexley United Schools Ltd", "The Five Valleys Learning Trust Ltd", "B1234 cluster",
                           "Northfield Education Trust", "Schools Partnership Programme"}


def test_capitals_roles_and_headings_around_a_name():
    text = ("Welcome to ABC Co-operative Academies Trust. The ABC Co-operative Academy Trust supports its schools.\n\n"
            "Sam Example (CEO Linked Learners Trust)\nA letter from Linked Learners Trust to the schools.\n\n"
            "Report for Brookfield Schools Partnership March 2021 2 SUMMARY Brookfield Schools Partnership has ten schools.")
    assert names(text) == {"ABC Co-operative Academies Trust", "Linked Learners Trust", "Brookfield Schools Partnership"}


def test_a_body_named_after_a_dash_or_after_its_lower_case_type():
    text = ("The creation of WEXT - a Multi-Academy Trust comprising 20 schools - took our work further.\n\n"
            "Oak Primary School and Elm Primary School are members of the federation of Bright Horizons. "
            "The schools also formed a partnership of Hill Top Schools.")
    assert names(text) == {"WEXT", "Bright Horizons"}


def test_a_federation_named_after_two_whole_school_names_and_generic_words_used_as_a_name():
    text = ("The Governing Body of The Federation of Hollins Vale Primary School and Brook End Primary School is one "
            "governing body for both schools.\n\n"
            "United Learning Schools Trust To Hand Over 5 Schools\n\n"
            "United Learning Schools Trust is set to move five of its schools to new sponsors.")
    assert names(text) == {"The Federation of Hollins Vale Primary School and Brook End Primary School",
                           "United Learning Schools Trust"}


def test_a_dioceses_companies_a_name_announced_and_an_acronym_that_runs_schools():
    text = ("The name of the new trust will be St Aidan the Great, Catholic Multi-Academy Trust.\n"
            "It joins Holy Cross MAC and Our Lady of the Rosary MAC with four aided schools. "
            "The Head of the Fenland Learning Trust spoke.\n\n"
            "Wexford Learning Trust, which has 10 schools, and HGSMAT, which currently has seven schools, will merge.")
    assert names(text) == {"St Aidan the Great, Catholic Multi-Academy Trust", "Holy Cross MAC",
                           "Our Lady of the Rosary MAC", "Fenland Learning Trust", "Wexford Learning Trust", "HGSMAT"}


def test_national_challenge_structures_are_kinds_of_body():
    text = ("A National Challenge Federation involves two or more schools under one governing body. "
            "A National Challenge Trust is a trust school with a strong education partner.")
    assert names(text) == set()


def test_schools_listed_before_a_plural_head_are_no_name_and_two_acronyms_keep_two_bodies():
    text = ("The Peak Vale and Greenfield Academies share a sports day. The Oakdene Learning Trust runs both.\n"
            "The Dale Church of England Education Trust (DCET) and the Dale Catholic Academy Trust (DCAT) signed "
            "an agreement. DCET leads training.")
    assert names(text) == {"Oakdene Learning Trust", "Dale Church of England Education Trust",
                           "Dale Catholic Academy Trust"}


def test_a_name_used_as_the_speakers_own_and_an_indefinite_body_before_or():
    assert names("At Wexley Learning Partnership, we believe every child matters.") == {"Wexley Learning Partnership"}
    assert names("The school could join a Regional Maths Network or a local cluster.") == set()


def test_a_small_number_inside_a_name_and_a_bodys_own_committees():
    text = ("Schools that form the Primary 4 Partnership meet termly. The Year 6 Partnership day was fun.\n"
            "Governance\nHead teacher Management Group\nSenior Leaders Group\nIn June 2019 Partnership schools met.")
    assert names(text) == {"Primary 4 Partnership"}
