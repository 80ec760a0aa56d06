"""Status, region and year carried through a document (the describe stage)."""
import pytest

from qdtargets import extract_text

from .conftest import SEEDS


def rows_of(text, **kw):
    return [(t.text, t.status, t.region, t.year) for t in extract_text(text, **kw)]


# (case, text, expected (text, status, region, year) rows)
CASES = [
    ("plan sentence names its year",
     "2023年,李沧区将建成启用重庆中路学校等4所学校。",
     [("4所", "target", "李沧区", 2023)]),
    ("review heading, then plan heading",
     "一、2022年工作回顾\n完成老旧小区改造69个。\n二、2023年主要目标和重点工作\n新增就业2.7万人以上。\n",
     [("69个", "achieved", None, 2022), ("2.7万人", "target", None, 2023)]),
    ("以来 marks a result",
     "2023年主要目标。特别是2022年以来,城阳区处置5轮本土疫情。",
     [("5轮", "achieved", "城阳区", 2022)]),
    ("a census figure is background fact with no year of its own",
     "2023年,李沧区将办好15件区办实事。第七次全国人口普查显示,李沧区常住人口增加22.5万人。",
     [("15件", "target", "李沧区", 2023), ("22.5万人", "fact", "李沧区", None)]),
    ("a county outside Qingdao, named by its congress",
     "1月6日,沂南县第十八届人民代表大会第三次会议开幕。2024年,新增城镇就业5000人。",
     [("5000人", "target", "沂南县", 2024)]),
    ("the State Council presents its report",
     "各位代表:现在,我代表国务院,向大会报告政府工作。今年发展主要预期目标是:国内生产总值增长5%左右。",
     [("5%", "target", "全国", None)]),
    ("a result stated earlier in the paragraph carries over",
     "2024年主要目标。\n2023年,全区实现地区生产总值830亿元。1-11月,规上工业增加值增长8%。全年接待游客1800万人次。\n"
     "2024年,力争接待游客2000万人次。\n",
     [("830亿元", "achieved", None, 2023), ("8%", "achieved", None, 2023),
      ("1800万人次", "achieved", None, 2023), ("2000万人次", "target", None, 2024)]),
    ("a horizon year is not the year of the plan",
     "2021年工作安排。到2035年基本实现现代化。2021年,新增就业1100万人。",
     [("1100万人", "target", None, 2021)]),
]


@pytest.mark.parametrize("case,text,expected", CASES, ids=[c[0] for c in CASES])
def test_context(case, text, expected):
    assert rows_of(text) == expected


def test_region_and_year_options_fill_gaps_only():
    text = "新增托位400个。"
    assert rows_of(text, region="崂山区", year=2024) == [("400个", "target", "崂山区", 2024)]
    assert rows_of("城阳区将新增托位400个。", region="崂山区") == [("400个", "target", "城阳区", None)]


@pytest.mark.parametrize("seed,switch_offset,before,after", [
    (0, 1700, "城阳区", "胶州市"),
    (2, 1650, "市北区", "李沧区"),
])
def test_region_follows_the_text_from_one_report_to_the_next(seed, switch_offset, before, after):
    path = SEEDS[seed]
    rows = extract_text(path.read_text(encoding="utf-8"), name=path.name)
    assert {t.region for t in rows if t.start < switch_offset} == {before}
    assert {t.region for t in rows if t.start > switch_offset} == {after}
