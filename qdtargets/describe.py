"""Describe stage: each kept quantity becomes a Target row.

The stage runs these steps for every quantity, in order; each is a function
below and can be tested alone:

  place     the sentence and clause the quantity stands in, and the words
            before and after it that belong to it
  group     the value list it is part of (规模以上工业增加值、固定资产投资分别
            增长8%、10%) and the subject each value of the list has
  name      the indicator: its own words (indicator.describe_indicator), its
            subject in a list, or the name before it for a bare rate of change
            or a value reached (由15996元增加到27097元)
  date      status and year, carried through the document (context)
  locate    the government whose report it is and its code (context, region)
  classify  the policy area and the headline key (classify)
"""
from __future__ import annotations

from typing import NamedTuple

import regex

from . import segment
from .classify import category_of, key_of
from .context import DocumentContext
from .indicator import (LIST_SEPARATOR, describe_indicator, is_comparison, level_name, list_subjects,
                        names_nothing, qualify_change, subject_with_change)
from .model import Target
from .quantities import Quantity
from .region import code_of

_LAST_SEPARATOR = regex.compile(f"(?r){LIST_SEPARATOR}")
# Between two values of one list (8%、10% · 10%以上和13%): a separator, and the
# bound word the first value may carry.
_LIST_GAP = regex.compile(r"\s*(?:以上|以内|左右|以下)?\s*(?:、|和|与|及)\s*")
_RESPECTIVELY = "分别"
# Spaces between two Chinese characters are layout, not words: a line break
# that the matching view joined (生产总值\n\u200b\n之比), a spread line.
_LAYOUT_SPACE = regex.compile(r"(?<=\p{Han}) +(?=\p{Han})")
_RATE_UNITS = {"%", "‰", "百分点"}


class Placement(NamedTuple):
    """Where one quantity stands, and the words of its clause that belong to it."""
    quantity: Quantity
    sentence: tuple[int, int]
    left: str                  # the clause's words before it (after an earlier quantity's)
    right: str                 # the clause's words after it, up to the next quantity
    before_clause: str         # the sentence's clause before its own, when no quantity stands there
    follows: bool              # an earlier quantity stands in the same sentence
    enumerated: bool           # … in the same clause (新建900个公共停车泊位、34处自行车停车场)
    in_list: bool              # it continues a list of values (8%、10%) begun before it


def place(view: str, kept: list[Quantity], i: int) -> Placement:
    q = kept[i]
    previous = kept[i - 1] if i else None
    following = kept[i + 1] if i + 1 < len(kept) else None
    sentence = segment.sentence_of(view, q.start)
    clause_start, clause_end = segment.clause_of(view, sentence, q.start)
    follows = previous is not None and previous.end > sentence[0]
    left_start = max(clause_start, previous.end) if follows else clause_start
    right_end = following.start if following and following.start < clause_end else clause_end
    in_list = follows and _LIST_GAP.fullmatch(view, previous.end, q.start) is not None
    left = _without_layout_spaces(view[left_start:q.start])
    if left_start != clause_start and not in_list:
        # In an enumeration (…900个公共停车泊位、34处…, …学校和6个…) this item
        # starts after the last separator.
        separator = _LAST_SEPARATOR.search(left)
        if separator:
            left = left[separator.end():]
    before_clause = ""
    if not follows and clause_start > sentence[0]:
        before_clause = view[segment.clause_of(view, sentence, clause_start - 1)[0]:clause_start - 1]
    return Placement(q, sentence, left, _without_layout_spaces(view[q.end:right_end]), before_clause, follows,
                     left_start != clause_start, in_list)


def _without_layout_spaces(words: str) -> str:
    return _LAYOUT_SPACE.sub("", words) if " " in words else words


