"""Summaries and comparisons of extracted rows: pure functions over row dicts.

The rows are what `extract` writes (keys of ``model.FIELDS``). ``category``
and ``key`` are read with ``row.get`` so that rows without them still work.
"""
from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Sequence

from .reports import plan_years, report_places

# region_code comes last, so that the columns before keep their places.
SUMMARY_FIELDS = ("file", "region", "year", "by", "name", "count", "region_code")
STATUS_ORDER = ("target", "achieved", "fact")
# Largest first; a quantity is shown with the largest scale it reaches.
SCALES = ((10 ** 12, "万亿"), (10 ** 8, "亿"), (10 ** 4, "万"))
BOUND_SIGNS = {"=": "", ">=": "≥", ">": ">", "<=": "≤", "~": "~"}
# A change between two percentages is in percentage points.
CHANGE_UNITS = {"%": "百分点"}
_SPACE = re.compile(r"\s+")


def summarize(rows: Iterable[dict]) -> list[dict]:
    """Counts by status and by category for each file, region and year, in input order.

    Statuses come in the order target, achieved, fact; categories by count,
    largest first; rows without a category are counted under name None.
    Zero counts are left out.
    """
    groups: dict[tuple, tuple[Counter, Counter]] = {}
    codes: dict[tuple, str | None] = {}
    for row in rows:
        place = (row.get("file"), row.get("region"), row.get("year"))
        by_status, by_category = groups.setdefault(place, (Counter(), Counter()))
        by_status[row.get("status")] += 1
        by_category[row.get("category")] += 1
        codes[place] = codes.get(place) or row.get("region_code")
    out = []
    for (file, region, year), (by_status, by_category) in groups.items():
        place = {"file": file, "region": region, "year": year}
        statuses = [s for s in STATUS_ORDER if by_status[s]] + sorted(set(by_status) - set(STATUS_ORDER), key=str)
        code = {"region_code": codes[(file, region, year)]}
        out += [{**place, "by": "status", "name": s, "count": by_status[s], **code} for s in statuses]
        categories = sorted(by_category, key=lambda c: (c is None, -by_category[c], c or ""))
        out += [{**place, "by": "category", "name": c, "count": by_category[c], **code} for c in categories]
    return out


def _plain(x: float) -> str:
    """A number without exponent or float noise: 27000, 1.3, -0.25."""
    if float(x).is_integer():
        return str(int(x))
    return f"{x:.4f}".rstrip("0").rstrip(".")


def _scaled(numbers: Sequence[float]) -> tuple[list[str], str]:
    """The numbers in the one scale the largest reaches, and its name: [0.5, 2], 万."""
    largest = max(abs(n) for n in numbers)
    for size, name in SCALES:
        if largest >= size:
            return [_plain(round(n / size, 4)) for n in numbers], name
    return [_plain(n) for n in numbers], ""


def format_quantity(value, value_max=None, unit: str | None = "", bound: str | None = "=") -> str:
    """How a report would write the quantity: ≥8%, 2.7万人, ~5.5%, 5–6%, 1.3万亿斤."""
    if value is None:
        return ""
    numbers, scale = _scaled([value] if value_max is None else [value, value_max])
    return BOUND_SIGNS.get(bound or "=", bound or "") + "–".join(numbers) + scale + (unit or "")


def format_change(change: float | None, unit: str | None) -> str:
    """A difference with its sign: +1200万人, -1.5百分点, 0%."""
    if change is None:
        return ""
    (number,), scale = _scaled([change])
    return ("+" if change > 0 else "") + number + scale + (unit or "")


@dataclass(frozen=True)
class Report:
    """One column of a comparison: one region's report in one file."""
    file: str
    region: str | None
    year: int | None
    label: str
    region_code: str | None = None


@dataclass(frozen=True)
class Change:
    """The difference between two reports of one region: later minus earlier."""
    earlier: int            # index into Comparison.reports
    later: int
    label: str


@dataclass
class ComparedRow:
    key: str | None
    indicator: str
    cells: list[dict | None]                    # one extracted row (or None) per report
    changes: list[tuple[float, str] | None]     # (difference, unit) or None per Change


@dataclass
class Comparison:
    reports: list[Report]
    changes: list[Change]
    rows: list[ComparedRow]


def _reports(rows: list[dict], places: list[tuple[str, str | None]],
             years: dict[tuple, int | None]) -> tuple[list[Report], list[int]]:
    """The reports of the rows (at the given places), in input order, each with
    the year it plans for and its region's code, and each row's report index."""
    codes: dict[tuple, str] = {}
    for row, place in zip(rows, places):
        if row.get("region_code") and place[1] == row.get("region"):
            codes.setdefault(place, row["region_code"])
    index: dict[tuple, int] = {}
    of_row = [index.setdefault(place, len(index)) for place in places]
    labels = [_label(file, region, years.get((file, region))) for file, region in index]
    taken = Counter(labels)
    # Two reports with one label (a region's year given twice): name the files too.
    labels = [f"{label} ({os.path.basename(file)})" if taken[label] > 1 else label
              for label, (file, _) in zip(labels, index)]
    return [Report(f, r, years.get((f, r)), l, codes.get((f, r))) for (f, r), l in zip(index, labels)], of_row


def _label(file: str, region: str | None, year: int | None) -> str:
    if region and year is not None:
        return f"{region} · {year}"
    known = [str(part) for part in (region, year) if part is not None and part != ""]
    return " · ".join(known + [os.path.basename(file) or file])


