from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))
GOLD = sorted(p for p in (FIXTURES / "gold").glob("*.jsonl") if not p.name.endswith(".drops.jsonl"))
GOLD_DROPS = sorted((FIXTURES / "gold").glob("*.drops.jsonl"))
# Real reports from outside Qingdao's seeds (every level and genre), with gold.
DEV_DOCS = sorted((FIXTURES / "dev" / "docs").glob("*.txt"))
DEV_GOLD = sorted(p for p in (FIXTURES / "dev" / "gold").glob("*.jsonl") if not p.name.endswith(".drops.jsonl"))
DEV_GOLD_DROPS = sorted((FIXTURES / "dev" / "gold").glob("*.drops.jsonl"))


def rows_of(paths):
    """The extractor's rows for every report in paths, as dicts (JSON keys)."""
    from qdtargets import extract_text

    rows = []
    for path in paths:
        rows += [t.to_dict() for t in extract_text(path.read_text(encoding="utf-8"), name=path.name)]
    return rows


@pytest.fixture(scope="session")
def seed_rows():
    """The extractor's rows for every seed report, as dicts (JSON keys)."""
    return rows_of(SEEDS)


@pytest.fixture(scope="session")
def dev_rows():
    return rows_of(DEV_DOCS)
