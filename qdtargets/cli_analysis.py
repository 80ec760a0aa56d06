"""The commands that work on extracted rows: summary, compare and eval.

Each reads its reports the way extract does (cli_shared.Inputs); the
computing is in analysis.py and evaluate.py, the drawing in export.py.
"""
from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from .cli_shared import (DEBUG, ENCODING, JOBS, OUTPUT, PATHS, REGION, YEAR, ExitStatus, Inputs,
                         StatusChoice, choose_format, error, open_output, write_rows)
from .export import Format

FORMAT = typer.Option(
    None, "--format", "-f",
    help="Output format. Default: a table when printing to a terminal, CSV otherwise "
         "(or what the -o file name ends with). xlsx needs -o and openpyxl; sqlite is extract's.")
BOM = typer.Option(False, "--bom", help="Start CSV/TSV with a byte-order mark, so Excel reads the Chinese right.")
NO_HEADERS = typer.Option(False, "--no-headers", help="Leave out the CSV/TSV header line.")


def _table_format(fmt: Optional[Format], output: Optional[Path]) -> Format:
    """choose_format, for a command whose rows are no database's (sqlite is extract's)."""
    chosen = choose_format(fmt, output)
    if chosen is Format.sqlite:
        error("sqlite holds extract's rows: use qdtargets extract -o FILE.db, then query it")
        raise typer.Exit(ExitStatus.USAGE)
    return chosen


