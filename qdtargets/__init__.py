"""qdtargets: quantified targets from Chinese government work reports."""
from __future__ import annotations

from . import numerals
from .model import FIELDS, Decision, Target
from .pipeline import explain_text, extract_text
from .quantities import Quantity, parse_quantity

__version__ = "0.1.0"
__all__ = [
    "FIELDS", "Decision", "Quantity", "Target", "__version__",
    "explain_text", "extract_text", "parse_number", "parse_quantity",
]


def parse_number(text: str) -> float | None:
    """Value of one numeral string as a float ("二十七万" → 270000.0), None if it is not one."""
    value = numerals.parse_number(text)
    return None if value is None else float(value)
