"""Load the rule and word tables in qdtargets/data/ once, checked.

Every table is a TSV file whose comment block (lines starting with #) names its
columns. A malformed line, an unknown value in a closed column or a duplicate
key is an error that names file:line, so a slip in a data edit fails the tests
instead of silently changing results.
"""
from __future__ import annotations

import os
from functools import cache
from typing import NamedTuple

import regex

from .model import Bound, Reason, Status

# Package data beside the modules (importlib.resources would cost every start
# more than the tables themselves take to read).
DATA_DIR = os.path.join(os.path.dirname(__file__), "data")


class LexiconError(ValueError):
    """A data file does not follow its schema."""


# The rows as records: NamedTuples, immutable like frozen dataclasses and much
# quicker to define, which every start of the command pays for.
class Unit(NamedTuple):
    word: str
    kind: str
    normal: str
    not_before: str


class BoundWord(NamedTuple):
    word: str
    position: str
    bound: str


class DropCondition(NamedTuple):
    scope: str
    pattern: regex.Pattern


class DropRule(NamedTuple):
    reason: str
    name: str
    conditions: tuple[DropCondition, ...]


class Cue(NamedTuple):
    scope: str
    status: str
    pattern: regex.Pattern


UNIT_KINDS = {"count", "measure", "currency", "percent", "rank", "time"}
BOUND_POSITIONS = {"before", "after", "prefix", "suffix"}
DROP_SCOPES = {"span", "number", "unit", "before", "after"}
CUE_SCOPES = {"heading", "sentence", "outside-review"}
WORD_ROLES = {"verb", "lead", "level", "link", "generic", "change"}


def read_table(name: str, ncols: int) -> list[tuple[int, list[str]]]:
    """(line number, columns) of each data line of qdtargets/data/<name>."""
    with open(os.path.join(DATA_DIR, name), encoding="utf-8") as f:
        text = f.read()
    rows = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != ncols:
            raise LexiconError(f"{name}:{lineno}: expected {ncols} tab-separated columns, got {len(cols)}")
        rows.append((lineno, cols))
    return rows


def check_value(name: str, lineno: int, value: str, allowed) -> str:
    if value not in allowed:
        raise LexiconError(f"{name}:{lineno}: {value!r} is not one of {sorted(allowed)}")
    return value


def _compile(name: str, lineno: int, pattern: str) -> regex.Pattern:
    try:
        return regex.compile(pattern)
    except regex.error as exc:
        raise LexiconError(f"{name}:{lineno}: bad pattern {pattern!r}: {exc}") from None


def _unique(name: str, keys: list[tuple[int, object]]) -> None:
    seen: dict[object, int] = {}
    for lineno, key in keys:
        if key in seen:
            raise LexiconError(f"{name}:{lineno}: duplicate of line {seen[key]}: {key!r}")
        seen[key] = lineno


@cache
def units() -> tuple[Unit, ...]:
    rows = read_table("units.tsv", 4)
    _unique("units.tsv", [(n, c[0]) for n, c in rows])
    for n, c in rows:
        if c[3]:
            _compile("units.tsv", n, c[3])
    return tuple(
        Unit(c[0], check_value("units.tsv", n, c[1], UNIT_KINDS), c[2] or c[0], c[3]) for n, c in rows
    )


@cache
def bound_words() -> tuple[BoundWord, ...]:
    rows = read_table("bounds.tsv", 3)
    _unique("bounds.tsv", [(n, (c[0], c[1])) for n, c in rows])
    bounds = {b.value for b in Bound}
    return tuple(
        BoundWord(c[0], check_value("bounds.tsv", n, c[1], BOUND_POSITIONS), check_value("bounds.tsv", n, c[2], bounds))
        for n, c in rows
    )


@cache
def drop_rules() -> tuple[DropRule, ...]:
    rows = read_table("drops.tsv", 4)
    reasons = {r.value for r in Reason}
    grouped: dict[tuple[str, str], list[DropCondition]] = {}
    for n, (reason, rule, scope, pattern) in rows:
        check_value("drops.tsv", n, reason, reasons)
        check_value("drops.tsv", n, scope, DROP_SCOPES)
        if scope == "before":
            # Anchored at the end and searched right to left ((?r)): only the
            # end is tried, not every start, on the hot path of the filter.
            compiled = _compile("drops.tsv", n, f"(?r)(?:{pattern})$")
        else:
            # "after" patterns are used with match(text, pos), which anchors them.
            compiled = _compile("drops.tsv", n, pattern)
        grouped.setdefault((reason, rule), []).append(DropCondition(scope, compiled))
    return tuple(DropRule(reason, rule, tuple(conds)) for (reason, rule), conds in grouped.items())


@cache
def cues() -> tuple[Cue, ...]:
    rows = read_table("cues.tsv", 3)
    statuses = {s.value for s in Status}
    return tuple(
        Cue(check_value("cues.tsv", n, c[0], CUE_SCOPES), check_value("cues.tsv", n, c[1], statuses),
            _compile("cues.tsv", n, c[2]))
        for n, c in rows
    )


class KeyRule(NamedTuple):
    key: str
    unit: regex.Pattern
    pattern: regex.Pattern


@cache
def key_rules() -> tuple[KeyRule, ...]:
    rows = read_table("keys.tsv", 3)
    return tuple(
        KeyRule(key, _compile("keys.tsv", n, unit), _compile("keys.tsv", n, pattern))
        for n, (key, unit, pattern) in rows
    )


@cache
def category_rules() -> tuple[tuple[str, regex.Pattern], ...]:
    rows = read_table("categories.tsv", 2)
    _unique("categories.tsv", [(n, c[0]) for n, c in rows])
    return tuple((name, _compile("categories.tsv", n, pattern)) for n, (name, pattern) in rows)


@cache
def words() -> dict[str, str]:
    """word → role, for the indicator stage."""
    rows = read_table("words.tsv", 2)
    _unique("words.tsv", [(n, c[0]) for n, c in rows])
    return {c[0]: check_value("words.tsv", n, c[1], WORD_ROLES) for n, c in rows}


@cache
def compounds() -> dict[str, tuple[str, ...]]:
    """word → the things it names (城乡 → 城镇, 农村), for value lists."""
    rows = read_table("compounds.tsv", 2)
    _unique("compounds.tsv", [(n, c[0]) for n, c in rows])
    return {word: tuple(parts.split("、")) for _, (word, parts) in rows}


def alternation(items) -> str:
    """Escaped, longest-first alternation, so 个百分点 beats 个 and 万亿 beats 亿."""
    return "|".join(regex.escape(w) for w in sorted(set(items), key=len, reverse=True))