class Lists:
    """The value lists of one sentence and the subjects of the last list named.

    规模以上工业增加值、固定资产投资分别增长8%、10%: two values, two subjects.
    A later list of as many values in the same sentence (…分别达到44846元和
    37342元,年均增长4.9%和7.2%) has the same subjects."""

    def __init__(self) -> None:
        self.sentence: tuple[int, int] | None = None
        self.subjects: list[str] = []
        self.members: list[int] = []       # row indexes of the current list

    def group(self, placement: Placement, row_index: int) -> None:
        if placement.sentence != self.sentence:
            self.sentence, self.subjects, self.members = placement.sentence, [], []
        if placement.in_list:
            self.members.append(row_index)
        else:
            self.members = [row_index]

    def subject_of(self, left: str, before_clause: str, position: int, size: int) -> tuple[str, str] | None:
        """(subject, verb words) of the value at position in a list of size values;
        the subjects stand before 分别 in its clause, or make up the clause before
        (农村居民人均纯收入和城镇居民人均可支配收入,2000年分别达到2253元和6280元)."""
        head, respectively, verb = left.rpartition(_RESPECTIVELY)
        if respectively:
            named = next((n for n in (list_subjects(head), list_subjects(before_clause)) if len(n) >= 2), None)
            if named:
                self.subjects = named
        if size < 2 or len(self.subjects) != size:
            return None
        return self.subjects[position], verb


def name(placement: Placement, rows: list[Target], previous_verb: str | None) -> tuple[str, str | None]:
    """(indicator, verb) of a quantity placed outside any list, or first in one."""
    indicator, verb = describe_indicator(
        placement.left, placement.right, previous_verb if placement.enumerated else None)
    if placement.follows and rows:
        before = rows[-1].indicator
        if not indicator or names_nothing(indicator):
            # 由15996元增加到27097元: the value reached is of the same thing;
            # GDP增长6.0%,达到100.6亿元: an amount after a rate is of its level.
            indicator = before if placement.quantity.unit in _RATE_UNITS else level_name(before)
        elif is_comparison(indicator) or indicator == verb:
            # 赤字规模4.06万亿元,比上年增加1800亿元; 纸520万吨,增加20万吨.
            indicator = before + indicator
        else:
            # 地区生产总值3417.9亿元,增长13%: a bare rate takes the level's name.
            indicator = qualify_change(indicator, before)
    elif len(indicator) < 2 and placement.before_clause:
        # 这个比重,1978年为17.4%; 今年经济增长速度的宏观调控目标,定为百分之八至九:
        # the clause before names it.
        indicator = describe_indicator(placement.before_clause, "", None)[0]
    return indicator, verb


def describe(doc, kept: list[Quantity], context: DocumentContext) -> list[Target]:
    """The Target rows of the kept quantities of one document (pipeline.Document:
    its name, text, view, position and page), in order."""
    view, text = doc.view, doc.text
    rows: list[Target] = []
    lists = Lists()
    previous_verb: str | None = None
    for i, q in enumerate(kept):
        placement = place(view, kept, i)
        lists.group(placement, len(rows))
        if len(lists.members) == 1:
            first = placement
        listed = lists.subject_of(first.left, first.before_clause, len(lists.members) - 1,
                                  list_size(view, kept, i, lists))
        if listed:
            subject, verb_words = listed
            indicator = subject_with_change(subject, verb_words)
            verb = previous_verb
        elif placement.in_list and rows:
            # 分别增长8.9%、7.7% with no subjects named: the list shares one name.
            indicator, verb = rows[-1].indicator, previous_verb
        else:
            indicator, verb = name(placement, rows, previous_verb)
        status, year = context.when(placement.sentence, q.start, q.end)
        region = context.region_at(q.start)
        line, col = doc.position(q.start)
        sentence = text[placement.sentence[0]:placement.sentence[1]].strip()
        rows.append(Target(
            file=doc.name, line=line, col=col, start=q.start, end=q.end,
            text=text[q.start:q.end], indicator=indicator, value=q.value,
            value_max=q.value_max, unit=q.unit, bound=q.bound, status=status,
            region=region, year=year, sentence=sentence,
            # The view's sentence: in simplified characters, as the category words are.
            category=category_of(indicator, view[placement.sentence[0]:placement.sentence[1]]),
            key=key_of(indicator, q.unit), region_code=code_of(region, year),
            page=doc.page(q.start),
        ))
        previous_verb = verb
    return rows


def list_size(view: str, kept: list[Quantity], i: int, lists: Lists) -> int:
    """How many values the list holding kept[i] has: those before it and after it."""
    size = len(lists.members)
    j = i
    while j + 1 < len(kept) and _LIST_GAP.fullmatch(view, kept[j].end, kept[j + 1].start):
        j += 1
        size += 1
    return size
