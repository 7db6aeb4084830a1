"""Join ordered page lines into one Document text with page and line offsets."""
from __future__ import annotations

from pipeline.layout import TextLine
from pipeline.models import Document, Line, Page

PAGE_JOIN = "\n"  # not a paragraph break: a sentence crossing a page joins up


def assemble_document(
    pages: list[list[TextLine]],
    furniture: set[tuple[int, int]],
    media_type: str,
    title: str | None = None,
    ocr_confidences: dict[int, float] | None = None,
    ocr_engine: str | None = None,
) -> Document:
    """Concatenate the lines of every page, leaving out headers and footers."""
    parts: list[str] = []
    page_spans: list[Page] = []
    line_spans: list[Line] = []
    kept_furniture: list[str] = []
    offset = 0
    for p, lines in enumerate(pages):
        if p:
            parts.append(PAGE_JOIN)
            offset += len(PAGE_JOIN)
        start = offset
        first = True
        for i, line in enumerate(lines):
            if (p, i) in furniture:
                text = " ".join(line.text.split())
                if text not in kept_furniture:
                    kept_furniture.append(text)
                continue
            if not first:
                parts.append("\n")
                offset += 1
            first = False
            parts.append(line.text)
            line_spans.append(Line(page=p + 1, start=offset, end=offset + len(line.text), cells=len(line.cells)))
            offset += len(line.text)
        page_spans.append(Page(number=p + 1, start=start, end=offset,
                               ocr_confidence=(ocr_confidences or {}).get(p)))
    return Document(
        text="".join(parts),
        pages=tuple(page_spans),
        lines=tuple(line_spans),
        furniture=tuple(kept_furniture),
        media_type=media_type,
        title=title,
        ocr_engine=ocr_engine,
    )
