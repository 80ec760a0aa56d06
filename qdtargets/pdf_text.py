"""Read stage, PDF side: the running text of a PDF's text layer, page by page.

pypdfium2 (PDFium, the PDF engine of Chrome) gives each page's characters with
their boxes; this module puts back the paragraphs the page layout broke into
lines, and leaves out what every page repeats (page numbers, running headers
and footers). Chosen over pdfminer.six: as faithful on Chinese reports, 4 to
20 times quicker (benchmarks/readers.py). Imported only when a PDF is read.
"""
from __future__ import annotations

import re
from statistics import median
from typing import NamedTuple

import pypdfium2

from .sources import SourceError

# A page number alone on its line: 3, - 3 -, — 3 —, 第3页, 第 3 页 共 10 页, 3/10, Page 3.
_PAGE_NUMBER = re.compile(r"[-—–－·\s]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*(?:共|/)\s*\d{1,4}\s*页?)?[-—–－·\s]*"
                          r"|(?i:page)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?")
# Latin letters on both sides of a joined line break were two words: a space
# goes between them (Chinese, digits and punctuation join without one).
_LATIN = re.compile(r"[A-Za-z]")
# Spaces that PDF text gives between Chinese and a number or Latin text
# (12.82 万亿元, 5% 以上) come from the change of font, not from the author:
# Chinese is typeset without them.
_SPACE_BY_CHINESE = re.compile(r"(?<=[^\x00-\x7f]) +(?=[\x00-\x7f])|(?<=[\x00-\x7f]) +(?=[^\x00-\x7f])")
# What PDFium puts for a soft hyphen or marks as unknown, and control characters.
_NOT_TEXT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff]")


class Line(NamedTuple):
    text: str
    left: float
    right: float
    bottom: float
    top: float
    lead: float   # width of what the line starts with that a line cannot break inside


# A number or Latin word, or one character, and the closing punctuation that
# may not start a line: the piece a page carries over whole to the next line.
_CLOSING = "，、。；：！？）」』”’,.;:!?)"
_UNBREAKABLE = re.compile(rf"(?:[0-9A-Za-z.,%]+|.)[{_CLOSING}]*")


def pdf_text(data: bytes, name: str) -> tuple[str, tuple[int, ...]]:
    """The text of a PDF and the offset at which each page's text starts.

    Lines that run to the right edge of the text and are followed by a line
    that is not indented continue the same paragraph and are joined (across a
    page break too); a line that stops short, or a line after which the next
    is indented, ends its paragraph. Raises SourceError for a PDF that cannot
    be opened and for one without a text layer (a scan).
    """
    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        reason = "it is protected by a password" if "password" in str(exc).lower() else "not a readable PDF"
        raise SourceError(f"cannot read {name}: {reason}") from None
    try:
        pages = [_lines(page) for page in pdf]
    except pypdfium2.PdfiumError as exc:
        raise SourceError(f"cannot read {name}: a damaged PDF ({exc})") from None
    finally:
        pdf.close()
    pages = _without_furniture(pages)
    # (A scan's only text is what a scanner stamps on it, page numbers: furniture.)
    if not any(pages):
        raise SourceError(f"cannot read {name}: a scanned PDF without a text layer "
                          "(qdtargets does not do OCR; run OCR first, e.g. ocrmypdf)")
    return _joined(pages)


def _lines(page: pypdfium2.PdfPage) -> list[Line]:
    """The page's lines in the order PDFium reads them, each with its box."""
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        lines = []
        start = 0
        # PDFium's characters and the returned string count alike, so an index
        # in the string is an index for get_charbox.
        for m in re.finditer(r"\r\n|\n|\r|$", text):
            raw = text[start:m.start()]
            first = len(raw) - len(raw.lstrip())
            last = len(raw.rstrip()) - 1
            if last >= first:
                left, bottom, _, top = textpage.get_charbox(start + first)
                _, bottom_end, right, top_end = textpage.get_charbox(start + last)
                lead_end = start + first + len(_UNBREAKABLE.match(raw, first).group()) - 1
                lead = textpage.get_charbox(lead_end)[2] - left
                line = _SPACE_BY_CHINESE.sub("", _NOT_TEXT.sub("", raw.strip()))
                if line:
                    lines.append(Line(line, left, right, min(bottom, bottom_end), max(top, top_end), lead))
            start = m.end()
            if m.start() == len(text):
                break
        return lines
    finally:
        textpage.close()
        page.close()


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", text)


