"""Status and year through a document, over sentences of real reports of several
kinds and levels (TARGETS.md, "status" and "year"), and the periods and report
years they rest on."""
import pytest

from qdtargets import extract_text
from qdtargets.periods import Period, named_years, periods, report_year
from qdtargets.segment import headings


def when(text, **kw):
    return [(t.text, t.status, t.year) for t in extract_text(text, **kw)]


# (case, text, expected (text, status, year) rows) — each from a real report
CASES = [
    ("a county's five-year review ends in the span's last year (即墨区 2021)",
     "2021年2月6日在青岛市即墨区第十八届人民代表大会第五次会议上\n一、“十三五”时期和2020年工作回顾\n"
     "“十三五”期间,全区生产总值年均增长8.1%,一般公共预算收入年均增长4.6%。",
     [("8.1%", "achieved", 2020), ("4.6%", "achieved", 2020)]),
    ("a news page moves from the review to the plan (吉林省 2026)",
     "经新华社梳理,2026年吉林省政府工作报告中,“发展”出现多次。\n"
     "胡玉亭说,“十四五”期间,吉林省地区生产总值达到1.5万亿元、增长19.8%。人均地区生产总值增长25%左右。\n"
     "报告显示,吉林省2026年经济社会发展主要预期目标是:地区生产总值增长5%左右。",
     [("1.5万亿元", "achieved", 2025), ("19.8%", "achieved", 2025), ("25%", "achieved", 2025),
      ("5%", "target", 2026)]),
    ("a baseline is a result of its own year (迪庆州 2016)",
     "一、“十二五”时期工作回顾\n全州地区生产总值由2010年的77亿元跃升到2015年的161.1亿元,年均增长13.8%。",
     [("77亿元", "achieved", 2010), ("161.1亿元", "achieved", 2015), ("13.8%", "achieved", 2015)]),
    ("a baseline of a span is of the year before it (普陀区 2017)",
     "——2017年1月在上海市普陀区第六届人民代表大会第一次会议上\n"
     "五年来,区级增加值从619.98亿元增长到880亿元(预计),年均增长8%左右;区级财政收入从61.60亿元增长到104.12亿元。",
     [("619.98亿元", "achieved", 2011), ("880亿元", "achieved", 2016), ("8%", "achieved", 2016),
      ("61.60亿元", "achieved", 2011), ("104.12亿元", "achieved", 2016)]),
    ("a five-year plan's goals are for its last year (国务院 2021)",
     "——2021年3月5日在第十三届全国人民代表大会第四次会议上\n二、“十四五”时期主要目标任务\n"
     "——保持经济持续健康发展。城镇调查失业率控制在5.5%以内。",
     [("5.5%", "target", 2025)]),
    ("the national congress's session dates the report (国务院 2003)",
     "现在,我代表国务院,向第十届全国人民代表大会第一次会议报告过去五年的工作。\n"
     "国内生产总值从1997年的7.4万亿元增加到2002年的10.2万亿元。\n"
     "综合分析国内外各种情况,今年经济增长预期目标为7%左右。",
     [("7.4万亿元", "achieved", 1997), ("10.2万亿元", "achieved", 2002), ("7%", "target", 2003)]),
    ("a target exceeded is a result (国务院 2005)",
     "一、过去一年工作回顾\n2004年,国内生产总值达到13.65万亿元;城镇新增就业980万人,超过预期目标;\n"
     "二、2005年的主要任务\n城镇新增就业900万人。",
     [("13.65万亿元", "achieved", 2004), ("980万人", "achieved", 2004), ("900万人", "target", 2005)]),
    ("a year a change is measured against dates nothing (迪庆州 2016)",
     "一、“十二五”时期工作回顾\n一般公共预算收入由5.9亿元增加到15.5亿元,是“十一五”末的2.6倍。",
     [("5.9亿元", "achieved", 2010), ("15.5亿元", "achieved", 2015), ("2.6倍", "achieved", 2015)]),
    ("a plan sentence takes the later year its paragraph named (武穴市 2023)",
     "解读2022年武穴市政府工作报告\n6、加快城市更新步伐。2023年启动7793户老旧小区改造。完成2.1万余户燃气改造。",
     [("7793户", "target", 2023), ("2.1万余户", "target", 2023)]),
    ("a paragraph that opens on the past five years reports results (国务院 2021)",
     "——2021年3月5日在第十三届全国人民代表大会第四次会议上\n二、“十三五”时期发展成就和“十四五”时期主要目标任务\n"
     "过去五年,我国经济社会发展取得新的历史性成就。脱贫攻坚成果举世瞩目。"
     "人民生活水平显著提高,城镇新增就业超过6000万人,建成世界上规模最大的社会保障体系。",
     [("6000万人", "achieved", 2020)]),
    ("the next five years are a span ahead (国务院 2006)",
     "——2006年3月5日在第十届全国人民代表大会第四次会议上\n今后五年中央财政将投入100亿元支持职业教育发展。",
     [("100亿元", "target", 2010)]),
    ("将 in a review means 把 (国务院 2023)",
     "——2023年3月5日在第十四届全国人民代表大会第一次会议上\n一、政府工作回顾\n"
     "彻底完成营改增任务,将增值税收入占比最高、涉及行业广泛的税率从17%降至13%。",
     [("17%", "achieved", 2022), ("13%", "achieved", 2022)]),
    ("将 in a plan is a plan (国务院 2006)",
     "——2006年3月5日在第十届全国人民代表大会第四次会议上\n二、2006年主要任务\n中央财政将投入60亿元。",
     [("60亿元", "target", 2006)]),
    ("a year compared against states no result (国务院 1995)",
     "——1995年3月5日在第八届全国人民代表大会第三次会议上\n二、今年的主要任务\n"
     "宏观调控的目标是,确保物价上涨幅度比去年有明显回落,力争控制在15%左右。",
     [("15%", "target", 1995)]),
    ("a target exceeded is a result, 全年 or not (国务院 2016)",
     "——2016年3月5日在第十二届全国人民代表大会第四次会议上\n一、2015年工作回顾\n"
     "特别是就业形势总体稳定,城镇新增就业1312万人,超过全年预期目标,成为经济运行的一大亮点。",
     [("1312万人", "achieved", 2015)]),
    ("去年 in a later clause speaks of another time (国务院 2010)",
     "——2010年3月5日在第十一届全国人民代表大会第三次会议上\n二、2010年主要任务\n"
     "提出居民消费价格涨幅3%左右,综合考虑了去年价格变动的翘尾因素。",
     [("3%", "target", 2010)]),
    ("a year in a later clause dates the plan (国务院 1955)",
     "拖拉机:全部建成后的年产能力将为一万五千辆,一九五九年建成。", [("一万五千辆", "target", 1959)]),
    ("a news page that reviews the year it names and plans for 今年 (广东省 2024)",
     "新华社广州1月22日电 广东省省长22日在广东省第十四届人民代表大会第二次会议上作政府工作报告。"
     "报告显示,2023年广东地区生产总值增长4.8%。今年全省地区生产总值预期增长5%左右。",
     [("4.8%", "achieved", 2023), ("5%", "target", 2024)]),
    ("a list that names the year of its items keeps it (泉州市 2021)",
     "今年,泉州市继续开展为民办实事工作,将实施39个具体项目。\n1。 新改扩建20所公办幼儿园(2021年);",
     [("39个", "target", 2021), ("20所", "target", 2021)]),
    ("a report that never says its year has none (李沧区 list)",
     "在今年政府工作报告中提出:全力推进总投资36.3亿元的10件民生实事。",
     [("36.3亿元", "target", None), ("10件", "target", None)]),
]


