"""Describe stage, time side: the year a report is for, and the periods it names.

A period is a span of years: 2023年 is (2023, 2023), “十三五” (2016, 2020),
过去五年 in a 2017 report (2012, 2016). The report's own year comes from what
the text says of itself — the date of the congress session it was read to,
the session of the National People's Congress, its title, the year its review
heading names — never from the last year it mentions.
"""
from __future__ import annotations

from collections import Counter
from functools import cache
from typing import Callable, NamedTuple

import regex

from . import lexicon, segment
from .numerals import DIGITS, parse_number

# A year (2023年, 二〇二三年), found from its 年 (a quick scan: the digits are
# looked at only where a 年 stands), and the first year of a range before it
# (1950年到1997年, 2021—2025年: one period).
_YEAR_AT = regex.compile(
    r"(?<=(?<![\d〇零一二三四五六七八九])((?:19|20)\d\d|[〇零一二三四五六七八九]{4})[ \t]*)年(?!代)")
_RANGE_START = regex.compile(
    r"(?<![\d〇零一二三四五六七八九])((?:19|20)\d\d|[〇零一二三四五六七八九]{4})[ \t]*年?[ \t]*(?:到|至|-|—|–|～)[ \t]*$")
_RANGE_REACH = 12
# A year a change is measured against (比上年, 较2020年, 与去年同期相比) or a
# base it builds on (在2020年基础上) names no period of the report's.
_COMPARED_BEFORE = regex.compile(r"(?:比|较|超过|高于|低于|相当于|是)$")
_COMPARED_AFTER = regex.compile(
    r"(?:的?同期|的?基础上|水平|相比|翻|[”\"」]?(?:末|期末)?的?[\d.一二两三四五六七八九十]+倍)")
# A year the text looks ahead to (到2035年, 2035年远景目标) is a horizon.
_HORIZON_BEFORE = regex.compile(r"(?:^|[，,。；;：:\n])(?:到|至)$")
_HORIZON_AFTER = regex.compile(r"年(?:远景|前|以前|基本实现|全面建成)")
# What a report says of itself, near its start.
_OPENING = 600
_SESSION_DATE = regex.compile(
    r"((?:19|20)\d\d)[ \t]*年[ \t]*\d{1,2}[ \t]*月[ \t]*\d{1,2}[ \t]*日[^。\n]{0,40}人民代表大会")
# The date a page was published (2021-08-16 17:31, 发布时间：2024年1月20日): a
# page on a report is of the report's year, when nothing better says it.
_PUBLISHED = regex.compile(r"(?<!\d)((?:19|20)\d\d)(?:-[01]?\d-[0-3]?\d(?!\d)|年[01]?\d月[0-3]?\d日)")
_NATIONAL_SESSION = regex.compile(
    r"(?:向|在)第([一二三四五六七八九十]+)届全国人民代表大会(?:第([一二三四五六七八九十]+)次会议)?")
_TITLE = regex.compile(r"((?:19|20)\d\d)[ \t]*年[^\n。，,！？]{0,24}?政府工作报告")
_BASELINE_BEFORE = regex.compile(r"(?:从|由)(?:(?:19|20)\d\d年(?:底|末)?的?)?$")


class Period(NamedTuple):
    start: int          # where the text names it
    first: int          # its first year
    last: int           # its last year
    kind: str = "year"  # year (2023年, 2021—2025年), plan (“十三五”) or relative (去年)

    @property
    def span(self) -> bool:
        return self.first != self.last


def year_value(digits: str) -> int:
    return int(digits) if digits.isdigit() else int("".join(str(DIGITS[c]) for c in digits))


class PeriodRule(NamedTuple):
    kind: str
    pattern: regex.Pattern
    first: int
    last: int


@cache
def _rules() -> tuple[PeriodRule, ...]:
    rows = lexicon.read_table("periods.tsv", 4)
    return tuple(
        PeriodRule(lexicon.check_value("periods.tsv", n, kind, {"plan", "relative"}),
                   regex.compile(pattern), int(first), int(last))
        for n, (kind, pattern, first, last) in rows)


@cache
def _national_terms() -> dict[int, int]:
    return {int(term): int(first) for _, (term, first) in lexicon.read_table("congresses.tsv", 2)}


