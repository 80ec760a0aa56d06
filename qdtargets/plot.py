"""The picture of `qdtargets track --plot`: one panel per region and key, the
target of each year (a band for a range or an "about" target, a marker for a
bound) and the outcome as a line over the years.

matplotlib is the optional extra ``qdtargets[plot]``; this module is imported
only when a picture is asked for. Labels are in Chinese when a CJK font is
installed (cjk_font says which), in English key names otherwise.
"""
from __future__ import annotations

import math
import os
from collections import Counter
from pathlib import Path

import matplotlib
from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.patheffects import withStroke

from .analysis import SCALES
from .track import APPROX_POINTS, APPROX_SHARE

# Fonts with Simplified Chinese, the usual ones first (Linux, macOS, Windows);
# any other installed font that has the characters is found by looking.
PREFERRED_FONTS = (
    "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei", "Sarasa Gothic SC", "PingFang SC", "Hiragino Sans GB", "Heiti SC", "STHeiti",
    "Microsoft YaHei", "SimHei", "DengXian", "Noto Serif CJK SC", "AR PL UMing CN", "Droid Sans Fallback",
)
PROBE = "国"
# Draws a placeholder for every character, so it "has" Chinese without writing it.
PLACEHOLDER_FONT = "Last Resort"
NATIONAL = "全国"          # the State Council's reports: China as a whole
ENGLISH_SCALES = {10 ** 4: "×10⁴", 10 ** 8: "×10⁸", 10 ** 12: "×10¹²"}
TARGET, RANGE, ABOUT, OUTCOME, MISSED, UNPAIRED = "#c0561b", "#eda77a", "#fbe5d6", "#1f5a8c", "#c0392b", "#7f8c8d"
PANEL_HEIGHT, WIDTH = 2.9, 10.0
MAX_PANELS = 24            # beyond that a picture is a scroll, not a figure


class NothingToPlot(Exception):
    """The rows hold nothing the picture can show."""


def cjk_font() -> str | None:
    """The name of an installed font that writes Chinese, or None."""
    paths: dict[str, str] = {}
    for entry in font_manager.fontManager.ttflist:
        paths.setdefault(entry.name, entry.fname)
    for name in PREFERRED_FONTS:
        if name in paths:
            return name
    from matplotlib.ft2font import FT2Font

    for name, path in sorted(paths.items()):
        if name.startswith(PLACEHOLDER_FONT):
            continue
        try:
            if FT2Font(path).get_char_index(ord(PROBE)):
                return name
        except (OSError, RuntimeError):
            continue
    return None


def year_spans(years) -> str:
    """2004–2019, 2021–2025: the years as runs."""
    runs: list[list[int]] = []
    for y in sorted(set(years)):
        if runs and y == runs[-1][1] + 1:
            runs[-1][1] = y
        else:
            runs.append([y, y])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in runs)


def draw(rows: list[dict], path: Path, report_years: dict[tuple, int | None]) -> tuple[str | None, int, int]:
    """Draw the rows of `track` that have a key to path (.png, .svg or .pdf),
    at most MAX_PANELS panels; report_years gives the year each (file,
    region) plans for, for the title. Returns the CJK font used (None when
    labels are in English), the panels drawn and the panels there were."""
    panels: dict[tuple, list[dict]] = {}
    for row in rows:
        if row.get("key"):
            panels.setdefault((row["region"], row["key"]), []).append(row)
    if not panels:
        raise NothingToPlot("no row has a key (gdp_growth, cpi …); choose some with --key")
    wanted = len(panels)
    panels = dict(list(panels.items())[:MAX_PANELS])
    drawn = [row for group in panels.values() for row in group]
    font = cjk_font()
    regions = list(dict.fromkeys(region for region, _ in panels))
    with matplotlib.rc_context({"font.family": [font, "DejaVu Sans"] if font else ["DejaVu Sans"],
                                "axes.unicode_minus": False, "svg.fonttype": "path"}):
        figure = Figure(figsize=(WIDTH, 1.4 + PANEL_HEIGHT * len(panels)), layout="constrained")
        axes = figure.subplots(len(panels), 1, sharex=True, squeeze=False)[:, 0]
        shown: dict[str, object] = {}
        years = [row["year"] for row in drawn]
        span = max(years) - min(years)
        step = 1 if span <= 30 else 5 if span <= 60 else 10
        axes[-1].set_xticks(range(min(years) - min(years) % step, max(years) + 1, step))
        axes[-1].set_xlim(min(years) - 0.7, max(years) + 0.7)
        for ax, ((region, key), group) in zip(axes, panels.items()):
            name = f"{_usual_indicator(group)} ({key})" if font else key
            if len(regions) > 1:
                name = f"{_region_name(region, group, font)} · {name}"
            ax.set_title(name, loc="left", fontsize=11)
            _panel(ax, group, font, shown)
        sources = year_spans(y for row in drawn for y in _source_years(row, report_years))
        # Several regions are named on their panels; the title stays one short line.
        place = (_region_name(regions[0], drawn, font) if len(regions) == 1 else f"{len(regions)} regions")
        figure.suptitle(f"{place}: targets and outcomes" + (f", reports of {sources}" if sources else ""),
                        fontsize=14)
        axes[-1].set_xlabel("year the target is for")
        figure.legend(handles=list(shown.values()), loc="outside lower center", ncols=min(4, len(shown)),
                      frameon=False, fontsize=9)
        figure.savefig(path, dpi=150)
    return font, len(panels), wanted


