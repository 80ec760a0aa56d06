"""Read stage, HTML side: the visible text of an HTML page, as a browser shows it.

Apart from sources.py so that plain-text runs never import the HTML parser.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
# Never rendered. (<head> is handled apart, because its <title> is kept.)
_HIDDEN = frozenset({"script", "style", "template", "noscript"})
# Elements that start a new line when rendered.
_BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
    "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol",
    "p", "pre", "section", "table", "td", "th", "title", "tr", "ul",
})


def html_text(markup: str) -> str:
    """The visible text of an HTML document, one rendered line per line.

    Scripts, styles, comments and <head> (except <title>) are dropped; block
    elements and <br> break lines; runs of HTML whitespace inside a line
    collapse to one space (as a browser renders them), while &nbsp; and
    ideographic spaces stay; blank lines are dropped; entities are decoded.
    """
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    lines = (_HTML_SPACE.sub(" ", line).strip(" ") for line in "".join(parser.parts).split("\n"))
    text = "\n".join(line for line in lines if line and not line.isspace())
    return text + "\n" if text else ""


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0  # depth inside _HIDDEN elements
        self._in_head = False
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _HIDDEN:
            self._hidden += 1
        elif tag == "title":
            self._in_title = True
        elif tag == "head":
            self._in_head = True
        elif tag not in ("meta", "link", "base"):
            self._in_head = False  # as in a browser, body content ends an unclosed <head>
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag == "head":
            self._in_head = False
        elif tag == "title":
            self._in_title = False
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden and (self._in_title or not self._in_head):
            # Source newlines are whitespace in HTML, not line breaks.
            self.parts.append(data.replace("\n", " "))