def _by_height(page: list[Line]) -> list[int]:
    return sorted(range(len(page)), key=lambda i: -page[i].top)


def _edge_lines(page: list[Line]) -> set[int]:
    """Indexes of the two topmost and the two bottommost lines."""
    order = _by_height(page)
    return set(order[:2] + order[-2:])


def _margin_lines(page: list[Line]) -> set[int]:
    """Indexes of the lines standing apart above or below the body of the page:
    the topmost and bottommost lines, where the gap to the next is wider than
    the body's line pitch."""
    if len(page) < 3:
        return set(range(len(page)))
    order = _by_height(page)
    gaps = [page[a].bottom - page[b].top for a, b in zip(order, order[1:])]
    pitch = median(page[a].top - page[b].top for a, b in zip(order, order[1:]))
    apart: set[int] = set()
    for end, end_gaps in ((order, gaps), (order[::-1], gaps[::-1])):
        for i, gap in zip(end[:2], end_gaps[:2]):
            if gap <= pitch * 1.2:
                break
            apart.add(i)
    return apart


def _without_furniture(pages: list[list[Line]]) -> list[list[Line]]:
    """Pages without page numbers and without the running headers and footers:
    lines apart at the top or bottom that are a page number or whose text
    (numbers aside) stands apart on another page too, and lines at the top or
    bottom whose text (numbers aside) stands there on half the pages or more."""
    margins = [_margin_lines(page) for page in pages]
    edges = [_edge_lines(page) for page in pages]
    apart_on: dict[str, int] = {}
    edge_of: dict[str, int] = {}
    for page, apart, edge in zip(pages, margins, edges):
        for counts, lines in ((apart_on, apart), (edge_of, edge)):
            for key in {_furniture_key(page[i].text) for i in lines}:
                counts[key] = counts.get(key, 0) + 1
    repeated = max(2, (len(pages) + 1) // 2)

    def furniture(page: list[Line], i: int, apart: set[int], edge: set[int]) -> bool:
        key = _furniture_key(page[i].text)
        if i in apart and (_PAGE_NUMBER.fullmatch(page[i].text) or apart_on[key] > 1):
            return True
        return i in edge and edge_of[key] >= repeated

    return [[line for i, line in enumerate(page) if not furniture(page, i, apart, edge)]
            for page, apart, edge in zip(pages, margins, edges)]


def _joined(pages: list[list[Line]]) -> tuple[str, tuple[int, ...]]:
    """The lines as running text, and where each page starts in it."""
    lines = [line for page in pages for line in page]
    if not lines:
        return "", tuple(0 for _ in pages)
    # The text block's edges and the type size, taken over the whole document
    # so that a page of short lines (a list, the end of a chapter) is measured
    # against the same edges as the others.
    left = median(min(line.left for line in page) for page in pages if page)
    right = median(max(line.right for line in page) for page in pages if page)
    em = median(line.top - line.bottom for line in lines)
    parts: list[str] = []
    page_starts = []
    length = 0
    previous: Line | None = None
    for page in pages:
        for k, line in enumerate(page):
            if previous is not None:
                # The previous line ran on into this one if this line's first
                # piece would not have fitted at its end.
                # (A line that starts with closing punctuation brought the
                # character before it along.)
                lead = line.lead + (em if line.text[0] in _CLOSING else 0)
                runs_on = right - previous.right < lead + em * 1.2 and line.left <= left + em * 0.8
                if not runs_on:
                    separator = "\n"
                elif _LATIN.match(previous.text[-1]) and _LATIN.match(line.text[0]):
                    separator = " "
                else:
                    separator = ""
                parts.append(separator)
                length += len(separator)
            if k == 0:
                page_starts.append(length)
            parts.append(line.text)
            length += len(line.text)
            previous = line
        if not page:
            page_starts.append(length)
    parts.append("\n")
    return "".join(parts), tuple(page_starts)
