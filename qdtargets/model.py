"""The records that flow through the pipeline and the closed vocabularies."""
from __future__ import annotations

from dataclasses import dataclass, fields
from enum import Enum

# Column order of every output format (CSV/TSV header, JSON key order).
FIELDS = (
    "file", "line", "col", "start", "end", "text", "indicator", "value",
    "value_max", "unit", "bound", "status", "region", "year", "sentence",
    "category", "key", "region_code", "page",
)


class Bound(str, Enum):
    EQ = "="
    GE = ">="
    GT = ">"
    LE = "<="
    APPROX = "~"


class Status(str, Enum):
    TARGET = "target"
    ACHIEVED = "achieved"
    FACT = "fact"


class Reason(str, Enum):
    """Why a numeric mention is not a quantity (the Drop table of TARGETS.md)."""
    DATE = "date"
    ORDINAL = "ordinal"
    NAME = "name"
    SLOGAN = "slogan"
    ENUMERATION = "enumeration"
    CLASS = "class"
    STRUCTURE = "structure"
    IDIOM = "idiom"
    DURATION = "duration"


@dataclass(frozen=True, slots=True)
class Mention:
    """Where a numeric mention stands: the file, its 1-based line and column,
    its 0-based character offsets in the decoded text, and the text there."""
    file: str
    line: int
    col: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Target(Mention):
    """One kept quantity: what TARGETS.md calls a gold row, plus provenance."""
    indicator: str
    value: int | float
    value_max: int | float | None
    unit: str
    bound: str
    status: str
    region: str | None
    year: int | None
    sentence: str
    category: str | None = None      # policy area (data/categories.tsv)
    key: str | None = None           # headline indicator id shared across reports (data/keys.tsv)
    region_code: str | None = None   # the region's 6-digit administrative code (GB/T 2260) for the year
    page: int | None = None          # 1-based page of a paged input (PDF); None for text

    def to_dict(self) -> dict:
        return {f: getattr(self, f) for f in FIELDS}


@dataclass(frozen=True, slots=True)
class Decision(Mention):
    """What --explain prints: one numeric mention and the rule that decided it."""
    decision: str          # "keep" or "drop"
    reason: str            # a Reason value for drops, "quantity" for keeps
    rule: str              # the name of the rule (or data file entry) that decided

    def to_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}
