"""Targets against outcomes: each target of a region for a year beside the
figure that a report of the region gives as achieved for that year.

Pure functions over extract's rows (keys of ``model.FIELDS``): prepare
works on one file's rows and text where the file is read, Tracker pairs the
prepared rows of all files. The rules that need words (which targets are
ceilings, which figures span several years, which statement is a report's
own list of targets) are data: ``data/track.tsv``.
"""
from __future__ import annotations

import re
from functools import cache
from typing import Collection, Iterable, NamedTuple

import regex

from .reports import plan_years, report_places
from .lexicon import LexiconError, check_value, read_table

# Column order of every output format (CSV/TSV header, JSON key order).
TRACK_FIELDS = (
    "region", "region_code", "key", "indicator", "year", "unit",
    "target_value", "target_value_max", "target_bound", "target_text",
    "achieved_value", "achieved_bound", "achieved_text", "gap", "met",
    "target_file", "target_line", "achieved_file", "achieved_line",
)
# SQL column types for a database writer; met, a boolean, is stored as 0/1.
_SQL_TYPES = {**dict.fromkeys(("target_value", "target_value_max", "achieved_value", "gap"), "REAL"),
              **dict.fromkeys(("year", "met", "target_line", "achieved_line"), "INTEGER")}

# A target "about X" (左右, 约) is met within this much short of X, on the side
# its direction allows: half a percentage point for a rate in %, so 7%左右 of
# growth is met from 6.5% and 3%左右 of price rises up to 3.5%; a twentieth of
# the target for any other unit (1200万人左右 from 1140万人).
APPROX_POINTS = 0.5
APPROX_SHARE = 0.05

RULES = {"ceiling", "several_years", "one_year", "base_year", "headline"}
SCOPES = {"key", "indicator", "before", "lead"}
_SPACE = re.compile(r"\s+")


def sql_columns() -> list[tuple[str, str]]:
    """TRACK_FIELDS with the SQL type of each column (TEXT unless a number)."""
    return [(f, _SQL_TYPES.get(f, "TEXT")) for f in TRACK_FIELDS]


class Rules(NamedTuple):
    ceiling_key: regex.Pattern
    ceiling_indicator: regex.Pattern
    ceiling_before: regex.Pattern
    span: regex.Pattern          # reversed: its first match is the span word nearest the quantity
    headline: regex.Pattern


@cache
def rules() -> Rules:
    found: dict[tuple[str, str], list[str]] = {}
    table = read_table("track.tsv", 3)
    for n, (rule, scope, pattern) in table:
        check_value("track.tsv", n, rule, RULES)
        check_value("track.tsv", n, scope, SCOPES)
        if (rule == "base_year") != ("(?P<year>" in pattern):
            raise LexiconError(f"track.tsv:{n}: a group named year belongs in base_year patterns, and only there")
        found.setdefault((rule, scope), []).append(f"(?:{pattern})")

    def joined(rule: str, scope: str) -> str:
        if (rule, scope) not in found:
            raise LexiconError(f"track.tsv: no {rule} rule of scope {scope}")
        return "|".join(found.pop((rule, scope)))

    try:
        out = Rules(
            regex.compile(f"(?:{joined('ceiling', 'key')})"),
            regex.compile(joined("ceiling", "indicator")),
            regex.compile(f"(?r)(?:{joined('ceiling', 'before')})\\Z"),
            # Spans first: 2011—2015年 is one span, not the year 2015. Searched from
            # the end, so that a long paragraph costs one match, not all of them.
            regex.compile(f"(?r)(?P<several>{joined('several_years', 'lead')})|(?P<base>{joined('base_year', 'lead')})"
                          f"|(?P<one>{joined('one_year', 'lead')})"),
            regex.compile(joined("headline", "lead")))
    except regex.error:
        # Each line alone only now, to name the one at fault: compiling is what costs.
        for n, (_, _, pattern) in table:
            try:
                regex.compile(pattern)
            except regex.error as exc:
                raise LexiconError(f"track.tsv:{n}: bad pattern {pattern!r}: {exc}") from None
        raise
    if found:
        rule, scope = next(iter(found))
        raise LexiconError(f"track.tsv: {rule} rules do not take scope {scope}")
    return out


