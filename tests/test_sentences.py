"""One notion of a sentence: a full stop before a capital or digit, a blank line, a bullet."""
from __future__ import annotations

from extractors.sentences import sentence_around, sentence_spans


def test_abbreviations_and_decimals_do_not_end_a_sentence():
    text = "Pupils read widely, e.g. novels and poems. Attendance rose by 2.5 per cent. Good."
    assert [text[a:b].strip() for a, b in sentence_spans(text)] == [
        "Pupils read widely, e.g. novels and poems.", "Attendance rose by 2.5 per cent.", "Good."]


def test_blank_lines_and_bullets_end_a_sentence():
    text = "Strengths\n\nLeaders are ambitious\n• Teaching is good\n• Pupils behave well"
    assert [text[a:b].strip() for a, b in sentence_spans(text)] == [
        "Strengths", "Leaders are ambitious", "• Teaching is good", "• Pupils behave well"]


def test_the_sentence_around_a_phrase_keeps_its_full_stop():
    text = "The school is good. It works with the Oak Learning Trust on reading. Then more."
    start = text.index("Oak")
    assert sentence_around(text, start, start + 3) == "It works with the Oak Learning Trust on reading."


def test_a_title_or_saint_before_a_full_stop_does_not_end_a_sentence():
    text = "Approval was given for Elm Primary School and St. Ninian's School to join. Mr. Example agreed."
    assert [text[a:b].strip() for a, b in sentence_spans(text)] == [
        "Approval was given for Elm Primary School and St. Ninian's School to join.", "Mr. Example agreed."]
