"""Filter stage: decide whether a numeric mention is a quantity, by the rules in
data/drops.tsv. Each rule names its reason (TARGETS.md, "Drop") so that
`--explain` can show why a number was dropped.
"""
from __future__ import annotations

from bisect import bisect_right

from . import lexicon
from .quantities import Quantity

# How much text around a mention the context rules look at.
BEFORE_WINDOW = 12
AFTER_WINDOW = 20


class DropRules:
    """The drop rules, with their span patterns run once over one document."""

    def __init__(self, view: str):
        self.view = view
        self.rules = lexicon.drop_rules()
        self._spans: dict[int, tuple[list[int], list[int]]] = {}
        for cond in (c for r in self.rules for c in r.conditions if c.scope == "span"):
            matches = [(m.start(), m.end()) for m in cond.pattern.finditer(view)]
            self._spans[id(cond)] = ([s for s, _ in matches], [e for _, e in matches])

    def _in_span(self, cond, start: int, end: int) -> bool:
        starts, ends = self._spans[id(cond)]
        i = bisect_right(starts, end - 1) - 1
        return i >= 0 and ends[i] > start

    def _holds(self, cond, q: Quantity) -> bool:
        scope, pattern = cond.scope, cond.pattern
        if scope == "span":
            return self._in_span(cond, q.start, q.number_end)
        if scope == "number":
            return pattern.fullmatch(q.number) is not None
        if scope == "unit":
            return pattern.fullmatch(q.unit_word) is not None
        if scope == "before":
            return pattern.search(self.view, max(0, q.start - BEFORE_WINDOW), q.start) is not None
        return pattern.match(self.view, q.number_end, q.number_end + AFTER_WINDOW) is not None

    def why_dropped(self, q: Quantity) -> tuple[str, str] | None:
        """(reason, rule name) of the first rule that drops q, or None to keep it."""
        for rule in self.rules:
            if all(self._holds(c, q) for c in rule.conditions):
                return rule.reason, rule.name
        if q.value is None:
            return "idiom", "unreadable-numeral"
        return None