@pytest.mark.parametrize("case,text,expected", CASES, ids=[c[0] for c in CASES])
def test_status_and_year(case, text, expected):
    assert when(text) == expected


@pytest.mark.parametrize("given", [2023, 2030])
def test_year_option_never_overrides_what_the_text_says(given):
    text = "——2024年3月5日在第十四届全国人民代表大会第二次会议上\n今年发展主要预期目标是:国内生产总值增长5%左右。"
    assert when(text, year=given) == [("5%", "target", 2024)]


def test_year_option_serves_where_the_text_is_silent():
    assert when("新增托位400个。", year=2024) == [("400个", "target", 2024)]
    assert when("新增托位400个。") == [("400个", "target", None)]


# (case, text, periods named) — keep and drop
PERIOD_CASES = [
    ("a year", "2023年,全区实现地区生产总值830亿元", [(2023, 2023)]),
    ("a range of years", "2021—2025年累计新增", [(2021, 2025)]),
    ("a five-year plan", "“十三五”时期是决胜阶段", [(2016, 2020)]),
    ("an old five-year plan", "第一个五年计划即“一五”计划", [(1953, 1957)]),
    ("a year compared against", "比2020年增长10%,与2019年相比", []),
    ("a span compared against", "是“十一五”末的2.6倍,相当于1950年到1997年的总和", []),
    ("a plan's ordinal inside another", "“十一五”时期", [(2006, 2010)]),
]


@pytest.mark.parametrize("case,text,expected", PERIOD_CASES, ids=[c[0] for c in PERIOD_CASES])
def test_periods_named(case, text, expected):
    assert [(p.first, p.last) for p in periods(text, None)] == expected


def test_relative_periods_count_from_the_report_year():
    found = periods("过去五年,我们……。去年,全市……。今年,要……。比去年增长5%。", 2018)
    assert [(p.first, p.last) for p in found] == [(2013, 2017), (2017, 2017), (2018, 2018)]
    assert periods("今年,要……。", None) == []


# (case, text, report year)
REPORT_YEAR_CASES = [
    ("the date of the session", "政府工作报告—2021年7月29日在围场满族蒙古族自治县第八届人民代表大会第一次会议上", 2021),
    ("the national congress's term and session", "向第十届全国人民代表大会第一次会议报告过去五年的工作", 2003),
    ("a term without its session is at its first", "现在,我代表国务院,向第五届全国人民代表大会作政府工作报告。", 1978),
    ("the title", "2026年吉林省政府工作报告中,“发展”出现67次", 2026),
    ("a news report of the session", "2024年1月15日,淄博市第十七届人民代表大会第三次会议开幕。", 2024),
    ("the date the page was published", "政府工作报告\n2021-08-16 17:31浏览次数:\n各位代表:", 2021),
    ("the year the review heading names", "各位代表:\n一、1998年工作回顾和1999年工作的总体要求\n过去一年……", 1999),
    ("the span the review heading names", "各位代表:\n一、“十二五”时期工作回顾\n全州地区生产总值由2010年的77亿元", 2016),
    ("a congress merely mentioned dates nothing", "根据一九八三年六月第六届全国人民代表大会第一次会议的决议,", 1983),
    ("no year at all", "在今年政府工作报告中提出", None),
]


@pytest.mark.parametrize("case,text,expected", REPORT_YEAR_CASES, ids=[c[0] for c in REPORT_YEAR_CASES])
def test_report_year(case, text, expected):
    assert report_year(text, headings(text)) == expected


def test_named_years_are_periods_of_one_year():
    assert named_years("2023年启动") == [Period(0, 2023, 2023)]