def _identity(row: dict) -> tuple[str, str]:
    if row.get("key"):
        return ("key", row["key"])
    return ("indicator", _SPACE.sub("", row.get("indicator") or ""))


def _changes(reports: list[Report]) -> list[Change]:
    """A change for every region that has exactly two reports, later year minus earlier."""
    by_region: dict[str, list[int]] = {}
    for i, report in enumerate(reports):
        if report.region:
            by_region.setdefault(report.region, []).append(i)
    out = []
    for region, pair in by_region.items():
        if len(pair) != 2:
            continue
        a, b = pair
        if None not in (reports[a].year, reports[b].year) and reports[b].year < reports[a].year:
            a, b = b, a
        years = (reports[a].year, reports[b].year)
        span = f" {years[0]}→{years[1]}" if None not in years and years[0] != years[1] else ""
        out.append(Change(a, b, f"Δ {region}{span}"))
    return out


def _difference(earlier: dict | None, later: dict | None) -> tuple[float, str] | None:
    """later − earlier with its unit, when both are single values in the same unit."""
    if earlier is None or later is None:
        return None
    if earlier.get("value_max") is not None or later.get("value_max") is not None:
        return None          # a range has no single value to subtract
    if (earlier.get("unit") or "") != (later.get("unit") or ""):
        return None
    unit = later.get("unit") or ""
    change = round(later["value"] - earlier["value"], 6)
    return (int(change) if float(change).is_integer() else change), CHANGE_UNITS.get(unit, unit)


def compare(rows: Iterable[dict], statuses: Iterable[str] = ("target",)) -> Comparison:
    """The same indicator across reports, side by side.

    One row per ``key``, and for rows without a key one per indicator text
    (spaces aside) that at least two reports share. A report's column is
    labelled by the year it plans for (plan_years). When a report gives an
    indicator more than once, its cell holds the first mention of that year
    (for achieved rows, the year before), in the order of statuses, or else
    the first mention.
    """
    rows = list(rows)
    places = report_places(rows)
    years = plan_years(rows, places)
    statuses = list(statuses)
    kept = [i for i, r in enumerate(rows) if r.get("status") in statuses]
    rows = [rows[i] for i in kept]
    reports, of_row = _reports(rows, [places[i] for i in kept], years)
    found: dict[tuple[str, str], dict[int, list[dict]]] = {}
    for row, i in zip(rows, of_row):
        found.setdefault(_identity(row), {}).setdefault(i, []).append(row)
    changes = _changes(reports)
    compared = []
    for (kind, name), per_report in found.items():
        if kind == "indicator" and (not name or len(per_report) < 2):
            continue
        cells = [_pick(per_report.get(i, []), report.year, statuses) for i, report in enumerate(reports)]
        first = next(c for c in cells if c is not None)
        compared.append(ComparedRow(
            key=name if kind == "key" else None,
            indicator=first.get("indicator") or "",
            cells=cells,
            changes=[_difference(cells[c.earlier], cells[c.later]) for c in changes]))
    # Headline indicators (those with a key) first; each part in order of first mention.
    compared.sort(key=lambda r: r.key is None)
    return Comparison(reports, changes, compared)


def comparison_columns(comparison: Comparison) -> list[str]:
    return (["key", "indicator"] + [r.label for r in comparison.reports]
            + [c.label for c in comparison.changes])


def comparison_rows(comparison: Comparison, structured: bool = False) -> list[dict]:
    """Rows keyed by comparison_columns, a quantity as shown (≥8%) in each cell.

    Structured, each quantity is a dict instead: value, value_max, unit and
    bound as extract gives them, shown as above, and for a report's cell the
    text and line it comes from and the region_code of its report.
    """
    out = []
    for row in comparison.rows:
        record: dict = {"key": row.key, "indicator": row.indicator}
        for report, cell in zip(comparison.reports, row.cells):
            shown = cell and format_quantity(cell["value"], cell.get("value_max"), cell.get("unit"), cell.get("bound"))
            record[report.label] = shown if not structured or cell is None else {
                **{f: cell.get(f) for f in ("value", "value_max", "unit", "bound", "text", "line")}, "shown": shown,
                "region_code": report.region_code}
        for change, found in zip(comparison.changes, row.changes):
            shown = found and format_change(*found)
            record[change.label] = shown if not structured or found is None else {
                "value": found[0], "value_max": None, "unit": found[1], "bound": "=", "shown": shown}
        out.append(record)
    return out


def _pick(mentions: list[dict], year: int | None, statuses: Sequence[str]) -> dict | None:
    """The first mention of the report's own year (for an achieved row, the
    year before it), in the order of statuses; or else the first mention."""
    def own(m: dict) -> bool:
        return year is not None and m.get("year") == (year - 1 if m.get("status") == "achieved" else year)
    ranked = sorted((m for m in mentions if own(m)), key=lambda m: statuses.index(m["status"]))
    return ranked[0] if ranked else mentions[0] if mentions else None


_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(count: float, largest: float, width: int = 30) -> str:
    """A run of █ as long against width as count is against largest, to an eighth
    of a character; any count above zero shows."""
    if count <= 0 or largest <= 0:
        return ""
    full, part = divmod(max(1, round(count / largest * width * 8)), 8)
    return "█" * full + (_EIGHTHS[part] if part else "")
