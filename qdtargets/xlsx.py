"""Excel workbooks through openpyxl, the optional extra ``qdtargets[xlsx]``.

Imported only when xlsx output is asked for: loading openpyxl takes about
45 ms, a third of a whole run on one report.
"""
from __future__ import annotations

import unicodedata
from typing import IO, Iterable, Sequence

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from .analysis import BOUND_SIGNS

# In characters. Capped so that a sentence column does not push the rest off screen.
MIN_WIDTH, MAX_WIDTH = 4, 60


def text_width(text: str) -> int:
    """Columns the text takes: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _literal(text: str) -> str:
    return f'"{text}"' if text else ""


def _cell(value) -> tuple[object, str | None, str]:
    """(value to store, number format or None, text shown) for one cell.

    A quantity (a dict with value, value_max, unit, bound and shown, as
    `compare` gives) stays a number, its bound and unit put in the number
    format, so ≥8% is the number 8 shown as ≥8%; a range is written as text.
    """
    if isinstance(value, dict):
        shown = value.get("shown") or ""
        if value.get("value") is None or value.get("value_max") is not None:
            return shown, None, shown
        affix = BOUND_SIGNS.get(value.get("bound") or "=", "")
        number_format = _literal(affix) + "General" + _literal((value.get("unit") or "").replace('"', ""))
        return value["value"], number_format, shown
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return value, None, "" if value is None else str(value)


def write_sheet(stream: IO[bytes], title: str, columns: Sequence[str], rows: Iterable[Sequence]) -> None:
    """One sheet: a bold, frozen header row with a filter, columns as wide as their content (capped)."""
    book = Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(list(columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [text_width(c) for c in columns]
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            stored, number_format, shown = _cell(value)
            cell = sheet.cell(row=r, column=c, value=stored)
            if isinstance(stored, str) and stored.startswith("="):
                cell.data_type = "s"    # text that starts with = is not a formula
            if number_format:
                cell.number_format = number_format
            widths[c - 1] = max(widths[c - 1], text_width(shown))
    for c, width in enumerate(widths, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=c).column_letter].width = min(MAX_WIDTH, max(MIN_WIDTH, width + 2))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    book.save(stream)
