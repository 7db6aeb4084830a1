"""Reading order for PDF pages: words to lines, two-column regions, table rows and wrapped cells.

Pure functions over positioned words, so they can be tested without a PDF and fed
by any text extractor that gives word boxes.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

CELL_SEPARATOR = "\t"
# A gap wider than this many font sizes splits a line into cells (tab stops, columns).
CELL_GAP_EMS = 1.6
# A right-hand column must start within this many points of the column's left edge,
# otherwise the line is a table row (values at a tab stop far to the right).
COLUMN_EDGE_SLACK = 30.0
# The right-hand column must be this wide (fraction of the page width) on typical lines.
COLUMN_MIN_WIDTH = 0.22
# The lines of a right-hand text column follow each other at most this many line pitches apart.
COLUMN_MAX_STEP = 1.6
PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"}
_LIGATURE = re.compile("[\ufb00-\ufb06]")
BOLD_FONT = re.compile(r"bold|black|heavy", re.I)
# How both PDF engines part characters into words (fractions of the font size): a gap this wide
# is a word break (PDFium's own threshold for generating a space); between two text objects or
# fonts a narrower one is (a space glyph PDFium dropped); a baseline moving this much starts a
# new word (a footnote marker, an ordinal's raised letters).
WORD_GAP_EMS = 0.13
OBJECT_GAP_EMS = 0.07
BASELINE_JUMP_EMS = 0.15
ASCENT, DESCENT = 0.8, 0.2  # of the font size, above and below the baseline: a word's box in both PDF engines
# A superscript or subscript: at most this many words of this many characters, at most this
# share of the size of the line it sits in.
SCRIPT_MAX_WORDS, SCRIPT_MAX_CHARS, SCRIPT_SIZE_RATIO = 3, 4, 0.85
LIST_MARKER = re.compile(r"^(?:\d{1,3}(?:\.\d{1,2})*\.?|[a-z]\)|\([a-z0-9ivx]{1,4}\)|[•\-–◼▪■●○])$")  # a numbered paragraph's number
LABEL_JOINERS = ("and", "of", "the", "for", "to", "in", ",", "&", "-", "–")


@dataclass(slots=True)
class Word:
    """A word and its box (top-left origin, points). Not frozen: pages have thousands, and
    a frozen dataclass costs several times as much to make."""
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float = 10.0
    bold: bool = False
    script: bool = False  # a superscript or subscript set into a line of larger text


@dataclass(frozen=True)
class TextLine:
    """A line of output: its cells (text), position, and whether it is a heading."""
    cells: tuple[str, ...]
    top: float
    bottom: float
    x0: float
    cell_x0: tuple[float, ...]
    heading: bool = False

    @property
    def text(self) -> str:
        return CELL_SEPARATOR.join(self.cells)


def is_bold_font(name: str) -> bool:
    """Boldness from the font's name, the one signal both PDF engines read alike."""
    return BOLD_FONT.search(name) is not None


def word_from_baseline(text: str, x0: float, x1: float, baseline: float, size: float, bold: bool) -> Word:
    """A word's box from its baseline (top-left origin) and size, the same way for every engine:
    glyphs of one line line up whatever their shape or font."""
    return Word(text, x0, x1, baseline - ASCENT * size, baseline + DESCENT * size, size, bold)


def clean_glyphs(text: str) -> str:
    """Bullets drawn from symbol fonts arrive as private-use characters; ligatures become
    their letters; NULs are dropped."""
    text = PRIVATE_USE.sub("•", text).replace("\x00", "")
    return _LIGATURE.sub(lambda m: LIGATURES[m.group()], text)


def group_lines(words: list[Word]) -> list[list[Word]]:
    """Words sharing a baseline (within a third of their size) form one line, left to right;
    superscripts and subscripts join the line they are set into."""
    lines: list[list[Word]] = []
    smallest = 0.0  # the smallest font size on the line being built
    for word in sorted(words, key=lambda w: (round(w.bottom, 1), w.x0)):
        if lines:
            last = lines[-1]
            if abs(last[0].bottom - word.bottom) <= max(2.0, smallest / 3):
                last.append(word)
                smallest = min(smallest, word.size)
                continue
        lines.append([word])
        smallest = word.size
    return [sorted(line, key=lambda w: w.x0) for line in _with_scripts(lines)]