def _usual_indicator(group: list[dict]) -> str:
    """The indicator text the group's targets use most (its outcomes' when it has no target)."""
    named = [row["indicator"] for row in group if row["target_value"] is not None] or [row["indicator"] for row in group]
    return Counter(named).most_common(1)[0][0]


def _source_years(row: dict, report_years: dict[tuple, int | None]) -> list[int]:
    found = [report_years.get((row.get(f"{side}_file"), row["region"])) for side in ("target", "achieved")]
    return [y for y in found if y is not None]


def _region_name(region: str | None, group: list[dict], font: str | None) -> str:
    """The region as the report names it; without a CJK font, its code (China
    for 全国), or else the report it comes from."""
    if region and (font or region.isascii()):
        return region
    code = next((row["region_code"] for row in group if row.get("region_code")), None)
    if code:
        return f"region {code}"
    if region == NATIONAL:
        return "China"
    first = group[0]
    return f"region of {os.path.basename(first['target_file'] or first['achieved_file'])}"


def _scale(rows: list[dict]) -> tuple[int, str]:
    values = [abs(v) for row in rows for v in (row["target_value"], row["target_value_max"], row["achieved_value"])
              if v is not None]
    largest = max(values, default=0)
    return next(((size, name) for size, name in SCALES if largest >= size), (1, ""))


def _panel(ax, rows: list[dict], font: str | None, shown: dict) -> None:
    size, scale_name = _scale(rows)
    unit = rows[0]["unit"] or ""
    if font:
        ax.set_ylabel(scale_name + unit)
    else:
        ax.set_ylabel(" ".join(part for part in (ENGLISH_SCALES.get(size, ""), unit if unit.isascii() else "") if part))
    for row in rows:
        _target(ax, row, size, shown)
    _outcomes(ax, rows, size, shown)
    ax.margins(y=0.18)
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(labelsize=8)
    ax.tick_params(axis="x", labelbottom=True)


def _target(ax, row: dict, size: int, shown: dict) -> None:
    value = row["target_value"]
    if value is None:
        return
    x, low, high, bound = row["year"], value / size, row["target_value_max"], row["target_bound"]
    if high is not None or bound == "~":
        if high is not None:
            high /= size
            label, face, edge = "target range", RANGE, "solid"
        else:
            slack = (APPROX_POINTS if row["unit"] == "%" else abs(value) * APPROX_SHARE) / size
            low, high = low - slack, low + slack
            label, face, edge = f"target about X (band ±{APPROX_POINTS:g} pt, or ±{APPROX_SHARE:.0%} of X)", ABOUT, "dashed"
        ax.bar(x, high - low, bottom=low, width=0.6, color=face, edgecolor=TARGET, linewidth=0.8, linestyle=edge,
               zorder=1)
        shown.setdefault(label, Patch(facecolor=face, edgecolor=TARGET, linestyle=edge, label=label))
        if bound == "~":
            ax.plot(x, value / size, marker="_", markersize=14, markeredgewidth=1.6, color=TARGET, zorder=2)
        return
    marker, label = {">=": ("^", "target floor (≥, >)"), ">": ("^", "target floor (≥, >)"),
                     "<=": ("v", "target ceiling (≤)")}.get(bound, ("_", "target (=)"))
    ax.plot(x, low, marker=marker, markersize=14 if marker == "_" else 8, markeredgewidth=1.6,
            color=TARGET, linestyle="none", zorder=2)
    shown.setdefault(label, Line2D([], [], marker=marker, color=TARGET, linestyle="none",
                                   markersize=8, markeredgewidth=1.6, label=label))


def _outcomes(ax, rows: list[dict], size: int, shown: dict) -> None:
    known = {row["year"]: row for row in rows if row["achieved_value"] is not None}
    if not known:
        return
    # A year without an outcome breaks the line instead of bridging it.
    xs = list(range(min(known), max(known) + 1))
    ys = [known[x]["achieved_value"] / size if x in known else math.nan for x in xs]
    ax.plot(xs, ys, color=OUTCOME, linewidth=1.8, zorder=3)
    for x, row in known.items():
        y = row["achieved_value"] / size
        met = row["met"]
        face, edge, label = {True: (OUTCOME, OUTCOME, "outcome, target met"),
                             False: ("white", MISSED, "outcome, target missed"),
                             None: (UNPAIRED, UNPAIRED, "outcome, no target")}[met]
        ax.plot(x, y, marker="o", markersize=6, markerfacecolor=face, markeredgecolor=edge,
                markeredgewidth=1.5, linestyle="none", zorder=4)
        ax.annotate(f"{y:.4g}", (x, y), xytext=(0, 7), textcoords="offset points", ha="center",
                    fontsize=7, color=OUTCOME, zorder=5, path_effects=[withStroke(linewidth=2.5, foreground="white")])
        shown.setdefault(label, Line2D([], [], color=OUTCOME, marker="o", markerfacecolor=face,
                                       markeredgecolor=edge, markeredgewidth=1.5, label=label))
