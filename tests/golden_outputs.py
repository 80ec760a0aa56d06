"""Commands whose whole output on the seed reports is pinned in tests/golden/.

The tests compare the command's output with the file; when a change of the
extractor changes the output on purpose, `scripts/regen_golden.py` writes the
files again and `git diff tests/golden` shows what changed, row by row.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

from typer.testing import CliRunner, Result

from qdtargets.cli import app

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
SEED_0 = "fixtures/seeds/000_3039b4f5f4914328.txt"
SEED_1 = "fixtures/seeds/001_38ca803b727251b8.txt"

# golden file name → the command line that prints it (paths relative to the repository)
CASES: dict[str, list[str]] = {
    "extract_seed_000.csv": ["extract", SEED_0],
    "extract_seed_000.jsonl": ["extract", "-f", "jsonl", SEED_0],
    "summary_seed_001.json": ["summary", "-f", "json", SEED_1],
    "compare_seeds.json": ["compare", "-f", "json", "fixtures/seeds"],
}


@contextmanager
def _in_root():
    # Run from the repository root, so that the file column holds the same
    # relative paths wherever the repository is checked out.
    before = os.getcwd()
    os.chdir(ROOT)
    try:
        yield
    finally:
        os.chdir(before)


def run(args: list[str]) -> Result:
    """The command's result, run as the golden files were made."""
    with _in_root():
        return CliRunner().invoke(app, args)


def golden(name: str) -> str:
    with open(GOLDEN / name, encoding="utf-8", newline="") as f:
        return f.read()
