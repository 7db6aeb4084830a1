"""Reading order from word boxes: columns, table rows, wrapped cells, running footers."""
from pipeline.layout import Word, find_furniture, join_wrapped_cells, order_page

WIDTH = 595.0


def words_of(text: str, x: float, top: float, size: float = 10.0, bold: bool = False) -> list[Word]:
    out, cursor = [], x
    for token in text.split():
        width = len(token) * size * 0.5
        out.append(Word(token, cursor, cursor + width, top, top + size, size, bold))
        cursor += width + size * 0.3
    return out


def texts(lines) -> list[str]:
    return [line.text for line in lines]


def two_column_page() -> list[Word]:
    words = words_of("Summary of key findings", 60, 100, size=14, bold=True)
    left = ["• Leaders of the Meadowbrook Learning", "Trust have secured strong and rapid", "improvement in pupils' outcomes in all", "subjects this year."]
    right = ["• Teaching assistants make an effective", "contribution to the learning of pupils", "across the school and in the early", "years."]
    for i, (left_line, right_line) in enumerate(zip(left, right)):
        words += words_of(left_line, 60, 130 + 12 * i) + words_of(right_line, 312, 130 + 12 * i)
    words += words_of("The school has the following strengths", 60, 190, bold=True)
    words += words_of("• Pupils are safe and well cared for by", 60, 210) + words_of("• Attendance is in line with the average", 312, 210)
    words += words_of("the staff at the school.", 60, 222) + words_of("for primary schools nationally.", 312, 222)
    return words


def test_two_columns_come_out_column_by_column():
    lines = texts(order_page(two_column_page(), WIDTH))
    assert lines[0] == "Summary of key findings"
    assert lines[1:5] == ["• Leaders of the Meadowbrook Learning", "Trust have secured strong and rapid",
                          "improvement in pupils' outcomes in all", "subjects this year."]
    assert lines[5] == "• Teaching assistants make an effective"
    # the heading between two column sections keeps its place
    strengths = lines.index("The school has the following strengths")
    assert lines[strengths + 1:] == ["• Pupils are safe and well cared for by", "the staff at the school.",
                                     "• Attendance is in line with the average", "for primary schools nationally."]


def test_grade_table_rows_are_not_columns():
    words = []
    rows = [("Overall effectiveness", "Good"), ("Effectiveness of leadership and management", "Good"),
            ("Outcomes for pupils", "Requires improvement"), ("Early years provision", "Good")]
    for i, (label, grade) in enumerate(rows):
        words += words_of(label, 60, 100 + 20 * i) + words_of(grade, 530 - len(grade) * 5, 100 + 20 * i)
    lines = texts(order_page(words + two_column_page()[0:0], WIDTH))
    assert lines == [f"{label}\t{grade}" for label, grade in rows]


def test_wrapped_value_and_label_join_their_cells():
    words = words_of("Website", 60, 100) + words_of("http://www.example.sch.uk/our_s", 300, 100)
    words += words_of("chool/index.html", 300, 112)
    words += words_of("Personal development, behaviour and", 60, 140) + words_of("Good", 504, 140)
    words += words_of("welfare", 60, 152)
    lines = texts(join_wrapped_cells(order_page(words, WIDTH)))
    assert lines == ["Website\thttp://www.example.sch.uk/our_school/index.html",
                     "Personal development, behaviour and welfare\tGood"]


def test_running_footer_repeating_on_pages_is_furniture():
    pages = []
    for n in range(1, 5):
        words = words_of(f"Body text of page {n} continues", 60, 100)
        words += words_of(f"Inspection report: Oak School, 9–10 November 2016 Page {n} of 4", 60, 800)
        pages.append(order_page(words, WIDTH))
    found = find_furniture(pages, [842.0] * 4)
    assert found == {(p, 1) for p in range(4)}


def test_grade_printed_between_a_wrapped_labels_two_lines_joins_its_row():
    words = words_of("Judgement", 60, 100, bold=True) + words_of("Grade", 330, 100, bold=True)
    words += words_of("The experiences and progress of care", 60, 130)
    words += words_of("Requires improvement to be good", 330, 136)
    words += words_of("leavers", 60, 142)
    words += words_of("Overall effectiveness", 60, 170) + words_of("Good", 330, 170)
    lines = join_wrapped_cells(order_page(words, WIDTH))
    assert "The experiences and progress of care leavers\tRequires improvement to be good" in texts(lines)
    assert "Overall effectiveness\tGood" in texts(lines)


def test_a_value_wrapped_around_its_label_joins_its_row():
    words = words_of("Requires improvement", 330, 100) + words_of("Overall effectiveness", 60, 106)
    words += words_of("to be good", 330, 112)
    assert texts(join_wrapped_cells(order_page(words, WIDTH))) == ["Overall effectiveness\tRequires improvement to be good"]


def test_a_grade_table_with_wrapped_labels_is_read_row_by_row_not_as_columns():
    words = words_of("Judgement", 77, 100) + words_of("Grade", 330, 100)
    for i, (first, second, grade) in enumerate([
            ("The impact of leaders on social work", "practice with children and families", "Requires improvement to be good"),
            ("The experiences and progress of", "children who need help and protection", "Requires improvement to be good"),
            ("The experiences and progress of", "children in care", "Good")]):
        top = 130 + 40 * i
        words += words_of(first, 77, top) + words_of(grade, 330, top) + words_of(second, 77, top + 12)
    lines = texts(join_wrapped_cells(order_page(words, WIDTH)))
    assert "The experiences and progress of children in care\tGood" in lines
    assert "The impact of leaders on social work practice with children and families\tRequires improvement to be good" in lines


def test_numbered_paragraph_lines_stay_lines():
    words = words_of("28.", 60, 100) + words_of("There is a clear strategy for the service, and an", 100, 100)
    words += words_of("accompanying action plan which is leading to more", 100, 112)
    words += words_of("referrals from schools and health partners.", 100, 124)
    assert len(join_wrapped_cells(order_page(words, WIDTH))) == 3


def test_footnote_markers_leave_the_text_and_raised_letters_join_their_word():
    words = words_of("Review of the Local Safeguarding Children Board", 60, 100, size=14)
    marker = Word("1", words[-1].x1, words[-1].x1 + 5, 98, 106, 8.0)
    words += [marker] + words_of("placements after their 16", 60, 130)
    ordinal = Word("th", words[-1].x1, words[-1].x1 + 6, 128, 135, 7.0)
    words += [ordinal] + words_of("birthday", ordinal.x1 + 3, 130)
    lines = texts(order_page(words, WIDTH))
    assert lines == ["Review of the Local Safeguarding Children Board", "placements after their 16th birthday"]


def test_a_value_at_the_top_of_a_tall_cell_joins_the_label_beside_it():
    words = words_of("Requires improvement", 388, 363, size=12) + words_of("2.1 Adoption performance", 119, 373, size=12)
    words += words_of("Requires improvement", 388, 410, size=12)
    words += words_of("2.2 Experiences and progress of care leavers", 119, 421, size=12)
    assert texts(join_wrapped_cells(order_page(words, WIDTH))) == [
        "2.1 Adoption performance\tRequires improvement",
        "2.2 Experiences and progress of care leavers\tRequires improvement"]


def test_label_and_value_both_wrapped_join_cell_by_cell():
    words = words_of("2. Children looked after and achieving", 71, 100) + words_of("Requires", 388, 100)
    words += words_of("permanence", 89, 112) + words_of("Improvement", 388, 112)
    assert texts(join_wrapped_cells(order_page(words, WIDTH))) == [
        "2. Children looked after and achieving permanence\tRequires Improvement"]
