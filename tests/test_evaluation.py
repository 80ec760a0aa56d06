"""The extractor scored against hand-checked gold: the seed reports, and the
dev reports (16 real reports from 13 provinces, province to county, 2005–2026,
report texts, news summaries and lists of 实事).

The floors are the acceptance figures of the issues; a change that takes any
figure below its floor fails here.
"""
import pytest

from qdtargets import explain_text
from qdtargets.evaluate import load_jsonl, score

from .conftest import DEV_DOCS, DEV_GOLD, DEV_GOLD_DROPS, FIXTURES, GOLD, GOLD_DROPS, SEEDS

SEED_FLOORS = {
    "target_f1": 0.99,
    "mention_f1": 0.99,
    "value_acc": 0.99,
    "unit_acc": 0.99,
    "bound_acc": 0.99,
    "status_acc": 0.99,
    "region_acc": 0.99,
    "year_acc": 0.99,
    "indicator_acc": 0.92,
}
DEV_FLOORS = {
    "target_f1": 0.72,
    "mention_f1": 0.98,
    "value_acc": 0.98,
    "unit_acc": 0.97,
    "bound_acc": 0.97,
    "status_acc": 0.90,
    "region_acc": 0.98,
    "year_acc": 0.83,
    "indicator_acc": 0.86,
}


def _score(gold_paths, rows):
    return score([row for path in gold_paths for row in load_jsonl(path)], rows)


@pytest.fixture(scope="module")
def seed_score(seed_rows):
    return _score(GOLD, seed_rows)


@pytest.fixture(scope="module")
def dev_score(dev_rows):
    return _score(DEV_GOLD, dev_rows)


def test_fixtures_cover_every_report():
    assert len(SEEDS) == len(GOLD) == len(GOLD_DROPS) == 5
    assert len(DEV_DOCS) == len(DEV_GOLD) == len(DEV_GOLD_DROPS) == 16


@pytest.mark.parametrize("figure,floor", SEED_FLOORS.items(), ids=list(SEED_FLOORS))
def test_seed_figure_meets_floor(seed_score, figure, floor):
    assert seed_score.figures[figure] >= floor, seed_score.figures


@pytest.mark.parametrize("figure,floor", DEV_FLOORS.items(), ids=list(DEV_FLOORS))
def test_dev_figure_meets_floor(dev_score, figure, floor):
    assert dev_score.figures[figure] >= floor, dev_score.figures


@pytest.mark.parametrize("rows_fixture,drops", [
    ("seed_rows", GOLD_DROPS),
    ("dev_rows", DEV_GOLD_DROPS),
], ids=["seeds", "dev"])
def test_no_dropped_number_becomes_a_row(request, rows_fixture, drops):
    """A number the gold lists as dropped (date, slogan …) never starts a row."""
    starts = {(r["file"], r["start"]) for r in request.getfixturevalue(rows_fixture)}
    kept = [d for path in drops for d in load_jsonl(path) if (d["doc"], d["start"]) in starts]
    assert kept == []


@pytest.mark.parametrize("drops,docs,floor", [
    (GOLD_DROPS, FIXTURES / "seeds", 0.93),
    (DEV_GOLD_DROPS, FIXTURES / "dev" / "docs", 0.95),
], ids=["seeds", "dev"])
def test_explain_gives_the_gold_reason_for_most_drops(drops, docs, floor):
    """--explain names the same reason as the annotators for the numbers it drops."""
    agree = total = 0
    for path in drops:
        gold_drops = load_jsonl(path)
        text = (docs / gold_drops[0]["doc"]).read_text(encoding="utf-8")
        decisions = explain_text(text)
        for d in gold_drops:
            hit = next((x for x in decisions if x.start <= d["start"] < x.end), None)
            if hit is not None:
                total += 1
                agree += hit.reason == d["reason"]
    assert total > 300 and agree / total >= floor, (agree, total)