def sentence_lead(row: dict) -> str:
    """The row's sentence up to its quantity: what stands in for its paragraph
    when the file's text is not at hand."""
    sentence = row.get("sentence") or ""
    at = sentence.find(row.get("text") or "")
    return sentence[:at] if at >= 0 else ""


def span(lead: str, report_year: int | None) -> str | None:
    """What the span word nearest before a quantity (lead: its paragraph up to
    it, in a report for report_year) says: "several" years (这五年, 年均, 累计 …,
    or a comparison with a year more than two before the report's, a 2008
    report's 比2002年), "one" (2023年, 去年 …), or None when there is none."""
    last = rules().span.search(lead)
    if last is None:
        return None
    if last.group("one") is not None:
        return "one"
    if last.group("several") is not None:
        return "several"
    return "several" if report_year is not None and int(last.group("year")) < report_year - 2 else "one"


def several_years(lead: str, report_year: int | None) -> bool:
    """Whether the quantity after lead is a figure for several years (span)."""
    return span(lead, report_year) == "several"


def is_ceiling(row: dict, lead: str) -> bool:
    """Whether the target is met at or below its value. A bound says so itself
    (<= is a ceiling; >= and > are floors); otherwise the indicator (prices,
    unemployment rates) or the words just before the quantity (控制在, 降至)."""
    bound = row.get("bound")
    if bound in (">=", ">"):
        return False
    if bound == "<=":
        return True
    r = rules()
    return bool(r.ceiling_key.fullmatch(row.get("key") or "")
                or r.ceiling_indicator.search(row.get("indicator") or "")
                or r.ceiling_before.search(lead.rstrip()))


def is_met(target: dict, achieved: float, ceiling: bool) -> bool:
    """Whether achieved meets target: a floor at or above it (a range: its low
    end), a ceiling at or below it (a range: its high end); about X (~) with
    APPROX_POINTS or APPROX_SHARE of slack on the side the direction allows."""
    low = target["value"]
    high = target.get("value_max")
    if high is None:
        high = low
        if target.get("bound") == "~":
            slack = APPROX_POINTS if target.get("unit") == "%" else abs(low) * APPROX_SHARE
            low, high = low - slack, high + slack
    return achieved <= high + 1e-9 if ceiling else achieved >= low - 1e-9


def gap(target: dict | None, achieved: dict | None) -> int | float | None:
    """achieved − target (a range: its low end), in the target's unit; for % it
    is in percentage points."""
    if target is None or achieved is None:
        return None
    difference = round(achieved["value"] - target["value"], 6)
    return int(difference) if float(difference).is_integer() else difference


# What the pairing keeps of a row; the rest (the sentence above all) stays in
# the process that read the file.
KEPT_FIELDS = ("file", "line", "text", "indicator", "value", "value_max", "unit", "bound", "status", "year",
               "key", "region_code")


def paragraph_lead(text: str, start: int) -> str:
    """The paragraph (line) of text up to offset start."""
    return text[text.rfind("\n", 0, start) + 1:start]


def prepare(rows: list[dict], text: str | None = None, keys: Collection[str] | None = None) -> list[dict]:
    """One file's rows (extract's) as the pairing takes them, worked out where
    the file was read (Tracker.add takes them).

    The targets and outcomes with a year and a value (of keys, when given)
    that are not figures for several years, each with the region of its
    report, the year the report plans for (report_year), whether its paragraph
    up to it speaks of the report's main targets (headline) and whether the
    target is a ceiling (ceiling). text is the file's text, for the
    paragraphs; without it, each row's sentence stands in.
    """
    places = report_places(rows)
    years = plan_years(rows, places)
    headline = rules().headline
    out = []
    for row, place in zip(rows, places):
        year, status = row.get("year"), row.get("status")
        if year is None or (status != "target" and status != "achieved") or row.get("value") is None:
            continue
        if keys is not None and row.get("key") not in keys:
            continue
        start = row.get("start")
        lead = paragraph_lead(text, start) if text is not None and start is not None else sentence_lead(row)
        planned = years.get(place)
        spans = span(lead, planned)
        # A goal for a later year that names no year of its own (a five-year
        # plan's 城镇新增就业5000万人以上) is one for the years up to it.
        if spans == "several" or (spans is None and status == "target" and planned is not None and year != planned):
            continue
        kept = {f: row.get(f) for f in KEPT_FIELDS}
        kept.update(region=place[1], report_year=planned, headline=bool(headline.search(lead)),
                    ceiling=status == "target" and is_ceiling(row, lead))
        out.append(kept)
    return out


