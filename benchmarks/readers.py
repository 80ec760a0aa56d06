"""Compare the libraries qdtargets could read PDFs and web pages with.

    .venv/bin/pip install pdfminer.six trafilatura readability-lxml reportlab
    .venv/bin/python benchmarks/readers.py pdf [FONT_FILE]
    .venv/bin/python benchmarks/readers.py html

pdf: each fixture report (seeds and dev) typeset as a PDF by reportlab
(tests/document_fixtures.py; the CID font STSong-Light, or FONT_FILE embedded),
read back by pypdfium2 and by pdfminer.six. Fidelity is how much of the
report's text comes back in order (difflib ratio, whitespace and the page
furniture left out of both sides), and how many of its paragraphs come back
whole, on one line; time is the total read time.

html: each fixture report put into a page built like a government site's
(tests/site_pages.py: navigation, breadcrumbs, counters, footers, related
links), read by qdtargets.html_text, trafilatura and readability-lxml.
Recall is the share of the report's characters that come back, in order;
furniture is how many furniture strings come back (fewer is better).
"""
from __future__ import annotations

import difflib
import re
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.document_fixtures import make_pdf  # noqa: E402

REPORTS = sorted((REPO / "fixtures" / "seeds").glob("*.txt")) + sorted((REPO / "fixtures" / "dev" / "docs").glob("*.txt"))
_WHITESPACE = re.compile(r"\s+")
_PAGE_NUMBER = re.compile(r"—\d+—")
# A running header that no report's text holds, so that taking it out of what
# was read takes nothing else.
HEADER = "大会文件之一"


def _squeezed(text: str) -> str:
    return _WHITESPACE.sub("", text)


def fidelity(original: str, read: str) -> float:
    read = _PAGE_NUMBER.sub("", _squeezed(read).replace(HEADER, ""))
    return difflib.SequenceMatcher(None, _squeezed(original), read, autojunk=False).ratio()


def paragraphs_kept(original: str, read: str) -> float:
    """The share of the report's paragraphs that come back whole, as one line."""
    lines = {_squeezed(line) for line in read.splitlines()}
    paragraphs = [_squeezed(line) for line in original.splitlines() if line.strip()]
    return sum(p in lines for p in paragraphs) / len(paragraphs)


def read_pypdfium2(path: Path) -> str:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()


def read_pdfminer(path: Path) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(str(path))


def read_qdtargets_pdf(path: Path) -> str:
    from qdtargets.sources import read_source

    return read_source(str(path)).text


def compare_pdf(font_file: str | None) -> None:
    readers = {"pypdfium2": read_pypdfium2, "pdfminer.six": read_pdfminer,
               "qdtargets (pypdfium2, lines joined, furniture out)": read_qdtargets_pdf}
    with tempfile.TemporaryDirectory() as tmp:
        pdfs = []
        for report in REPORTS:
            pdf = Path(tmp, report.stem + ".pdf")
            make_pdf(report.read_text(encoding="utf-8"), pdf, font_file, header=HEADER)
            pdfs.append((report.read_text(encoding="utf-8"), pdf))
        print(f"{len(pdfs)} PDFs, font {font_file or 'STSong-Light (CID, not embedded)'}")
        for name, read in readers.items():
            read(pdfs[0][1])  # imports and first-use costs outside the timing
            started = time.perf_counter()
            texts = [read(pdf) for _, pdf in pdfs]
            elapsed = time.perf_counter() - started
            scores = [fidelity(original, text) for (original, _), text in zip(pdfs, texts)]
            whole = [paragraphs_kept(original, text) for (original, _), text in zip(pdfs, texts)]
            print(f"  {name:50} {elapsed * 1000:6.0f} ms   fidelity mean {sum(scores) / len(scores):.4f}"
                  f"  min {min(scores):.4f}   paragraphs whole {sum(whole) / len(whole):.3f}")


def compare_html() -> None:
    from tests.site_pages import FURNITURE, site_page

    def ours(page: str) -> str:
        from qdtargets.html_text import html_text

        return html_text(page)

    def trafilatura_text(page: str) -> str:
        import trafilatura

        return trafilatura.extract(page, include_tables=True, favor_recall=True) or ""

    def readability_text(page: str) -> str:
        from readability import Document

        from qdtargets.html_text import _lines, _TextExtractor

        # The summary's visible text, without qdtargets' own furniture filter.
        parser = _TextExtractor()
        parser.feed(Document(page).summary())
        parser.close()
        return "\n".join(text for text, _ in _lines(parser.parts))

    readers = {"qdtargets.html_text": ours, "trafilatura": trafilatura_text, "readability-lxml": readability_text}
    pages = [(report.read_text(encoding="utf-8"), site_page(report.read_text(encoding="utf-8"), i))
             for i, report in enumerate(REPORTS)]
    print(f"{len(pages)} pages")
    for name, read in readers.items():
        read(pages[0][1])
        started = time.perf_counter()
        texts = [read(page) for _, page in pages]
        elapsed = time.perf_counter() - started
        recall = [_recall(o, t) for (o, _), t in zip(pages, texts)]
        furniture = sum(sum(f in t and f not in o for f in FURNITURE) for (o, _), t in zip(pages, texts))
        print(f"  {name:22} {elapsed * 1000:8.0f} ms   recall mean {sum(recall) / len(recall):.4f}"
              f"  min {min(recall):.4f}   furniture strings kept {furniture} of {len(FURNITURE) * len(texts)}")


def _recall(original: str, read: str) -> float:
    a, b = _squeezed(original), _squeezed(read)
    matched = sum(block.size for block in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())
    return matched / len(a)


if __name__ == "__main__":
    if sys.argv[1:2] == ["pdf"]:
        compare_pdf(sys.argv[2] if len(sys.argv) > 2 else None)
    elif sys.argv[1:2] == ["html"]:
        compare_html()
    else:
        sys.exit(__doc__)
