"""The `qdtargets` command: options → sources → pipeline → export.

Heavy modules (the pipeline, jieba, rich tables) are imported inside the
commands, so `qdtargets --help` starts at once.
"""
from __future__ import annotations

import signal
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from .cli_analysis import compare, evaluate, summary
from .cli_track import track
from .cli_shared import (DEBUG, ENCODING, JOBS, OUTPUT, PATHS, REGION, YEAR, ExitStatus, Inputs,
                         StatusChoice, choose_format, open_output)
from .export import STREAMED, Format, RowWriter
from .model import FIELDS

# number writes to stdout only, so every format but xlsx.
TextFormat = Enum("TextFormat", {f.name: f.value for f in Format if f is not Format.xlsx}, type=str)
EXPLAIN_FIELDS = ("file", "line", "col", "start", "end", "text", "decision", "reason", "rule")
NUMBER_FIELDS = ("input", "value", "value_max", "unit", "bound")
app = typer.Typer(
    name="qdtargets",
    help="Pull quantified targets (新增就业2.7万人以上, 生产总值增长8%以上 …) out of "
         "Chinese government work reports, one row per target.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"qdtargets {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """Pull quantified targets out of Chinese government work reports.

    Start with [bold]qdtargets extract report.txt[/bold]; see [bold]qdtargets extract --help[/bold].
    """


@app.command()
def extract(
    paths: Optional[List[str]] = PATHS,
    fmt: Optional[Format] = typer.Option(
        None, "--format", "-f",
        help="Output format. Default: a table when printing to a terminal, CSV otherwise "
             "(or what the -o file name ends with). xlsx needs -o and openpyxl."),
    output: Optional[Path] = OUTPUT,
    bom: bool = typer.Option(False, "--bom", help="Start CSV/TSV with a byte-order mark, so Excel reads the Chinese right."),
    no_headers: bool = typer.Option(False, "--no-headers", help="Leave out the CSV/TSV header line."),
    status: Optional[List[StatusChoice]] = typer.Option(
        None, "--status", "-s", help="Keep only rows of this status; repeat for several."),
    region: Optional[str] = REGION,
    year: Optional[int] = YEAR,
    explain: bool = typer.Option(
        False, "--explain",
        help="Instead of the rows, list every number in the text with the decision "
             "taken (keep or drop) and the rule that took it."),
    encoding: Optional[str] = ENCODING,
    debug: bool = DEBUG,
    jobs: Optional[int] = JOBS,
) -> None:
    """Extract quantified targets: one row per target, with indicator, value, unit,
    bound, status, region, year and where it stands in the source.

    [bold]Examples[/bold]

      qdtargets extract report.txt                  a table at the terminal
      qdtargets extract reports/ > targets.csv      every .txt under reports/, as CSV
      qdtargets extract -f jsonl -s target r.txt    planned targets only, one JSON object a line
      qdtargets extract --bom -o out.csv r.txt      CSV that Excel opens with the Chinese intact
      qdtargets extract --explain r.txt             why each number was kept or dropped
      qdtargets extract -o targets.xlsx reports/    an Excel workbook (pip install "qdtargets\\[xlsx]")

    Columns: file, line, col, start, end, text, indicator, value, value_max, unit,
    bound, status, region, year, sentence, category, key. value is in base units
    (2.7万人 → 27000, 人); bound is = >= > <= or ~; status is target, achieved or
    fact; category is the policy area, key names a headline indicator (gdp_growth …).

    Exit status: 0 all went well, 1 some file could not be read (the others are
    still written), 2 usage error.
    """
    chosen = choose_format(fmt, output)
    inputs = Inputs(paths, encoding)
    statuses = frozenset(s.value for s in status) if status else None
    stream = open_output(output, binary=chosen is Format.xlsx)
    fields = EXPLAIN_FIELDS if explain else FIELDS
    writer = RowWriter(stream, chosen, fields, bom=bom, headers=not no_headers)
    try:
        for outcome in inputs.outcomes(jobs, explain=explain, region=region, year=year, statuses=statuses,
                                       debug=debug, encode_as=(chosen, fields) if chosen in STREAMED else None):
            if outcome.count:
                writer.write_encoded(outcome.encoded, outcome.count)
            else:
                writer.write(outcome.rows)
        writer.close()
    finally:
        if stream is not sys.stdout:
            stream.close()
    inputs.finish("rows of the others were written")


@app.command()
def number(
    texts: List[str] = typer.Argument(..., metavar="TEXT...", help="Numbers or quantities as a report writes them."),
    fmt: Optional[TextFormat] = typer.Option(None, "--format", "-f", help="Output format (default: table at a terminal, CSV otherwise)."),
) -> None:
    """Show how qdtargets reads numbers and quantities: a quick check by hand.

    [bold]Examples[/bold]

      qdtargets number 二十七万 2.7万人 百分之五 "4000多个" "5%-6%"
    """
    from .quantities import parse_quantity

    writer = RowWriter(sys.stdout, choose_format(fmt and Format(fmt.value), None), NUMBER_FIELDS)
    for text in texts:
        q = parse_quantity(text)
        writer.write([{"input": text, "value": q and q.value, "value_max": q and q.value_max,
                       "unit": q.unit if q else None, "bound": q.bound if q else None}])
    writer.close()


app.command()(summary)
app.command()(compare)
app.command()(track)
app.command("eval")(evaluate)


def main() -> None:
    """Console entry point: quiet on a closed pipe, 130 on Ctrl-C."""
    if hasattr(signal, "SIGPIPE"):
        # `qdtargets extract … | head` must end quietly when head stops reading.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        sys.exit(ExitStatus.INTERRUPTED)
