"""Read stage, Word side: the text of a .docx, paragraphs and tables in reading order.

One paragraph a line; a table row a line, its cells joined by tabs (a cell
merged across columns counted once). Page headers, footers and footnotes are
page furniture and left out. Imported only when a Word file is read.
"""
from __future__ import annotations

import io
import zipfile

import docx
from docx.table import Table

from .sources import SourceError


def docx_text(data: bytes, name: str) -> str:
    """The text of a .docx file's body; SourceError when it cannot be opened."""
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise SourceError(f"cannot read {name}: not a readable Word file ({exc})") from None
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.extend(_table_lines(block))
        else:
            lines.append(block.text)
    # A soft line break (Shift+Enter) is a line too; blank lines say nothing.
    text = "\n".join(line.strip() for line in "\n".join(lines).replace("\r", "\n").split("\n")
                     if line.strip())
    return text + "\n" if text else ""


def _table_lines(table: Table) -> list[str]:
    lines = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) not in seen:  # a merged cell is repeated for every column it spans
                seen.add(id(cell._tc))
                cells.append(" ".join(cell.text.split()))
        lines.append("\t".join(cells))
    return lines