def _with_scripts(lines: list[list[Word]]) -> list[list[Word]]:
    """Lines of a few short, smaller words lying inside a neighbouring line's box (footnote
    markers, an ordinal's raised letters) are folded into that line, marked as scripts."""
    out: list[list[Word]] = []
    for i, line in enumerate(lines):
        if len(line) <= SCRIPT_MAX_WORDS and all(len(w.text) <= SCRIPT_MAX_CHARS for w in line):
            host = next((other for other in (out[-1] if out else None, lines[i + 1] if i + 1 < len(lines) else None)
                         if other is not None and _holds_scripts(other, line)), None)
            if host is not None:
                for word in line:
                    word.script = True
                host.extend(line)
                continue
        out.append(line)
    return out


def _holds_scripts(line: list[Word], scripts: list[Word]) -> bool:
    size = statistics.median(w.size for w in line)
    top, bottom = min(w.top for w in line), max(w.bottom for w in line)
    return all(w.size <= SCRIPT_SIZE_RATIO * size and top <= (w.top + w.bottom) / 2 <= bottom
               and not any(o.x0 < w.x1 - 1 and w.x0 + 1 < o.x1 for o in line) for w in scripts)


def split_cells(line: list[Word]) -> list[list[Word]]:
    """Split a line at gaps wider than CELL_GAP_EMS font sizes."""
    cells = [[line[0]]]
    for prev, word in zip(line, line[1:]):
        if word.x0 - prev.x1 > CELL_GAP_EMS * max(prev.size, word.size):
            cells.append([word])
        else:
            cells[-1].append(word)
    return cells


def _cell_text(cell: list[Word]) -> str:
    """The words of a cell, spaced; a script touching the word before it is part of that word
    ("16th"), and a footnote marker (raised digits) is left out."""
    parts: list[str] = []
    previous: Word | None = None
    for word in cell:
        touching = previous is not None and word.x0 - previous.x1 <= WORD_GAP_EMS * previous.size
        if word.script and touching and word.text.isdigit() and word.bottom < previous.bottom:
            continue
        if word.script and touching and parts:
            parts[-1] += word.text
        else:
            parts.append(word.text)
        previous = word
    return clean_glyphs(" ".join(parts))


def find_gutter(lines: list[list[Word]], page_width: float) -> tuple[float, float] | None:
    """The x position of a column gutter and the left edge of the right column, if any.

    Two-column pages have many lines with a gap near the middle of the page, followed by
    a wide run of text that starts at the same left edge.
    """
    gaps: list[tuple[float, float]] = []
    for line in lines:
        cells = split_cells(line)
        for left, right in zip(cells, cells[1:]):
            middle = (left[-1].x1 + right[0].x0) / 2
            width = right[-1].x1 - right[0].x0
            if 0.3 * page_width < middle < 0.7 * page_width and width > COLUMN_MIN_WIDTH * page_width:
                gaps.append((left[-1].x1, right[0].x0))
    if len(gaps) < 3:
        return None
    edge = statistics.median_low(sorted(round(start) for _, start in gaps))
    near = [(end, start) for end, start in gaps if abs(start - edge) <= COLUMN_EDGE_SLACK]
    if len(near) < 3:
        return None
    gutter = (max(end for end, _ in near) + min(start for _, start in near)) / 2
    return gutter, float(min(start for _, start in near))


def _is_heading(line: list[Word], body_size: float) -> bool:
    return all(w.bold for w in line) or min(w.size for w in line) >= body_size + 1.5


def _side(line: list[Word], gutter: float, edge: float) -> str:
    """Where a line sits relative to a gutter: cross, row, two, left or right."""
    if any(w.x0 < gutter < w.x1 for w in line):
        return "cross"
    right = [w for w in line if w.x0 >= gutter]
    if right and right[0].x0 > edge + COLUMN_EDGE_SLACK:
        return "row"
    left = [w for w in line if w.x1 <= gutter]
    if left and right:
        return "two"
    return "left" if left else "right"


