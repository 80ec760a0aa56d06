"""Which report a row comes from, and the year a report plans for: what
compare labels its columns with and track ranks its statements by.

Pure functions over extract's rows; imported by both without the rest of
either, so that track starts without compare's record types.
"""
from __future__ import annotations

from collections import Counter


def report_places(rows: list[dict]) -> list[tuple[str, str | None]]:
    """Each row's report: its file and region. A report is one region within
    one file; rows that come before their file names a region count with the
    file's first region."""
    first_region: dict[str, str] = {}
    for row in rows:
        if row.get("region"):
            first_region.setdefault(row["file"], row["region"])
    return [(row["file"], row.get("region") or first_region.get(row["file"])) for row in rows]


def plan_years(rows: list[dict], places: list[tuple[str, str | None]]) -> dict[tuple, int | None]:
    """The year each report plans for: the year after the one its review speaks
    of most (a review of 2023 is given in 2024); for a report that reviews
    nothing, the commonest year of its targets; else the commonest year of its
    rows. The review decides first because the first report of a five-year
    plan may give more goals for the plan's last year than for its own."""
    years: dict[tuple, dict[str | None, Counter]] = {}
    for row, place in zip(rows, places):
        counts = years.get(place)
        if counts is None:
            counts = years[place] = {}
        year = row.get("year")
        if year is not None:
            status = row.get("status")
            if status not in counts:
                counts[status] = Counter()
            counts[status][year] += 1
    out: dict[tuple, int | None] = {}
    for place, counts in years.items():
        if "achieved" in counts:
            out[place] = counts["achieved"].most_common(1)[0][0] + 1
        elif "target" in counts:
            out[place] = counts["target"].most_common(1)[0][0]
        else:
            out[place] = sum(counts.values(), Counter()).most_common(1)[0][0] if counts else None
    return out
