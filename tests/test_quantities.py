"""Reading one quantity: value, range, unit and bound (the find stage)."""
import pytest

from qdtargets import parse_quantity

# (text, value, value_max, unit, bound), from TARGETS.md and the reports.
CASES = [
    ("新增就业2.7万人以上", 27000, None, "人", ">="),
    ("年交易额突破1000亿元", 100000000000, None, "元", ">"),
    ("调查失业率控制在5.5%以内", 5.5, None, "%", "<="),
    ("增长5%左右", 5, None, "%", "~"),
    ("新增公益性岗位4000多个", 4000, None, "个", ">"),
    ("拆除违建50万平方米以上", 500000, None, "平方米", ">="),
    ("提高0.5个百分点", 0.5, None, "百分点", "="),
    ("国内生产总值增长6%－6.5%", 6, 6.5, "%", "="),
    ("新建3至5个", 3, 5, "个", "="),
    ("引进外资10亿美元", 1000000000, None, "美元", "="),
    ("装机容量100万千瓦", 1000000, None, "千瓦", "="),
    ("新增公园 12 个", 12, None, "个", "="),
    ("百分之五点五", 5.5, None, "%", "="),
    ("约3000人", 3000, None, "人", "~"),
    ("近千家", 1000, None, "家", "~"),
    ("数十个", 10, None, "个", ">"),
    ("１２．５万吨", 125000, None, "吨", "="),
    ("两所幼儿园", 2, None, "所", "="),
    ("投资300多亿元", 30000000000, None, "元", ">"),
    ("十余万人", 100000, None, "人", ">"),
    # Units that begin with a scale character (TARGETS.md)
    ("三百万千瓦", 3000000, None, "千瓦", "="),
    ("两万千米", 20000, None, "千米", "="),
    ("4037万千瓦", 40370000, None, "千瓦", "="),
    ("年产五千千克", 5000, None, "千克", "="),
    ("一千万千瓦时", 10000000, None, "千瓦时", "="),
    # 百分之 and 千分之 in every era; a range that stops at a year is no range
    ("增长速度定为百分之八至九", 8, 9, "%", "="),
    ("控制在百分之十五左右", 15, None, "%", "~"),
    ("上升为百分之三十九点七到一九五七年", 39.7, None, "%", "="),
    ("从2021年到2025年", 2021, 2025, "年", "="),
    ("增长10%到2025年", 10, None, "%", "="),
    ("三到五年", 3, 5, "年", "="),
    ("千分之三", 3, None, "‰", "="),
    # Fractions have no unit; a falling quantity keeps a positive value
    ("减少三分之一", 1 / 3, None, "", "="),
    ("三分之二以上", 2 / 3, None, "", ">="),
    ("负增长2%", 2, None, "%", "="),
    ("下降15.4%", 15.4, None, "%", "="),
    # A minus sign on the number is its sign; a dash after a number is a range
    ("增长-3%", -3, None, "%", "="),
    ("CPI为－0.8%", -0.8, None, "%", "="),
    ("5%-6%", 5, 6, "%", "="),
]


@pytest.mark.parametrize("text,value,value_max,unit,bound", CASES, ids=[c[0] for c in CASES])
def test_parse_quantity(text, value, value_max, unit, bound):
    q = parse_quantity(text)
    assert (q.value, q.value_max, q.unit, q.bound) == (value, value_max, unit, bound)


@pytest.mark.parametrize("text,unit", [("惠及上千万家庭", ""), ("迈上新台阶", None)])
def test_a_word_that_starts_with_a_unit_is_not_one(text, unit):
    q = parse_quantity(text)
    assert (q.unit if q else None) == unit
