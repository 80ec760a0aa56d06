"""Command-line plumbing that every command shares: the options for reading
reports, the inputs read through batch.run_jobs, output formats and files,
messages and exit statuses.
"""
from __future__ import annotations

import sys
from contextlib import contextmanager
from enum import Enum, IntEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Callable, Iterator, List, Optional, Sequence

import typer

from .export import Format, RowWriter, format_for_path
from .model import Status

if TYPE_CHECKING:
    from .batch import Outcome


class ExitStatus(IntEnum):
    OK = 0
    INPUT_ERROR = 1        # some file could not be read; the others were written
    USAGE = 2              # bad options or arguments (Click's own code)
    INTERRUPTED = 130      # Ctrl-C: 128 + SIGINT


class StatusChoice(str, Enum):
    target = Status.TARGET.value
    achieved = Status.ACHIEVED.value
    fact = Status.FACT.value


PROGRESS_MIN_FILES = 5

# Options that every command reading reports shares.
PATHS = typer.Argument(
    None, metavar="PATH...",
    help="Report files (text or HTML), folders (their .txt, .html and .htm files, recursively, "
         "sorted) or - for standard input.")
OUTPUT = typer.Option(None, "--output", "-o", help="Write to this file instead of standard output.")
REGION = typer.Option(None, "--region", help="Region to report where the text does not say (e.g. 城阳区).")
YEAR = typer.Option(None, "--year", help="Year of the report, used where the text does not say.")
ENCODING = typer.Option(
    None, "--encoding", "-e", help="Read the files in this encoding instead of detecting it (e.g. gb18030).")
DEBUG = typer.Option(False, "--debug", help="Show the Python traceback when something fails.")
JOBS = typer.Option(
    None, "--jobs", "-j", min=1,
    help="Files to process at once, in separate processes. Default: one per CPU when "
         "there are several files. Output keeps the input order either way.")


def error(message: str) -> None:
    # Plain write, not rich markup: file names may hold brackets.
    # One line per message, even for a file name with a line break in it.
    sys.stderr.write("qdtargets: " + message.replace("\n", "\\n") + "\n")


def open_output(output: Optional[Path], binary: bool = False):
    if output is None:
        return sys.stdout
    try:
        return open(output, "wb") if binary else open(output, "w", encoding="utf-8", newline="")
    except OSError as exc:
        error(f"cannot write {output}: {exc.strerror}")
        raise typer.Exit(ExitStatus.USAGE)


def choose_format(fmt: Optional[Format], output: Optional[Path]) -> Format:
    """The format asked for, or the one the -o name or the terminal implies; xlsx checked before any work."""
    if fmt is None and output is not None:
        fmt = format_for_path(str(output)) or Format.csv
    chosen = fmt or (Format.table if sys.stdout.isatty() else Format.csv)
    if chosen is Format.xlsx:
        if output is None:
            error("xlsx is a binary file: name one to write with -o FILE.xlsx")
            raise typer.Exit(ExitStatus.USAGE)
        try:
            import openpyxl  # noqa: F401  (loaded here only to know it is there)
        except ImportError:
            error('xlsx output needs openpyxl: pip install "qdtargets[xlsx]"')
            raise typer.Exit(ExitStatus.USAGE)
    return chosen


class Inputs:
    """The files PATH... names, read and extracted the way extract does it.

    A file that cannot be read is named on stderr when it fails and costs the
    others nothing; finish() then ends the command with exit status 1.
    """

    def __init__(self, paths: Optional[List[str]], encoding: Optional[str]):
        from .sources import SourceError, expand_paths

        if not paths:
            if sys.stdin.isatty():
                error("no input: give a report file, a folder, or - to read standard input")
                raise typer.Exit(ExitStatus.USAGE)
            paths = ["-"]
        if encoding is not None:
            import codecs

            try:
                codecs.lookup(encoding)
            except LookupError:
                error(f"unknown encoding {encoding!r} (try gb18030, utf-8 or utf-16)")
                raise typer.Exit(ExitStatus.USAGE)
        self.encoding = encoding
        self.failures: list[str] = []
        self.files: list[str] = []
        self.read: list[str] = []       # the files that were read and extracted
        for given in paths:
            try:
                self.files += expand_paths([given])
            except SourceError as exc:
                self._fail(str(exc))

    def _fail(self, message: str) -> None:
        self.failures.append(message)
        error(message)

    def outcomes(self, jobs: Optional[int], **job_options) -> Iterator["Outcome"]:
        """Each file's outcome in input order; job_options as batch.Job takes them."""
        from .batch import Job, default_workers, run_jobs

        batch = [Job(f, self.encoding, **job_options) for f in self.files]
        with progress_bar(len(batch)) as advance:
            for outcome in run_jobs(batch, jobs or default_workers(len(batch))):
                if outcome.error:
                    self._fail(outcome.error)
                else:
                    self.read.append(outcome.job.path)
                yield outcome
                advance()

    def rows(self, jobs: Optional[int], **job_options) -> list[dict]:
        return [row for outcome in self.outcomes(jobs, **job_options) for row in outcome.rows]

    def finish(self, others: str) -> None:
        if self.failures:
            error(f"{len(self.failures)} file(s) could not be read; {others}")
            raise typer.Exit(ExitStatus.INPUT_ERROR)


def write_rows(rows: list[dict], fields: Sequence[str], fmt: Format, output: Optional[Path],
               print_table: Callable[[IO[str]], None], sheet: str, bom: bool = False, headers: bool = True) -> None:
    """All rows at once in fmt, to the -o file or stdout; print_table draws the table."""
    stream = open_output(output, binary=fmt is Format.xlsx)
    try:
        if fmt is Format.table:
            print_table(stream)
        else:
            writer = RowWriter(stream, fmt, fields, bom=bom, headers=headers, sheet=sheet)
            writer.write(rows)
            writer.close()
    finally:
        if stream is not sys.stdout:
            stream.close()


@contextmanager
def progress_bar(total: int):
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
