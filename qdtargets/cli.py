"""The `qdtargets` command: options → sources → pipeline → export.

Heavy modules (the pipeline, jieba, rich tables) are imported inside the
commands, so `qdtargets --help` starts at once.
"""
from __future__ import annotations

import signal
import sys
from contextlib import contextmanager
from enum import Enum, IntEnum
from pathlib import Path
from typing import List, Optional

import typer

from .export import Format, RowWriter, format_for_path
from .model import FIELDS, Status


class ExitStatus(IntEnum):
    OK = 0
    INPUT_ERROR = 1        # some file could not be read; the others were written
    USAGE = 2              # bad options or arguments (Click's own code)
    INTERRUPTED = 130      # Ctrl-C: 128 + SIGINT


class StatusChoice(str, Enum):
    target = Status.TARGET.value
    achieved = Status.ACHIEVED.value
    fact = Status.FACT.value


EXPLAIN_FIELDS = ("file", "line", "col", "start", "end", "text", "decision", "reason", "rule")
NUMBER_FIELDS = ("input", "value", "value_max", "unit", "bound")
PROGRESS_MIN_FILES = 5

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


def _error(message: str) -> None:
    # Plain write, not rich markup: file names may hold brackets.
    # One line per message, even for a file name with a line break in it.
    sys.stderr.write("qdtargets: " + message.replace("\n", "\\n") + "\n")


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


def _open_output(output: Optional[Path]):
    if output is None:
        return sys.stdout
    try:
        return open(output, "w", encoding="utf-8", newline="")
    except OSError as exc:
        _error(f"cannot write {output}: {exc.strerror}")
        raise typer.Exit(ExitStatus.USAGE)


def _choose_format(fmt: Optional[Format], output: Optional[Path]) -> Format:
    if fmt is not None:
        return fmt
    if output is not None:
        return format_for_path(str(output)) or Format.csv
    return Format.table if sys.stdout.isatty() else Format.csv


@app.command()
def extract(
    paths: Optional[List[str]] = typer.Argument(
        None, metavar="PATH...",
        help="Report files, folders (their .txt files, recursively, sorted) or - for standard input."),
    fmt: Optional[Format] = typer.Option(
        None, "--format", "-f",
        help="Output format. Default: a table when printing to a terminal, CSV otherwise "
             "(or what the -o file name ends with)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file instead of standard output."),
    bom: bool = typer.Option(False, "--bom", help="Start CSV/TSV with a byte-order mark, so Excel reads the Chinese right."),
    no_headers: bool = typer.Option(False, "--no-headers", help="Leave out the CSV/TSV header line."),
    status: Optional[List[StatusChoice]] = typer.Option(
        None, "--status", "-s", help="Keep only rows of this status; repeat for several."),
    region: Optional[str] = typer.Option(None, "--region", help="Region to report where the text does not say (e.g. 城阳区)."),
    year: Optional[int] = typer.Option(None, "--year", help="Year of the report, used where the text does not say."),
    explain: bool = typer.Option(
        False, "--explain",
        help="Instead of the rows, list every number in the text with the decision "
             "taken (keep or drop) and the rule that took it."),
    encoding: Optional[str] = typer.Option(
        None, "--encoding", "-e", help="Read the files in this encoding instead of detecting it (e.g. gb18030)."),
    debug: bool = typer.Option(False, "--debug", help="Show the Python traceback when something fails."),
    jobs: Optional[int] = typer.Option(
        None, "--jobs", "-j", min=1,
        help="Files to process at once, in separate processes. Default: one per CPU when "
             "there are several files. Output keeps the input order either way."),
) -> None:
    """Extract quantified targets: one row per target, with indicator, value, unit,
    bound, status, region, year and where it stands in the source.

    [bold]Examples[/bold]

      qdtargets extract report.txt                  a table at the terminal
      qdtargets extract reports/ > targets.csv      every .txt under reports/, as CSV
      qdtargets extract -f jsonl -s target r.txt    planned targets only, one JSON object a line
      qdtargets extract --bom -o out.csv r.txt      CSV that Excel opens with the Chinese intact
      qdtargets extract --explain r.txt             why each number was kept or dropped

    Columns: file, line, col, start, end, text, indicator, value, value_max, unit,
    bound, status, region, year, sentence. value is in base units (2.7万人 → 27000, 人);
    bound is = >= > <= or ~; status is target, achieved or fact.

    Exit status: 0 all went well, 1 some file could not be read (the others are
    still written), 2 usage error.
    """
    from .batch import Job, default_workers, run_jobs
    from .sources import SourceError, expand_paths

    if not paths:
        if sys.stdin.isatty():
            _error("no input: give a report file, a folder, or - to read standard input")
            raise typer.Exit(ExitStatus.USAGE)
        paths = ["-"]
    if encoding is not None:
        import codecs

        try:
            codecs.lookup(encoding)
        except LookupError:
            _error(f"unknown encoding {encoding!r} (try gb18030, utf-8 or utf-16)")
            raise typer.Exit(ExitStatus.USAGE)
    failures: list[str] = []

    def report(message: str) -> None:
        failures.append(message)
        _error(message)

    files: list[str] = []
    for given in paths:
        try:
            files += expand_paths([given])
        except SourceError as exc:
            report(str(exc))
    statuses = frozenset(s.value for s in status) if status else None
    batch = [Job(f, encoding, explain, region, year, statuses, debug) for f in files]
    chosen = _choose_format(fmt, output)
    stream = _open_output(output)
    writer = RowWriter(stream, chosen, EXPLAIN_FIELDS if explain else FIELDS, bom=bom, headers=not no_headers)
    try:
        with _progress(len(batch)) as advance:
            for outcome in run_jobs(batch, jobs or default_workers(len(batch))):
                if outcome.error:
                    report(outcome.error)
                writer.write(outcome.rows)
                advance()
        writer.close()
    finally:
        if stream is not sys.stdout:
            stream.close()
    if failures:
        _error(f"{len(failures)} file(s) could not be read; rows of the others were written")
        raise typer.Exit(ExitStatus.INPUT_ERROR)


@contextmanager
def _progress(total: int):
    """A progress bar on stderr for many files at a terminal; silent otherwise."""
    if total < PROGRESS_MIN_FILES or not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.progress import Progress

    with Progress(transient=True, console=_stderr_console()) as bar:
        task = bar.add_task("extracting", total=total)
        yield lambda: bar.advance(task)


def _stderr_console():
    from rich.console import Console

    return Console(stderr=True)


@app.command()
def number(
    texts: List[str] = typer.Argument(..., metavar="TEXT...", help="Numbers or quantities as a report writes them."),
    fmt: Optional[Format] = typer.Option(None, "--format", "-f", help="Output format (default: table at a terminal, CSV otherwise)."),
) -> None:
    """Show how qdtargets reads numbers and quantities: a quick check by hand.

    [bold]Examples[/bold]

      qdtargets number 二十七万 2.7万人 百分之五 "4000多个" "5%-6%"
    """
    from .quantities import parse_quantity

    writer = RowWriter(sys.stdout, _choose_format(fmt, None), NUMBER_FIELDS)
    for text in texts:
        q = parse_quantity(text)
        writer.write([{"input": text, "value": q and q.value, "value_max": q and q.value_max,
                       "unit": q.unit if q else None, "bound": q.bound if q else None}])
    writer.close()


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
