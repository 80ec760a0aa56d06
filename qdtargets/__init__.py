"""qdtargets: quantified targets from Chinese government work reports.

The names below are loaded on first use, so that `qdtargets --help` and other
light commands do not pay for the pipeline.
"""
from __future__ import annotations

from importlib import import_module

__version__ = "0.1.0"
__all__ = [
    "FIELDS", "Decision", "Quantity", "Target", "__version__",
    "explain_text", "extract_text", "parse_number", "parse_quantity",
]

_HOMES = {
    "FIELDS": "model", "Decision": "model", "Target": "model",
    "explain_text": "pipeline", "extract_text": "pipeline",
    "Quantity": "quantities", "parse_quantity": "quantities",
}


def __getattr__(name: str):
    if name in _HOMES:
        return getattr(import_module(f".{_HOMES[name]}", __name__), name)
    raise AttributeError(f"module 'qdtargets' has no attribute {name!r}")


def parse_number(text: str) -> float | None:
    """Value of one numeral string as a float ("二十七万" → 270000.0), None if it is not one."""
    from .numerals import parse_number as parse_exact

    value = parse_exact(text)
    return None if value is None else float(value)
