"""Score extracted rows against hand-checked gold rows (TARGETS.md, "Gold file format").

The matching is the project's yardstick: a row matches a gold row when their
quantity spans overlap in the same document, one to one, largest overlap
first. Precision and recall are counted over mentions and over targets; field
accuracies over the matched pairs.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Callable, Iterable

SCORED_FIELDS = ("value", "unit", "bound", "indicator", "status", "region", "year")
# A row is fully right when these agree (region and year are reported apart).
FULL_FIELDS = ("value", "unit", "bound", "indicator", "status")
_UNIT_ALIASES = {"个百分点": "百分点", "％": "%"}
_BIGRAM_SKIP = set("“”\"'、，,。")


def load_jsonl(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _doc(row: dict) -> str:
    return os.path.basename(row.get("doc") or row.get("file") or "")


def _gold_span(row: dict) -> tuple[int, int]:
    return row["start"], row["start"] + len(row["quantity"])


def _pred_span(row: dict) -> tuple[int, int]:
    start = row["start"]
    end = row.get("end")
    return start, end if end is not None else start + len(row.get("quantity") or row.get("text") or "x")


def _same_number(a, b) -> bool:
    try:
        a, b = float(a), float(b)
    except (TypeError, ValueError):
        return False
    return abs(a - b) <= 1e-6 * max(1.0, abs(b))


def _bigrams(s: str) -> set[str]:
    s = "".join(ch for ch in (s or "") if not ch.isspace() and ch not in _BIGRAM_SKIP)
    return {s[i:i + 2] for i in range(len(s) - 1)} or ({s} if s else set())


def same_indicator(pred: str | None, gold: str | None) -> bool:
    """Names the same thing: one contains the other (等 aside) and holds at least
    half of it, or bigram Dice ≥ 0.5. ("总" inside 项目总投资 names nothing.)"""
    pred, gold = pred or "", gold or ""
    if not pred or not gold:
        return False
    core = gold.replace("等", "")
    shorter, longer = sorted((pred, core), key=len)
    if core and shorter in longer and 2 * len(shorter) >= len(longer):
        return True
    a, b = _bigrams(pred), _bigrams(gold)
    return bool(a and b) and 2 * len(a & b) / (len(a) + len(b)) >= 0.5


def _unit(u) -> str:
    u = (u or "").strip()
    return _UNIT_ALIASES.get(u, u)


FIELD_CHECKS: dict[str, Callable[[dict, dict], bool]] = {
    "value": lambda g, p: _same_number(p.get("value"), g.get("value")),
    "unit": lambda g, p: _unit(p.get("unit")) == _unit(g.get("unit")),
    "bound": lambda g, p: (p.get("bound") or "=") == (g.get("bound") or "="),
    "indicator": lambda g, p: same_indicator(p.get("indicator"), g.get("indicator")),
    "status": lambda g, p: p.get("status") == g.get("status"),
    "region": lambda g, p: (p.get("region") or None) == (g.get("region") or None),
    "year": lambda g, p: (p.get("year") or None) == (g.get("year") or None),
}


def match(gold: list[dict], pred: list[dict]) -> list[tuple[int, int]]:
    """(gold index, pred index) pairs: overlapping spans, largest overlap first, one to one."""
    by_doc: dict[str, list[int]] = {}
    for i, g in enumerate(gold):
        by_doc.setdefault(_doc(g), []).append(i)
    candidates = []
    for j, p in enumerate(pred):
        if p.get("start") is None:
            continue
        ps, pe = _pred_span(p)
        for i in by_doc.get(_doc(p), []):
            gs, ge = _gold_span(gold[i])
            overlap = min(pe, ge) - max(ps, gs)
            if overlap > 0:
                candidates.append((overlap, i, j))
    candidates.sort(reverse=True)
    used_gold, used_pred, pairs = set(), set(), []
    for _, i, j in candidates:
        if i not in used_gold and j not in used_pred:
            used_gold.add(i)
            used_pred.add(j)
            pairs.append((i, j))
    return pairs


def _prf(hits: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = hits / npred if npred else 0.0
    r = hits / ngold if ngold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Score:
    figures: dict[str, float | int]
    misses: list[dict] = field(default_factory=list)
    extras: list[dict] = field(default_factory=list)
    wrong: list[tuple[dict, dict, list[str]]] = field(default_factory=list)


def score(gold: list[dict], pred: Iterable[dict]) -> Score:
    docs = {_doc(g) for g in gold}
    pred = [p for p in pred if _doc(p) in docs]
    pairs = match(gold, pred)
    figures: dict[str, float | int] = {"gold": len(gold), "pred": len(pred), "matched": len(pairs)}
    figures["mention_p"], figures["mention_r"], figures["mention_f1"] = _prf(len(pairs), len(pred), len(gold))
    target = "target"
    hits = sum(1 for i, j in pairs if gold[i].get("status") == target and pred[j].get("status") == target)
    figures["target_p"], figures["target_r"], figures["target_f1"] = _prf(
        hits, sum(p.get("status") == target for p in pred), sum(g.get("status") == target for g in gold))
    for name in SCORED_FIELDS:
        right = sum(1 for i, j in pairs if FIELD_CHECKS[name](gold[i], pred[j]))
        figures[f"{name}_acc"] = right / len(pairs) if pairs else 0.0
    full = sum(1 for i, j in pairs if all(FIELD_CHECKS[f](gold[i], pred[j]) for f in FULL_FIELDS))
    figures["full_p"], figures["full_r"], figures["full_f1"] = _prf(full, len(pred), len(gold))
    matched_gold, matched_pred = {i for i, _ in pairs}, {j for _, j in pairs}
    result = Score(figures)
    result.misses = [g for i, g in enumerate(gold) if i not in matched_gold]
    result.extras = [p for j, p in enumerate(pred) if j not in matched_pred]
    for i, j in pairs:
        bad = [f for f in FULL_FIELDS if not FIELD_CHECKS[f](gold[i], pred[j])]
        if bad:
            result.wrong.append((gold[i], pred[j], bad))
    return result
