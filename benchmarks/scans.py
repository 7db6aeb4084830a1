"""Scans made by the tests: PDFs rendered to images and bound again as image-only PDFs (what a
scanner or a 'print to image' gives), PDFs cut to their first pages, and a PDF whose font has no
text mapping (its text layer reads as garbage, as in many 2009–2011 reports)."""
from __future__ import annotations

import io
import re

import pypdfium2 as pdfium


def first_pages(data: bytes, pages: int) -> bytes:
    """The PDF cut to its first `pages` pages, text layer and all."""
    source = pdfium.PdfDocument(data)
    target = pdfium.PdfDocument.new()
    try:
        target.import_pages(source, list(range(min(pages, len(source)))))
        out = io.BytesIO()
        target.save(out)
        return out.getvalue()
    finally:
        target.close()
        source.close()


def image_only(data: bytes, dpi: int = 150, pages: int | None = None) -> bytes:
    """Each page rendered in grey at `dpi` and bound as a PDF of images: no text layer at all."""
    source = pdfium.PdfDocument(data)
    try:
        images = []
        for index in range(len(source) if pages is None else min(pages, len(source))):
            page = source[index]
            try:
                images.append(page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L"))
            finally:
                page.close()
    finally:
        source.close()
    out = io.BytesIO()
    images[0].save(out, "PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return out.getvalue()


def unmapped_font(data: bytes, pages: int | None = None, keep_mapping: bool = False) -> bytes:
    """Each line of each page set again where it was, in an embedded TrueType font with Identity-H
    encoding (codes are glyph ids) whose ToUnicode map is then removed: the page prints the same,
    its text layer reads as garbage, as in PDFs whose fonts carry no text mapping. With
    keep_mapping, the same re-set PDF with its map (the text-layer twin to compare with)."""
    import ctypes
    import os

    import pypdfium2.raw as pdfium_c
    import reportlab

    font_file = open(os.path.join(os.path.dirname(reportlab.__file__), "fonts", "Vera.ttf"), "rb").read()
    font_data = (ctypes.c_uint8 * len(font_file)).from_buffer_copy(font_file)
    source = pdfium.PdfDocument(data)
    target = pdfium.PdfDocument.new()
    font = pdfium_c.FPDFText_LoadFont(target.raw, font_data, len(font_file), pdfium_c.FPDF_FONT_TRUETYPE, 1)
    try:
        for index in range(len(source) if pages is None else min(pages, len(source))):
            page = source[index]
            text = page.get_textpage()
            sheet = target.new_page(*page.get_size())
            try:
                for n in range(text.count_rects()):
                    x0, bottom, x1, top = text.get_rect(n)
                    line = text.get_text_bounded(x0, bottom, x1, top).strip()
                    if not line:
                        continue
                    words = pdfium_c.FPDFPageObj_CreateTextObj(target.raw, font, max(4.0, (top - bottom) * 0.85))
                    wide = (line + "\x00").encode("utf-16-le")
                    pdfium_c.FPDFText_SetText(words, (ctypes.c_ushort * (len(wide) // 2)).from_buffer_copy(wide))
                    pdfium_c.FPDFPageObj_Transform(words, 1, 0, 0, 1, x0, bottom + (top - bottom) * 0.2)
                    pdfium_c.FPDFPage_InsertObject(sheet.raw, words)
                pdfium_c.FPDFPage_GenerateContent(sheet.raw)
            finally:
                sheet.close()
                text.close()
                page.close()
        out = io.BytesIO()
        target.save(out)
    finally:
        pdfium_c.FPDFFont_Close(font)
        target.close()
        source.close()
    if keep_mapping:
        return out.getvalue()
    # blank out the mapping, keeping every byte offset (the xref table stays right)
    return re.sub(rb"/ToUnicode \d+ 0 R", lambda m: b" " * len(m.group()), out.getvalue())
