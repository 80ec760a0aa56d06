"""Command-line plumbing that every command shares: the options for reading
reports, the inputs read through batch.run_jobs, output formats and files,
messages and exit statuses.
"""
from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from enum import Enum, IntEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Callable, Iterator, List, NoReturn, Optional, Sequence

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
    help="Report files (text, HTML, PDF or Word .docx), folders (their .txt, .html, .htm, .pdf "
         "and .docx files, recursively, sorted) or - for standard input.")
OUTPUT = typer.Option(None, "--output", "-o", help="Write to this file instead of standard output.")


def _region_option(value: Optional[str]) -> Optional[str]:
    """--region as the gazetteer names it; what it does not hold is a usage error."""
    if value is None:
        return None
    from .region import canonical  # the gazetteer loads only when asked for
    try:
        return canonical(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


REGION = typer.Option(
    None, "--region", callback=_region_option,
    help="Region where the text names none, by name or 6-digit code (胶州市, 胶州, 370281, 东乌旗); "
         "written as the gazetteer names it (东乌珠穆沁旗), with its code in region_code.")
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


@contextmanager
def open_output(output: Optional[Path], binary: bool = False, inputs: Optional["Inputs"] = None):
    """Standard output, or a stream onto the -o file that replaces it only once complete.

    The rows go to a new file beside the output, renamed over it when the
    command is done, so an interrupted or failed run leaves the previous file
    as it was. A file that is one of the inputs is refused (exit 2) before
    anything is written.
    """
    if output is None:
        yield sys.stdout
        return
    if inputs is not None:
        inputs.refuse_as_output(output)
    # Through a symbolic link to the file it names, which is the one replaced.
    target = Path(os.path.realpath(output))
    if target.exists() and not target.is_file():
        # /dev/null, a named pipe, a terminal: nothing to replace, written as it is.
        try:
            stream = _opened(open, target, binary)
        except OSError as exc:
            _cannot_write(output, exc)
        with stream:
            yield stream
        return
    import tempfile

    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as exc:
        _cannot_write(output, exc)
    try:
        with _opened(os.fdopen, handle, binary) as stream:
            yield stream
        os.chmod(temporary, _mode_for(target))
        os.replace(temporary, target)
    except BaseException:
        os.unlink(temporary)
        raise


def _cannot_write(output: Path, exc: OSError) -> NoReturn:
    error(f"cannot write {output}: {exc.strerror}")
    raise typer.Exit(ExitStatus.USAGE)


def _opened(opener, file, binary: bool) -> IO:
    return opener(file, "wb") if binary else opener(file, "w", encoding="utf-8", newline="")


def _mode_for(target: Path) -> int:
    """The permissions the replaced file had, or what a new file gets (mkstemp's are 0600)."""
    try:
        return os.stat(target).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def choose_format(fmt: Optional[Format], output: Optional[Path]) -> Format:
    """The format asked for, or the one the -o name or the terminal implies; xlsx checked before any work."""
    if fmt is None and output is not None:
        fmt = format_for_path(str(output)) or Format.csv
    chosen = fmt or (Format.table if sys.stdout.isatty() else Format.csv)
    if chosen is Format.sqlite and output is None:
        error("sqlite writes a database file: name one with -o FILE.db")
        raise typer.Exit(ExitStatus.USAGE)
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
        from .sources import READ_SUFFIXES, SourceError, expand_paths

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
            skipped: list[str] = []
            try:
                found = list(expand_paths([given], skipped))
            except SourceError as exc:
                self._fail(str(exc))
                continue
            if skipped:
                names = sorted(os.path.relpath(f, given) for f in skipped)
                shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
                error(f"{given}: skipped {len(skipped)} file(s) of a type qdtargets does not read: {shown}")
            if not found:
                error(f"{given}: no report in this folder (qdtargets reads {', '.join(READ_SUFFIXES)} files)")
            self.files += found

    def refuse_as_output(self, output: Path, others: Sequence[str] = ()) -> None:
        """Exit 2 if output is one of the input files, or of others (by any path to the same file)."""
        if not output.exists():
            return
        for given in [*self.files, *others]:
            if given != "-" and os.path.exists(given) and os.path.samefile(given, output):
                error(f"{output} is one of the inputs: write the output to another file")
                raise typer.Exit(ExitStatus.USAGE)

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
                elif outcome.empty:
                    error(f"{_shown_name(outcome.job.path)}: no text in it")
                else:
                    self.read.append(outcome.job.path)
                yield outcome
                advance()

    def rows(self, jobs: Optional[int], **job_options) -> list[dict]:
        return [row for outcome in self.outcomes(jobs, **job_options) for row in outcome.rows]

    def finish(self, others: str) -> None:
        """Exit 1 if some file could not be read, or no file gave any text."""
        if self.failures:
            error(f"{len(self.failures)} file(s) could not be read; {others}")
            raise typer.Exit(ExitStatus.INPUT_ERROR)
        if not self.read:
            error("nothing could be read: no file gave any text")
            raise typer.Exit(ExitStatus.INPUT_ERROR)


def _shown_name(path: str) -> str:
    return "standard input" if path == "-" else path


def write_rows(rows: list[dict], fields: Sequence[str], fmt: Format, output: Optional[Path],
               print_table: Callable[[IO[str]], None], sheet: str, inputs: Optional[Inputs] = None,
               bom: bool = False, headers: bool = True) -> None:
    """All rows at once in fmt, to the -o file or stdout; print_table draws the table."""
    with open_output(output, binary=fmt is Format.xlsx, inputs=inputs) as stream:
        if fmt is Format.table:
            print_table(stream)
        else:
            writer = RowWriter(stream, fmt, fields, sheet=sheet, bom=bom, headers=headers)
            writer.write(rows)
            writer.close()


def write_database(inputs: Inputs, output: Path, table: str, fields: Sequence[str],
                   jobs: Optional[int], job_options: dict) -> None:
    """Each file's rows into table of the SQLite database output, replacing the
    rows a run before gave it; the file itself into the files table."""
    from .sqlite_out import TARGET_INDEXES, SqliteError, SqliteWriter, commonest, target_columns

    inputs.refuse_as_output(output)
    try:
        with SqliteWriter(str(output), table, target_columns(fields), TARGET_INDEXES) as db:
            for outcome in inputs.outcomes(jobs, **job_options):
                if outcome.error:
                    continue       # a file that could not be read keeps the rows it had
                # Keyed by the absolute path, so runs from any folder replace the same rows.
                path = outcome.job.path if outcome.job.path == "-" else os.path.abspath(outcome.job.path)
                db.replace(path, outcome.rows)
                db.record_file(path, commonest(outcome.rows, "region"), commonest(outcome.rows, "year"),
                               len(outcome.rows))
    except SqliteError as exc:
        error(str(exc))
        raise typer.Exit(ExitStatus.USAGE)


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
