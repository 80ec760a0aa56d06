"""The `track` command: each year's target beside the outcome a later report
gives for it, as rows and, with --plot, as a picture.

The pairing is in track.py, the picture in plot.py (matplotlib, loaded only
for --plot).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO, List, Optional

import typer

from .cli_analysis import BOM, NO_HEADERS
from .cli_shared import (DEBUG, ENCODING, JOBS, OUTPUT, PATHS, REGION, YEAR, ExitStatus, Inputs,
                         choose_format, error, write_rows)
from .export import Format

PLOT_SUFFIXES = (".png", ".svg", ".pdf")
FORMAT = typer.Option(
    None, "--format", "-f",
    help="Output format. Default: a table when printing to a terminal, CSV otherwise "
         "(or what the -o file name ends with). xlsx needs -o and openpyxl; sqlite needs -o: "
         "a table track in that database, each region's rows replacing those a run before gave it.")


def track(
    paths: Optional[List[str]] = PATHS,
    key: Optional[List[str]] = typer.Option(
        None, "--key", "-k", help="Track only this headline indicator (gdp_growth, cpi …); repeat for several."),
    complete: bool = typer.Option(False, "--complete", help="Keep only years where both the target and the outcome are known."),
    plot: Optional[Path] = typer.Option(
        None, "--plot", metavar="FILE.png|svg",
        help='Also draw the targets and outcomes, one panel per key (pip install "qdtargets\\[plot]").'),
    fmt: Optional[Format] = FORMAT,
    output: Optional[Path] = OUTPUT,
    bom: bool = BOM,
    no_headers: bool = NO_HEADERS,
    region: Optional[str] = REGION,
    year: Optional[int] = YEAR,
    encoding: Optional[str] = ENCODING,
    debug: bool = DEBUG,
    jobs: Optional[int] = JOBS,
) -> None:
    """Put each year's target beside its outcome, with the gap and whether it was met.

    The target is what a report sets for a year; the outcome, the figure a
    later report of the same region gives as achieved for that year.

    [bold]Examples[/bold]

      qdtargets track 2023.txt 2024.txt                      one region, a target and its outcome
      qdtargets track -k gdp_growth -k cpi corpus/20*.txt    two headline indicators over the years
      qdtargets track --complete reports/ > pairs.csv        only years with both halves, as CSV
      qdtargets track -k gdp_growth corpus/ --plot gdp.png   and a picture of them

    A row is one region, indicator and year. An indicator is a key (gdp_growth …),
    or for rows without a key the indicator text and unit. The target comes from
    the report that plans for that year (its list of main targets first); the
    outcome from the nearest later report. Figures for several years (五年, 年均,
    累计) are never paired with a year's. Years with only one half are rows too,
    the other half empty, unless --complete.

    Columns: region, region_code, key, indicator, year, unit, target_value,
    target_value_max, target_bound, target_text, achieved_value, achieved_bound,
    achieved_text, gap, met, target_file, target_line, achieved_file,
    achieved_line. gap is achieved minus target (a range: its low end), in
    percentage points for %. met: a floor (>=, >, an increase) is met at or above
    it, a ceiling (<=, 控制在, prices, unemployment rates) at or below; about X
    (左右) allows half a percentage point (5% of X for other units) on the side
    the direction allows; a range is met from its low end, a ceiling range up to
    its high end. README.md ("Targets against outcomes") has the details.

    Exit status: 0 all went well, 1 some file could not be read (the others are
    still tracked) or there was nothing to draw, 2 usage error.
    """
    chosen = choose_format(fmt, output)
    keys = _check_keys(key)
    if plot is not None:
        _check_plot(plot)
    inputs = Inputs(paths, encoding)
    for written in (output, plot):
        if written is not None:
            inputs.refuse_as_output(written)
    from functools import partial

    from .track import TRACK_FIELDS, Tracker, prepare

    tracker = Tracker()
    # Each file's rows are prepared where it was read, with its paragraphs at hand.
    for outcome in inputs.outcomes(jobs, region=region, year=year, debug=debug,
                                   statuses=frozenset({"target", "achieved"}), prepare=partial(prepare, keys=keys)):
        tracker.add(outcome.rows)
    tracked = tracker.rows(complete)
    if chosen is Format.sqlite:
        _write_database(output, tracked)
    else:
        write_rows(tracked, TRACK_FIELDS, chosen, output, lambda stream: print_track(stream, tracked), "track",
                   inputs=inputs, bom=bom, headers=not no_headers)
    drawn = True
    if plot is not None:
        from .plot import NothingToPlot, draw

        try:
            font, panels, wanted = draw(tracked, plot, tracker.report_years)
        except NothingToPlot as exc:
            error(f"no picture: {exc}")
            drawn = False
        else:
            left_out = f"; {panels} of {wanted} panels, choose with --key" if panels < wanted else ""
            sys.stderr.write(f"qdtargets: drew {plot} (" + (f"labels in {font}" if font else
                             "no CJK font found: English key names") + left_out + ")\n")
    inputs.finish("the others were tracked")
    if not drawn:
        raise typer.Exit(ExitStatus.INPUT_ERROR)


def _write_database(output: Path, rows: list[dict]) -> None:
    """The rows into table track of the SQLite database output, each region's
    replacing the rows a run before gave that region; files by absolute path,
    as extract's targets table has them, so the two join on file and line."""
    from .sqlite_out import SqliteError, SqliteWriter
    from .track import sql_columns

    by_region: dict[str | None, list[dict]] = {}
    for row in rows:
        by_region.setdefault(row["region"], []).append(
            {**row, **{f: os.path.abspath(row[f]) for f in ("target_file", "achieved_file")
                       if row[f] not in (None, "-")}})
    try:
        with SqliteWriter(str(output), "track", sql_columns(), ("region", "key", "year"), file_column="region") as db:
            for region, group in by_region.items():
                db.replace(region, group)
    except SqliteError as exc:
        error(str(exc))
        raise typer.Exit(ExitStatus.USAGE)


