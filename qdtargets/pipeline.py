"""The extraction pipeline: read → segment → find → filter → describe.

`extract_text` and `explain_text` are the library entry points; the CLI calls
them once per file. Both run the stages in STAGES (the text is read and
decoded before, by sources); extract_text then describes the kept quantities.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

import regex

from . import segment
from .classify import category_of, key_of
from .context import DocumentContext
from .drops import DropRules, dropped_by_token
from .indicator import describe_indicator, qualify_change
from .model import Decision, Target
from .quantities import Quantity, candidate_pattern, read_match, unit_word_of
from .sources import matching_view


_NEWLINE = regex.compile("\n")
# Spaces between two Chinese characters are layout, not words: a line break
# that the matching view joined (生产总值\n\u200b\n之比), a spread line.
_LAYOUT_SPACE = regex.compile(r"(?<=\p{Han}) +(?=\p{Han})")
# What joins the items of an enumeration; 及 and 和 only where they stand alone
# (not 惠及, 以及, 和谐).
_LAST_SEPARATOR = regex.compile(r"(?r)、|(?<![惠涉普以顾危触遍波])及(?!时|早)|和(?!谐|平|美|睦)|与")


@dataclass
class Document:
    """One text and what the stages have learnt about it so far."""
    name: str
    text: str
    view: str
    region: str | None = None
    year: int | None = None
    explain: bool = False
    matches: list | None = None
    decisions: list[tuple[Quantity, tuple[str, str] | None]] | None = None
    line_starts: list[int] | None = None
    page_starts: tuple[int, ...] | None = None   # where each page starts, for paged input

    def page(self, offset: int) -> int | None:
        """1-based page of an offset, or None for input without pages."""
        return bisect_right(self.page_starts, offset) if self.page_starts else None

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset."""
        if self.line_starts is None:
            self.line_starts = [0] + [m.end() for m in _NEWLINE.finditer(self.text)]
        i = bisect_right(self.line_starts, offset) - 1
        return i + 1, offset - self.line_starts[i] + 1


def find(doc: Document) -> None:
    doc.matches = list(candidate_pattern().finditer(doc.view))


def filter_quantities(doc: Document) -> None:
    rules = DropRules(doc.view)
    doc.decisions = []
    for m in doc.matches:
        if not doc.explain and dropped_by_token(m.group("number"), unit_word_of(m)):
            continue  # dropped whatever its context; only --explain needs to say so
        q = read_match(m, doc.view)
        doc.decisions.append((q, rules.why_dropped(q)))


STAGES = (find, filter_quantities)


def _run(text: str, name: str, region: str | None, year: int | None, explain: bool,
         page_starts: tuple[int, ...] | None = None) -> Document:
    doc = Document(name, text, matching_view(text), region, year, explain, page_starts=page_starts)
    for stage in STAGES:
        stage(doc)
    return doc


def describe(doc: Document) -> list[Target]:
    kept = [q for q, why in doc.decisions if why is None]
    if not kept:
        return []
    context = DocumentContext(doc.view, doc.region, doc.year)
    rows: list[Target] = []
    previous: Quantity | None = None
    previous_verb: str | None = None
    for i, q in enumerate(kept):
        sentence = segment.sentence_of(doc.view, q.start)
        clause = segment.clause_of(doc.view, sentence, q.start)
        left_start = clause[0]
        same_sentence = previous is not None and previous.end > sentence[0]
        if same_sentence and previous.end > left_start:
            left_start = previous.end
        following = kept[i + 1] if i + 1 < len(kept) else None
        right_end = following.start if following and following.start < clause[1] else clause[1]
        left = doc.view[left_start:q.start]
        if left_start != clause[0]:
            # In an enumeration (…900个公共停车泊位、34处…, …学校和6个…) this item
            # starts after the last separator.
            separator = _LAST_SEPARATOR.search(left)
            if separator:
                left = left[separator.end():]
        indicator, verb = describe_indicator(
            _LAYOUT_SPACE.sub("", left), _LAYOUT_SPACE.sub("", doc.view[q.end:right_end]),
            previous_verb if same_sentence else None,
        )
        if same_sentence and rows:
            # 分别增长8.9%、7.7%: a bare value in a list shares the indicator before it.
            indicator = qualify_change(indicator, rows[-1].indicator) if indicator else rows[-1].indicator
        status, region, year = context.describe(sentence, q.start)
        line, col = doc.position(q.start)
        sentence_text = doc.text[sentence[0]:sentence[1]].strip()
        rows.append(Target(
            file=doc.name, line=line, col=col, start=q.start, end=q.end,
            text=doc.text[q.start:q.end], indicator=indicator, value=q.value,
            value_max=q.value_max, unit=q.unit, bound=q.bound, status=status,
            region=region, year=year, sentence=sentence_text,
            # The view's sentence: in simplified characters, as the category words are.
            category=category_of(indicator, doc.view[sentence[0]:sentence[1]]), key=key_of(indicator, q.unit),
            page=doc.page(q.start),
        ))
        previous, previous_verb = q, verb
    return rows


def extract_text(text: str, name: str = "-", region: str | None = None,
                 year: int | None = None, page_starts: tuple[int, ...] | None = None) -> list[Target]:
    """Every quantified target in text, in order (TARGETS.md).

    region and year are used where the text does not say them; page_starts
    (Source.pages) give each row its page.
    """
    return describe(_run(text, name, region, year, explain=False, page_starts=page_starts))


def explain_text(text: str, name: str = "-") -> list[Decision]:
    """Every numeric mention in text with the decision taken and the rule that took it."""
    doc = _run(text, name, None, None, explain=True)
    out = []
    for q, why in doc.decisions:
        line, col = doc.position(q.start)
        decision, (reason, rule) = ("keep", ("quantity", q.unit or "number")) if why is None else ("drop", why)
        out.append(Decision(doc.name, line, col, q.start, q.end, doc.text[q.start:q.end],
                            decision, reason, rule))
    return out
