"""Export stage: rows → CSV, TSV, JSON, JSONL or a rich table.

Every format carries the same columns in the same order. Rows are written as
they come, file by file, so a long run that is interrupted keeps what it
finished; only the table waits for all rows, to size its columns.
"""
from __future__ import annotations

import csv
import json
from enum import Enum
from typing import IO, Iterable, Sequence


class Format(str, Enum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    jsonl = "jsonl"


# The table is for reading at a prompt; it leaves out what is too wide for a
# terminal (the whole sentence, offsets), which the other formats carry.
TABLE_FIELDS = {
    "file", "line", "text", "indicator", "value", "value_max", "unit",
    "bound", "status", "region", "year", "decision", "reason", "rule", "input",
}
NUMERIC_FIELDS = {"line", "col", "start", "end", "value", "value_max", "year"}


def format_for_path(path: str) -> Format | None:
    """The format a file name asks for (report.jsonl → jsonl), if any."""
    suffix = path.rsplit(".", 1)[-1].lower() if "." in path else ""
    return {"csv": Format.csv, "tsv": Format.tsv, "json": Format.json, "jsonl": Format.jsonl}.get(suffix)


def _cell(value) -> str:
    return "" if value is None else str(value)


class RowWriter:
    """Writes dict rows with the given fields to a text stream in one format."""

    def __init__(self, stream: IO[str], fmt: Format, fields: Sequence[str],
                 bom: bool = False, headers: bool = True, title: str | None = None):
        self.stream, self.fmt, self.fields = stream, fmt, tuple(fields)
        self.count = 0
        self._table_rows: list[dict] = []
        self._title = title
        if bom and fmt in (Format.csv, Format.tsv):
            stream.write("\ufeff")
        if fmt in (Format.csv, Format.tsv):
            self._csv = csv.writer(stream, dialect="excel" if fmt is Format.csv else "excel-tab",
                                   lineterminator="\n")
            if headers:
                self._csv.writerow(self.fields)

    def write(self, rows: Iterable[dict]) -> None:
        for row in rows:
            if self.fmt in (Format.csv, Format.tsv):
                self._csv.writerow([_cell(row.get(f)) for f in self.fields])
            elif self.fmt is Format.jsonl:
                self.stream.write(json.dumps({f: row.get(f) for f in self.fields}, ensure_ascii=False) + "\n")
            elif self.fmt is Format.json:
                # A JSON array written one row per line, so it streams and still parses.
                self.stream.write(("[\n" if self.count == 0 else ",\n")
                                  + json.dumps({f: row.get(f) for f in self.fields}, ensure_ascii=False))
            else:
                self._table_rows.append(row)
            self.count += 1
        self.stream.flush()

    def close(self) -> None:
        if self.fmt is Format.json:
            self.stream.write("[]\n" if self.count == 0 else "\n]\n")
        elif self.fmt is Format.table:
            self._print_table()
        self.stream.flush()

    def _print_table(self) -> None:
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        console = Console(file=self.stream)
        if not self._table_rows:
            console.print("no rows", style="dim")
            return
        shown = [f for f in self.fields if f in TABLE_FIELDS]
        files = {row.get("file") for row in self._table_rows}
        title = self._title
        if len(files) == 1 and "file" in shown:
            # One file: name it once above the table instead of on every row.
            shown.remove("file")
            title = title or str(files.pop())
        table = Table(title=title, header_style="bold")
        for f in shown:
            wide = f in ("indicator", "file", "rule", "input")
            table.add_column(f, justify="right" if f in NUMERIC_FIELDS else "left",
                             overflow="fold", no_wrap=not wide, ratio=3 if wide else None)
        for row in self._table_rows:
            # Text, not markup: a report's own brackets must print as they are.
            table.add_row(*(Text(_cell(row.get(f))) for f in shown))
        console.print(table)
