"""The extractor scored against the hand-checked gold of the seed reports.

The floors are the acceptance figures of the extraction issue; a change that
takes any figure below its floor fails here.
"""
import pytest

from qdtargets import explain_text
from qdtargets.evaluate import load_jsonl, score

from .conftest import FIXTURES, GOLD, GOLD_DROPS, SEEDS

FLOORS = {
    "target_f1": 0.92,
    "mention_f1": 0.92,
    "value_acc": 0.98,
    "unit_acc": 0.95,
    "bound_acc": 0.95,
    "status_acc": 0.92,
    "region_acc": 0.95,
    "year_acc": 0.90,
    "indicator_acc": 0.85,
}


@pytest.fixture(scope="module")
def seed_score(seed_rows):
    gold = [row for path in GOLD for row in load_jsonl(path)]
    return score(gold, seed_rows)


def test_fixtures_cover_every_seed():
    assert len(SEEDS) == len(GOLD) == len(GOLD_DROPS) == 5


@pytest.mark.parametrize("figure,floor", FLOORS.items(), ids=list(FLOORS))
def test_seed_figure_meets_floor(seed_score, figure, floor):
    assert seed_score.figures[figure] >= floor, seed_score.figures


def test_no_dropped_number_becomes_a_row(seed_rows):
    """A number the gold lists as dropped (date, slogan …) never starts a row."""
    starts = {(r["file"], r["start"]) for r in seed_rows}
    kept = [d for path in GOLD_DROPS for d in load_jsonl(path) if (d["doc"], d["start"]) in starts]
    assert kept == []


def test_explain_gives_the_gold_reason_for_most_drops():
    """--explain names the same reason as the annotators for the numbers it drops."""
    agree = total = 0
    for path in GOLD_DROPS:
        drops = load_jsonl(path)
        text = (FIXTURES / "seeds" / drops[0]["doc"]).read_text(encoding="utf-8")
        decisions = explain_text(text)
        for d in drops:
            hit = next((x for x in decisions if x.start <= d["start"] < x.end), None)
            if hit is not None:
                total += 1
                agree += hit.reason == d["reason"]
    assert total > 300 and agree / total >= 0.93, (agree, total)
