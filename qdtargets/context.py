"""Describe stage, document side: status, region and year carried through a text.

A file may hold several reports (a newspaper page, one article per district);
each gets the region region.py finds for it. A quantity's period is the one
its sentence names (periods: 2023年, “十三五”, 去年, 过去五年), else the one a
review names before it. Status comes from the sentence's own cue words and period, else
from an earlier sentence of its paragraph that states a result, else from the
heading of the section it stands in: a period before the report's year is a
result, the report's year or later a plan.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache

from . import lexicon, periods, region, segment
from .model import Status
from .periods import Period



@cache
def _cues(scope: str) -> tuple[lexicon.Cue, ...]:
    return tuple(c for c in lexicon.cues() if c.scope == scope)


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
    period_starts: list[int] = field(init=False)
    periods: list[Period] = field(init=False)
    plan_year: int | None = field(init=False)
    heading_offsets: list[int] = field(init=False)
    heading_status: list[str | None] = field(init=False)
    heading_plans: list[Period | None] = field(init=False)
    _cue_cache: dict = field(init=False, default_factory=dict)
    _lead_in_cache: dict = field(init=False, default_factory=dict)
    _last_baseline: tuple[int, int] = field(init=False, default=(-1, 0))

    def __post_init__(self) -> None:
        text = self.text
        self.report_spans = segment.reports(text)
        self.report_starts = [s for s, _ in self.report_spans]
        heading_lines = segment.headings(text)
        self.plan_year = periods.report_year(
            text, heading_lines, self.default_year,
            states_plan=lambda words: any(Status.TARGET.value in cue_status(words, scope)
                                          for scope in ("sentence", "outside-review", "heading")))
        self.report_regions = region.report_regions(text, self.report_spans, self.plan_year, self.default_region)
        self.periods = periods.periods(text, self.plan_year)
        self.period_starts = [p.start for p in self.periods]
        self.heading_offsets, self.heading_status, self.heading_plans = [], [], []
        for offset, line in heading_lines:
            named = self._periods_in(offset, offset + len(line))
            self.heading_offsets.append(offset)
            self.heading_status.append(self._heading_status(line, named))
            self.heading_plans.append(self._heading_plan(named) if self.heading_status[-1] else None)

    def _periods_in(self, start: int, end: int) -> list[Period]:
        return self.periods[bisect_right(self.period_starts, start - 1):bisect_right(self.period_starts, end - 1)]

    def _heading_status(self, line: str, named: list[Period]) -> str | None:
        # Years only: a line that is no more than “十三五” may be a sentence broken
        # at its quotes, and the words of a real heading say the rest (回顾, 目标).
        year = next((p for p in named if p.kind == "year"), None)
        return self._stated(cue_status(line, "heading"), year)

    def _heading_plan(self, named: list[Period]) -> Period | None:
        """The span a plan heading looks ahead to (“十四五”时期主要目标任务): its
        section's plans are for the span's end."""
        ahead = [p for p in named if self.plan_year and p.last > self.plan_year]
        return ahead[-1] if ahead else None

    def _stated(self, cues: set[str] | frozenset[str], period: Period | None) -> str | None:
        """The status that cue words and a period named beside them state: a
        period ending before the report's year is a result, a later one a plan."""
        found = set(cues)
        if period is not None and self.plan_year and Status.FACT.value not in found:
            found.add(Status.ACHIEVED.value if period.last < self.plan_year else Status.TARGET.value)
        return _decide(found)

    def _report_index(self, offset: int) -> int:
        return max(bisect_right(self.report_starts, offset) - 1, 0)

    def region_at(self, offset: int) -> str | None:
        return self.report_regions[self._report_index(offset)]

    def _section(self, offset: int) -> int | None:
        """The last heading with a cue before offset, in the same report."""
        floor = self.report_starts[self._report_index(offset)]
        i = bisect_right(self.heading_offsets, offset) - 1
        while i >= 0 and self.heading_offsets[i] >= floor:
            if self.heading_status[i]:
                return i
            i -= 1
        return None

    def section_status(self, offset: int) -> str:
        """Status set by the section's heading; a plan where none says."""
        i = self._section(offset)
        return self.heading_status[i] if i is not None else Status.TARGET.value

    def sentence_period(self, sentence: tuple[int, int], offset: int) -> Period | None:
        """The period the sentence itself names: the last before offset, else the
        first after it (年产能力将为一万五千辆,一九五九年建成) — but a word such as
        去年 in a later clause speaks of another time (3%左右,综合考虑了去年…)."""
        lo = bisect_right(self.period_starts, sentence[0] - 1)
        hi = bisect_right(self.period_starts, sentence[1] - 1)
        before = bisect_right(self.period_starts, offset - 1, lo, hi)
        if before > lo:
            return self.periods[before - 1]
        if hi == lo:
            return None
        after = self.periods[lo]
        if after.kind == "relative" and segment.clause_of(self.text, sentence, offset)[1] <= after.start:
            return None
        return after

    def _sentence_cues(self, sentence: tuple[int, int]) -> frozenset[str]:
        # Several quantities share a sentence: look its cues up once.
        if sentence not in self._cue_cache:
            words = self.text[sentence[0]:sentence[1]]
            found = cue_status(words, "sentence")
            if self.section_status(sentence[0]) != Status.ACHIEVED.value:
                found |= cue_status(words, "outside-review")
            self._cue_cache[sentence] = frozenset(found)
        return self._cue_cache[sentence]

    def when(self, sentence: tuple[int, int], offset: int, end: int) -> tuple[str, int | None]:
        """(status, year) of the quantity at offset..end in sentence."""
        own = self.sentence_period(sentence, offset)
        if self.plan_year and periods.is_baseline(self.text, offset, end):
            year = self._baseline_year(sentence, offset, own)
            if year is not None and year < self.plan_year:
                # TARGETS.md: a baseline (从2010年的X增加到…) is achieved in its own year.
                self._last_baseline = (self._paragraph_start(sentence[0]), year)
                return Status.ACHIEVED.value, year
        status = (self._stated(self._sentence_cues(sentence), own)
                  or self._lead_in_status(sentence) or self.section_status(offset))
        return status, self._year(status, own, sentence[0])

    def _baseline_year(self, sentence: tuple[int, int], offset: int, own: Period | None) -> int | None:
        """The year a change starts from: the year named with it (由2010年的77亿元),
        the year before a span the sentence or its review names (五年来,从619.98亿元
        增长到…), else the year of the paragraph's earlier baseline."""
        if own is not None and own.start < offset:
            return own.first - 1 if own.span else own.first
        paragraph, year = self._last_baseline
        if paragraph == self._paragraph_start(sentence[0]):
            return year
        before = self._period_before(sentence[0])
        return before.first - 1 if before is not None and before.span else None

    def _paragraph_start(self, offset: int) -> int:
        return self.text.rfind("\n", 0, offset) + 1

    def _period_before(self, offset: int) -> Period | None:
        """The last period named before offset that is not the report's own year or later."""
        i = bisect_right(self.period_starts, offset - 1) - 1
        while i >= 0 and self.periods[i].last >= self.plan_year:
            i -= 1    # 到2035年, 今年: not the year of the work reviewed
        return self.periods[i] if i >= 0 else None

    def _lead_in_status(self, sentence: tuple[int, int]) -> str | None:
        """Achieved, when an earlier sentence of the same paragraph says so outright,
        by its words or by naming a past year (过去一年，我们取得了很大成绩。国内
        生产总值增长10.3%……; 2023年，全区实现……。1-11月，规上工业增加值增长8%).
        A result a paragraph states holds for its bare figures to its end."""
        # Walk back to the nearest sentence that states something, or one whose
        # answer is known, and remember the answer for every sentence passed.
        passed: list[int] = []
        end = sentence[0]
        found: str | None = None
        while end not in self._lead_in_cache:
            if end == 0 or self.text[end - 1] == "\n":
                break  # the paragraph starts here
            passed.append(end)
            start = segment.sentence_of(self.text, end - 1)[0]
            stated = self._stated(self._sentence_cues((start, end)), self.sentence_period((start, end), end))
            if stated:
                # Only a result carries over: a plan sentence rarely introduces bare figures.
                found = stated if stated == Status.ACHIEVED.value else None
                break
            end = start
        else:
            found = self._lead_in_cache[end]
        for start in passed:
            self._lead_in_cache[start] = found
        return found

    def _year(self, status: str, own: Period | None, sentence_start: int) -> int | None:
        if status == Status.FACT.value or self.plan_year is None:
            return own.last if own else None
        if status == Status.TARGET.value:
            # A plan is for the report's year, or for the end of the span it names
            # (到2025年, “十四五”时期), never for a year already past; a plan
            # sentence that names none is of the year its paragraph named.
            own = own or self._paragraph_plan_period(sentence_start) or self._section_plan(sentence_start)
            return max(own.last, self.plan_year) if own else self.plan_year
        if own is not None and own.last <= self.plan_year:
            return own.last
        # A result the sentence does not date (or dates by a plan still running,
        # 提前实施“十四五”规划重大工程) is of the period a review named before it.
        before = self._period_before(sentence_start)
        return before.last if before is not None else self.plan_year - 1

    def _section_plan(self, offset: int) -> Period | None:
        i = self._section(offset)
        return self.heading_plans[i] if i is not None else None

    def _paragraph_plan_period(self, end: int) -> Period | None:
        """A year after the report's that an earlier sentence of the same paragraph
        opens with (2023年启动7793户老旧小区改造。完成2.1万余户燃气改造。); a year
        inside a sentence (到2025年, “十三五”规划重大项目) frames only its own."""
        paragraph = self._paragraph_start(end)
        i = bisect_right(self.period_starts, end - 1) - 1
        if i < 0 or self.periods[i].start < paragraph or self.periods[i].last <= self.plan_year:
            return None
        period = self.periods[i]
        opens = segment.sentence_of(self.text, period.start)[0]
        return period if self.text[opens:period.start].strip(" \t　") == "" else None
