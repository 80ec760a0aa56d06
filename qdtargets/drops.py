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


# Cheap, selective conditions first: most rules fail on the numeral or its unit.
_SCOPE_ORDER = {"number": 0, "unit": 1, "after": 2, "before": 3, "span": 4}


class DropRules:
    """The drop rules, with their span patterns run once over one document."""

    def __init__(self, view: str):
        self.view = view
        self.rules = [
            (rule.reason, rule.name, sorted(rule.conditions, key=lambda c: _SCOPE_ORDER[c.scope]))
            for rule in lexicon.drop_rules()
        ]
        self._spans: dict[int, tuple[list[int], list[int]]] = {}
        for _, _, conditions in self.rules:
            for cond in conditions:
                if cond.scope == "span":
                    matches = [(m.start(), m.end()) for m in cond.pattern.finditer(view)]
                    self._spans[id(cond)] = ([s for s, _ in matches], [e for _, e in matches])

    def _in_span(self, cond, start: int, end: int) -> bool:
        starts, ends = self._spans[id(cond)]
        i = bisect_right(starts, end - 1) - 1
        return i >= 0 and ends[i] > start

    def why_dropped(self, q: Quantity) -> tuple[str, str] | None:
        """(reason, rule name) of the first rule that drops q, or None to keep it."""
        view = self.view
        before = view[max(0, q.start - BEFORE_WINDOW):q.start]
        after = view[q.number_end:q.number_end + AFTER_WINDOW]
        for reason, name, conditions in self.rules:
            for cond in conditions:
                scope, pattern = cond.scope, cond.pattern
                if scope == "number":
                    holds = pattern.fullmatch(q.number) is not None
                elif scope == "unit":
                    holds = pattern.fullmatch(q.unit_word) is not None
                elif scope == "after":
                    holds = pattern.match(after) is not None
                elif scope == "before":
                    holds = pattern.search(before) is not None
                else:
                    holds = self._in_span(cond, q.start, q.number_end)
                if not holds:
                    break
            else:
                return reason, name
        if q.value is None:
            return "idiom", "unreadable-numeral"
        return None
