"""What `qdtargets eval` needs around the project's scoring (evaluate.score):
the user's gold files read and checked, and each error given its place.
"""
from __future__ import annotations

import json
import os
from typing import Callable

from .evaluate import Score

GOLD_KEYS = ("doc", "start", "quantity")
# In a gold folder these list the numbers that were dropped (TARGETS.md), not gold rows.
DROPS_SUFFIX = ".drops.jsonl"


class GoldError(Exception):
    """A gold file that cannot be used; the message names the file (and line)."""


def gold_files(given: list[str]) -> list[str]:
    """The gold files that --gold names: comma-separated lists, files, and folders
    (their *.jsonl files, sorted, without the *.drops.jsonl ones)."""
    files = []
    for spec in given:
        # A file whose name holds a comma is taken whole.
        for item in [spec] if os.path.exists(spec) else [s for s in spec.split(",") if s]:
            if os.path.isdir(item):
                files += sorted(os.path.join(item, f) for f in os.listdir(item)
                                if f.endswith(".jsonl") and not f.endswith(DROPS_SUFFIX))
            else:
                files.append(item)
    return files


def load_gold(files: list[str]) -> list[dict]:
    """All gold rows of the files; GoldError at the first that cannot be read or is not a gold row."""
    rows = []
    for path in files:
        try:
            with open(path, encoding="utf-8-sig") as fh:
                lines = fh.read().splitlines()
        except OSError as exc:
            raise GoldError(f"cannot read gold file {path}: {exc.strerror or exc}") from None
        except UnicodeDecodeError:
            raise GoldError(f"cannot read gold file {path}: not UTF-8") from None
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise GoldError(f"{path}:{number}: not JSON ({exc.msg})") from None
            if not isinstance(row, dict) or any(k not in row for k in GOLD_KEYS) or not isinstance(row["start"], int):
                raise GoldError(f"{path}:{number}: not a gold row: it needs doc, start (a number) and quantity "
                                f"(see TARGETS.md, \"Gold file format\")")
            rows.append(row)
    return rows


def doc_name(path: str) -> str:
    """The name gold rows give a report by: its file name (evaluate matches on it)."""
    return os.path.basename(path)


def line_and_col(text: str, start: int) -> tuple[int, int]:
    """1-based line and column of a character offset, as extract counts them."""
    line_start = text.rfind("\n", 0, start) + 1
    return text.count("\n", 0, start) + 1, start - line_start + 1


def error_records(result: Score, place_of_gold: Callable[[dict], str]) -> list[dict]:
    """Misses, extras and wrong fields, each with its place (file:line:col), in text order."""
    found = [((doc_name(g["doc"]), g["start"]), "missed", place_of_gold(g), g["quantity"], [], g, None)
             for g in result.misses]
    found += [((doc_name(p["file"]), p["start"]), "extra", _place(p), p.get("text"), [], None, p)
              for p in result.extras]
    found += [((doc_name(p["file"]), p["start"]), "wrong", _place(p), p.get("text"), bad, g, p)
              for g, p, bad in result.wrong]
    found.sort(key=lambda f: f[0])
    return [{"kind": kind, "place": place, "quantity": quantity, "fields": fields, "gold": gold, "extracted": row}
            for _, kind, place, quantity, fields, gold, row in found]


def _place(row: dict) -> str:
    return f"{row['file']}:{row['line']}:{row['col']}"


def describe_error(record: dict) -> str:
    """One line on what is wrong: the gold row missed, the row extracted, or the fields that differ."""
    if record["kind"] == "wrong":
        return "; ".join(f"{f} {_shown(record['gold'].get(f))} → {_shown(record['extracted'].get(f))}"
                         for f in record["fields"])
    row = record["gold"] or record["extracted"]
    return f"{row.get('indicator') or '?'} · {row.get('status') or '?'}"


def _shown(value) -> str:
    return "—" if value is None or value == "" else str(value)

