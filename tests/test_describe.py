"""The describe stage's steps, each alone (qdtargets.describe)."""
import pytest

from qdtargets.describe import Lists, list_size, place
from qdtargets.drops import DropRules
from qdtargets.quantities import candidate_pattern, read_match


def kept_quantities(text):
    rules = DropRules(text)
    quantities = [read_match(m, text) for m in candidate_pattern().finditer(text)]
    return [q for q in quantities if rules.why_dropped(q) is None]


def placements(text):
    kept = kept_quantities(text)
    return {text[q.start:q.end]: place(text, kept, i) for i, q in enumerate(kept)}


# (case, sentence, quantity, left, right, follows, enumerated, in_list) — from real reports
PLACE_CASES = [
    ("first in its sentence (胶州市)", "2023年,胶州市新增就业2.7万人以上,新开发公益性岗位3390个。", "2.7万人",
     "胶州市新增就业", "以上", False, False, False),
    ("a later clause of the sentence (胶州市)", "2023年,胶州市新增就业2.7万人以上,新开发公益性岗位3390个。", "3390个",
     "新开发公益性岗位", "", True, False, False),
    ("an enumeration item starts after its separator (城阳区)", "新建900个公共停车泊位、34处自行车停车场。", "34处",
     "", "自行车停车场", True, True, False),
    ("a value list (国务院)", "高技术制造业、装备制造业增加值分别增长8.9%、7.7%。", "7.7%",
     "、", "", True, True, True),
    ("a value reached (普陀区)", "区级增加值从619.98亿元增长到880亿元(预计)。", "880亿元",
     "增长到", "(预计)", True, True, False),
]


@pytest.mark.parametrize("case,text,quantity,left,right,follows,enumerated,in_list", PLACE_CASES,
                         ids=[c[0] for c in PLACE_CASES])
def test_place(case, text, quantity, left, right, follows, enumerated, in_list):
    p = placements(text)[quantity]
    assert (p.left, p.right, p.follows, p.enumerated, p.in_list) == (left, right, follows, enumerated, in_list)


def test_place_gives_the_clause_before_when_its_own_starts_the_value():
    p = placements("这个比重,1978年为17.4%。")["17.4%"]
    assert (p.left, p.before_clause) == ("1978年为", "这个比重")


# (case, sentence, subjects of each value in order; None where the list names none)
LIST_CASES = [
    ("subjects before 分别 (国务院)", "规模以上工业增加值、固定资产投资分别增长8%、10%。",
     [("规模以上工业增加值", "增长"), ("固定资产投资", "增长")]),
    ("a later list of as many values keeps them (东乌珠穆沁旗)",
     "城乡常住居民人均可支配收入分别达到44846元和37342元,年均增长4.9%和7.2%。",
     [("城镇常住居民人均可支配收入", "达到"), ("农村常住居民人均可支配收入", "达到"),
      ("城镇常住居民人均可支配收入", "年均增长"), ("农村常住居民人均可支配收入", "年均增长")]),
    ("no 分别, no subjects (国务院)", "城镇居民人均可支配收入和农村居民人均纯收入增长8%和9%。", [None, None]),
    ("as many subjects as values, or none (武穴市)", "城镇和农村常住居民人均可支配收入分别为36677元、16881元和3%。",
     [None, None, None]),
]


@pytest.mark.parametrize("case,text,expected", LIST_CASES, ids=[c[0] for c in LIST_CASES])
def test_value_list_subjects(case, text, expected):
    kept = kept_quantities(text)
    lists = Lists()
    found, first = [], None
    for i in range(len(kept)):
        p = place(text, kept, i)
        lists.group(p, i)
        if len(lists.members) == 1:
            first = p
        found.append(lists.subject_of(first.left, first.before_clause, len(lists.members) - 1,
                                      list_size(text, kept, i, lists)))
    assert found == expected