class _Candidate(NamedTuple):
    rank: tuple
    row: dict


class Tracker:
    """Pairs targets with outcomes over reports added a file at a time, so
    that a command can take each file's rows as they come.

    An indicator is a key, or for rows without a key the indicator text
    (spaces aside); its unit must agree. When several reports give a target
    for the year, the report that plans for that year wins, and within it the
    statement of its main targets, then the first mention; for the outcome,
    the nearest later report wins, then its first mention.
    """

    def __init__(self):
        self.report_years: dict[tuple, int | None] = {}    # (file, region) → the year it plans for
        self._targets: dict[tuple, _Candidate] = {}
        self._outcomes: dict[tuple, _Candidate] = {}
        self._first_seen: dict[tuple, tuple] = {}        # (region, indicator) → (file, row) of its first row
        self._files = 0

    def add(self, prepared: list[dict]) -> None:
        """One file's rows as prepare gives them, files in input order."""
        position = self._files
        self._files += 1
        first_seen, targets, outcomes = self._first_seen, self._targets, self._outcomes
        for n, row in enumerate(prepared):
            region, key, year, planned = row["region"], row["key"], row["year"], row["report_year"]
            self.report_years[(row["file"], region)] = planned
            order = (position, n)
            group = (region, key or "", "" if key else _SPACE.sub("", row["indicator"] or ""), row["unit"] or "")
            first_seen.setdefault(group, order)
            slot = (group, year)
            if row["status"] == "target":
                # The report of the year itself, then the nearest earlier, then later ones.
                distance = (2, 0) if planned is None else (0 if planned == year else 1 if planned < year else 2,
                                                          abs(year - planned))
                rank = (*distance, not row["headline"], order)
                chosen = targets
            else:
                rank = ((0, planned - year) if planned is not None and planned > year else (1, 0), order)
                chosen = outcomes
            held = chosen.get(slot)
            if held is None or rank < held.rank:
                chosen[slot] = _Candidate(rank, row)

    def rows(self, complete: bool = False) -> list[dict]:
        """One row of TRACK_FIELDS per region, indicator and year, by region and
        indicator in order of first mention, then by year. A target without an
        outcome, or an outcome without a target, is a row with the other side
        empty, unless complete."""
        out = []
        first_seen = self._first_seen
        for slot in sorted(self._targets.keys() | self._outcomes.keys(), key=lambda slot: (first_seen[slot[0]], slot[1])):
            target, outcome = self._targets.get(slot), self._outcomes.get(slot)
            if complete and (target is None or outcome is None):
                continue
            out.append(_tracked(slot[0][0], target and target.row, outcome and outcome.row))
        return out


def track(rows: Iterable[dict], text: str | None = None, keys: Collection[str] | None = None,
          complete: bool = False) -> list[dict]:
    """Tracker's rows for the rows of one file (text: its text), or of files
    whose paragraphs are not at hand, at once."""
    tracker = Tracker()
    tracker.add(prepare(list(rows), text, keys))
    return tracker.rows(complete)


def _tracked(region: str | None, t: dict | None, a: dict | None) -> dict:
    first = t or a
    return {
        "region": region,
        "region_code": (t or {}).get("region_code") or (a or {}).get("region_code"),
        "key": first["key"],
        "indicator": first["indicator"],
        "year": first["year"],
        "unit": first["unit"],
        "target_value": t and t["value"],
        "target_value_max": t and t["value_max"],
        "target_bound": t and t["bound"],
        "target_text": t and t["text"],
        "achieved_value": a and a["value"],
        "achieved_bound": a and a["bound"],
        "achieved_text": a and a["text"],
        "gap": gap(t, a),
        "met": is_met(t, a["value"], t["ceiling"]) if t is not None and a is not None else None,
        "target_file": t and t["file"],
        "target_line": t and t["line"],
        "achieved_file": a and a["file"],
        "achieved_line": a and a["line"],
    }
