"""Describe stage, document side: status, region and year carried through a text.

A file may hold several reports (a newspaper page, one article per district);
each gets the region its congress names or, failing that, the most specific
region it mentions most. Years come from the sentence when it names one and
otherwise from the last year named before it. Status comes from the sentence's
own cue words, else from the heading of the section it stands in.
"""
from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, cached_property

import regex

from . import lexicon, segment
from .model import Status
from .numerals import DIGITS

# A year the text looks ahead to (到2035年, 2035年远景目标) is a horizon, not the report's year.
_HORIZON_BEFORE = regex.compile(r"(?:^|[，,。；;：:\n])(?:到|至)$")
_HORIZON_AFTER = regex.compile(r"年(?:远景|前|以前|基本实现|全面建成)")
# How many sentences back, within a paragraph, a stated result still holds.
LEAD_IN_SENTENCES = 4
_YEAR = regex.compile(r"(?<![\d〇零一二三四五六七八九])((?:19|20)\d\d|[〇零一二三四五六七八九]{4})[ \t]*年(?!代|度)")
_ADMIN_UNIT = regex.compile(r"\p{Han}+?(?:自治州|自治县|自治区|新区|省|市|县|区|旗)")


def _year_value(digits: str) -> int:
    return int(digits) if digits.isdigit() else int("".join(str(DIGITS[c]) for c in digits))


@cache
def _region_patterns() -> tuple[tuple[lexicon.Region, regex.Pattern], ...]:
    return tuple((r, regex.compile(r.pattern)) for r in lexicon.regions())


@cache
def _cues(scope: str) -> tuple[lexicon.Cue, ...]:
    return tuple(c for c in lexicon.cues() if c.scope == scope)


def resolve_region(name: str) -> str | None:
    """The government a congress cue names: 青岛市城阳区 → 城阳区; 某某县 → 某某县."""
    best = None
    for region, pattern in _region_patterns():
        for m in pattern.finditer(name):
            key = (region.level, m.start())
            if best is None or key > best[0]:
                best = (key, region.name)
    if best:
        return best[1]
    units = _ADMIN_UNIT.findall(name)
    return units[-1] if units else None


def dominant_region(text: str, start: int, end: int) -> str | None:
    """The most specific region the span names, the most often named among those."""
    counts = []
    for region, pattern in _region_patterns():
        hits = pattern.findall(text, start, end)
        if hits:
            first = pattern.search(text, start, end).start()
            counts.append((region.level, len(hits), -first, region.name))
    return max(counts)[3] if counts else None


def cue_status(text: str, scope: str) -> set[str]:
    return {c.status for c in _cues(scope) if c.pattern.search(text)}


def _decide(found: set[str]) -> str | None:
    """One status from the cue kinds found; None when they disagree."""
    if Status.FACT.value in found:
        return Status.FACT.value
    if len(found) == 1:
        return next(iter(found))
    return None


