"""Describe stage, for analysis: the policy area of a row and, for headline
indicators, a key shared across reports (data/categories.tsv, data/keys.tsv).
"""
from __future__ import annotations

from . import lexicon


def key_of(indicator: str, unit: str) -> str | None:
    """gdp_growth for 生产总值增长 in %, urban_jobs_new for 城镇新增就业 in 人 …"""
    for rule in lexicon.key_rules():
        if rule.unit.fullmatch(unit) and rule.pattern.search(indicator):
            return rule.key
    return None


def category_of(indicator: str, sentence: str) -> str | None:
    """The policy area the indicator names, else the one its sentence names."""
    for text in (indicator, sentence):
        for name, pattern in lexicon.category_rules():
            if pattern.search(text):
                return name
    return None
