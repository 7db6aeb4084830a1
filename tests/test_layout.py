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
    for i, (l, r) in enumerate(zip(left, right)):
        words += words_of(l, 60, 130 + 12 * i) + words_of(r, 312, 130 + 12 * i)
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