@dataclass
class DocumentContext:
    text: str
    default_region: str | None = None
    default_year: int | None = None
    report_spans: list[tuple[int, int]] = field(init=False)
    report_starts: list[int] = field(init=False)
    report_regions: list[str | None] = field(init=False)
    year_offsets: list[int] = field(init=False)
    year_values: list[int] = field(init=False)
    plan_year: int | None = field(init=False)
    heading_offsets: list[int] = field(init=False)
    heading_status: list[str | None] = field(init=False)
    _cue_cache: dict = field(init=False, default_factory=dict)
    _lead_in_cache: dict = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        text = self.text
        self.report_spans = segment.reports(text)
        self.report_starts = [s for s, _ in self.report_spans]
        self.report_regions = []
        for start, end in self.report_spans:
            named = [r for r in map(resolve_region, segment.congress_names(text, start, end)) if r]
            self.report_regions.append(named[0] if named else dominant_region(text, start, end) or self.whole_region)
        marks = [(m.start(), _year_value(m.group(1))) for m in _YEAR.finditer(text)]
        self.year_offsets = [o for o, _ in marks]
        self.year_values = [y for _, y in marks]
        heading_lines = segment.headings(text)
        self.plan_year = self.default_year or self._detect_plan_year(text, heading_lines)
        self.heading_offsets, self.heading_status = [], []
        for offset, line in heading_lines:
            self.heading_offsets.append(offset)
            self.heading_status.append(self._heading_status(line))

    @cached_property
    def whole_region(self) -> str | None:
        """The region of the whole text; only a report that names none of its own needs it."""
        return dominant_region(self.text, 0, len(self.text)) or self.default_region

    def _detect_plan_year(self, text: str, heading_lines: list[tuple[int, str]]) -> int | None:
        """The year the report plans for: the year after the one its review heading
        names (2018年工作回顾), else the latest year it names, horizons aside,
        that is at most one after the year it names most."""
        for _, line in heading_lines:
            if "回顾" in line:
                reviewed = [_year_value(m.group(1)) for m in _YEAR.finditer(line)]
                if reviewed:
                    return reviewed[0] + 1
        counts = Counter(
            year for offset, year in zip(self.year_offsets, self.year_values)
            if not _HORIZON_BEFORE.search(text, max(0, offset - 2), offset)
            and not _HORIZON_AFTER.match(text, offset + 4)
        )
        if not counts:
            return None
        # A report names the year it reviews most, and the year it plans for at
        # least once: the latest year up to one after the most named.
        most_named = max(counts, key=lambda y: (counts[y], y))
        return max(y for y in counts if y <= most_named + 1)

    def _heading_status(self, line: str) -> str | None:
        first_year = next((_year_value(m.group(1)) for m in _YEAR.finditer(line)), None)
        return self._stated(cue_status(line, "heading"), first_year)

    def _stated(self, cues: set[str] | frozenset[str], year: int | None) -> str | None:
        """The status that cue words and a year named beside them state: a year
        before the plan year is a result, the plan year a target."""
        found = set(cues)
        if year is not None and self.plan_year and Status.FACT.value not in found:
            found.add(Status.ACHIEVED.value if year < self.plan_year else Status.TARGET.value)
        return _decide(found)

    def _report_index(self, offset: int) -> int:
        return max(bisect_right(self.report_starts, offset) - 1, 0)

    def region_at(self, offset: int) -> str | None:
        return self.report_regions[self._report_index(offset)]

    def section_status(self, offset: int) -> str:
        """Status set by the last heading with a cue before offset, in the same report."""
        floor = self.report_starts[self._report_index(offset)]
        i = bisect_right(self.heading_offsets, offset) - 1
        while i >= 0 and self.heading_offsets[i] >= floor:
            if self.heading_status[i]:
                return self.heading_status[i]
            i -= 1
        return Status.TARGET.value

    def sentence_year(self, sentence: tuple[int, int], offset: int) -> int | None:
        """The year the sentence itself names: the last before offset, else the first after."""
        lo = bisect_right(self.year_offsets, sentence[0] - 1)
        hi = bisect_right(self.year_offsets, sentence[1] - 1)
        inside = list(zip(self.year_offsets[lo:hi], self.year_values[lo:hi]))
        before = [y for o, y in inside if o < offset]
        return before[-1] if before else (inside[0][1] if inside else None)

    def _sentence_cues(self, sentence: tuple[int, int]) -> frozenset[str]:
        # Several quantities share a sentence: look its cues up once.
        if sentence not in self._cue_cache:
            self._cue_cache[sentence] = frozenset(cue_status(self.text[sentence[0]:sentence[1]], "sentence"))
        return self._cue_cache[sentence]

    def when(self, sentence: tuple[int, int], offset: int) -> tuple[str, int | None]:
        """(status, year) of a quantity at offset in sentence."""
        own_year = self.sentence_year(sentence, offset)
        status = (self._stated(self._sentence_cues(sentence), own_year)
                  or self._lead_in_status(sentence) or self.section_status(offset))
        return status, self._year(status, own_year, sentence[0])

    def _lead_in_status(self, sentence: tuple[int, int]) -> str | None:
        """Achieved, when an earlier sentence of the same paragraph says so outright,
        by its words or by naming a past year (过去一年，我们取得了很大成绩。国内
        生产总值增长10.3%……; 2023年，全区实现……。1-11月，规上工业增加值增长8%)."""
        if sentence[0] not in self._lead_in_cache:
            self._lead_in_cache[sentence[0]] = self._find_lead_in(sentence[0])
        return self._lead_in_cache[sentence[0]]

    def _find_lead_in(self, end: int) -> str | None:
        for _ in range(LEAD_IN_SENTENCES):
            if end == 0 or self.text[end - 1] == "\n":
                return None  # the paragraph starts here
            start = segment.sentence_of(self.text, end - 1)[0]
            stated = self._stated(self._sentence_cues((start, end)), self.sentence_year((start, end), end))
            if stated:
                # Only a result carries over: a plan sentence rarely introduces bare figures.
                return stated if stated == Status.ACHIEVED.value else None
            end = start
        return None

    def _year(self, status: str, own_year: int | None, sentence_start: int) -> int | None:
        if own_year is not None or status == Status.FACT.value:
            return own_year
        if self.plan_year is None:
            return None
        if status == Status.TARGET.value:
            return self.plan_year
        i = bisect_right(self.year_offsets, sentence_start - 1) - 1
        while i >= 0 and self.year_values[i] > self.plan_year:
            i -= 1    # 到2035年: a distant horizon is not the year of the work
        inherited = self.year_values[i] if i >= 0 else self.plan_year
        return inherited if inherited < self.plan_year else self.plan_year - 1
