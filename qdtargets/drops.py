"""Filter stage: decide whether a numeric mention is a quantity, by the rules in
data/drops.tsv. Each rule names its reason (TARGETS.md, "Drop") so that
`--explain` can show why a number was dropped.
"""
from __future__ import annotations

from bisect import bisect_right
from functools import cache, lru_cache

import regex

from . import lexicon
from .quantities import Quantity

# How much text around a mention the context rules look at.
BEFORE_WINDOW = 12
AFTER_WINDOW = 20


@cache
def _split_rules() -> tuple[tuple[str, str, regex.Pattern | None, regex.Pattern | None, tuple], ...]:
    """Each rule as (reason, name, numeral pattern, unit pattern, context conditions)."""
    out = []
    for rule in lexicon.drop_rules():
        number = next((c.pattern for c in rule.conditions if c.scope == "number"), None)
        unit = next((c.pattern for c in rule.conditions if c.scope == "unit"), None)
        context = tuple(c for c in rule.conditions if c.scope not in ("number", "unit"))
        out.append((rule.reason, rule.name, number, unit, context))
    return tuple(out)


@lru_cache(maxsize=1024)
def _rules_for_unit(unit_word: str) -> tuple[tuple[str, str, regex.Pattern | None, tuple], ...]:
    """The rules whose unit condition holds for this unit (a report uses few units)."""
    return tuple(
        (reason, name, number_pattern, context)
        for reason, name, number_pattern, unit_pattern, context in _split_rules()
        if unit_pattern is None or unit_pattern.fullmatch(unit_word)
    )


@lru_cache(maxsize=65536)
def _rules_for(number: str, unit_word: str) -> tuple[tuple[str, str, tuple], ...]:
    """The rules whose conditions on the numeral and unit hold, in order, each with
    its remaining conditions on the context. Reports repeat their numerals, so this
    is cached and most mentions skip most rules at the cost of a dict lookup."""
    return tuple(
        (reason, name, context)
        for reason, name, number_pattern, context in _rules_for_unit(unit_word)
        if number_pattern is None or number_pattern.fullmatch(number)
    )


@lru_cache(maxsize=1024)
def _token_rules_for_unit(unit_word: str) -> tuple[tuple[str, str, regex.Pattern | None], ...]:
    """The rules with no condition on the context whose unit condition holds for this unit."""
    return tuple(
        (reason, name, number_pattern)
        for reason, name, number_pattern, unit_pattern, context in _split_rules()
        if not context and (unit_pattern is None or unit_pattern.fullmatch(unit_word))
    )


@lru_cache(maxsize=65536)
def dropped_by_token(number: str, unit_word: str) -> tuple[str, str] | None:
    """A rule that drops this numeral with this unit wherever it stands, if any
    (一批, 两个 …): such mentions need no context, nor even a Quantity. (Not
    always the rule --explain names: an earlier rule on the context may hold too.)"""
    for reason, name, number_pattern in _token_rules_for_unit(unit_word):
        if number_pattern is None or number_pattern.fullmatch(number):
            return reason, name
    return None


class DropRules:
    """The drop rules, with their span patterns run once over one document."""

    def __init__(self, view: str):
        self.view = view
        self._spans: dict[int, tuple[list[int], list[int]]] = {}
        for rule in lexicon.drop_rules():
            for cond in rule.conditions:
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
        before = after = None
        for reason, name, conditions in _rules_for(q.number, q.unit_word):
            for cond in conditions:
                if cond.scope == "after":
                    if after is None:
                        after = view[q.number_end:q.number_end + AFTER_WINDOW]
                    holds = cond.pattern.match(after) is not None
                elif cond.scope == "before":
                    if before is None:
                        before = view[max(0, q.start - BEFORE_WINDOW):q.start]
                    holds = cond.pattern.search(before) is not None
                else:
                    holds = self._in_span(cond, q.start, q.number_end)
                if not holds:
                    break
            else:
                return reason, name
        if q.value is None:
            return "idiom", "unreadable-numeral"
        return None
