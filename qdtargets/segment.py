"""Segment stage: reports, headings, sentences and clauses, as character spans.

Spans are (start, end) offsets into the text, so every later stage can point
back into the source. Only the punctuation tables live here; they are closed
classes of the writing system, not open word lists.
"""
from __future__ import annotations

from functools import cache

import regex

from . import lexicon

SENTENCE_END = "。！？!?；;\n"
CLAUSE_END = SENTENCE_END + "，,：:"
_CLAUSE_BREAK = regex.compile(f"[{CLAUSE_END}]")
_CLAUSE_BREAK_BACKWARD = regex.compile(f"(?r)[{CLAUSE_END}]")
# A sentence reaches at most this far either side of a quantity, so that the
# work done per quantity stays bounded on text with no punctuation at all.
MAX_SENTENCE = 400
_SENTENCE_BREAK_BACKWARD = regex.compile(f"(?r)[{SENTENCE_END}]")
_SENTENCE_REST = regex.compile(f"[^{SENTENCE_END}]*[{SENTENCE_END}]*")
# A heading is a short line with no sentence punctuation inside or at its end.
HEADING_MAX = 40
_INDENT = " \t　"
_OPENING = "《“「『【（(\"‘"
_CLOSING = SENTENCE_END + "：:）)」”\"’』】》"
_HEADING = regex.compile(rf"[{_INDENT}]*+(?P<h>[^\n。！？!?；;，,]{{2,{HEADING_MAX}}}+)")


def sentence_of(text: str, offset: int) -> tuple[int, int]:
    """The sentence holding offset: from the last full stop (or line end) before it
    to the next one after it, with its closing punctuation. Only the text around
    the offset is looked at, at most MAX_SENTENCE characters either side."""
    low = max(0, offset - MAX_SENTENCE)
    left = _SENTENCE_BREAK_BACKWARD.search(text, low, offset)
    rest = _SENTENCE_REST.match(text, offset, min(len(text), offset + MAX_SENTENCE))
    return (left.end() if left else low), rest.end()


def clause_of(text: str, sentence: tuple[int, int], offset: int) -> tuple[int, int]:
    """The clause (between commas, colons or sentence ends) holding offset."""
    start, end = sentence
    left = _CLAUSE_BREAK_BACKWARD.search(text, start, offset)
    right = _CLAUSE_BREAK.search(text, offset, end)
    return (left.end() if left else start), (right.start() if right else end)


def headings(text: str) -> list[tuple[int, str]]:
    """(offset, text) of each heading line.

    A line that goes on from the line right above it, broken off mid-sentence
    (…国务院编制了《\n国民经济和社会发展第十四个五年规划…纲要), is part of that
    sentence, not a heading; a blank line between ends the sentence."""
    found = []
    offset = 0
    previous = ""
    # Line by line, so that the pattern runs only on lines short enough to be one.
    for line in text.split("\n"):
        if (len(line) <= HEADING_MAX or len(line.lstrip(_INDENT)) <= HEADING_MAX) and not _broken_off(previous):
            m = _HEADING.fullmatch(line)
            heading = m and m.group("h").rstrip(_INDENT)
            if heading and len(heading) >= 2:
                found.append((offset + m.start("h"), heading))
        offset += len(line) + 1
        previous = line
    return found


def _broken_off(line: str) -> bool:
    """A long line that ends inside a sentence: with an opening bracket or quote,
    or with no closing punctuation at all."""
    line = line.rstrip(_INDENT + "\u200b")
    return bool(line) and (line[-1] in _OPENING or (len(line) > HEADING_MAX and line[-1] not in _CLOSING))


@cache
def _segment_patterns() -> dict[str, list[regex.Pattern]]:
    out: dict[str, list[regex.Pattern]] = {}
    for lineno, (kind, pattern) in lexicon.read_table("segments.tsv", 2):
        lexicon.check_value("segments.tsv", lineno, kind, {"report-end"})
        out.setdefault(kind, []).append(regex.compile(pattern, regex.MULTILINE))
    return out


def reports(text: str) -> list[tuple[int, int]]:
    """Cut text into the reports it holds (one span when it holds one)."""
    cuts = sorted({m.end() for p in _segment_patterns()["report-end"] for m in p.finditer(text)})
    bounds = [0] + [c for c in cuts if 0 < c < len(text)] + [len(text)]
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a] or [(0, len(text))]
