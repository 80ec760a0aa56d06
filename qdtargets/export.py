"""Export stage: rows → CSV, TSV, JSON, JSONL, an xlsx workbook or a rich table.

Every format carries the same columns in the same order. Rows are written as
they come, file by file, so a long run that is interrupted keeps what it
finished; only the table and the workbook wait for all rows, to size their
columns.
"""
from __future__ import annotations

import csv
import io
import json
from enum import Enum
from typing import IO, Iterable, Sequence


class Format(str, Enum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    jsonl = "jsonl"
    xlsx = "xlsx"
    sqlite = "sqlite"


# The table is for reading at a prompt: what a row says (indicator, value,
# unit, bound, status, region, year) always shows, the rest as room allows,
# the least needed leaving first. The whole sentence and the offsets, which the
# other formats carry, never fit.
TABLE_ORDER = ("file", "line", "text", "input", "indicator", "value", "unit", "bound", "status",
               "region", "year", "category", "key", "decision", "reason", "rule", "context")
# Lower goes first when the terminal is too narrow; fields not named never go.
TABLE_OPTIONAL = {"text": 1, "category": 2, "key": 3, "line": 4, "rule": 5, "file": 6}
# Columns that wrap onto more lines instead of growing; they get what is left,
# at least WRAP_MIN_WIDTH cells (or less when their content is narrower).
TABLE_WRAPPED = {"indicator", "context", "rule", "input"}
WRAP_MIN_WIDTH = 18
# Each column costs its padding (one cell each side) and a border.
_COLUMN_FRAME = 3
NUMERIC_FIELDS = {"line", "col", "start", "end", "value", "value_max", "year"}


def format_for_path(path: str) -> Format | None:
    """The format a file name asks for (report.jsonl → jsonl), if any."""
    suffix = path.rsplit(".", 1)[-1].lower() if "." in path else ""
    return {"csv": Format.csv, "tsv": Format.tsv, "json": Format.json, "jsonl": Format.jsonl,
            "xlsx": Format.xlsx, "db": Format.sqlite, "sqlite": Format.sqlite,
            "sqlite3": Format.sqlite}.get(suffix)


# Formats whose rows are encoded one by one and written as they come; a worker
# process can encode its file's rows itself (encode_rows) and hand back text.
STREAMED = frozenset({Format.csv, Format.tsv, Format.json, Format.jsonl})


def _cell(value) -> str:
    return "" if value is None else str(value)


def _csv_writer(stream: IO[str], fmt: Format):
    return csv.writer(stream, dialect="excel" if fmt is Format.csv else "excel-tab", lineterminator="\n")


def encode_rows(rows: Iterable[dict], fmt: Format, fields: Sequence[str]) -> str:
    """The rows in a streamed format, as RowWriter writes them (a JSON array's
    items without the commas between them and the next)."""
    if fmt in (Format.csv, Format.tsv):
        buffer = io.StringIO()
        _csv_writer(buffer, fmt).writerows([_cell(row.get(f)) for f in fields] for row in rows)
        return buffer.getvalue()
    objects = (json.dumps({f: row.get(f) for f in fields}, ensure_ascii=False) for row in rows)
    return "".join(o + "\n" for o in objects) if fmt is Format.jsonl else ",\n".join(objects)


class RowWriter:
    """Writes dict rows with the given fields to a stream in one format.

    The stream is a text stream, except for xlsx: a binary one.
    """

    def __init__(self, stream: IO, fmt: Format, fields: Sequence[str],
                 bom: bool = False, headers: bool = True, title: str | None = None, sheet: str = "targets"):
        self.stream, self.fmt, self.fields = stream, fmt, tuple(fields)
        self.count = 0
        self._held_rows: list[dict] = []  # table and xlsx wait for all rows
        self._title = title
        self._sheet = sheet
        if bom and fmt in (Format.csv, Format.tsv):
            stream.write("\ufeff")
        if headers and fmt in (Format.csv, Format.tsv):
            _csv_writer(stream, fmt).writerow(self.fields)

    def write(self, rows: Iterable[dict]) -> None:
        if self.fmt in STREAMED:
            rows = list(rows)
            self.write_encoded(encode_rows(rows, self.fmt, self.fields), len(rows))
        else:
            self._held_rows.extend(rows)
            self.count = len(self._held_rows)

    def write_encoded(self, text: str, count: int) -> None:
        """count rows already encoded by encode_rows in this writer's format and fields."""
        if count and self.fmt is Format.json:
            # A JSON array written one row per line, so it streams and still parses.
            text = ("[\n" if self.count == 0 else ",\n") + text
        self.stream.write(text)
        self.count += count
        self.stream.flush()

    def close(self) -> None:
        if self.fmt is Format.json:
            self.stream.write("[]\n" if self.count == 0 else "\n]\n")
        elif self.fmt is Format.table:
            self._print_table()
        elif self.fmt is Format.xlsx:
            from .xlsx import write_sheet

            write_sheet(self.stream, self._sheet, self.fields,
                        ([row.get(f) for f in self.fields] for row in self._held_rows))
        self.stream.flush()

    def _print_table(self) -> None:
        from rich.table import Table
        from rich.text import Text

        console = _console(self.stream)
        rows = self._held_rows
        if not rows:
            console.print("no rows", style="dim")
            return
        title = self._title
        files = list(dict.fromkeys(row.get("file") for row in rows))
        names = _file_names(files)
        shown_cells = {f: [table_cell(f, row, names) for row in rows]
                       for f in TABLE_ORDER if f in self.fields}
        if len(files) == 1 and "file" in shown_cells:
            # One file: name it once above the table instead of on every row.
            del shown_cells["file"]
            title = title or str(files[0])
        fields, fits = _fit_columns(shown_cells, console.width)
        table = Table(title=title, header_style="bold")
        for f in fields:
            # Where all fits, nothing but the wrapped columns may be squeezed;
            # where it cannot, every cell folds onto more lines: never cut.
            table.add_column(f, justify="right" if f in NUMERIC_FIELDS else "left", overflow="fold",
                             no_wrap=fits and f not in TABLE_WRAPPED)
        for i in range(len(rows)):
            # Text, not markup: a report's own brackets must print as they are.
            table.add_row(*(Text(shown_cells[f][i]) for f in fields))
        console.print(table)


def compact_number(value) -> str:
    """A value as a report writes it, exactly: 126万亿, 2.7万, 1000亿, 8.5, 0.3333333333333333."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return _cell(value)
    from decimal import Decimal

    exact = Decimal(str(value))
    for power, name in _SCALES:
        if abs(exact) >= 10 ** power:
            # scaleb moves the decimal point: exact, unlike a division of floats.
            return _plain_decimal(exact.scaleb(-power)) + name
    return _plain_decimal(exact)


# Largest first; a value is written in the largest scale it reaches.
_SCALES = ((12, "万亿"), (8, "亿"), (4, "万"))


def _plain_decimal(d) -> str:
    text = format(d, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def table_cell(field: str, row: dict, file_names: dict) -> str:
    """What the table shows for one field of a row: a range in value, values compact."""
    if field == "value" and isinstance(row.get("value"), (int, float)):
        shown = compact_number(row["value"])
        if row.get("value_max") is not None:
            shown += "–" + compact_number(row["value_max"])
        return shown
    if field == "file":
        return file_names.get(row.get("file"), _cell(row.get("file")))
    return _cell(row.get(field))


def _file_names(files: list) -> dict:
    """Each file by its base name, or by its path where two base names are one."""
    import os

    names = {f: os.path.basename(str(f)) or str(f) for f in files}
    return names if len(set(names.values())) == len(files) else {f: str(f) for f in files}


def _fit_columns(cells: dict[str, list[str]], width: int) -> tuple[list[str], bool]:
    """The fields to show at this width, in order, and whether they fit unsqueezed.

    Every column but a wrapped one needs its widest cell (or header); a wrapped
    one needs WRAP_MIN_WIDTH. Optional columns leave, least needed first, until
    the rest fits.
    """
    from rich.cells import cell_len

    def need(f: str) -> int:
        widest = max([cell_len(f)] + [cell_len(c) for c in cells[f]])
        return min(widest, max(WRAP_MIN_WIDTH, cell_len(f))) if f in TABLE_WRAPPED else widest

    needs = {f: need(f) for f in cells}
    fields = list(cells)
    leaving = sorted((f for f in fields if f in TABLE_OPTIONAL), key=TABLE_OPTIONAL.get)

    def total() -> int:
        return sum(needs[f] + _COLUMN_FRAME for f in fields) + 1

    while total() > width and leaving:
        fields.remove(leaving.pop(0))
    return fields, total() <= width


def _console(stream):
    from rich.console import Console

    return Console(file=stream)


def print_summary(stream: IO[str], rows: list[dict]) -> None:
    """The summary rows as a table, each count with a bar scaled to the largest."""
    from rich.cells import cell_len
    from rich.table import Table
    from rich.text import Text

    from .analysis import bar

    console = _console(stream)
    if not rows:
        console.print("no rows", style="dim")
        return
    files = list(dict.fromkeys(row["file"] for row in rows))
    names = _file_names(files)
    place_fields = (["file"] if len(files) > 1 else []) + ["region", "year"]
    shown = [place_fields + ["by", "name", "count"]]
    before: dict = {}
    for row in rows:
        new_place = any(row[f] != before.get(f) for f in ("file", "region", "year"))
        # Each place and each "by" is named once, on the first line of its group.
        shown.append([(names[row["file"]] if f == "file" else _cell(row[f])) if new_place else "" for f in place_fields]
                     + [row["by"] if new_place or row["by"] != before.get("by") else "",
                        "(none)" if row["name"] is None else str(row["name"]),
                        str(row["count"])])
        before = row
    # The bars take what the terminal has left, between 8 and 30 characters.
    taken = sum(max(cell_len(line[i]) for line in shown) + 3 for i in range(len(shown[0]))) + 4
    width = max(8, min(30, console.width - taken))
    table = Table(title=None if len(files) > 1 else str(files[0]), header_style="bold")
    for f in shown[0]:
        table.add_column(f, justify="right" if f in ("year", "count") else "left", overflow="fold")
    table.add_column("", no_wrap=True)
    largest = max(row["count"] for row in rows)
    for row, line in zip(rows, shown[1:]):
        if line[0] and row is not rows[0]:
            table.add_section()
        table.add_row(*(Text(c, style="dim" if c == "(none)" else "") for c in line),
                      Text(bar(row["count"], largest, width), style="cyan"))
    console.print(table)


def print_comparison(stream: IO[str], columns: Sequence[str], rows: list[dict], title: str,
                     labels: int = 2, across: str = "report") -> None:
    """The comparison as a table: the labels (key and indicator), then one
    right-aligned column per report and change.

    Where that is wider than the terminal, each indicator's cells are listed
    one report a line instead, so any number of reports reads at 80 columns.
    """
    from rich.table import Table
    from rich.text import Text

    console = _console(stream)
    if not rows:
        console.print("nothing to compare: no row has a key, and no indicator is in two reports", style="dim")
        return
    table = Table(title=title, header_style="bold")
    for i, column in enumerate(columns):
        table.add_column(column, justify="left" if i < labels else "right", overflow="fold",
                         style="dim" if column == "key" else None)
    for row in rows:
        table.add_row(*(Text(_cell(row.get(c))) for c in columns))
    # Measured as if the terminal were unbounded: the width the table wants.
    if table.__rich_measure__(console, console.options.update_width(10 ** 6)).maximum <= console.width:
        console.print(table)
        return
    long = Table(title=title, header_style="bold")
    for column in list(columns[:labels]) + [across, "value"]:
        long.add_column(column, justify="right" if column == "value" else "left", overflow="fold",
                        style="dim" if column == "key" else None)
    for row in rows:
        filled = [c for c in columns[labels:] if _cell(row.get(c))]
        for k, column in enumerate(filled):
            # Each indicator is named on its first line only.
            long.add_row(*(Text(_cell(row.get(c)) if k == 0 else "") for c in columns[:labels]),
                         Text(column), Text(_cell(row.get(column))), end_section=k == len(filled) - 1)
    console.print(long)


SCORE_LINES = (("mentions", "mention"), ("targets", "target"), ("fully right", "full"))


def print_scores(stream: IO[str], figures: dict, accuracies: Sequence[str], errors: list[dict]) -> None:
    """Precision, recall and F1, the accuracy of each field, then the errors if any are given."""
    from rich.table import Table
    from rich.text import Text

    from .gold import describe_error

    console = _console(stream)
    table = Table(title=f"{figures['gold']} gold rows, {figures['pred']} extracted, {figures['matched']} matched",
                  header_style="bold")
    for column in ("", "precision", "recall", "F1"):
        table.add_column(column, justify="right" if column else "left")
    for name, prefix in SCORE_LINES:
        table.add_row(name, *(f"{figures[f'{prefix}_{m}']:.3f}" for m in ("p", "r", "f1")))
    console.print(table)
    fields = Table(title=f"field accuracy ({figures['matched']} matched)", header_style="bold")
    fields.add_column("field")
    fields.add_column("accuracy", justify="right")
    for name in accuracies:
        fields.add_row(name, f"{figures[f'{name}_acc']:.3f}")
    console.print(fields)
    if errors:
        # One line each, place first, as compilers write them: editors and
        # terminals open file:line:col, and no column is squeezed by a long path.
        console.print(f"{len(errors)} errors (missed: in the gold, not extracted; extra: extracted, "
                      "not in the gold; wrong: fields gold → extracted)", style="bold")
        for record in errors:
            console.print(Text(f"{record['place']}  {record['kind']:<6}  {_cell(record['quantity'])}  "
                               f"{describe_error(record)}"), soft_wrap=True)
