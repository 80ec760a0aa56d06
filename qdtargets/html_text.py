"""Read stage, HTML side: a web page's main text, one rendered line per line.

A government site's page around a report carries navigation, breadcrumbs, a
counter (浏览次数 4521), share and print links, related links (2021年政府工作
报告) and a footer (电话, 网站标识码, ICP备案). Only the report is read: the
smallest element that holds nearly all of the page's sentences, and in it no
line of page furniture. Measured against trafilatura and readability-lxml on
pages built like real sites (benchmarks/readers.py html): they keep the
furniture of some layouts or lose the text of others.

Apart from sources.py so that plain-text runs never import the HTML parser.
"""
from __future__ import annotations

import re
from functools import cache
from html.parser import HTMLParser
from typing import NamedTuple

from . import lexicon

_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
# Never rendered. (<head> is handled apart, because its <title> is kept.)
_HIDDEN = frozenset({"script", "style", "template", "noscript"})
# Page furniture by its element's name: never the report.
# (Not <form>: ASP.NET pages wrap everything in one.)
_FURNITURE_TAGS = frozenset({"nav", "header", "footer", "aside", "button", "select", "iframe"})
# Elements that start a new line when rendered.
_BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
    "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol",
    "p", "pre", "section", "table", "td", "th", "title", "tr", "ul",
})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "param", "source", "track", "wbr"})
# What a sentence of running text has and furniture (menus, counters, footers) lacks.
_SENTENCE = re.compile(r"[，。；！？]")
# The main text holds at least this share of the page's sentence text.
_MAIN_SHARE = 0.9
# A line with no sentence in it and at least this share of link text is a
# list of links (share buttons, related articles).
_LINK_SHARE = 0.5


class _Part(NamedTuple):
    text: str          # "\n" for a line break
    path: tuple        # ids of the open elements, outermost first
    link: bool         # inside <a>
    title: bool        # inside <title>


def html_text(markup: str) -> str:
    """The main text of an HTML document, one rendered line per line.

    The <title> comes first; then the smallest element that holds nearly all
    text written in sentences (the whole page when none does, or when that
    element is a single line), without <nav>, <header>, <footer>, <aside>
    and forms, and without the lines that are page furniture: a line with no
    sentence in it that is mostly links or names furniture (data/furniture.tsv).
    Scripts, styles, comments and <head> (except <title>) are dropped; block
    elements and <br> break lines; runs of HTML whitespace inside a line
    collapse to one space (as a browser renders them), while &nbsp; and
    ideographic spaces stay; blank lines are dropped; entities are decoded.
    """
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    main = _main_element(parser.parts, parser.parent)
    parts = [p for p in parser.parts if p.title or main is None or main in p.path]
    lines = [line for line in _lines(parts) if not _is_furniture(line)]
    text = "\n".join(text for text, _ in lines)
    return text + "\n" if text else ""


def _main_element(parts: list[_Part], parent: dict[int, int | None]) -> int | None:
    """The smallest element holding _MAIN_SHARE of the sentence text and more than
    one line, or None (the whole page)."""
    score: dict[int, int] = {}
    lines: dict[int, int] = {}
    total = 0
    for part in parts:
        if part.title:
            continue
        if part.text == "\n":
            for element in part.path:
                lines[element] = lines.get(element, 0) + 1
        elif _SENTENCE.search(part.text):
            total += len(part.text)
            for element in part.path:
                score[element] = score.get(element, 0) + len(part.text)
    if not total:
        return None
    # Open elements nest, so those holding enough form one chain; the last
    # opened is the smallest.
    main = max((e for e, s in score.items() if s >= total * _MAIN_SHARE), default=None)
    # Line breaks inside an element: two at its own edges, more within.
    while main is not None and lines.get(main, 0) <= 2:
        main = parent[main]
    return main


def _lines(parts: list[_Part]) -> list[tuple[str, float]]:
    """(text, share of link text) of each non-blank rendered line."""
    out = []
    text: list[str] = []
    linked = 0
    for part in [*parts, _Part("\n", (), False, False)]:
        if part.text != "\n":
            text.append(part.text)
            linked += len(part.text) if part.link else 0
            continue
        raw = "".join(text)
        line = _HTML_SPACE.sub(" ", raw).strip(" ")
        if line and not line.isspace():
            out.append((line, linked / len(raw)))
        text, linked = [], 0
    return out


@cache
def _furniture_words() -> re.Pattern:
    words = [cols[0] for _, cols in lexicon.read_table("furniture.tsv", 1)]
    return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))


def _is_furniture(line: tuple[str, float]) -> bool:
    text, link_share = line
    if _SENTENCE.search(text):
        return False
    if link_share >= _LINK_SHARE:
        return True
    words = {m.group() for m in _furniture_words().finditer(text)}
    return len(words) > 1 or _furniture_words().match(text.lstrip(" \u3000【[（(")) is not None


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[_Part] = []
        self.parent: dict[int, int | None] = {}
        self._open: list[tuple[str, int]] = []   # (tag, id) of the open elements
        self._hidden = 0  # depth inside _HIDDEN and _FURNITURE_TAGS elements
        self._links = 0
        self._in_head = False
        self._in_title = False

    def _path(self) -> tuple:
        return tuple(element for _, element in self._open)

    def _break(self, tag: str) -> None:
        self.parts.append(_Part("\n", self._path(), False, tag == "title"))

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _HIDDEN or tag in _FURNITURE_TAGS:
            self._hidden += 1
        elif tag == "title":
            self._in_title = True
        elif tag == "head":
            self._in_head = True
        elif tag not in ("meta", "link", "base"):
            self._in_head = False  # as in a browser, body content ends an unclosed <head>
        if tag == "a":
            self._links += 1
        if tag in _BLOCK:
            self._break(tag)
        if tag not in _VOID:
            element = len(self.parent)
            self.parent[element] = self._open[-1][1] if self._open else None
            self._open.append((tag, element))
            if tag in _BLOCK:
                self._break(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN or tag in _FURNITURE_TAGS:
            self._hidden = max(0, self._hidden - 1)
        elif tag == "head":
            self._in_head = False
        elif tag == "title":
            self._in_title = False
        if tag == "a":
            self._links = max(0, self._links - 1)
        if tag in _BLOCK:
            self._break(tag)
        # Close up to the matching open element; an end tag that matches
        # none (</p> without <p>) closes nothing.
        for depth in range(len(self._open) - 1, -1, -1):
            if self._open[depth][0] == tag:
                del self._open[depth:]
                break
        if tag in _BLOCK:
            self._break(tag)

    def handle_data(self, data: str) -> None:
        if not self._hidden and (self._in_title or not self._in_head):
            # Source newlines are whitespace in HTML, not line breaks.
            self.parts.append(_Part(data.replace("\n", " "), self._path(), self._links > 0, self._in_title))