def _compared(text: str, start: int, end: int) -> bool:
    return (_COMPARED_BEFORE.search(text, max(0, start - 3), start) is not None
            or _COMPARED_AFTER.match(text, end) is not None)


def named_years(text: str) -> list[Period]:
    """The calendar years the text names as periods, in order."""
    found: list[Period] = []
    for m in _YEAR_AT.finditer(text):
        start, last = m.start(1), year_value(m.group(1))
        first = last
        opening = _RANGE_START.search(text, max(0, start - _RANGE_REACH), start)
        if opening:
            start, first = opening.start(), year_value(opening.group(1))
            if found and found[-1].start >= start:
                found.pop()  # the range's first year, written with its own 年
        if not _compared(text, start, m.end()):
            found.append(Period(start, first, last))
    return found


def periods(text: str, report_year: int | None) -> list[Period]:
    """Every period the text names, in order: years, five-year plans and, when
    the report's year is known, the periods named from it (今年, 去年, 过去五年)."""
    found = named_years(text)
    for rule in _rules():
        if rule.kind == "relative" and report_year is None:
            continue
        base = report_year if rule.kind == "relative" else 0
        found += [Period(m.start(), base + rule.first, base + rule.last, rule.kind)
                  for m in rule.pattern.finditer(text) if not _compared(text, m.start(), m.end())]
    return sorted(found)


def report_year(text: str, headings: list[tuple[int, str]], default: int | None = None,
                states_plan: Callable[[str], bool] | None = None) -> int | None:
    """The year the report is for, as the text says it of itself; else default
    (what the user says); else the likeliest year from the years it names.

    states_plan(sentence) tells a plan sentence: with it, a text that reviews
    the year it names most and plans for 今年 (报告显示,2023年…增长4.8%。今年
    …预期增长5%左右) is of the year after."""
    opening = text[:_OPENING]
    m = _SESSION_DATE.search(opening)
    if m:
        return int(m.group(1))
    m = _NATIONAL_SESSION.search(opening)
    if m and int(parse_number(m.group(1))) in _national_terms():
        # A term named without its session (向第五届全国人民代表大会作报告) is at its first.
        return _national_terms()[int(parse_number(m.group(1)))] + int(parse_number(m.group(2) or "一")) - 1
    m = _TITLE.search(opening)
    if m:
        return int(m.group(1))
    for _, line in headings:
        if "回顾" in line:
            reviewed = periods(line[:line.index("回顾")], None)
            if reviewed:
                return reviewed[-1].last + 1
    m = _PUBLISHED.search(opening)
    if default or m:
        return default or int(m.group(1))
    guess = _most_likely_year(text)
    if guess is not None and guess.latest == guess.most_named and states_plan is not None \
            and _reviews(text, guess.most_named, states_plan):
        return guess.most_named + 1
    return guess.latest if guess else None


def _reviews(text: str, year: int, states_plan: Callable[[str], bool]) -> bool:
    """True when the text names year before it first speaks of 今年, and names
    it only in sentences that state no plan: year is what it reviews."""
    this_year = [m.start() for rule in _rules() if rule.kind == "relative" and rule.first == rule.last == 0
                 for m in [rule.pattern.search(text)] if m]
    named = [m.start() for m in _YEAR_AT.finditer(text) if year_value(m.group(1)) == year]
    if not this_year or not named or named[0] > min(this_year):
        return False
    return not any(states_plan(text[slice(*segment.sentence_of(text, start))]) for start in named)


class Guess(NamedTuple):
    most_named: int
    latest: int


def _most_likely_year(text: str) -> Guess | None:
    """A report that says nothing of itself names the year it reviews most, and
    the year it plans for at least once: the latest year up to one after the
    most named, horizons aside."""
    counts = Counter(
        year_value(m.group(1)) for m in _YEAR_AT.finditer(text)
        if not _HORIZON_BEFORE.search(text, max(0, m.start(1) - 2), m.start(1))
        and not _HORIZON_AFTER.match(text, m.start()))
    if not counts:
        return None
    most_named = max(counts, key=lambda y: (counts[y], y))
    return Guess(most_named, max(y for y in counts if y <= most_named + 1))


def is_baseline(text: str, start: int, end: int) -> bool:
    """从619.98亿元增长到880亿元: the value a change starts from."""
    return _BASELINE_BEFORE.search(text, max(0, start - 10), start) is not None
