from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))
GOLD = sorted(p for p in (FIXTURES / "gold").glob("*.jsonl") if not p.name.endswith(".drops.jsonl"))
GOLD_DROPS = sorted((FIXTURES / "gold").glob("*.drops.jsonl"))


@pytest.fixture(scope="session")
def seed_rows():
    """The extractor's rows for every seed report, as dicts (JSON keys)."""
    from qdtargets import extract_text

    rows = []
    for path in SEEDS:
        rows += [t.to_dict() for t in extract_text(path.read_text(encoding="utf-8"), name=path.name)]
    return rows
