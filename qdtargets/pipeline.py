"""The extraction pipeline: read → segment → find → filter → describe → export.

`extract_text` and `explain_text` are the library entry points; the CLI calls
them once per file, after the read stage (sources) has decoded it, and hands
the rows to export. Both run the stages in STAGES; explain_text stops before
describe, since it reports decisions, not rows.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

import regex

from .context import DocumentContext
from .describe import describe as describe_rows
from .drops import DropRules, dropped_by_token
from .model import Decision, Target
from .quantities import Quantity, candidate_pattern, read_match, unit_word_of
from .region import canonical
from .sources import matching_view


_NEWLINE = regex.compile("\n")


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
    rows: list[Target] | None = None
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
    """Every numeric mention, read as a quantity pattern match."""
    doc.matches = list(candidate_pattern().finditer(doc.view))


def filter_quantities(doc: Document) -> None:
    """Each mention with the drop rule that rejects it, or None to keep it."""
    rules = DropRules(doc.view)
    doc.decisions = []
    for m in doc.matches:
        if not doc.explain and dropped_by_token(m.group("number"), unit_word_of(m)):
            continue  # dropped whatever its context; only --explain needs to say so
        q = read_match(m, doc.view)
        doc.decisions.append((q, rules.why_dropped(q)))


def describe(doc: Document) -> None:
    """The kept quantities as Target rows (indicator, status, year, region …)."""
    kept = [q for q, why in doc.decisions if why is None]
    context = DocumentContext(doc.view, doc.region, doc.year) if kept else None
    doc.rows = describe_rows(doc, kept, context) if kept else []


# read (sources) → segment (inside describe's context) → find → filter → describe → export (export)
STAGES = (find, filter_quantities, describe)


def _run(text: str, name: str, region: str | None, year: int | None, explain: bool,
         page_starts: tuple[int, ...] | None = None) -> Document:
    doc = Document(name, text, matching_view(text), region, year, explain, page_starts=page_starts)
    for stage in STAGES if not explain else STAGES[:-1]:
        stage(doc)
    return doc


def extract_text(text: str, name: str = "-", region: str | None = None,
                 year: int | None = None, page_starts: tuple[int, ...] | None = None) -> list[Target]:
    """Every quantified target in text, in order (TARGETS.md).

    region (a name or a code: 胶州, 370281) and year are used only where the
    text does not say them; a region the gazetteer does not know is a ValueError.
    page_starts (Source.pages) give each row its page.
    """
    return _run(text, name, canonical(region) if region else None, year, explain=False,
                page_starts=page_starts).rows


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