def order_page(words: list[Word], page_width: float) -> list[TextLine]:
    """The page's lines in reading order: each two-column region left column first."""
    if not words:
        return []
    lines = group_lines(words)
    body_size = statistics.median(w.size for w in words)
    found = find_gutter(lines, page_width)
    if not found:
        return [_text_line(line, body_size) for line in lines]
    gutter, edge = found
    sides = [_side(line, gutter, edge) for line in lines]
    pitch = _typical_pitch(lines)
    out: list[TextLine] = []
    run: list[int] = []

    def is_text_column(i: int) -> bool:
        """Running text, not a table value: the right-hand side's first cell is wide."""
        first = split_cells([w for w in lines[i] if w.x0 >= gutter])[0]
        return first[-1].x1 - first[0].x0 > COLUMN_MIN_WIDTH * page_width

    def flush() -> None:
        both = [i for i in run if sides[i] == "two"]
        wide = [i for i in both if is_text_column(i)]
        left = [[w for w in lines[i] if w.x1 <= gutter] for i in run]
        right = [[w for w in lines[i] if w.x0 >= gutter] for i in run]
        # a column of running text has a line at every pitch; a table's value column (grades
        # beside labels that wrap over two lines) skips lines
        tops = [part[0].top for part in right if part]
        steps = [b - a for a, b in zip(tops, tops[1:])]
        left_tops = [part[0].top for part in left if part]
        left_steps = sorted(b - a for a, b in zip(left_tops, left_tops[1:]))
        line_pitch = left_steps[len(left_steps) // 4] if left_steps else pitch  # within the left column's paragraphs
        dense = not steps or statistics.median(steps) <= COLUMN_MAX_STEP * line_pitch
        if len(wide) >= 2 and 2 * len(wide) >= len(both) and dense:
            out.extend(_text_line(part, body_size) for part in left if part)
            out.extend(_text_line(part, body_size) for part in right if part)
        else:
            out.extend(_text_line(lines[i], body_size) for i in run)
        run.clear()

    for i, line in enumerate(lines):
        breaks = sides[i] in ("cross", "row") or (sides[i] == "left" and _is_heading(line, body_size))
        if run and pitch and line[0].top - lines[run[-1]][0].bottom > 2.5 * pitch:
            flush()
        if breaks:
            flush()
            out.append(_text_line(line, body_size))
        else:
            run.append(i)
    flush()
    return out


def _typical_pitch(lines: list[list[Word]]) -> float:
    steps = [b[0].top - a[0].top for a, b in zip(lines, lines[1:]) if b[0].top > a[0].top]
    return statistics.median(steps) if steps else 0.0


def _text_line(line: list[Word], body_size: float) -> TextLine:
    cells = split_cells(line)
    return TextLine(
        cells=tuple(_cell_text(c) for c in cells),
        top=min(w.top for w in line),
        bottom=max(w.bottom for w in line),
        x0=line[0].x0,
        cell_x0=tuple(c[0].x0 for c in cells),
        heading=_is_heading(line, body_size),
    )


def join_wrapped_cells(lines: list[TextLine]) -> list[TextLine]:
    """Re-join table cells that wrap onto the next line.

    A value wrapped under its own column (web and email addresses in School details)
    joins the value above it: without a space when the value is one token cut
    mid-way. A label wrapped under its own column (a long judgement label with the
    grade printed on its first line) joins the label above it.
    """
    out: list[TextLine] = []
    for line in lines:
        prev = out[-1] if out else None
        if len(out) >= 2 and _grade_between(out[-2], prev, line):
            label = out[-2]
            out[-2:] = [TextLine((label.cells[0] + " " + line.cells[0], prev.cells[0]), label.top, line.bottom,
                                 label.x0, (label.x0, prev.x0), label.heading)]
            continue
        if len(out) >= 2 and _value_around(out[-2], prev, line):
            value, label = out[-2], prev
            out[-2:] = [TextLine((label.cells[0], value.cells[0] + " " + line.cells[0]), value.top, line.bottom,
                                 label.x0, (label.x0, value.x0), label.heading)]
            continue
        if prev and _value_above(prev, line):
            out[-1] = TextLine((line.cells[0], prev.cells[0]), prev.top, line.bottom, line.x0, (line.x0, prev.x0),
                               line.heading)
            continue
        if prev and len(prev.cells) == 2 and len(line.cells) == 2 and _close_below(prev, line) \
                and _under_label(prev, line) and abs(line.cell_x0[1] - prev.cell_x0[1]) <= 4 \
                and _continues_label(prev.cells[0], line.cells[0]) and _continues_value(prev.cells[1], line.cells[1]):
            out[-1] = TextLine((prev.cells[0] + " " + line.cells[0], prev.cells[1] + " " + line.cells[1]),
                               prev.top, line.bottom, prev.x0, prev.cell_x0, prev.heading)
            continue
        if prev and len(prev.cells) >= 2 and len(line.cells) == 1 and _close_below(prev, line):
            if (abs(line.x0 - prev.cell_x0[-1]) <= 4 or (prev.cell_x0[-1] < line.x0 and _continues_value(prev.cells[-1], line.cells[0]))) \
                    and not LIST_MARKER.match(prev.cells[0]) \
                    and (_continues_value(prev.cells[-1], line.cells[0]) or _one_token(prev.cells[-1], line.cells[0])):
                out[-1] = _with_cell(prev, -1, _join_value(prev.cells[-1], line.cells[0]), line.bottom)
                continue
            if _under_label(prev, line) and _continues_label(prev.cells[0], line.cells[0]):
                out[-1] = _with_cell(prev, 0, prev.cells[0] + " " + line.cells[0], line.bottom)
                continue
        if prev and len(prev.cells) == 1 and len(line.cells) >= 2 and _close_below(prev, line) \
                and abs(line.x0 - prev.x0) <= 4 and _continues_label(prev.cells[0], line.cells[0]) \
                and not prev.heading:
            merged = (prev.cells[0] + " " + line.cells[0],) + line.cells[1:]
            out[-1] = TextLine(merged, prev.top, line.bottom, prev.x0, (prev.x0,) + line.cell_x0[1:], prev.heading)
            continue
        out.append(line)
    return out


def _under_label(row: TextLine, line: TextLine) -> bool:
    """A line starting in a row's label column: at the label's edge or its hanging indent ("2. Children…")."""
    height = max(1.0, row.bottom - row.top)
    return row.cell_x0[0] - 4 <= line.x0 <= row.cell_x0[0] + 3 * height and line.x0 < row.cell_x0[-1] - 4 * height


def _continues_value(value: str, continuation: str) -> bool:
    """A short value (a grade) wrapped onto the next line: "Requires / Improvement"."""
    return _continues_label(value, continuation) or (len(value.split()) <= 3 and len(continuation.split()) <= 4)


def _value_above(value: TextLine, label: TextLine) -> bool:
    """A value set at the top of a tall table cell, a little above its one-line label."""
    if not (len(value.cells) == len(label.cells) == 1) or re.search(r"\d", value.cells[0]):
        return False
    height = max(1.0, label.bottom - label.top)
    return (value.x0 > label.x0 + 4 * height and len(value.cells[0].split()) <= 5
            and value.top < label.top < value.bottom)


def _grade_between(label: TextLine, value: TextLine, rest: TextLine) -> bool:
    """A label wrapped over two lines with its value printed between them, at a tab stop
    ("The experiences and progress of care / Requires improvement to be good / leavers")."""
    if not (len(label.cells) == len(value.cells) == len(rest.cells) == 1):
        return False
    height = max(1.0, label.bottom - label.top)
    middle = (value.top + value.bottom) / 2
    return (label.x0 - 4 <= rest.x0 <= label.x0 + 4 * height and value.x0 > rest.x0 + 4 * height
            and len(value.cells[0].split()) <= 6 and label.top < middle < rest.bottom
            and 0 <= rest.top - label.bottom <= 1.2 * height and _continues_label(label.cells[0], rest.cells[0]))


def _value_around(value: TextLine, label: TextLine, rest: TextLine) -> bool:
    """A value wrapped over two lines with its one-line label printed between them
    ("Requires improvement / Overall effectiveness / to be good")."""
    if not (len(label.cells) == len(value.cells) == len(rest.cells) == 1):
        return False
    height = max(1.0, value.bottom - value.top)
    middle = (label.top + label.bottom) / 2
    return (abs(rest.x0 - value.x0) <= 4 and value.x0 > label.x0 + 4 * height
            and len((value.cells[0] + " " + rest.cells[0]).split()) <= 8 and value.top < middle < rest.bottom
            and 0 <= rest.top - value.bottom <= 1.2 * height
            and (_continues_label(value.cells[0], rest.cells[0]) or len(value.cells[0].split()) <= 3))


def _close_below(prev: TextLine, line: TextLine) -> bool:
    """The next line of the same row: no more than a line's height below (measured on the new
    line: rows already joined are taller), or overlapping it (a cell's second line beside a
    label set between two lines)."""
    height = max(1.0, line.bottom - line.top)
    return -0.8 * height <= line.top - prev.bottom <= 1.2 * height


def _continues_label(label: str, continuation: str) -> bool:
    """A label goes on when it ends on a joining word or the next part starts in lower case."""
    if not continuation or len(continuation) > 60 or continuation[0] in "•-–":
        return False
    last = label.rsplit(" ", 1)[-1].lower()
    return continuation[0].islower() or last in LABEL_JOINERS or label.endswith(",")


def _one_token(value: str, continuation: str) -> bool:
    """A web or email address cut across two lines."""
    return " " not in value.strip() and " " not in continuation.strip() and any(
        mark in value + continuation for mark in ("@", ".", "/"))


def _join_value(value: str, continuation: str) -> str:
    if _one_token(value, continuation):
        return value + continuation
    return value + " " + continuation


def _with_cell(line: TextLine, index: int, text: str, bottom: float) -> TextLine:
    cells = list(line.cells)
    cells[index] = text
    return TextLine(tuple(cells), line.top, bottom, line.x0, line.cell_x0, line.heading)


_DIGITS = re.compile(r"\d+")
_PAGE_MARK = re.compile(r"^(?:page\s+)?\d+(?:\s+of\s+\d+)?$", re.I)
_REPORT_FOOTER = re.compile(r"^inspection report:.*\b(?:page\s+)?\d+\s+of\s+\d+$", re.I)


def _furniture_key(text: str) -> str:
    return _DIGITS.sub("#", " ".join(text.split())).lower()


def find_furniture(pages: list[list[TextLine]], heights: list[float]) -> set[tuple[int, int]]:
    """(page index, line index) pairs of running headers, footers and page numbers.

    A line near the top or bottom edge repeating (digits aside) on at least half the
    pages is furniture, as is a lone page number or an 'Inspection report: ... Page n
    of m' line in those margins.
    """
    margin_lines: dict[str, set[int]] = {}
    candidates: list[tuple[int, int, str]] = []
    for p, (lines, height) in enumerate(zip(pages, heights)):
        for i, line in enumerate(lines):
            if line.top < 0.1 * height or line.bottom > 0.9 * height:
                key = _furniture_key(line.text)
                margin_lines.setdefault(key, set()).add(p)
                candidates.append((p, i, key))
    threshold = max(2, (len(pages) + 1) // 2)
    found = set()
    for p, i, key in candidates:
        text = " ".join(pages[p][i].text.split())
        if len(margin_lines[key]) >= threshold or _PAGE_MARK.match(text) or _REPORT_FOOTER.match(text):
            found.add((p, i))
    for p, lines in enumerate(pages):
        for i, line in enumerate(lines):
            if _REPORT_FOOTER.match(" ".join(line.text.split())):
                found.add((p, i))
    return found
