"""PDF and Word versions of a report's text, made the way users' files are made:
reportlab typesetting the paragraphs on A4 pages with a running header and a
page number, python-docx writing one paragraph per line.

Used by the tests (built in the test run) and by benchmarks/readers.py.
"""
from __future__ import annotations

import glob
from functools import cache
from pathlib import Path

HEADER = "政府工作报告"
# TrueType CJK fonts that reportlab can embed, where the machine has one
# (Debian: fonts-wqy-microhei, fonts-arphic-uming).
TRUETYPE_FONTS = ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
                  "/usr/share/fonts/truetype/arphic/uming.ttc")


def embedded_font() -> str | None:
    """A CJK TrueType font file on this machine, or None."""
    return next((f for f in TRUETYPE_FONTS if glob.glob(f)), None)


@cache
def _font_name(font_file: str | None) -> str:
    from reportlab.pdfbase import pdfmetrics

    if font_file is None:
        # Adobe's CID font, which every PDF reader knows: nothing is embedded.
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont

        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        return "STSong-Light"
    from reportlab.pdfbase.ttfonts import TTFont

    name = Path(font_file).stem
    pdfmetrics.registerFont(TTFont(name, font_file, subfontIndex=0))
    return name


def make_pdf(text: str, path: str | Path, font_file: str | None = None, header: str = HEADER,
             word_style: bool = False, header_top: float = 40) -> None:
    """text as a typeset PDF: one paragraph per non-empty line, A4, indented
    first lines, the header on top of every page (header_top points from the
    top edge; the text starts at 72) and "— n —" at its foot.
    word_style sets the text justified and digits and Latin letters in
    Times, as Word exports a report."""
    import re
    from xml.sax.saxutils import escape

    from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    font = _font_name(font_file)
    body = ParagraphStyle("body", fontName=font, fontSize=12, leading=20, firstLineIndent=24,
                          wordWrap="CJK", alignment=TA_JUSTIFY if word_style else TA_LEFT)

    def marked_up(line: str) -> str:
        line = escape(line.strip())
        return re.sub(r"([!-~]+)", r'<font name="Times-Roman">\1</font>', line) if word_style else line

    def furniture(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(font, 9)
        canvas.drawCentredString(A4[0] / 2, A4[1] - header_top, header)
        canvas.drawCentredString(A4[0] / 2, 30, f"— {doc.page} —")
        canvas.restoreState()

    paragraphs = [Paragraph(marked_up(line), body) for line in text.splitlines() if line.strip()]
    SimpleDocTemplate(str(path), pagesize=A4, topMargin=72, bottomMargin=72).build(
        paragraphs, onFirstPage=furniture, onLaterPages=furniture)


def make_docx(text: str, path: str | Path, table: list[list[str]] | None = None) -> None:
    """text as a Word file, one paragraph per non-empty line; a table, if
    given, after the first paragraph."""
    import docx

    document = docx.Document()
    for i, line in enumerate(line for line in text.splitlines() if line.strip()):
        document.add_paragraph(line.strip())
        if i == 0 and table:
            grid = document.add_table(rows=len(table), cols=len(table[0]))
            for r, row in enumerate(table):
                for c, cell in enumerate(row):
                    grid.cell(r, c).text = cell
    document.save(str(path))
