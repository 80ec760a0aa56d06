"""Many files at once: each file read and extracted on its own, in parallel
processes when asked, results handed back in input order as they finish.

A file that fails gives an error message instead of rows; it never costs the
other files theirs.
"""
from __future__ import annotations

import gc
import os
import sys
import traceback
from typing import Callable, Iterator, NamedTuple, Sequence

from .export import Format, encode_rows


# How much text --explain shows each side of a number, to judge its decision by.
CONTEXT_CHARACTERS = 15


class Job(NamedTuple):
    path: str
    encoding: str | None = None
    explain: bool = False
    region: str | None = None
    year: int | None = None
    statuses: frozenset[str] | None = None
    debug: bool = False
    # When set, the rows come back encoded in this streamed format with these
    # fields, so that the process writing the output only has to copy text.
    encode_as: tuple[Format, Sequence[str]] | None = None
    # When set, prepare(rows, text) in the process that read the file, and its
    # result comes back as the rows: a command's own work on each file, done
    # in parallel and with the text at hand (a module-level function, or a
    # functools.partial of one, so that it can be sent to a worker).
    prepare: Callable[[list[dict], str], list[dict]] | None = None


class Outcome(NamedTuple):
    job: Job
    rows: list[dict]
    error: str | None = None
    encoded: str = ""        # the rows as Job.encode_as asked (then rows is empty)
    count: int = 0           # how many rows encoded holds
    empty: bool = False      # the file was read but holds no text


def run_job(job: Job) -> Outcome:
    """Read and extract one file; any failure becomes the outcome's error."""
    from .pipeline import explain_text, extract_text
    from .sources import SourceError, read_source

    try:
        source = read_source(job.path, job.encoding)
        if job.explain:
            rows = [{**d.to_dict(), "context": context_of(source.text, d.start, d.end)}
                    for d in explain_text(source.text, source.name)]
        else:
            rows = [t.to_dict() for t in extract_text(source.text, source.name, job.region, job.year,
                                                      source.pages)
                    if job.statuses is None or t.status in job.statuses]
            if job.prepare:
                rows = job.prepare(rows, source.text)
    except SourceError as exc:
        return Outcome(job, [], str(exc))
    except Exception as exc:  # one broken file must not stop the run
        detail = traceback.format_exc().rstrip() if job.debug else "(--debug shows where)"
        return Outcome(job, [], f"cannot extract {job.path}: {type(exc).__name__}: {exc} {detail}")
    empty = not source.text.strip()
    if job.encode_as:
        return Outcome(job, [], encoded=encode_rows(rows, *job.encode_as), count=len(rows), empty=empty)
    return Outcome(job, rows, empty=empty)


def context_of(text: str, start: int, end: int) -> str:
    """The mention with CONTEXT_CHARACTERS of text each side, line breaks as spaces."""
    return text[max(0, start - CONTEXT_CHARACTERS):end + CONTEXT_CHARACTERS].replace("\n", " ").strip()


def default_workers(n_files: int) -> int:
    """One process per CPU when there are several files; none extra for one."""
    return min(os.cpu_count() or 1, n_files) if n_files > 1 else 1


def _warm_up() -> None:
    # Build the compiled patterns and the tokenizer once in the parent, so that
    # forked workers inherit them instead of each building its own.
    from .pipeline import extract_text

    extract_text("新增托位400个。")


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def run_jobs(jobs: list[Job], workers: int) -> Iterator[Outcome]:
    """Outcomes in the order of jobs, each as soon as it and those before it are done."""
    if workers <= 1 or len(jobs) <= 1:
        yield from map(run_job, jobs)
        return
    # Only a parallel run pays for importing the process pool.
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor

    context = None
    if sys.platform.startswith("linux"):
        _warm_up()
        # Forked workers would otherwise have the collector walk (and so copy)
        # every object they inherit.
        gc.freeze()
        context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        # Standard input can only be read here, in the parent. The largest files
        # go first, so that no worker is left with a big one at the end; the
        # outcomes are still handed back in input order.
        pending: dict[int, Future | Outcome] = {}
        for i in sorted(range(len(jobs)), key=lambda i: -_size(jobs[i].path)):
            job = jobs[i]
            pending[i] = run_job(job) if job.path == "-" else pool.submit(run_job, job)
        try:
            for i in range(len(jobs)):
                item = pending[i]
                yield item.result() if isinstance(item, Future) else item
        except BaseException:
            for item in pending.values():
                if isinstance(item, Future):
                    item.cancel()
            raise
