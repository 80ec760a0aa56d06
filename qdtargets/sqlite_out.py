"""SQLite output: rows into a table of a database that grows run by run.

Each run replaces the rows of the files it reads, so the same reports read
twice give their rows once, and a database can be built up over thousands of
reports. A `files` table records what each file was when it was read (size,
sha256, region, year, rows). Everything a run writes is one transaction: an
interrupted run leaves the database as it was.

The writer is generic: a table name, its columns with their SQLite types,
the columns to index, and the column naming a row's file. `extract` uses it
with TARGET_COLUMNS; another command writes its own rows the same way::

    with SqliteWriter("out.db", "tracks", [("file", "TEXT"), ("key", "TEXT"), ("value", "REAL")],
                      indexes=("key",)) as db:
        db.replace("/abs/report.txt", rows)                 # rows: dicts keyed by column
        db.record_file("/abs/report.txt", region="城阳区", year=2023, rows=len(rows))

Only this module imports sqlite3, and only when the format is asked for.
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
from collections import Counter
from typing import Iterable, Sequence

# extract's rows (model.FIELDS) with their types; every other field is TEXT.
_TARGET_TYPES = {"line": "INTEGER", "col": "INTEGER", "start": "INTEGER", "end": "INTEGER",
                 "value": "REAL", "value_max": "REAL", "year": "INTEGER", "page": "INTEGER"}
TARGET_INDEXES = ("region", "year", "key", "file")
FILES_COLUMNS = (("path", "TEXT PRIMARY KEY"), ("size", "INTEGER"), ("sha256", "TEXT"),
                 ("region", "TEXT"), ("year", "INTEGER"), ("rows", "INTEGER"))


class SqliteError(Exception):
    """The database cannot be opened or written; the message is one line."""


def typed_columns(fields: Sequence[str], types: dict[str, str]) -> list[tuple[str, str]]:
    """(name, SQLite type) for each field: its type in types, else TEXT."""
    return [(f, types.get(f, "TEXT")) for f in fields]


def target_columns(fields: Sequence[str]) -> list[tuple[str, str]]:
    return typed_columns(fields, _TARGET_TYPES)


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class SqliteWriter:
    """Rows of one table, replaced file by file, plus the files table."""

    def __init__(self, path: str, table: str, columns: Sequence[tuple[str, str]],
                 indexes: Sequence[str] = (), file_column: str = "file"):
        self.path, self.table, self.file_column = path, table, file_column
        self.names = [name for name, _ in columns]
        try:
            self.db = sqlite3.connect(path, isolation_level=None)
            self.db.execute("BEGIN")
            self._create(table, columns, indexes)
            self._create("files", FILES_COLUMNS, ())
        except sqlite3.Error as exc:
            raise SqliteError(f"cannot write {path}: {exc}") from None
        self.count = 0
        placeholders = ", ".join("?" for _ in self.names)
        self._insert = (f"INSERT INTO {_quoted(table)} ({', '.join(map(_quoted, self.names))}) "
                        f"VALUES ({placeholders})")

    def _create(self, table: str, columns: Sequence[tuple[str, str]], indexes: Sequence[str]) -> None:
        spec = ", ".join(f"{_quoted(name)} {kind}" for name, kind in columns)
        self.db.execute(f"CREATE TABLE IF NOT EXISTS {_quoted(table)} ({spec})")
        have = {row[1] for row in self.db.execute(f"PRAGMA table_info({_quoted(table)})")}
        missing = [name for name, _ in columns if name not in have]
        if missing:
            raise sqlite3.DatabaseError(
                f"its table {table} has no column {', '.join(missing)} (written by another version?)")
        for column in indexes:
            self.db.execute(f"CREATE INDEX IF NOT EXISTS {_quoted(f'{table}_{column}')} "
                            f"ON {_quoted(table)} ({_quoted(column)})")

    def replace(self, file: str, rows: Iterable[dict]) -> int:
        """Delete the table's rows of file, insert rows instead; how many were inserted."""
        values = [[row.get(name) if name != self.file_column else file for name in self.names] for row in rows]
        try:
            self.db.execute(f"DELETE FROM {_quoted(self.table)} WHERE {_quoted(self.file_column)} = ?", (file,))
            self.db.executemany(self._insert, values)
        except sqlite3.Error as exc:
            raise SqliteError(f"cannot write {self.table} rows of {file}: {exc}") from None
        self.count += len(values)
        return len(values)

    def record_file(self, path: str, region: str | None, year: int | None, rows: int) -> None:
        """One files row for path: its size and sha256 now (NULL for standard input)."""
        size = digest = None
        if os.path.isfile(path):
            sha = hashlib.sha256()
            with open(path, "rb") as f:
                for block in iter(lambda: f.read(1 << 20), b""):
                    sha.update(block)
            size, digest = os.path.getsize(path), sha.hexdigest()
        self.db.execute("INSERT OR REPLACE INTO files (path, size, sha256, region, year, rows) "
                        "VALUES (?, ?, ?, ?, ?, ?)", (path, size, digest, region, year, rows))

    def close(self, commit: bool = True) -> None:
        self.db.execute("COMMIT" if commit else "ROLLBACK")
        self.db.close()

    def __enter__(self) -> "SqliteWriter":
        return self

    def __exit__(self, kind, value, traceback) -> None:
        self.close(commit=kind is None)


def commonest(rows: Sequence[dict], field: str):
    """The value of field most rows give (None when none gives one)."""
    counts = Counter(row.get(field) for row in rows if row.get(field) is not None)
    return counts.most_common(1)[0][0] if counts else None
