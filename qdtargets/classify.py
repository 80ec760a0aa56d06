"""Describe stage, for analysis: the policy area of a row and, for headline
indicators, a key shared across reports (data/categories.tsv, data/keys.tsv).
"""
from __future__ import annotations

from functools import lru_cache

from . import lexicon


@lru_cache(maxsize=1024)
def _key_rules_for(unit: str) -> tuple[lexicon.KeyRule, ...]:
    # Most units (个, 项, 公里 …) have no headline key at all.
    return tuple(rule for rule in lexicon.key_rules() if rule.unit.fullmatch(unit))


@lru_cache(maxsize=16384)
def key_of(indicator: str, unit: str) -> str | None:
    """gdp_growth for 生产总值增长 in %, urban_jobs_new for 城镇新增就业 in 人 …"""
    for rule in _key_rules_for(unit):
        if rule.pattern.search(indicator):
            return rule.key
    return None


def category_of(indicator: str, sentence: str) -> str | None:
    """The policy area the indicator names, else the one its sentence names."""
    return _first_category(indicator) or _first_category(sentence)


@lru_cache(maxsize=16384)
def _first_category(text: str) -> str | None:
    # Cached: the quantities of one sentence share it.
    for name, pattern in lexicon.category_rules():
        if pattern.search(text):
            return name
    return None
