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
    """The first rule that drops this numeral with this unit wherever it stands,
    if any (一批, 两个 …): such mentions need no context, nor even a Quantity.
    (An earlier rule on the context may hold too, and then it is the one that
    DropRules.why_dropped names.)"""
    for reason, name, number_pattern in _token_rules_for_unit(unit_word):
        if number_pattern is None or number_pattern.fullmatch(number):
            return reason, name
    return None


@cache
def _any_condition(scope: str) -> regex.Pattern:
    """All the rules' patterns of one scope in one: where it fails, each of them
    fails, and most mentions are decided by this one test instead of many."""
    return regex.compile("|".join(
        f"(?:{cond.pattern.pattern})" for rule in lexicon.drop_rules() for cond in rule.conditions
        if cond.scope == scope))


def _merged(spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Sorted spans as (starts, ends), overlapping ones merged into one."""
    starts: list[int] = []
    ends: list[int] = []
    for start, end in sorted(spans):
        if ends and start < ends[-1]:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    return starts, ends


def _overlaps(spans: tuple[list[int], list[int]], start: int, end: int) -> bool:
    starts, ends = spans
    i = bisect_right(starts, end - 1) - 1
    return i >= 0 and ends[i] > start


class DropRules:
    """The drop rules, with their span patterns run once over one document."""

    def __init__(self, view: str):
        self.view = view
        self._spans: dict[int, tuple[list[int], list[int]]] = {}
        every_span: list[tuple[int, int]] = []
        for rule in lexicon.drop_rules():
            for cond in rule.conditions:
                if cond.scope == "span":
                    matches = [m.span() for m in cond.pattern.finditer(view)]
                    self._spans[id(cond)] = ([s for s, _ in matches], [e for _, e in matches])
                    every_span += matches
        self._any_span = _merged(every_span)

    def why_dropped(self, q: Quantity) -> tuple[str, str] | None:
        """(reason, rule name) of the first rule that drops q, or None to keep it."""
        view = self.view
        after = view[q.number_end:q.number_end + AFTER_WINDOW]
        before = view[max(0, q.start - BEFORE_WINDOW):q.start]
        after_possible = _any_condition("after").match(after) is not None
        before_possible = _any_condition("before").search(before) is not None
        in_any_span = _overlaps(self._any_span, q.start, q.number_end)
        if not (after_possible or before_possible or in_any_span):
            # No condition on the context can hold: the first rule without one decides.
            found = dropped_by_token(q.number, q.unit_word)
        else:
            def holds(cond) -> bool:
                if cond.scope == "after":
                    return after_possible and cond.pattern.match(after) is not None
                if cond.scope == "before":
                    return before_possible and cond.pattern.search(before) is not None
                return in_any_span and _overlaps(self._spans[id(cond)], q.start, q.number_end)

            found = next(((reason, name) for reason, name, conditions in _rules_for(q.number, q.unit_word)
                          if all(map(holds, conditions))), None)
        if found is None and q.value is None:
            return "idiom", "unreadable-numeral"
        return found
