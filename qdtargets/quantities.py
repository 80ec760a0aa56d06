"""Find stage: every number in the text, with its scale, unit, range and bound.

One compiled pattern (numeral + unit lexicon + bound words) scans the whole
text; nothing else runs over whole documents. Values are folded to base units:
2.7万人 → 27000 人, 1000亿元 → 100000000000 元.
"""
from __future__ import annotations

from decimal import Decimal
from functools import cache, lru_cache
from typing import NamedTuple

import regex

from . import lexicon
from .numerals import NUMBER_PATTERN, parse_number
from .sources import matching_view

# No report counts past 10^18 (national budgets are about 10^14 元); a longer
# run of digits is not a quantity, and would not even print as one.
MAX_VALUE = 10**18
_PLAIN_DIGITS = regex.compile(r"\d{1,18}(?:\.\d{1,18})?", flags=regex.ASCII)
_RANGE_SEPARATORS = r"[-－—–~～〜]|至|到"
_SPACE = r"[ \t]"
# A year after 至/到 ends the quantity instead of closing a range
# (百分之三十九点七到一九五七年 is 39.7 % by 1957), unless a year stands before
# it too (2021至2025年).
_YEAR = r"(?:(?:1[89]|20)\d\d|[〇零○一二三四五六七八九]{4})"
_NOT_A_YEAR_AFTER = rf"(?:(?<={_YEAR}年?{_SPACE}*(?:{_RANGE_SEPARATORS}){_SPACE}*)|(?!{_YEAR}年))"
# A minus sign written on the number is its sign (增长-3% → -3); a dash after
# a digit, a letter or % is a range or a date (5%-6%, 2021-02-04, G20-3).
# (The dash is matched first and the character before it looked at after, so
# that the scan can skip on at once wherever no dash stands.)
_SIGN = r"[-－−](?<![0-9０-９A-Za-z%％.．][-－−])(?=[0-9０-９])"


class Quantity(NamedTuple):
    """A quantity as read, before anyone decides whether it is a target."""
    start: int                     # first character of the quantity (numeral, scale, unit)
    end: int                       # one past its last character
    number: str                    # the first numeral as written (百分之五, 2.7万, 十四五)
    number_end: int                # where that numeral (and 多/余) ends: the unit starts here
    unit_word: str                 # the unit as written ("" when none)
    unit: str                      # the unit as reported (个百分点 → 百分点; 百分之五 → %)
    kind: str                      # the unit's kind from units.tsv ("" when none)
    value: int | float | None      # None when the numeral cannot be read (十四五)
    value_max: int | float | None
    bound: str


@cache
def _units_by_word() -> dict[str, lexicon.Unit]:
    return {u.word: u for u in lexicon.units()}


@cache
def _bounds(position: str) -> dict[str, str]:
    return {b.word: b.bound for b in lexicon.bound_words() if b.position == position}


def _unit_alternation() -> str:
    """Units longest first, each with what may not follow it (家 but not 家庭)."""
    parts = []
    for u in sorted(lexicon.units(), key=lambda u: len(u.word), reverse=True):
        word = regex.escape(u.word)
        parts.append(f"{word}(?!{u.not_before})" if u.not_before else word)
    return "|".join(parts)


@cache
def candidate_pattern() -> regex.Pattern:
    units = _unit_alternation()
    prefix = lexicon.alternation(_bounds("prefix"))
    suffix = lexicon.alternation(_bounds("suffix"))
    return regex.compile(
        rf"""
        (?P<sign>{_SIGN})?
        (?:(?P<prefix>{prefix})(?=[十百千万亿]))?      # 数十, 近千, 上万
        (?P<number>{NUMBER_PATTERN})
        (?:{_SPACE}*(?P<suffix>{suffix}))?            # 4000多, 1000余, 十几
        (?:{_SPACE}*(?P<unit>{units}))?               # spaces: see NUMBER_PATTERN
        (?:{_SPACE}*(?:{_RANGE_SEPARATORS}){_SPACE}*  # 5%-6%, 3至5个, 三到五年
           {_NOT_A_YEAR_AFTER}
           (?P<number2>(?&number))(?P<suffix2>(?&suffix))?  # (?&g): group g's pattern
           (?:{_SPACE}*(?P<unit2>(?&unit)))?                # again, compiled once
        )?
        """,
        regex.VERBOSE,
    )


@cache
def _before_bound_pattern() -> regex.Pattern:
    # A space may stand between the bound word and the number (不超过 3.3%).
    return regex.compile(rf"(?P<word>{lexicon.alternation(_bounds('before'))})[ \t]*$")


@cache
def _after_bound_pattern() -> regex.Pattern:
    return regex.compile(rf"[ \t]*(?P<word>{lexicon.alternation(_bounds('after'))})")


@lru_cache(maxsize=65536)
def value_of(numeral: str) -> int | float | None:
    """parse_number as a plain int or float; reports repeat their numerals, so cached."""
    # Most numerals in reports are plain digits: read those without the full parser.
    value = Decimal(numeral) if _PLAIN_DIGITS.fullmatch(numeral) else parse_number(numeral)
    if value is None or abs(value) > MAX_VALUE:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def unit_word_of(m: regex.Match) -> str:
    """The unit of a match as written; in a range (5%-6%) the last one counts."""
    unit, unit2 = m.group("unit", "unit2")
    return unit2 or unit or ""


def read_match(m: regex.Match, text: str) -> Quantity:
    """Turn one match of candidate_pattern() over text into a Quantity."""
    number, suffix, number2 = m.group("number", "suffix", "number2")
    unit_word = unit_word_of(m)
    unit_info = _units_by_word().get(unit_word)
    unit, kind = (unit_info.normal, unit_info.kind) if unit_info else ("", "")
    if number.startswith("百分之"):
        unit, kind = "%", "percent"
    elif number.startswith("千分之"):
        unit, kind = "‰", "percent"
    value = value_of(number)
    if m.group("sign") and value is not None:
        value = -value
    value_max = None
    if number2:
        value_max = value_of(number2)
        if value_max is None or value is None or value_max <= value:
            value_max = None
    return Quantity(
        start=m.start(),
        end=m.end(),
        number=number,
        number_end=m.end("suffix") if suffix else m.end("number"),
        unit_word=unit_word,
        unit=unit,
        kind=kind,
        value=value,
        value_max=value_max,
        bound=_bound_of(m, text),
    )


def _bound_of(m: regex.Match, text: str) -> str:
    after = _after_bound_pattern().match(text, m.end(), min(len(text), m.end() + 6))
    if after:
        return _bounds("after")[after.group("word")]
    number, suffix, prefix = m.group("number", "suffix", "prefix")
    if suffix:
        return _bounds("suffix")[suffix]
    if prefix:
        return _bounds("prefix")[prefix]
    # 300多亿, 十余万: the marker stands inside the numeral, before its scale.
    for word, bound in _bounds("suffix").items():
        if word in number:
            return bound
    before = _before_bound_pattern().search(text, max(0, m.start() - 6), m.start())
    if before:
        return _bounds("before")[before.group("word")]
    return "="


def parse_quantity(text: str) -> Quantity | None:
    """The first quantity in a short string, with the bound words around it.

    >>> q = parse_quantity("4000多个")
    >>> (q.value, q.value_max, q.unit, q.bound)
    (4000, None, '个', '>')
    """
    view = matching_view(text)
    m = candidate_pattern().search(view)
    return read_match(m, view) if m else None