def summary(
    paths: Optional[List[str]] = PATHS,
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
    """Count the rows of each file, region and year by status and by category.

    Statuses are target, achieved and fact; categories are policy areas
    (经济增长, 就业, 教育 …).

    [bold]Examples[/bold]

      qdtargets summary report.txt               a table, each count with a bar
      qdtargets summary reports/ > counts.csv    every report, as CSV
      qdtargets summary -f json reports/         the same counts as JSON
      qdtargets summary -o counts.xlsx reports/  an Excel workbook

    Columns: file, region, year, by (status or category), name, count,
    region_code (the region's GB/T 2260 code; not in the table). Counts of
    zero are left out; rows without a category count under an empty name
    ((none) in the table).

    Exit status: 0 all went well, 1 some file could not be read (the others are
    still counted), 2 usage error.
    """
    from .analysis import SUMMARY_FIELDS, summarize
    from .export import print_summary

    chosen = _table_format(fmt, output)
    inputs = Inputs(paths, encoding)
    if output is not None:
        inputs.refuse_as_output(output)
    rows = summarize(inputs.rows(jobs, region=region, year=year, debug=debug))
    write_rows(rows, SUMMARY_FIELDS, chosen, output, lambda stream: print_summary(stream, rows), "summary",
               inputs, bom=bom, headers=not no_headers)
    inputs.finish("the others were counted")


def compare(
    paths: Optional[List[str]] = PATHS,
    status: Optional[List[StatusChoice]] = typer.Option(
        None, "--status", "-s", help="Compare rows of this status (default: target); repeat for several."),
    transpose: bool = typer.Option(
        False, "--transpose", "-t", help="One row per report and one column per indicator instead."),
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
    """Put the same indicator side by side across reports, one column per report.

    [bold]Examples[/bold]

      qdtargets compare 2021.txt 2023.txt            one district, two years
      qdtargets compare reports/2023/                every district in one year
      qdtargets compare corpus/20*.txt -o gdp.xlsx   one column per year, in Excel
      qdtargets compare -s achieved a.txt b.txt      what was reported as done
      qdtargets compare -t corpus/20*.txt > by-year.csv   one row per report

    A row is a headline indicator, named by its key (gdp_growth …), or an
    indicator that two or more reports give in the same words (spaces aside). A column is
    one region's report, headed region · year, the year it plans for (the file
    name stands in for what is not known). A cell is written as a report would: ≥8%, ~5.5%,
    2.7万人 (万, 亿 and 万亿 for large values), 5–6% for a range; bounds are
    ≥ > ≤ ~, none for =. When a report gives an indicator twice, the cell
    holds the first mention of the report's own year.

    When exactly two reports are of one region, a Δ column gives the later
    minus the earlier where both are single values in one unit (percentage
    points for %). In JSON, JSONL and xlsx each cell is the quantity's value,
    unit, bound, text and line, with its report's region_code.

    At a terminal too narrow for a column per report, the table lists each
    indicator's reports one per line instead. --transpose turns every format
    round: a row per report (and per Δ), a column per indicator (its key, or
    its words).

    Exit status: 0 all went well, 1 some file could not be read (the others are
    still compared), 2 usage error.
    """
    from . import analysis
    from .export import print_comparison

    chosen = _table_format(fmt, output)
    inputs = Inputs(paths, encoding)
    if output is not None:
        inputs.refuse_as_output(output)
    statuses = [s.value for s in status] if status else ["target"]
    comparison = analysis.compare(inputs.rows(jobs, region=region, year=year, debug=debug), statuses)
    compared = {report.file for report in comparison.reports}
    for file in inputs.read:
        if file not in compared:
            error(f"{file}: no {' or '.join(statuses)} rows, so no column")
    columns = analysis.comparison_columns(comparison)
    # Scripts and workbooks get the values; CSV and the table what a reader sees.
    structured = chosen in (Format.json, Format.jsonl, Format.xlsx)
    rows = analysis.comparison_rows(comparison, structured=structured)
    title = f"{' and '.join(statuses)} rows of {len(comparison.reports)} reports"
    if transpose:
        columns, rows = transposed(columns, rows)
    write_rows(rows, columns, chosen, output,
               lambda stream: print_comparison(stream, columns, rows, title, *((1, "indicator") if transpose else ())),
               "compare", inputs, bom=bom, headers=not no_headers)
    inputs.finish("the others were compared")


def transposed(columns: list[str], rows: list[dict]) -> tuple[list[str], list[dict]]:
    """A comparison turned round: a row per report or change, a column per indicator.

    An indicator's column is named by its key, else by its words.
    """
    names = [row["key"] or row["indicator"] for row in rows]
    return (["report"] + names,
            [{"report": column, **{name: row.get(column) for name, row in zip(names, rows)}}
             for column in columns[2:]])


class ScoreFormat(str, Enum):
    table = "table"
    json = "json"


def evaluate(
    paths: Optional[List[str]] = PATHS,
    gold: List[str] = typer.Option(
        ..., "--gold", "-g",
        help="Gold file (JSONL), or a folder of them; repeat, or separate with commas, for several."),
    errors: bool = typer.Option(
        False, "--errors", help="Also list every miss, extra and wrong field, with its place (file:line:col)."),
    fmt: Optional[ScoreFormat] = typer.Option(
        None, "--format", "-f", help="table, or json for scripts. Default: a table at a terminal, JSON otherwise."),
    output: Optional[Path] = OUTPUT,
    region: Optional[str] = REGION,
    year: Optional[int] = YEAR,
    encoding: Optional[str] = ENCODING,
    debug: bool = DEBUG,
    jobs: Optional[int] = JOBS,
) -> None:
    """Score the extraction against your own gold rows (precision, recall, F1).

    Gives precision, recall and F1 over mentions, over targets and over fully
    right rows, the accuracy of each field, and with --errors each miss, extra
    and wrong field with its place.

    [bold]Examples[/bold]

      qdtargets eval --gold fixtures/gold fixtures/seeds/   the project's figures
      qdtargets eval -g mine.jsonl,more.jsonl --errors r/   where it goes wrong
      qdtargets eval -g gold/ -f json r/ > score.json       figures for a script

    Gold files hold one hand-checked target a line, as fixtures/TARGETS.md
    ("Gold file format") says: doc (the report's file name), start, quantity
    and the fields to check. A folder gives its .jsonl files but not the
    .drops.jsonl ones. Only the reports given as PATH are scored: gold rows of
    other reports are left out, and both kinds of left-out report are named on
    stderr. The scoring is the project's own (qdtargets.evaluate.score).

    JSON output: {"figures": {...}, "errors": [...]}, errors listed with --errors.

    Exit status: 0 all went well, 1 some file could not be read (scored without
    it), 2 usage error or unusable gold file.
    """
    from .evaluate import SCORED_FIELDS, score
    from .gold import GoldError, doc_name, error_records, gold_files, load_gold

    chosen = fmt or (ScoreFormat.table if output is None and sys.stdout.isatty() else ScoreFormat.json)
    golds = gold_files(gold)
    try:
        gold_rows = load_gold(golds)
    except GoldError as exc:
        error(str(exc))
        raise typer.Exit(ExitStatus.USAGE)
    inputs = Inputs(paths, encoding)
    if output is not None:
        inputs.refuse_as_output(output, golds)
    rows = inputs.rows(jobs, region=region, year=year, debug=debug)
    read = {doc_name(f): f for f in inputs.read}
    gold_docs = {doc_name(g["doc"]) for g in gold_rows}
    if gold_docs - set(read):
        error(f"gold rows left out, their reports were not read: {', '.join(sorted(gold_docs - set(read)))}")
    for name in sorted(set(read) - gold_docs):
        error(f"{read[name]}: no gold rows, not scored")
    result = score([g for g in gold_rows if doc_name(g["doc"]) in read], rows)
    found = error_records(result, _gold_places(read, encoding)) if errors else []
    with open_output(output) as stream:
        if chosen is ScoreFormat.json:
            json.dump({"figures": result.figures, "errors": found}, stream, ensure_ascii=False, indent=1)
            stream.write("\n")
        else:
            from .export import print_scores

            print_scores(stream, result.figures, SCORED_FIELDS, found)
    inputs.finish("the others were scored")


def _gold_places(read: dict[str, str], encoding: Optional[str]):
    """file:line:col of a gold row, from the report's text (read again, once per report)."""
    from .gold import doc_name, line_and_col
    from .sources import SourceError, read_source

    texts: dict[str, str | None] = {}

    def place(gold_row: dict) -> str:
        path = read[doc_name(gold_row["doc"])]
        if path not in texts:
            try:
                texts[path] = None if path == "-" else read_source(path, encoding).text
            except SourceError:
                texts[path] = None      # gone since it was read: the offset must do
        text = texts[path]
        if text is None:
            return f"{path}@{gold_row['start']}"
        line, col = line_and_col(text, gold_row["start"])
        return f"{path}:{line}:{col}"

    return place
