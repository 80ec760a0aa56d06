"""Describe stage, for analysis: the policy area of a row and, for headline
indicators, a key shared across reports (data/categories.tsv, data/keys.tsv).
"""
from __future__ import annotations

from functools import cache, lru_cache

import regex

from . import lexicon


@lru_cache(maxsize=1024)
def _key_rules_for(unit: str) -> tuple[lexicon.KeyRule, ...]:
    # Most units (个, 项, 公里 …) have no headline key at all.
    return tuple(rule for rule in lexicon.key_rules() if rule.unit.fullmatch(unit))


@cache
def _clause_openers() -> regex.Pattern:
    """The words that open a clause (力争, 预期, 全市 …, words.tsv's lead): one
    standing inside an indicator (地区生产总值力争增长) does not change what it names."""
    return regex.compile(lexicon.alternation(w for w, role in lexicon.words().items() if role == "lead" and len(w) > 1))


@lru_cache(maxsize=16384)
def key_of(indicator: str, unit: str) -> str | None:
    """gdp_growth for 生产总值增长 in %, urban_jobs_new for 城镇新增就业 in 人 …"""
    rules = _key_rules_for(unit)
    if not rules:
        return None
    measure = _clause_openers().sub("", indicator)
    for rule in rules:
        if rule.pattern.search(measure):
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
