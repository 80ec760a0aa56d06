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
from .cli_shared import (DEBUG, ENCODING, JOBS, OUTPUT, PATHS, REGION, YEAR, ExitStatus, Inputs,
                         StatusChoice, choose_format, error, open_output, write_database)
from .cli_track import track
from .export import STREAMED, Format, RowWriter
from .model import FIELDS

# number writes to stdout only, so every format but the binary files.
TextFormat = Enum("TextFormat", {f.name: f.value for f in Format if f not in (Format.xlsx, Format.sqlite)},
                  type=str)
# context: the text around the number (batch.CONTEXT_CHARACTERS each side).
EXPLAIN_FIELDS = ("file", "line", "col", "start", "end", "text", "decision", "reason", "rule", "context")
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
             "(or what the -o file name ends with: .csv .tsv .json .jsonl .xlsx .db). "
             "xlsx needs -o and openpyxl; sqlite needs -o."),
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
      qdtargets extract reports/ > targets.csv      every report under reports/, as CSV
      qdtargets extract -f jsonl -s target r.txt    planned targets only, one JSON object a line
      qdtargets extract --bom -o out.csv r.txt      CSV that Excel opens with the Chinese intact
      qdtargets extract --explain r.txt             why each number was kept or dropped
      qdtargets extract -o targets.xlsx reports/    an Excel workbook (pip install "qdtargets\\[xlsx]")
      qdtargets extract -o targets.db reports/      a SQLite database, grown run by run
      qdtargets extract --region 370281 notes.txt   胶州市 where the text names no government

    Columns: file, line, col, start, end, text, indicator, value, value_max, unit,
    bound, status, region, year, sentence, category, key, region_code, page. value
    is in base units (2.7万人 → 27000, 人); bound is = >= > <= or ~; status is
    target, achieved or fact; region is the government whose report it is, by its
    full name (浙江省, 东乌珠穆沁旗, 上海市普陀区, 全国), and region_code its GB/T
    2260 code in the row's year; category is the policy area, key names a headline
    indicator (gdp_growth …).
    --explain gives file, line, col, start, end, text, decision, reason, rule and
    context (15 characters each side of the number).

    -o replaces its file only once the new one is complete, and refuses a file
    that is one of the inputs. An empty file, a folder without a report and
    files of a type qdtargets does not read are named on stderr.

    Exit status: 0 all went well, 1 some file could not be read (the others are
    still written) or none gave any text, 2 usage error.
    """
    chosen = choose_format(fmt, output)
    inputs = Inputs(paths, encoding)
    statuses = frozenset(s.value for s in status) if status else None
    fields = EXPLAIN_FIELDS if explain else FIELDS
    options = dict(explain=explain, region=region, year=year, statuses=statuses, debug=debug)
    if chosen is Format.sqlite:
        write_database(inputs, output, "decisions" if explain else "targets", fields, jobs, options)
    else:
        with open_output(output, binary=chosen is Format.xlsx, inputs=inputs) as stream:
            writer = RowWriter(stream, chosen, fields, bom=bom, headers=not no_headers)
            for outcome in inputs.outcomes(jobs, encode_as=(chosen, fields) if chosen in STREAMED else None,
                                           **options):
                if outcome.count:
                    writer.write_encoded(outcome.encoded, outcome.count)
                else:
                    writer.write(outcome.rows)
            writer.close()
    inputs.finish("rows of the others were written")


@app.command()
def number(
    texts: List[str] = typer.Argument(..., metavar="TEXT...", help="Numbers or quantities as a report writes them."),
    fmt: Optional[TextFormat] = typer.Option(None, "--format", "-f", help="Output format (default: table at a terminal, CSV otherwise)."),
) -> None:
    """Show how qdtargets reads numbers and quantities: a quick check by hand.

    [bold]Examples[/bold]

      qdtargets number 二十七万 2.7万人 百分之五 "4000多个" "5%-6%"
      qdtargets number 三百万千瓦 三分之一 百分之八至九
      qdtargets number -- -3%                 (-- before a text that starts with -)

    Columns: input, value, value_max, unit, bound. A text that holds no number
    gets an empty row and is named on stderr.

    Exit status: 0 every text held a number, 1 some did not, 2 usage error.
    """
    from .quantities import parse_quantity

    writer = RowWriter(sys.stdout, choose_format(fmt and Format(fmt.value), None), NUMBER_FIELDS)
    unread = 0
    for text in texts:
        q = parse_quantity(text)
        if q is None or q.value is None:
            error(f"{text}: no number qdtargets can read")
            unread += 1
            q = None
        writer.write([{"input": text, "value": q and q.value, "value_max": q and q.value_max,
                       "unit": q.unit if q else None, "bound": q.bound if q else None}])
    writer.close()
    if unread:
        raise typer.Exit(ExitStatus.INPUT_ERROR)


@app.command("text")
def text_of(
    path: str = typer.Argument(..., metavar="FILE", help="A report file (text, HTML, PDF or Word .docx), or - for standard input."),
    encoding: Optional[str] = ENCODING,
) -> None:
    """Print the text qdtargets reads from a file: what the line, col, start and end
    of its rows count in, so that any row can be checked against its source.

    [bold]Examples[/bold]

      qdtargets text report.pdf > report.txt    a PDF's running text
      qdtargets text report.docx | sed -n 12p   line 12 of a Word file
      qdtargets text page.html                  a web page's main text
    """
    from .cli_shared import error
    from .sources import SourceError, read_source

    try:
        source = read_source(path, encoding)
    except SourceError as exc:
        error(str(exc))
        raise typer.Exit(ExitStatus.INPUT_ERROR)
    sys.stdout.write(source.text)


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