def _check_keys(given: Optional[List[str]]) -> Optional[frozenset[str]]:
    if not given:
        return None
    from .lexicon import key_rules

    known = sorted({rule.key for rule in key_rules()})
    unknown = [k for k in given if k not in known]
    if unknown:
        error(f"unknown key {', '.join(unknown)} (known: {', '.join(known)})")
        raise typer.Exit(ExitStatus.USAGE)
    return frozenset(given)


def _check_plot(path: Path) -> None:
    """Before any work: a picture format matplotlib writes, and matplotlib itself."""
    if path.suffix.lower() not in PLOT_SUFFIXES:
        error(f"--plot {path}: name a .png, .svg or .pdf file")
        raise typer.Exit(ExitStatus.USAGE)
    try:
        import matplotlib  # noqa: F401  (loaded here only to know it is there)
    except ImportError:
        error('--plot needs matplotlib: pip install "qdtargets[plot]"')
        raise typer.Exit(ExitStatus.USAGE)


def print_track(stream: IO[str], rows: list[dict]) -> None:
    """The pairs as a table: the indicator by its key (its text when it has
    none), target and outcome as a report writes them (~5%, ≥1100万人), the gap
    with its sign, met as ✓ or ✗, and where each half stands."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from .analysis import CHANGE_UNITS, format_change, format_quantity

    console = Console(file=stream)
    if not rows:
        console.print("no targets or outcomes to track", style="dim")
        return
    regions = list(dict.fromkeys(row["region"] for row in rows))
    table = Table(title=f"targets and outcomes of {regions[0]}" if len(regions) == 1 else None, header_style="bold")
    columns = ([] if len(regions) == 1 else ["region"]) + ["indicator", "year", "target", "achieved", "gap", "met",
                                                          "target in", "achieved in"]
    for column in columns:
        # The places give way first when the terminal is narrow.
        place = column.endswith(" in")
        table.add_column(column, justify="right" if column in ("year", "target", "achieved", "gap") else "left",
                         overflow="fold", no_wrap=not place)
    for row in rows:
        unit = row["unit"]
        cells = {
            "region": Text(row["region"] or ""),
            "indicator": Text(row["key"] or row["indicator"] or "", style="" if row["key"] else "italic"),
            "year": Text(str(row["year"])),
            "target": Text(format_quantity(row["target_value"], row["target_value_max"], unit, row["target_bound"])),
            "achieved": Text(format_quantity(row["achieved_value"], None, unit, row["achieved_bound"])),
            "gap": Text(format_change(row["gap"], CHANGE_UNITS.get(unit, unit))),
            "met": {True: Text("✓", style="green"), False: Text("✗", style="red"), None: Text("")}[row["met"]],
            "target in": Text(_place(row["target_file"], row["target_line"])),
            "achieved in": Text(_place(row["achieved_file"], row["achieved_line"])),
        }
        table.add_row(*(cells[c] for c in columns))
    console.print(table)


def _place(file: Optional[str], line: Optional[int]) -> str:
    return f"{os.path.basename(file) or file}:{line}" if file else ""
